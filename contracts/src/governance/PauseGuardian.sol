// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IPauseGuardian} from "../interfaces/IPauseGuardian.sol";
import {IRiskPausable} from "../interfaces/IRiskPausable.sol";

/// @title PauseGuardian
/// @notice The guardian of every `RiskPausable` contract. It can only forward the four pause
/// calls, so whoever holds the operator key can pause new risk and lift its own pauses, and do
/// nothing else: no parameter writes, no transfers, no arbitrary calls. Its pauses end by
/// themselves after the target's `guardianPauseDuration`, cannot be extended while they run, and
/// it cannot lift a pause governance set (the target enforces all three). The timelock owns it and
/// rotates the operator in one place for all protocol contracts.
contract PauseGuardian is IPauseGuardian, Ownable {
    /// @inheritdoc IPauseGuardian
    address public operator;

    modifier onlyOperator() {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        _;
    }

    constructor(address owner_, address operator_) Ownable(owner_) {
        operator = operator_;
        emit OperatorSet(address(0), operator_);
    }

    /// @inheritdoc IPauseGuardian
    function pauseMarket(IRiskPausable target, uint256 marketId) external onlyOperator {
        target.pauseMarket(marketId);
    }

    /// @inheritdoc IPauseGuardian
    function unpauseMarket(IRiskPausable target, uint256 marketId) external onlyOperator {
        target.unpauseMarket(marketId);
    }

    /// @inheritdoc IPauseGuardian
    function pauseAll(IRiskPausable target) external onlyOperator {
        target.pauseAll();
    }

    /// @inheritdoc IPauseGuardian
    function unpauseAll(IRiskPausable target) external onlyOperator {
        target.unpauseAll();
    }

    /// @inheritdoc IPauseGuardian
    function setOperator(address newOperator) external onlyOwner {
        emit OperatorSet(operator, newOperator);
        operator = newOperator;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskPausable} from "./IRiskPausable.sol";

/// @title IPauseGuardian
/// @notice The guardian role as a contract: an operator (emergency multisig) may pause new risk on
/// any `IRiskPausable` target that names this contract its guardian, and lift its own pauses, and
/// nothing else. The target bounds it: a guardian pause expires after `guardianPauseDuration`, and
/// a pause governance set is not the guardian's to lift.
interface IPauseGuardian {
    /// @notice Emitted when the owner replaces or revokes the operator.
    event OperatorSet(address indexed oldOperator, address indexed newOperator);

    /// @notice The caller is not the operator.
    error NotOperator(address caller);

    /// @notice Pauses new risk in `marketId` on `target` for the target's `guardianPauseDuration`.
    /// Only the operator.
    function pauseMarket(IRiskPausable target, uint256 marketId) external;

    /// @notice Lifts the guardian's own pause of `marketId` on `target`. Only the operator.
    function unpauseMarket(IRiskPausable target, uint256 marketId) external;

    /// @notice Pauses new risk in every market of `target`. Only the operator.
    function pauseAll(IRiskPausable target) external;

    /// @notice Lifts the guardian's own global pause on `target`. Only the operator.
    function unpauseAll(IRiskPausable target) external;

    /// @notice Replaces the operator; `address(0)` revokes it. Only the owner (timelock).
    function setOperator(address newOperator) external;

    /// @notice The account allowed to pause (zero when revoked).
    function operator() external view returns (address);
}

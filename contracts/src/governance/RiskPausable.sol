// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IRiskPausable} from "../interfaces/IRiskPausable.sol";

/// @title RiskPausable
/// @notice Base for contracts that take on new risk: a guardian (or the owner, the timelock) may
/// pause new risk per market or globally. The guardian has no other power here: it cannot change
/// parameters or move funds, and only the owner can replace or revoke it.
/// @dev Guard new-risk paths (open, increase, collateral withdrawal) with `whenRiskNotPaused`;
/// never guard closes, collateral deposits or liquidations, which must keep working in a crisis.
/// Inherits `Ownable` without calling its constructor (see `GovernedParameters`).
abstract contract RiskPausable is IRiskPausable, Ownable {
    /// @inheritdoc IRiskPausable
    address public guardian;

    /// @notice Whether new risk is paused in every market.
    bool public globalPaused;

    /// @notice Whether new risk is paused in one market (independently of the global switch).
    mapping(uint256 marketId => bool paused) public marketPaused;

    modifier onlyGuardianOrOwner() {
        if (msg.sender != owner() && msg.sender != guardian) {
            revert NotGuardianOrOwner(msg.sender);
        }
        _;
    }

    /// @dev Reverts with `RiskPaused` when new risk in `marketId` is paused.
    modifier whenRiskNotPaused(uint256 marketId) {
        _requireRiskNotPaused(marketId);
        _;
    }

    /// @inheritdoc IRiskPausable
    function pauseMarket(uint256 marketId) external onlyGuardianOrOwner {
        marketPaused[marketId] = true;
        emit MarketPauseSet(marketId, true, msg.sender);
    }

    /// @inheritdoc IRiskPausable
    function unpauseMarket(uint256 marketId) external onlyGuardianOrOwner {
        marketPaused[marketId] = false;
        emit MarketPauseSet(marketId, false, msg.sender);
    }

    /// @inheritdoc IRiskPausable
    function pauseAll() external onlyGuardianOrOwner {
        globalPaused = true;
        emit GlobalPauseSet(true, msg.sender);
    }

    /// @inheritdoc IRiskPausable
    function unpauseAll() external onlyGuardianOrOwner {
        globalPaused = false;
        emit GlobalPauseSet(false, msg.sender);
    }

    /// @inheritdoc IRiskPausable
    function isPaused(uint256 marketId) public view returns (bool) {
        return globalPaused || marketPaused[marketId];
    }

    /// @inheritdoc IRiskPausable
    function setGuardian(address newGuardian) external onlyOwner {
        emit GuardianSet(guardian, newGuardian);
        guardian = newGuardian;
    }

    function _requireRiskNotPaused(uint256 marketId) internal view {
        if (isPaused(marketId)) revert RiskPaused(marketId);
    }
}

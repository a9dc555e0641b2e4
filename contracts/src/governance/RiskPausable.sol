// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IRiskPausable} from "../interfaces/IRiskPausable.sol";
import {PauseWindows} from "../libraries/PauseWindows.sol";

/// @title RiskPausable
/// @notice Base for contracts that take on new risk: a guardian (or the owner, the timelock) may
/// pause new risk per market or globally. The guardian has no other power here: it cannot change
/// parameters or move funds, and only the owner can replace or revoke it. A guardian pause ends by
/// itself after `guardianPauseDuration`; the guardian may lift only its own pauses (`PauseWindows`).
/// @dev Guard new-risk paths (open, increase) with `whenRiskNotPaused`; never guard closes,
/// collateral deposits or liquidations, which must keep working in a crisis.
/// Inherits `Ownable` without calling its constructor (see `GovernedParameters`).
abstract contract RiskPausable is IRiskPausable, Ownable {
    /// @inheritdoc IRiskPausable
    address public guardian;

    /// @notice When the global pause ends (see `PauseWindows`).
    uint40 public globalPausedUntil;

    /// @notice When each market's own pause ends.
    mapping(uint256 marketId => uint40 until) public marketPausedUntil;

    uint256 internal _guardianPauseDuration = PauseWindows.DEFAULT_DURATION;

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
        uint40 until =
            PauseWindows.pause(marketPausedUntil[marketId], msg.sender == owner(), _guardianPauseDuration, marketId);
        marketPausedUntil[marketId] = until;
        emit MarketPauseSet(marketId, until, msg.sender);
    }

    /// @inheritdoc IRiskPausable
    function unpauseMarket(uint256 marketId) external onlyGuardianOrOwner {
        uint40 until = PauseWindows.lift(marketPausedUntil[marketId], msg.sender == owner(), marketId);
        marketPausedUntil[marketId] = until;
        emit MarketPauseSet(marketId, until, msg.sender);
    }

    /// @inheritdoc IRiskPausable
    function pauseAll() external onlyGuardianOrOwner {
        uint40 until = PauseWindows.pause(
            globalPausedUntil, msg.sender == owner(), _guardianPauseDuration, PauseWindows.ALL_MARKETS
        );
        globalPausedUntil = until;
        emit GlobalPauseSet(until, msg.sender);
    }

    /// @inheritdoc IRiskPausable
    function unpauseAll() external onlyGuardianOrOwner {
        uint40 until = PauseWindows.lift(globalPausedUntil, msg.sender == owner(), PauseWindows.ALL_MARKETS);
        globalPausedUntil = until;
        emit GlobalPauseSet(until, msg.sender);
    }

    /// @notice Sets how long a guardian pause lasts, within [1 hour, 30 days]. Owner only; pauses
    /// already running keep their end time.
    function setGuardianPauseDuration(uint256 duration) external onlyOwner {
        PauseWindows.checkDuration(duration);
        _guardianPauseDuration = duration;
    }

    /// @inheritdoc IRiskPausable
    function guardianPauseDuration() external view returns (uint256) {
        return _guardianPauseDuration;
    }

    /// @inheritdoc IRiskPausable
    function isPaused(uint256 marketId) public view returns (bool) {
        return PauseWindows.active(globalPausedUntil) || PauseWindows.active(marketPausedUntil[marketId]);
    }

    /// @inheritdoc IRiskPausable
    function pausedUntil(uint256 marketId) external view returns (uint256, uint256) {
        return (marketPausedUntil[marketId], globalPausedUntil);
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

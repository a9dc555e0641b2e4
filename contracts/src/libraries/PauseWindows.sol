// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskPausable} from "../interfaces/IRiskPausable.sol";

/// @title PauseWindows
/// @notice One rule for every pause of new risk (a market's or all markets'), stored as the time it
/// ends: 0 or past = not paused; `BY_GOVERNANCE` = paused by the owner (the timelock, i.e. a vote)
/// until the owner lifts it; otherwise a guardian pause that ends by itself at that time.
/// The guardian may start a pause only where none is running (it cannot extend one, nor shorten a
/// vote's), and may lift only its own; the owner may do both, always.
library PauseWindows {
    /// @notice The end time of a pause set by the owner: it does not expire.
    uint40 internal constant BY_GOVERNANCE = type(uint40).max;
    /// @notice The scope id of the global pause in errors and events.
    uint256 internal constant ALL_MARKETS = type(uint256).max;
    /// @notice Shortest guardian pause governance may configure.
    uint256 internal constant MIN_DURATION = 1 hours;
    /// @notice Longest guardian pause governance may configure.
    uint256 internal constant MAX_DURATION = 30 days;
    /// @notice A guardian pause lasts a week unless governance says otherwise: longer than a live
    /// vote takes (about six days), so governance can confirm it before it ends.
    uint256 internal constant DEFAULT_DURATION = 7 days;

    function active(uint40 until) internal view returns (bool) {
        return block.timestamp < until;
    }

    /// @notice The new end time when `byOwner` (or else the guardian) pauses `scope`.
    function pause(uint40 until, bool byOwner, uint256 duration, uint256 scope) internal view returns (uint40) {
        if (byOwner) return BY_GOVERNANCE;
        if (active(until)) revert IRiskPausable.AlreadyPaused(scope, until);
        // duration ≤ MAX_DURATION: fits 40 bits for the next 30,000 years
        return uint40(block.timestamp + duration);
    }

    /// @notice The new end time (0) when `byOwner` (or else the guardian) lifts `scope`'s pause.
    /// Lifting a pause that has already ended is a no-op, so a proposal that arrives late still runs.
    function lift(uint40 until, bool byOwner, uint256 scope) internal pure returns (uint40) {
        if (!byOwner && until == BY_GOVERNANCE) revert IRiskPausable.PausedByGovernance(scope);
        return 0;
    }

    function checkDuration(uint256 duration) internal pure {
        if (duration < MIN_DURATION || duration > MAX_DURATION) {
            revert IRiskPausable.InvalidPauseDuration(duration, MIN_DURATION, MAX_DURATION);
        }
    }
}

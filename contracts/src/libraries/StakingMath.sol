// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMath} from "./FixedPointMath.sol";

/// @title StakingMath
/// @notice Cooldown windows, the per-event slash cap and bound checks of the staking vault.
library StakingMath {
    using FixedPointMath for uint256;

    /// @notice A parameter outside its hard bounds.
    error ParameterOutOfBounds(bytes32 parameter, uint256 value, uint256 min, uint256 max);

    /// @notice [start + cooldown, start + cooldown + window).
    function window(uint256 start, uint256 cooldown, uint256 unstakeWindow)
        internal
        pure
        returns (uint256 windowStart, uint256 windowEnd)
    {
        windowStart = start + cooldown;
        windowEnd = windowStart + unstakeWindow;
    }

    function inWindow(uint256 start, uint256 nowTs, uint256 cooldown, uint256 unstakeWindow)
        internal
        pure
        returns (bool)
    {
        if (start == 0) return false;
        (uint256 ws, uint256 we) = window(start, cooldown, unstakeWindow);
        return nowTs >= ws && nowTs < we;
    }

    /// @notice What may be slashed for `requested`: at most floor(base · maxSlash) per event
    /// minus what this event already took, and never more than `available`.
    function slashable(uint256 requested, uint256 base, uint256 alreadySlashed, uint256 maxSlash, uint256 available)
        internal
        pure
        returns (uint256 amount)
    {
        uint256 cap = base.mulDivDown(maxSlash, 1e18);
        uint256 room = cap > alreadySlashed ? cap - alreadySlashed : 0;
        amount = requested < room ? requested : room;
        if (amount > available) amount = available;
    }

    function checkBounds(bytes32 name, uint256 v, uint256 lo, uint256 hi) internal pure {
        if (v < lo || v > hi) revert ParameterOutOfBounds(name, v, lo, hi);
    }
}

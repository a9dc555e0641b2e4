// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMath} from "./FixedPointMath.sol";

/// @title StakingMath
/// @notice Cooldown windows, the rolling-window slash cap and bound checks of the staking vault.
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

    /// @notice What may be slashed for `requested` when `recent` was slashed within the rolling
    /// window: the window's slashes, this one included, stay within `maxSlash` of what the vault
    /// held before them, i.e. recent + amount ≤ floor(maxSlash · (staked + recent)); never more
    /// than `staked`.
    function windowSlashable(uint256 requested, uint256 staked, uint256 recent, uint256 maxSlash)
        internal
        pure
        returns (uint256 amount)
    {
        uint256 cap = (staked + recent).mulDivDown(maxSlash, 1e18);
        uint256 room = cap > recent ? cap - recent : 0;
        amount = requested < room ? requested : room;
        if (amount > staked) amount = staked;
    }

    function checkBounds(bytes32 name, uint256 v, uint256 lo, uint256 hi) internal pure {
        if (v < lo || v > hi) revert ParameterOutOfBounds(name, v, lo, hi);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ParameterRamps
/// @notice A risk-increasing parameter change that takes effect gradually: the value in force moves
/// in a straight line from `from` (what was in force when the change executed) to the new target
/// between `start` and `end`, then stays at the target. Decreases take effect at once (no ramp).
library ParameterRamps {
    /// @dev One storage slot; the target lives with the parameter.
    struct Ramp {
        uint64 from;
        uint40 start;
        uint40 end;
    }

    /// @notice The value in force now for `target` under ramp `r` (rounded down: toward the lower,
    /// older value). Past `end`, or with no ramp, the target.
    function valueAt(Ramp memory r, uint256 target) internal view returns (uint256) {
        if (block.timestamp >= r.end) return target;
        // while a ramp runs, from < target (every write re-derives or clears it)
        return r.from + (target - r.from) * (block.timestamp - r.start) / (r.end - r.start);
    }

    /// @notice Seconds to rise from `from` to `to` at `ratePerHour` (same unit per hour), rounded
    /// up; 0 when `to` is not above `from` (a decrease applies at once).
    function riseDuration(uint256 from, uint256 to, uint256 ratePerHour) internal pure returns (uint256) {
        if (to <= from) return 0;
        return ((to - from) * 1 hours + ratePerHour - 1) / ratePerHour;
    }
}

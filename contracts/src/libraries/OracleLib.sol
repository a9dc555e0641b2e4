// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OracleStatus} from "../interfaces/IOracleAggregator.sol";
import {FixedPointMath} from "./FixedPointMath.sol";

/// @title OracleLib
/// @notice Median, effective status and the EWMA variance update of the oracle aggregator.
library OracleLib {
    using FixedPointMath for uint256;

    uint256 internal constant WAD = 1e18;

    /// @notice Median of the first `n` values (sorts them in place, insertion sort: n ≤ 8).
    /// Even n: the lower of the two middle values (floor, never an invented price). 0 if n = 0.
    function median(uint256[] memory values, uint256 n) internal pure returns (uint256) {
        if (n == 0) return 0;
        for (uint256 i = 1; i < n; ++i) {
            uint256 v = values[i];
            uint256 j = i;
            while (j > 0 && values[j - 1] > v) {
                values[j] = values[j - 1];
                --j;
            }
            values[j] = v;
        }
        return values[(n - 1) / 2];
    }

    /// @notice Stored status, turned Stale when there is no price or its oldest source datum is
    /// older than `maxAge`.
    function effectiveStatus(OracleStatus stored, uint256 price, uint256 dataTime, uint256 maxAge, uint256 nowTs)
        internal
        pure
        returns (OracleStatus)
    {
        if (stored == OracleStatus.Guarded) return OracleStatus.Guarded;
        if (price == 0 || stored == OracleStatus.Stale || nowTs > dataTime + maxAge) return OracleStatus.Stale;
        return OracleStatus.Fresh;
    }

    /// @notice RiskMetrics EWMA of squared log returns per second (WAD) over `steps` grid buckets:
    /// with w = λ^steps (`decay`), v' = floor(v·w/WAD) + floor((WAD-w) · floor(floor(r·r/WAD) / elapsed) / WAD).
    /// A return spanning several buckets counts as that many observations of the same per-second
    /// variance, so skipping buckets (nobody called `update`) weighs the past as sampling them would.
    function ewma(uint256 variance, uint256 logReturn, uint256 elapsed, uint256 lambda, uint256 steps)
        internal
        pure
        returns (uint256)
    {
        uint256 sample = logReturn.mulDivDown(logReturn, WAD) / elapsed;
        uint256 w = decay(lambda, steps);
        return variance.mulDivDown(w, WAD) + sample.mulDivDown(WAD - w, WAD);
    }

    /// @notice λ^steps (WAD, each product floored), by squaring; steps capped at 2^16 (λ ≤ 0.999
    /// makes the weight < 1e-28 there, i.e. 0).
    function decay(uint256 lambda, uint256 steps) internal pure returns (uint256 w) {
        if (steps > 1 << 16) steps = 1 << 16;
        w = WAD;
        uint256 base = lambda;
        while (steps != 0) {
            if (steps & 1 != 0) w = w * base / WAD;
            base = base * base / WAD;
            steps >>= 1;
        }
    }

    /// @notice Target maintenance margin (WAD) =
    /// clamp(mmBase + ceil(z · floor(sqrt(variance · horizon · WAD)) / WAD), mmBase, mmMax):
    /// mmBase plus z standard deviations of the price move over the liquidation horizon.
    function targetMargin(uint256 variance, uint256 mmBase, uint256 mmMax, uint256 z, uint256 horizon)
        internal
        pure
        returns (uint256)
    {
        uint256 sigmaHorizon = FixedPointMath.sqrtWad(variance * horizon);
        uint256 target = mmBase + z.mulDivUp(sigmaHorizon, WAD);
        return target > mmMax ? mmMax : target;
    }

    /// @notice Next current margin, from base = max(current, floor) (a raised floor applies to the
    /// ramp at once): falls to the target at once; rises by at most
    /// floor(max(maxRisePerHour, catchUpTarget − base) · min(elapsed, 1 hour) / 1 hour) per
    /// observation: the hourly allowance is the governed rate or the whole gap to the catch-up
    /// target, whichever is larger, so the current closes at least 1/60 of that gap per minute of
    /// grid time (an approach with a one-hour time constant from wherever it stands, the floor after
    /// calm) and never more than the gap to the target. `catchUpTarget` ≤ `target` is the target
    /// under the volatility multiplier and horizon before a governance raise still ramping
    /// (`IRiskConfig.catchUpInputs`; = target otherwise): volatility moves the margin fast, a vote
    /// only at the rate. Never more than one hour's allowance in one step after a quiet spell. The
    /// first observation starts at the target.
    function nextMargin(
        uint256 current,
        uint256 target,
        uint256 catchUpTarget,
        uint256 floor,
        uint256 maxRisePerHour,
        uint256 elapsed,
        bool first
    ) internal pure returns (uint256) {
        uint256 base = current > floor ? current : floor;
        if (first || target <= base) return target;
        uint256 dt = elapsed > 1 hours ? 1 hours : elapsed;
        uint256 gap = catchUpTarget > base ? catchUpTarget - base : 0;
        uint256 perHour = gap > maxRisePerHour ? gap : maxRisePerHour;
        uint256 raised = base + perHour * dt / 1 hours;
        return raised < target ? raised : target;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {MathHarness} from "../utils/MathHarness.sol";
import {Units} from "../../src/libraries/Units.sol";

/// @notice Worked examples for PositionMath, FixedPointMath, Units and OracleLib.
contract MathsTest is Test {
    MathHarness internal h;
    uint256 internal constant S = 1e12; // 6-decimal token

    function setUp() public {
        h = new MathHarness();
    }

    function test_notional_roundsUp() public view {
        assertEq(h.notional(2e18, 3000e18), 6000e18);
        assertEq(h.notional(-2e18, 3000e18), 6000e18);
        assertEq(h.notional(1, 1), 1); // 1e-36 rounds up to 1 wei
    }

    function test_unrealisedPnl_floorsTowardMinusInfinity() public view {
        assertEq(h.unrealisedPnl(2e18, 3000e18, 3300e18), 600e18);
        assertEq(h.unrealisedPnl(-2e18, 3000e18, 3300e18), -600e18);
        assertEq(h.unrealisedPnl(1, 3, 4), 0); // +1e-18 floors to 0
        assertEq(h.unrealisedPnl(-1, 3, 4), -1); // -1e-18 floors to -1
    }

    function test_fundingOwed_ceilsTowardPlusInfinity() public view {
        assertEq(h.fundingOwed(10e18, 5e17, 2e17), 3e18);
        assertEq(h.fundingOwed(-10e18, 5e17, 2e17), -3e18);
        assertEq(h.fundingOwed(1, 1, 0), 1); // +1e-36 ceils to 1
        assertEq(h.fundingOwed(-1, 1, 0), 0); // -1e-36 ceils to 0
    }

    function test_equity_creditsDownDebitsUp() public view {
        // C = 1000, U = +0.0000015 (floors to 1 unit), F = +0.0000001 (ceils to 1 unit)
        assertEq(h.equity(1000e6, 1.5e12, 0.1e12, S), 1000e6 + 1 - 1);
        // negative U floors away from zero
        assertEq(h.equity(1000e6, -1.5e12, 0, S), 1000e6 - 2);
    }

    function test_marginRequirement_roundsUp() public view {
        assertEq(h.marginRequirement(6000e18, 0.01e18, S), 60e6);
        assertEq(h.marginRequirement(1e18 + 1, 0.01e18, S), 0.01e6 + 1);
    }

    function test_initialMarginRatio_isMaxOfMultipleAndLeverageCap() public view {
        assertEq(h.initialMarginRatio(0.01e18, 2e18, 20e18), 0.05e18); // leverage binds
        assertEq(h.initialMarginRatio(0.04e18, 2e18, 20e18), 0.08e18); // 2·mm binds
        assertEq(h.initialMarginRatio(0.01e18, 2e18, 3e18), 333333333333333334); // rounds up
    }

    function test_health_edgeCases() public view {
        assertEq(h.health(0, 0), type(uint256).max);
        assertEq(h.health(-5, 10), 0);
        assertEq(h.health(0, 10), 0);
        assertEq(h.health(15, 10), 1.5e18);
        assertEq(h.health(1, 3), 333333333333333333); // floors
    }

    function test_leverage_edgeCases() public view {
        assertEq(h.leverage(0, 100, S), 0);
        assertEq(h.leverage(6000e18, 0, S), type(uint256).max);
        assertEq(h.leverage(6000e18, 600e6, S), 10e18);
        assertEq(h.leverage(1000e18, 300e6, S), 3333333333333333334); // rounds up
    }

    function test_liquidationPrice_longAndShortWorkedExamples() public view {
        // long 2 @ 3000, C = 600, F = 0, mm = 1 %: (6000 - 600) / (2 · 0.99) = 2727.2727…
        assertEq(h.liquidationPrice(2e18, 3000e18, 600e6, 0, 0.01e18, S), 2727272727272727272728);
        // short 2 @ 3000, C = 600: (6000 + 600) / (2 · 1.01) = 3267.3267…
        assertEq(h.liquidationPrice(-2e18, 3000e18, 600e6, 0, 0.01e18, S), 3267326732673267326732);
        // funding owed moves a long's price up and a short's down
        assertGt(h.liquidationPrice(2e18, 3000e18, 600e6, 100e6, 0.01e18, S), 2727e18 + 0.27e18);
        assertLt(h.liquidationPrice(-2e18, 3000e18, 600e6, 100e6, 0.01e18, S), 3267e18);
        // over-collateralised long: no positive price liquidates it
        assertEq(h.liquidationPrice(1e18, 3000e18, 4000e6, 0, 0.01e18, S), 0);
        assertEq(h.liquidationPrice(0, 3000e18, 600e6, 0, 0.01e18, S), 0);
        // a short whose funding owed exceeds entry notional plus collateral
        assertEq(h.liquidationPrice(-1e18, 10e18, 1e6, 20e6, 0.01e18, S), 0);
    }

    function test_averageEntry_roundsAgainstTrader() public view {
        assertEq(h.averageEntry(1e18, 3000e18, 1e18, 3300e18), 3150e18);
        assertEq(h.averageEntry(1e18, 1, 2e18, 2), 2); // 5/3 rounds up for a long
        assertEq(h.averageEntry(-1e18, 1, 2e18, 2), 1); // and down for a short
    }

    function test_absLnRatio_matchesKnownValues() public view {
        assertEq(h.absLnRatio(1e18, 1e18), 0);
        assertApproxEqAbs(h.absLnRatio(1.01e18, 1e18), 9950330853168082, 10); // ln 1.01
        assertApproxEqAbs(h.absLnRatio(1e18, 1.01e18), 9950330853168082, 10); // symmetric
        assertApproxEqAbs(h.absLnRatio(1.5e18, 1e18), 405465108108164381, 5e12); // ln 1.5
        assertEq(h.absLnRatio(3e18, 1e18), 693147180559945309); // clamped at ln 2
        assertApproxEqAbs(h.absLnRatio(1.999e18, 1e18), 692647055518263011, 3e12); // documented bound
    }

    function test_sqrtWad() public view {
        assertEq(h.sqrtWad(4e18), 2e18);
        assertEq(h.sqrtWad(0.25e18), 0.5e18);
        assertEq(h.sqrtWad(2e18), 1414213562373095048);
    }

    function test_scaleFor_andUnsupportedDecimals() public {
        assertEq(h.scaleFor(6), 1e12);
        assertEq(h.scaleFor(18), 1);
        vm.expectRevert(abi.encodeWithSelector(Units.UnsupportedDecimals.selector, 19));
        h.scaleFor(19);
    }

    function test_median_lowerMiddleForEvenCounts() public view {
        uint256[] memory v = new uint256[](4);
        (v[0], v[1], v[2], v[3]) = (4, 1, 3, 2);
        assertEq(h.median(v), 2);
        uint256[] memory w = new uint256[](3);
        (w[0], w[1], w[2]) = (9, 1, 5);
        assertEq(h.median(w), 5);
        assertEq(h.median(new uint256[](0)), 0);
    }

    /// @dev Issue 13: the hourly allowance is max(governed rate, gap to the target), so a crash
    /// after calm meets a risen margin sooner (1 % → 5 %: 3 % after half an hour instead of 1.25 %),
    /// and a small gap still rises at the governed rate.
    function test_nextMargin_risesRateLimitedFallsAtOnce() public view {
        // gap 4 % > 0.5 %/h: half the gap in half an hour
        assertEq(h.nextMargin(0.01e18, 0.05e18, 0.05e18, 0.01e18, 0.005e18, 1800, false), 0.03e18);
        assertEq(h.nextMargin(0.01e18, 0.05e18, 0.05e18, 0.01e18, 0.005e18, 5 hours, false), 0.05e18); // one hour max: the gap
        // one minute of grid time: 1/60 of the gap
        assertEq(h.nextMargin(0.01e18, 0.05e18, 0.05e18, 0.01e18, 0.005e18, 60, false), 0.01e18 + uint256(0.04e18) * 60 / 3600);
        // gap 0.2 % < 0.5 %/h: the governed rate
        assertEq(h.nextMargin(0.01e18, 0.012e18, 0.012e18, 0.01e18, 0.005e18, 60, false), 0.01e18 + uint256(0.005e18) * 60 / 3600);
        assertEq(h.nextMargin(0.04e18, 0.02e18, 0.02e18, 0.01e18, 0.005e18, 1, false), 0.02e18);
        assertEq(h.nextMargin(0, 0.03e18, 0.03e18, 0.01e18, 0.005e18, 0, true), 0.03e18);
        // a floor raised above the current value is the ramp's base at once
        assertEq(h.nextMargin(0.01095e18, 0.05e18, 0.05e18, 0.015e18, 0.005e18, 1800, false), 0.0325e18);
        assertEq(h.nextMargin(0.01095e18, 0.016e18, 0.016e18, 0.015e18, 0.005e18, 1800, false), 0.016e18);
    }

    /// @dev A governance raise of z or the horizon still ramping (catch-up target below the
    /// target): the fast allowance covers only the gap to the catch-up target; beyond it, the rate.
    function test_nextMargin_catchUpBelowTargetRisesAtTheRate() public view {
        // target 5 % under the new z, 1 % (the floor) under the old: 0.5 %/h, not the 4 % gap
        assertEq(h.nextMargin(0.01e18, 0.05e18, 0.01e18, 0.01e18, 0.005e18, 1 hours, false), 0.015e18);
        // catch-up target 2 %: that 1 % gap per hour, beyond the rate's 0.5 %
        assertEq(h.nextMargin(0.01e18, 0.05e18, 0.02e18, 0.01e18, 0.005e18, 1800, false), 0.015e18);
        // the current already at or above the catch-up target: the rate
        assertEq(h.nextMargin(0.03e18, 0.05e18, 0.02e18, 0.01e18, 0.005e18, 1 hours, false), 0.035e18);
    }

    /// @dev Never above the target, never below the base, never more than the larger of the rate
    /// and the gap to the catch-up target per hour.
    function testFuzz_nextMargin_bounded(
        uint64 current,
        uint64 target,
        uint64 catchUp,
        uint64 floor,
        uint64 rise,
        uint32 elapsed
    ) public view {
        catchUp = uint64(bound(catchUp, 0, target));
        uint256 next = h.nextMargin(current, target, catchUp, floor, rise, elapsed, false);
        uint256 base = current > floor ? current : floor;
        if (target <= base) {
            assertEq(next, target);
            return;
        }
        assertLe(next, target);
        assertGe(next, base);
        uint256 gap = catchUp > base ? catchUp - base : 0;
        uint256 perHour = gap > rise ? gap : rise;
        uint256 dt = elapsed > 1 hours ? 1 hours : elapsed;
        assertLe(next - base, perHour * dt / 1 hours);
    }

    function test_ewma_overSeveralBucketsWeighsAsManyObservations() public view {
        // one bucket: the RiskMetrics step
        // floor(1e9·0.94) + floor(floor(1e14/60)·0.06) = 940,000,000 + floor(1,666,666,666,666·0.06)
        assertEq(h.ewma(1e9, 0.01e18, 60, 0.94e18, 1), 940_000_000 + 99_999_999_999);
        // three buckets at once = three steps of the same per-second sample
        uint256 sample = uint256(0.0001e18) / 180;
        uint256 v = 1e9;
        for (uint256 i; i < 3; ++i) {
            v = v * 94 / 100 + sample * 6 / 100;
        }
        assertApproxEqRel(h.ewma(1e9, 0.01e18, 180, 0.94e18, 3), v, 1e9);
        assertEq(h.decay(0.94e18, 0), 1e18);
        assertEq(h.decay(0.94e18, 2), 0.8836e18);
        assertEq(h.decay(0.5e18, 1 << 20), 0); // capped at 2^16 steps, underflows to 0
    }
}

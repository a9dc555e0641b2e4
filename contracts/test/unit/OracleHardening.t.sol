// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {OracleFixture} from "../utils/OracleFixture.sol";
import {HostileFeed} from "../utils/HostileFeed.sol";
import {MockFeed} from "../utils/MockFeed.sol";
import {
    IOracleAggregator,
    OracleStatus,
    SourceStatus,
    SourceFault,
    LatestPrice,
    OracleView
} from "../../src/interfaces/IOracleAggregator.sol";

/// @notice Unit and fuzz tests of the hardened aggregator (issue 11): checked source reads, the
/// guard's maximum duration, the stale grace window and the volatility grid.
contract OracleHardeningTest is OracleFixture {
    uint256 internal constant BUCKET = 60;

    // ------------------------------------------------------------ source reads

    /// @dev Each hostile kind is reported with its reason; the return bomb and the far-off price
    /// are well-formed answers (the bomb's padding is never copied; far-off is dropped as Deviant).
    function test_sourceInvalid_reportsTheReasonOfEachKind() public {
        SourceFault[10] memory expected = [
            SourceFault.None, // Honest
            SourceFault.PriceOutOfRange, // Overflow
            SourceFault.NonPositive, // Negative
            SourceFault.NonPositive, // Zero
            SourceFault.CallFailed, // Reverting
            SourceFault.CallFailed, // GasBurning
            SourceFault.ShortReturn, // ShortReturn
            SourceFault.None, // ReturnBomb
            SourceFault.BadTimestamp, // FutureDated
            SourceFault.None // FarOff
        ];
        for (uint256 k = 1; k < 10; ++k) {
            uint256 snap = vm.snapshotState();
            HostileFeed bad = new HostileFeed(3000e8);
            oracle.addSource(ETH, bad);
            bad.setMode(HostileFeed.Mode(k));
            if (expected[k] != SourceFault.None) {
                vm.expectEmit(address(oracle));
                emit IOracleAggregator.SourceInvalid(ETH, address(bad), expected[k]);
            }
            oracle.update(ETH);
            OracleView memory v = oracle.getOracleState(ETH);
            SourceStatus want = expected[k] != SourceFault.None
                ? SourceStatus.Invalid
                : k == uint256(HostileFeed.Mode.FarOff) ? SourceStatus.Deviant : SourceStatus.Ok;
            assertEq(uint256(v.sources[3].status), uint256(want), vm.toString(k));
            assertEq(oracle.latest(ETH).price, 3000e18);
            vm.revertToState(snap);
        }
    }

    /// @dev The bomb returns ~150 kB; only five words are copied, so the update costs the caller
    /// about what an honest fourth source does plus the bomb's own (capped) memory cost.
    function test_returnBomb_isNotCopied() public {
        HostileFeed bad = new HostileFeed(3000e8);
        oracle.addSource(ETH, bad);
        _warp(1);
        uint256 g0 = gasleft();
        oracle.update(ETH);
        uint256 honest = g0 - gasleft();
        bad.setMode(HostileFeed.Mode.ReturnBomb);
        _warp(1);
        g0 = gasleft();
        oracle.update(ETH);
        uint256 bomb = g0 - gasleft();
        emit log_named_uint("update, honest 4th source", honest);
        emit log_named_uint("update, return bomb", bomb);
        assertLt(bomb, honest + 70_000, "the caller does not pay to copy the bomb");
    }

    function testFuzz_update_neverRevertsOnAnyAnswer(int256 answer, uint256 updatedAt, uint8 decimals) public {
        decimals = uint8(bound(decimals, 0, 36));
        MockFeed feed = new MockFeed(decimals, 1);
        oracle.addSource(ETH, feed);
        feed.set(answer, updatedAt);
        _warp(BUCKET);
        _push3(ETH, 3000e8);
        assertEq(uint256(oracle.update(ETH)), uint256(OracleStatus.Fresh));
        uint256 price = oracle.latest(ETH).price;
        assertApproxEqRel(price, 3000e18, 0.02e18);
        oracle.getOracleState(ETH); // the view never reverts either
    }

    // ------------------------------------------------------------ guard

    /// @dev Further moves restart the recovery clock, not the guard's: maxGuardDuration (600 s)
    /// after the first trip the live median is accepted although it has held for only 200 s.
    function test_guard_expiresMaxGuardDurationAfterFirstTrip() public {
        uint256 t0 = _now() + 1;
        vm.warp(t0);
        _push3(ETH, 3400e8);
        assertEq(uint256(oracle.update(ETH)), uint256(OracleStatus.Guarded));
        vm.warp(t0 + 400);
        _push3(ETH, 4000e8); // a new candidate: recovery clock restarts
        assertEq(uint256(oracle.update(ETH)), uint256(OracleStatus.Guarded));
        OracleView memory v = oracle.getOracleState(ETH);
        assertEq(v.guardedSince, t0);
        assertEq(v.pendingSince, t0 + 400);
        vm.warp(t0 + 599);
        _push3(ETH, 4000e8);
        assertEq(uint256(oracle.update(ETH)), uint256(OracleStatus.Guarded));
        vm.warp(t0 + 600);
        _push3(ETH, 4010e8);
        vm.expectEmit(address(oracle));
        emit IOracleAggregator.GuardExpired(ETH, 4010e18, t0);
        assertEq(uint256(oracle.update(ETH)), uint256(OracleStatus.Fresh));
        assertEq(oracle.latest(ETH).price, 4010e18);
        assertEq(oracle.getOracleState(ETH).guardedSince, 0);
    }

    /// @dev A guard that goes stale keeps reporting the held candidate (exits stay conservative).
    function test_latest_keepsCandidateWhenStaleAfterGuard() public {
        _warp(1);
        _push3(ETH, 2600e8);
        oracle.update(ETH);
        _warp(301);
        sources[ETH][0].updateAnswer(2600e8); // one live source: below minSources
        assertEq(uint256(oracle.update(ETH)), uint256(OracleStatus.Stale));
        LatestPrice memory l = oracle.latest(ETH);
        assertEq(uint256(l.status), uint256(OracleStatus.Stale));
        assertEq(l.price, 3000e18);
        assertEq(l.pendingPrice, 2600e18);
    }

    // ------------------------------------------------------------ stale grace

    function test_latest_stressedMoveOnlyAfterTheGraceWindow() public {
        uint256 dataTime = oracle.latest(ETH).dataTime;
        vm.warp(dataTime + 301); // stale: maxAge 300
        LatestPrice memory l = oracle.latest(ETH);
        assertEq(uint256(l.status), uint256(OracleStatus.Stale));
        assertEq(l.stressedMove, 0, "within the grace window");
        vm.warp(dataTime + 600); // maxAge + staleGrace
        assertEq(oracle.latest(ETH).stressedMove, 0);
        vm.warp(dataTime + 601);
        assertEq(oracle.latest(ETH).stressedMove, 0.1e18, "maxJump after the grace window");
    }

    // ------------------------------------------------------------ volatility grid

    /// @dev Updates inside a bucket, with moving sources, twice in one second, change neither the
    /// variance nor the margins; the next bucket observes the price prevailing at its boundary.
    function test_grid_oneObservationPerBucket() public {
        _alignToBucket(5);
        _push3(ETH, 3030e8);
        oracle.update(ETH); // first acceptance in this bucket: observes 3000 (prevailing at the boundary)
        (uint256 c0, uint256 t0, uint256 v0) = oracle.margin(ETH);
        assertEq(v0, 0);
        for (uint256 i; i < 5; ++i) {
            _warp(5);
            _push3(ETH, int256(3030e8 + (i % 2) * 30e8));
            oracle.update(ETH);
            oracle.update(ETH);
        }
        (uint256 c1, uint256 t1, uint256 v1) = oracle.margin(ETH);
        assertEq(v1, v0);
        assertEq(c1, c0);
        assertEq(t1, t0);
        // next bucket: the last accepted price before the boundary was 3030 (i = 4): r = ln(1.01)
        _alignToBucket(1);
        oracle.update(ETH);
        (,, uint256 v2) = oracle.margin(ETH);
        uint256 r = 9950330853168083; // ln(1.01), WAD
        assertApproxEqRel(v2, (r * r / WAD / BUCKET) * 0.06e18 / WAD, 1e13);
    }

    /// @dev Nobody called `update` for three buckets: one observation over 180 s weighted as three.
    function test_grid_skippedBucketsCountAsElapsedGridTime() public {
        _alignToBucket(5);
        oracle.update(ETH);
        _push3(ETH, 3030e8);
        oracle.update(ETH); // accepted in the same bucket: no observation
        vm.warp(_now() + 3 * BUCKET);
        vm.recordLogs();
        oracle.update(ETH);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        bool seen;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] != IOracleAggregator.VolatilityUpdated.selector) continue;
            (uint256 variance, uint256 r, uint256 elapsed) = abi.decode(logs[i].data, (uint256, uint256, uint256));
            assertEq(elapsed, 3 * BUCKET);
            assertApproxEqAbs(r, 9950330853168083, 1e6);
            assertEq(variance, _ewma(0, r, 3 * BUCKET, 3));
            seen = true;
        }
        assertTrue(seen, "one observation");
    }

    function _ewma(uint256 v, uint256 r, uint256 elapsed, uint256 steps) internal pure returns (uint256) {
        uint256 w = WAD;
        for (uint256 i; i < steps; ++i) {
            w = w * 0.94e18 / WAD;
        }
        return v * w / WAD + (r * r / WAD / elapsed) * (WAD - w) / WAD;
    }

    function _alignToBucket(uint256 into) internal {
        uint256 t = _now();
        vm.warp(t - t % BUCKET + BUCKET + into);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OracleFixture} from "../utils/OracleFixture.sol";
import {MockFeed} from "../utils/MockFeed.sol";
import {IOracleHistory, PriceObservation} from "../../src/interfaces/IOracleHistory.sol";
import {OracleStatus} from "../../src/interfaces/IOracleAggregator.sol";

/// @notice The oracle's price history (IOracleHistory): one entry per second, monotone times,
/// the ring, and the proof of a request's first qualifying observation.
contract OracleHistoryTest is OracleFixture {
    uint256 internal t0;

    function setUp() public override {
        super.setUp();
        t0 = _now(); // setUp accepted one price per market at t0: entry 0
    }

    /// @dev One second later, all three sources at `price8`, then an update.
    function _tick(uint256 m, int256 price8) internal {
        _warp(1);
        _push3(m, price8);
        oracle.update(m);
    }

    /// @dev Entries 1 … n, one per second, prices 3000, 3001, … (8 decimals).
    function _ticks(uint256 n) internal {
        for (uint256 i; i < n; ++i) {
            _tick(ETH, int256(3000e8 + (i + 1) * 1e8));
        }
    }

    // ------------------------------------------------------------ recording

    function test_setUp_recordsTheFirstAcceptance() public view {
        assertEq(oracle.observationCount(ETH), 1);
        PriceObservation memory o = oracle.observation(ETH, 0);
        assertEq(o.price, 3000e18);
        assertEq(o.acceptedAt, t0);
        assertEq(o.dataTime, t0);
        assertEq(oracle.HISTORY_SIZE(), 256);
    }

    function test_record_emitsObservationRecorded() public {
        _warp(5);
        _push3(ETH, 3010e8);
        vm.expectEmit(address(oracle));
        emit IOracleHistory.ObservationRecorded(ETH, 1, 3010e18, t0 + 5);
        oracle.update(ETH);
        PriceObservation memory o = oracle.observation(ETH, 1);
        assertEq(o.price, 3010e18);
        assertEq(o.acceptedAt, t0 + 5);
        assertEq(o.dataTime, t0 + 5);
    }

    /// @dev A second acceptance in the same second moves the accepted price, not the history.
    function test_record_onlyTheFirstAcceptancePerSecond() public {
        _tick(ETH, 3010e8);
        _push3(ETH, 3020e8);
        vm.recordLogs();
        oracle.update(ETH);
        assertEq(vm.getRecordedLogs().length, 1, "only PriceAccepted");
        assertEq(oracle.latest(ETH).price, 3020e18);
        assertEq(oracle.observationCount(ETH), 2);
        assertEq(oracle.observation(ETH, 1).price, 3010e18, "recorded entry never changes");
        _tick(ETH, 3030e8);
        assertEq(oracle.observationCount(ETH), 3);
        assertEq(oracle.observation(ETH, 2).price, 3030e18);
    }

    /// @dev Markets have separate histories.
    function test_record_perMarket() public {
        _tick(BTC, 61_000e8);
        assertEq(oracle.observationCount(BTC), 2);
        assertEq(oracle.observationCount(ETH), 1);
        assertEq(oracle.observation(BTC, 1).price, 61_000e18);
    }

    /// @dev A source whose older datum comes back into the median cannot pull dataTime back.
    function test_record_dataTimeNeverDecreases() public {
        MockFeed[3] memory feeds;
        for (uint256 i; i < 3; ++i) {
            oracle.removeSource(ETH, address(sources[ETH][i]));
            feeds[i] = new MockFeed(8, 3000e8);
            oracle.addSource(ETH, feeds[i]);
        }
        _warp(10);
        uint256 t = _now();
        feeds[0].set(3000e8, t);
        feeds[1].set(3000e8, t);
        feeds[2].set(3500e8, t - 10); // deviant: not in the price
        oracle.update(ETH);
        assertEq(oracle.observation(ETH, 1).dataTime, t);
        _warp(1);
        feeds[2].set(3000e8, t - 10); // agrees again, with its old datum
        oracle.update(ETH);
        assertEq(oracle.latest(ETH).dataTime, t - 10, "the accepted price keeps its true oldest datum");
        PriceObservation memory o = oracle.observation(ETH, 2);
        assertEq(o.dataTime, t, "the history's dataTime is non-decreasing");
        assertEq(o.acceptedAt, t + 1);
    }

    function test_record_guardedRecordsNothing() public {
        _tick(ETH, 4000e8); // +33%: guard trips
        assertEq(uint256(oracle.latest(ETH).status), uint256(OracleStatus.Guarded));
        assertEq(oracle.observationCount(ETH), 1);
        _tick(ETH, 4000e8);
        assertEq(oracle.observationCount(ETH), 1);
        // the guard lifts once the level held for recoveryPeriod: that acceptance is recorded
        _warp(600);
        _push3(ETH, 4000e8);
        oracle.update(ETH);
        assertEq(uint256(oracle.latest(ETH).status), uint256(OracleStatus.Fresh));
        assertEq(oracle.observationCount(ETH), 2);
        assertEq(oracle.observation(ETH, 1).price, 4000e18);
    }

    function test_record_staleRecordsNothing() public {
        _warp(301); // every source older than maxAge
        oracle.update(ETH);
        assertEq(uint256(oracle.latest(ETH).status), uint256(OracleStatus.Stale));
        assertEq(oracle.observationCount(ETH), 1);
        sources[ETH][0].updateAnswer(3000e8); // one fresh source < minSources
        oracle.update(ETH);
        assertEq(oracle.observationCount(ETH), 1);
    }

    function test_record_resetGuardIsRecorded() public {
        _tick(ETH, 4000e8);
        _warp(1);
        _push3(ETH, 4000e8);
        oracle.resetGuard(ETH);
        assertEq(oracle.observationCount(ETH), 2);
        assertEq(oracle.observation(ETH, 1).price, 4000e18);
    }

    // ------------------------------------------------------------ the ring

    function test_observation_unavailableBeforeRecorded() public {
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.ObservationUnavailable.selector, ETH, 1));
        oracle.observation(ETH, 1);
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.ObservationUnavailable.selector, 5, 0));
        oracle.observation(5, 0);
    }

    function test_ring_overwritesTheOldest() public {
        _ticks(256); // entries 0 … 256: entry 0 overwritten by 256
        assertEq(oracle.observationCount(ETH), 257);
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.ObservationUnavailable.selector, ETH, 0));
        oracle.observation(ETH, 0);
        assertEq(oracle.observation(ETH, 1).price, 3001e18);
        assertEq(oracle.observation(ETH, 256).price, 3256e18);
        assertEq(oracle.observation(ETH, 256).acceptedAt, t0 + 256);
    }

    // ------------------------------------------------------------ first qualifying

    function test_qualifies_needsDelayAndLaterData() public view {
        PriceObservation memory o = PriceObservation({price: 1, acceptedAt: 110, dataTime: 101});
        assertTrue(oracle.qualifies(o, 100, 10));
        assertFalse(oracle.qualifies(o, 100, 11), "accepted before the delay");
        o.dataTime = 100;
        assertFalse(oracle.qualifies(o, 100, 10), "a datum of the commitment second was knowable");
    }

    /// @dev Committed at t0 + 3 with delay 2: entries at t0+1 … t0+10; the first with acceptedAt ≥
    /// t0 + 5 and dataTime > t0 + 3 is entry 5 (acceptedAt t0 + 5). Only it proves.
    function test_firstQualifying_acceptsExactlyOneIndex() public {
        _ticks(10);
        uint256 committed = t0 + 3;
        PriceObservation memory o = oracle.firstQualifying(ETH, 5, committed, 2);
        assertEq(o.acceptedAt, t0 + 5);
        assertEq(o.price, 3005e18);
        for (uint256 k; k <= 10; ++k) {
            if (k == 5) continue;
            vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, ETH, k));
            oracle.firstQualifying(ETH, k, committed, 2);
        }
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.ObservationUnavailable.selector, ETH, 11));
        oracle.firstQualifying(ETH, 11, committed, 2);
        (bool found, uint256 index, bool evicted) = oracle.findFirstQualifying(ETH, committed, 2);
        assertTrue(found);
        assertEq(index, 5);
        assertFalse(evicted);
    }

    /// @dev Index 0 proves itself when it qualifies (no predecessor).
    function test_firstQualifying_indexZero() public view {
        PriceObservation memory o = oracle.firstQualifying(ETH, 0, t0 - 10, 1);
        assertEq(o.acceptedAt, t0);
    }

    /// @dev Data pushed in the commitment second cannot fill: a price the trader could see.
    function test_firstQualifying_rejectsDataOfTheCommitmentSecond() public {
        _warp(1);
        uint256 committed = _now();
        _push3(ETH, 3010e8);
        _warp(1);
        oracle.update(ETH); // accepted at committed + 1 but data of `committed`
        (bool found,,) = oracle.findFirstQualifying(ETH, committed, 1);
        assertFalse(found);
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, ETH, 1));
        oracle.firstQualifying(ETH, 1, committed, 1);
        _tick(ETH, 3020e8);
        assertEq(oracle.firstQualifying(ETH, 2, committed, 1).price, 3020e18);
    }

    function test_findFirstQualifying_noneYet() public {
        _ticks(3);
        (bool found, uint256 index, bool evicted) = oracle.findFirstQualifying(ETH, t0 + 3, 1);
        assertFalse(found);
        assertEq(index, 0);
        assertFalse(evicted);
        (found,, evicted) = oracle.findFirstQualifying(7, 0, 1); // no history at all
        assertFalse(found);
        assertFalse(evicted);
    }

    /// @dev Entries carry their predecessor's times: the oldest kept entry proves itself first
    /// when its overwritten predecessor did not qualify; only a first observation that is itself
    /// overwritten is `evicted` (both paths say so together).
    function test_findFirstQualifying_evicted() public {
        _ticks(300); // entries 0 … 300, retained 45 … 300
        (bool found,, bool evicted) = oracle.findFirstQualifying(ETH, t0 + 1, 1);
        assertFalse(found);
        assertTrue(evicted);
        // the first (entry 2) is overwritten: 45, the oldest kept, does not prove
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, ETH, 45));
        oracle.firstQualifying(ETH, 45, t0 + 1, 1);
        // first qualifying is 46 (> t0 + 45): its predecessor 45 is retained
        uint256 index;
        (found, index, evicted) = oracle.findFirstQualifying(ETH, t0 + 45, 1);
        assertTrue(found);
        assertEq(index, 46);
        // committed at t0 + 44: the first is 45, the oldest kept; its predecessor 44 is
        // overwritten but its times are in entry 45, so 45 proves itself and nothing else does
        (found, index, evicted) = oracle.findFirstQualifying(ETH, t0 + 44, 1);
        assertTrue(found);
        assertEq(index, 45);
        assertFalse(evicted);
        assertEq(oracle.firstQualifying(ETH, 45, t0 + 44, 1).acceptedAt, t0 + 45);
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.ObservationUnavailable.selector, ETH, 44));
        oracle.firstQualifying(ETH, 44, t0 + 44, 1);
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, ETH, 46));
        oracle.firstQualifying(ETH, 46, t0 + 44, 1);
        // committed at t0 + 43: the first is 44, overwritten
        (found,, evicted) = oracle.findFirstQualifying(ETH, t0 + 43, 1);
        assertFalse(found);
        assertTrue(evicted);
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, ETH, 45));
        oracle.firstQualifying(ETH, 45, t0 + 43, 1);
    }

    /// @dev findFirstQualifying agrees with firstQualifying, and both with a linear scan of the
    /// whole history (kept by the test, overwritten entries included), on irregular histories
    /// (gaps between updates, same-second repeats, the ring wrapped) for any commitment and delay:
    /// exactly one kept index proves, the one the search finds; none when the first is overwritten
    /// (evicted) or not recorded yet.
    function testFuzz_findFirstQualifying_agreesWithTheProof(
        uint256 seed,
        uint256 committedOffset,
        uint256 delay,
        uint256 n
    ) public {
        (uint256[] memory acceptedAt, uint256[] memory dataTime) = _irregularHistory(seed, bound(n, 1, 300));
        uint256 committed = t0 + bound(committedOffset, 0, _now() - t0 + 2);
        delay = bound(delay, 0, 20);
        _assertSearchAndProofAgree(committed, delay, _firstByScan(acceptedAt, dataTime, committed, delay), acceptedAt);
    }

    function _assertSearchAndProofAgree(uint256 committed, uint256 delay, uint256 first, uint256[] memory acceptedAt)
        internal
    {
        uint256 count = oracle.observationCount(ETH);
        uint256 lo = count > 256 ? count - 256 : 0;
        (bool found, uint256 index, bool evicted) = oracle.findFirstQualifying(ETH, committed, delay);
        if (first == type(uint256).max) {
            assertFalse(found);
            assertFalse(evicted);
        } else if (first < lo) {
            assertFalse(found);
            assertTrue(evicted);
        } else {
            assertTrue(found);
            assertFalse(evicted);
            assertEq(index, first);
        }
        // the executor's proof: exactly the index found, no other kept one
        if (!found) index = type(uint256).max;
        for (uint256 k = lo; k < count; ++k) {
            if (k == index) {
                assertEq(oracle.firstQualifying(ETH, k, committed, delay).acceptedAt, acceptedAt[k]);
            } else {
                vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, ETH, k));
                oracle.firstQualifying(ETH, k, committed, delay);
            }
        }
    }

    /// @dev n updates with gaps of 0-3 s; returns every entry's times (the test keeps them all,
    /// also those the ring overwrites later).
    function _irregularHistory(uint256 seed, uint256 n)
        internal
        returns (uint256[] memory acceptedAt, uint256[] memory dataTime)
    {
        acceptedAt = new uint256[](n + 1);
        dataTime = new uint256[](n + 1);
        (acceptedAt[0], dataTime[0]) = (t0, t0);
        for (uint256 i; i < n; ++i) {
            _warp(uint256(keccak256(abi.encode(seed, i))) % 4); // 0: same second
            _push3(ETH, int256(3000e8 + (i % 50) * 1e8));
            uint256 before = oracle.observationCount(ETH);
            oracle.update(ETH);
            if (oracle.observationCount(ETH) > before) {
                PriceObservation memory o = oracle.observation(ETH, before);
                (acceptedAt[before], dataTime[before]) = (o.acceptedAt, o.dataTime);
            }
        }
    }

    /// @dev The first qualifying entry by a linear scan of the whole history (max: none).
    function _firstByScan(uint256[] memory acceptedAt, uint256[] memory dataTime, uint256 committed, uint256 delay)
        internal
        view
        returns (uint256 first)
    {
        first = type(uint256).max;
        uint256 count = oracle.observationCount(ETH);
        for (uint256 k; k < count; ++k) {
            if (k > 0) assertGe(dataTime[k], dataTime[k - 1], "dataTime monotone");
            if (k > 0) assertGt(acceptedAt[k], acceptedAt[k - 1], "one per second");
            PriceObservation memory o =
                PriceObservation({price: 0, acceptedAt: uint40(acceptedAt[k]), dataTime: uint40(dataTime[k])});
            if (first == type(uint256).max && oracle.qualifies(o, committed, delay)) first = k;
        }
    }

    // ------------------------------------------------------------ live median

    function test_liveMedian_readsTheSourcesNow() public {
        sources[ETH][0].updateAnswer(3100e8);
        sources[ETH][1].updateAnswer(3110e8);
        sources[ETH][2].updateAnswer(3500e8); // deviant: filtered
        (uint256 median, uint256 n) = oracle.liveMedian(ETH);
        assertEq(median, 3100e18, "second median, lower middle of two");
        assertEq(n, 2);
        assertEq(oracle.latest(ETH).price, 3000e18, "a view: nothing accepted");
    }

    function test_liveMedian_zeroBelowMinSources() public {
        _warp(301);
        sources[ETH][0].updateAnswer(3100e8);
        (uint256 median, uint256 n) = oracle.liveMedian(ETH);
        assertEq(median, 0);
        assertEq(n, 1);
    }

    /// @dev Moves beyond maxJump: the live median is what update would weigh before the breaker.
    function test_liveMedian_ignoresTheCircuitBreaker() public {
        _push3(ETH, 4000e8);
        (uint256 median,) = oracle.liveMedian(ETH);
        assertEq(median, 4000e18);
    }
}

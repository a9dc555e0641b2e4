// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Fixture} from "../utils/Fixture.sol";
import {MockFeed} from "../utils/MockFeed.sol";
import {
    IOracleAggregator,
    OracleStatus,
    SourceStatus,
    LatestPrice,
    OracleView
} from "../../src/interfaces/IOracleAggregator.sol";
import {AggregatorV3Interface} from "../../src/interfaces/AggregatorV3Interface.sol";
import {IRiskConfig, OracleParams} from "../../src/interfaces/IRiskConfig.sol";
import {DevnetPriceSource} from "../../src/devnet/DevnetPriceSource.sol";

contract OracleAggregatorTest is Fixture {
    uint256 internal constant WAD = 1e18;

    function _set3(uint256 m, int256 a, int256 b, int256 c) internal {
        sources[m][0].updateAnswer(a);
        sources[m][1].updateAnswer(b);
        sources[m][2].updateAnswer(c);
    }

    // ------------------------------------------------------------ sources admin

    function test_addSource_normalisesDecimalsAndEmits() public {
        MockFeed feed = new MockFeed(18, 3000e18);
        vm.expectEmit(address(oracle));
        emit IOracleAggregator.SourceAdded(ETH, address(feed), 18);
        oracle.addSource(ETH, feed);
        assertEq(oracle.getSources(ETH).length, 4);
        OracleView memory v = oracle.getOracleState(ETH);
        assertEq(v.sources[3].price, 3000e18);
    }

    function test_addSource_revertsForNonOwner() public {
        MockFeed feed = new MockFeed(8, 1);
        vm.expectRevert(abi.encodeWithSelector(IOracleAggregator.NotOwner.selector, alice));
        vm.prank(alice);
        oracle.addSource(ETH, feed);
    }

    function test_addSource_revertsOnUnknownMarket() public {
        MockFeed feed = new MockFeed(8, 1);
        vm.expectRevert(abi.encodeWithSelector(IOracleAggregator.UnknownMarket.selector, 9));
        oracle.addSource(9, feed);
    }

    function test_addSource_revertsOnZeroAddressAndTooManyDecimals() public {
        vm.expectRevert(abi.encodeWithSelector(IOracleAggregator.InvalidSource.selector, address(0)));
        oracle.addSource(ETH, AggregatorV3Interface(address(0)));
        MockFeed feed = new MockFeed(37, 1);
        vm.expectRevert(abi.encodeWithSelector(IOracleAggregator.InvalidSource.selector, address(feed)));
        oracle.addSource(ETH, feed);
    }

    function test_addSource_revertsOnDuplicate() public {
        vm.expectRevert(
            abi.encodeWithSelector(IOracleAggregator.SourceAlreadyAdded.selector, ETH, address(sources[ETH][0]))
        );
        oracle.addSource(ETH, sources[ETH][0]);
    }

    function test_addSource_revertsAboveMax() public {
        for (uint256 i; i < 5; ++i) {
            oracle.addSource(ETH, new MockFeed(8, 3000e8));
        }
        MockFeed extra = new MockFeed(8, 3000e8);
        vm.expectRevert(abi.encodeWithSelector(IOracleAggregator.TooManySources.selector, ETH));
        oracle.addSource(ETH, extra);
    }

    function test_removeSource_removesAndEmits() public {
        address s0 = address(sources[ETH][0]);
        vm.expectEmit(address(oracle));
        emit IOracleAggregator.SourceRemoved(ETH, s0);
        oracle.removeSource(ETH, s0);
        address[] memory list = oracle.getSources(ETH);
        assertEq(list.length, 2);
        assertTrue(list[0] != s0 && list[1] != s0);
    }

    function test_removeSource_revertsWhenMissingOrNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(IOracleAggregator.SourceNotFound.selector, ETH, address(7)));
        oracle.removeSource(ETH, address(7));
        vm.expectRevert(abi.encodeWithSelector(IOracleAggregator.NotOwner.selector, alice));
        vm.prank(alice);
        oracle.removeSource(ETH, address(sources[ETH][0]));
    }

    // ------------------------------------------------------------ aggregation

    function test_update_takesMedian() public {
        vm.warp(vm.getBlockTimestamp() + 1);
        _set3(ETH, 3010e8, 2990e8, 3001e8);
        vm.expectEmit(address(oracle));
        emit IOracleAggregator.PriceAccepted(ETH, 3001e18, block.timestamp, 3);
        assertEq(uint256(oracle.update(ETH)), uint256(OracleStatus.Fresh));
        assertEq(oracle.latest(ETH).price, 3001e18);
    }

    function test_update_dropsDeviantSourceThenMediansAgain() public {
        vm.warp(vm.getBlockTimestamp() + 1);
        _set3(ETH, 3000e8, 3010e8, 3300e8); // 3300 is 9.6 % from the first median 3010
        oracle.update(ETH);
        // kept: 3000, 3010 → lower middle = 3000
        assertEq(oracle.latest(ETH).price, 3000e18);
        OracleView memory v = oracle.getOracleState(ETH);
        assertEq(uint256(v.sources[2].status), uint256(SourceStatus.Deviant));
        assertEq(uint256(v.sources[0].status), uint256(SourceStatus.Ok));
        assertEq(v.liveSources, 2);
        assertEq(v.liveMedian, 3000e18);
        assertEq(v.sources[2].deviation, int256(0.1e18));
    }

    function test_update_goesStaleBelowMinSources() public {
        vm.warp(vm.getBlockTimestamp() + 301);
        sources[ETH][0].updateAnswer(3000e8); // one fresh source, minSources = 2
        vm.expectEmit(address(oracle));
        emit IOracleAggregator.StatusChanged(ETH, OracleStatus.Fresh, OracleStatus.Stale);
        assertEq(uint256(oracle.update(ETH)), uint256(OracleStatus.Stale));
        LatestPrice memory l = oracle.latest(ETH);
        assertEq(uint256(l.status), uint256(OracleStatus.Stale));
        assertEq(l.price, 3000e18); // last accepted price is kept
        OracleView memory v = oracle.getOracleState(ETH);
        assertEq(uint256(v.sources[1].status), uint256(SourceStatus.Stale));
        assertEq(v.sources[1].age, 301);
    }

    function test_latest_isStaleOnceTheDataIsOld() public {
        vm.warp(vm.getBlockTimestamp() + 300);
        assertEq(uint256(oracle.latest(ETH).status), uint256(OracleStatus.Fresh));
        vm.warp(vm.getBlockTimestamp() + 1);
        assertEq(uint256(oracle.latest(ETH).status), uint256(OracleStatus.Stale));
    }

    function test_update_ignoresRevertingAndNonPositiveSources() public {
        MockFeed broken = new MockFeed(8, 3000e8);
        MockFeed negative = new MockFeed(8, 3000e8);
        oracle.addSource(ETH, broken);
        oracle.addSource(ETH, negative);
        broken.setBroken(true);
        negative.set(-1, block.timestamp);
        vm.warp(vm.getBlockTimestamp() + 1);
        _set3(ETH, 3000e8, 3002e8, 3004e8);
        oracle.update(ETH);
        assertEq(oracle.latest(ETH).price, 3002e18);
        OracleView memory v = oracle.getOracleState(ETH);
        assertEq(uint256(v.sources[3].status), uint256(SourceStatus.Invalid));
        assertEq(uint256(v.sources[4].status), uint256(SourceStatus.Invalid));
    }

    function test_update_revertsOnUnknownMarket() public {
        vm.expectRevert(abi.encodeWithSelector(IRiskConfig.UnknownMarket.selector, 5));
        oracle.update(5);
    }

    /// @dev A market gets its sources after it is added; until then it is Stale.
    function test_update_withoutSourcesIsStale() public {
        uint256 fresh = config.addMarket("XRP-USD", 0, marketParams(), oracleParams());
        assertEq(uint256(oracle.update(fresh)), uint256(OracleStatus.Stale));
        assertEq(oracle.getOracleState(fresh).sources.length, 0);
    }

    function test_removeSource_downToMinSources() public {
        oracle.removeSource(BTC, address(sources[BTC][0]));
        assertEq(oracle.getSources(BTC).length, 2);
        vm.expectRevert(abi.encodeWithSelector(IOracleAggregator.SourcesBelowMinimum.selector, BTC, 1, 2));
        oracle.removeSource(BTC, address(sources[BTC][1]));
        assertEq(oracle.getSources(BTC).length, 2);
        assertEq(uint256(oracle.update(BTC)), uint256(OracleStatus.Fresh));
    }

    function test_update_survivesAGasBurningSource() public {
        MockFeed greedy = new MockFeed(8, 3000e8);
        oracle.addSource(ETH, greedy);
        greedy.setGreedy(true);
        vm.warp(vm.getBlockTimestamp() + 1);
        _set3(ETH, 3001e8, 3001e8, 3001e8);
        oracle.update{gas: 1_000_000}(ETH);
        assertEq(oracle.latest(ETH).price, 3001e18);
        assertEq(uint256(oracle.getOracleState(ETH).sources[3].status), uint256(SourceStatus.Invalid));
    }

    function test_updateMany_updatesEachMarket() public {
        vm.warp(vm.getBlockTimestamp() + 1);
        _set3(ETH, 3100e8, 3100e8, 3100e8);
        _set3(SOL, 155e8, 155e8, 155e8);
        uint256[] memory ids = new uint256[](2);
        ids[0] = ETH;
        ids[1] = SOL;
        oracle.updateMany(ids);
        assertEq(oracle.latest(ETH).price, 3100e18);
        assertEq(oracle.latest(SOL).price, 155e18);
    }

    // ------------------------------------------------------------ circuit breaker

    function test_guard_tripsOnJumpAndHoldsPrice() public {
        vm.warp(vm.getBlockTimestamp() + 1);
        _set3(ETH, 3400e8, 3400e8, 3400e8);
        vm.expectEmit(address(oracle));
        emit IOracleAggregator.GuardTriggered(ETH, 3000e18, 3400e18);
        assertEq(uint256(oracle.update(ETH)), uint256(OracleStatus.Guarded));
        LatestPrice memory l = oracle.latest(ETH);
        assertEq(l.price, 3000e18);
        assertEq(l.pendingPrice, 3400e18);
        assertEq(uint256(l.status), uint256(OracleStatus.Guarded));
    }

    function test_guard_liftsWhenPriceReturnsWithinBounds() public {
        _setPrice(ETH, 3400e8);
        vm.warp(vm.getBlockTimestamp() + 1);
        _set3(ETH, 3100e8, 3100e8, 3100e8);
        vm.expectEmit(address(oracle));
        emit IOracleAggregator.GuardLifted(ETH, 3100e18, false);
        oracle.update(ETH);
        assertEq(uint256(oracle.latest(ETH).status), uint256(OracleStatus.Fresh));
        assertEq(oracle.latest(ETH).price, 3100e18);
    }

    function test_guard_liftsAfterNewLevelHoldsForRecoveryPeriod() public {
        _setPrice(ETH, 3400e8);
        vm.warp(vm.getBlockTimestamp() + 599);
        _setPrice(ETH, 3410e8);
        assertEq(uint256(oracle.latest(ETH).status), uint256(OracleStatus.Guarded));
        vm.warp(vm.getBlockTimestamp() + 1);
        _setPrice(ETH, 3405e8);
        assertEq(uint256(oracle.latest(ETH).status), uint256(OracleStatus.Fresh));
        assertEq(oracle.latest(ETH).price, 3405e18);
    }

    function test_guard_restartsClockWhenCandidateMovesAgain() public {
        // the recovery clock only (the guard's own maximum, 600 s in the fixture, would end it first)
        OracleParams memory p = oracleParams();
        p.maxGuardDuration = 1 hours;
        config.setOracleParams(ETH, p);
        _setPrice(ETH, 3400e8);
        vm.warp(vm.getBlockTimestamp() + 400);
        _setPrice(ETH, 4000e8); // 17.6 % from the pending 3400: a new candidate
        assertEq(oracle.latest(ETH).pendingPrice, 4000e18);
        vm.warp(vm.getBlockTimestamp() + 300);
        _setPrice(ETH, 4000e8); // 700 s after the first jump but only 300 s at this level
        assertEq(uint256(oracle.latest(ETH).status), uint256(OracleStatus.Guarded));
        vm.warp(vm.getBlockTimestamp() + 300);
        _setPrice(ETH, 4000e8);
        assertEq(uint256(oracle.latest(ETH).status), uint256(OracleStatus.Fresh));
    }

    function test_resetGuard_acceptsLiveMedian() public {
        _setPrice(ETH, 3600e8);
        vm.expectEmit(address(oracle));
        emit IOracleAggregator.GuardLifted(ETH, 3600e18, true);
        oracle.resetGuard(ETH);
        assertEq(oracle.latest(ETH).price, 3600e18);
        assertEq(uint256(oracle.latest(ETH).status), uint256(OracleStatus.Fresh));
    }

    function test_resetGuard_revertsWhenNotGuardedNotOwnerOrNoLivePrice() public {
        vm.expectRevert(abi.encodeWithSelector(IOracleAggregator.NotGuarded.selector, ETH));
        oracle.resetGuard(ETH);
        _setPrice(ETH, 3600e8);
        vm.expectRevert(abi.encodeWithSelector(IOracleAggregator.NotOwner.selector, alice));
        vm.prank(alice);
        oracle.resetGuard(ETH);
        vm.warp(vm.getBlockTimestamp() + 301);
        vm.expectRevert(abi.encodeWithSelector(IOracleAggregator.NoLivePrice.selector, ETH));
        oracle.resetGuard(ETH);
    }

    // ------------------------------------------------------------ volatility and margin

    /// @dev The grid (60 s buckets): the first bucket after the move observes the price that
    /// prevailed at its boundary, i.e. the return arrives one bucket later, over 60 s.
    function test_volatility_ewmaOfSquaredLogReturnPerSecond() public {
        _nextBucket();
        _setPrice(ETH, 3003e8); // +0.1 %; this bucket observes 3000 (r = 0)
        vm.warp(vm.getBlockTimestamp() + 60);
        oracle.update(ETH); // observes 3003 against 3000 over 60 s
        (uint256 current, uint256 target, uint256 variance) = oracle.margin(ETH);
        // r = ln(1.001) = 0.000999500333083533…; sample = r²/60; v = 0.06 · sample
        uint256 r = 999500333083533;
        uint256 expected = (r * r / WAD / 60) * 0.06e18 / WAD;
        assertApproxEqRel(variance, expected, 1e12); // within 1e-6 relative
        // target = mmBase + 2.33 · sqrt(v · 3600)
        uint256 sigmaH = _sqrt(variance * 3600 * WAD);
        assertEq(target, 0.01e18 + (2.33e18 * sigmaH + WAD - 1) / WAD);
        assertGt(target, 0.01e18);
        // rises at most 0.5 %/h: one 60 s bucket allows 0.5 % · 60 / 3600
        assertEq(current, 0.01e18 + uint256(0.005e18) * 60 / 3600);
    }

    function test_margin_fallsImmediatelyAndCapsAtMax() public {
        // a violent series (8 % a minute) pushes the target to mmMax
        for (uint256 i; i < 5; ++i) {
            vm.warp(vm.getBlockTimestamp() + 60);
            _setPrice(ETH, i % 2 == 0 ? int256(3250e8) : int256(3000e8));
        }
        (uint256 current, uint256 target,) = oracle.margin(ETH);
        uint256 mmMax = config.marketConfig(ETH).mmMax;
        assertEq(target, mmMax);
        assertLt(current, target); // rate-limited
        // after a quiet spell, one observation adds at most one hour's allowance: since issue 13
        // max(rise rate, gap to the target) per hour, so the current reaches the target (the
        // 2-hour return keeps it at the cap) instead of rising by the 0.5 %/h rate alone
        vm.warp(vm.getBlockTimestamp() + 2 hours);
        _setPrice(ETH, 3000e8);
        (uint256 current2, uint256 target2,) = oracle.margin(ETH);
        assertEq(target2, mmMax);
        assertEq(current2, target2);
        assertGt(current2, current + 0.005e18);
        // many calm observations decay the variance; the current follows the target down at once
        for (uint256 i; i < 200; ++i) {
            vm.warp(vm.getBlockTimestamp() + 60);
            _setPrice(ETH, 3000e8);
        }
        (uint256 current3, uint256 target3,) = oracle.margin(ETH);
        assertLt(target3, target2);
        assertEq(current3, target3);
    }

    /// @dev One observation per bucket: pokes and moves later in the same bucket change nothing.
    function test_volatility_pokesInsideABucketChangeNothing() public {
        _nextBucket();
        _setPrice(ETH, 3030e8);
        vm.warp(vm.getBlockTimestamp() + 60);
        oracle.update(ETH);
        (uint256 c1, uint256 t1, uint256 v1) = oracle.margin(ETH);
        assertGt(v1, 0);
        vm.warp(vm.getBlockTimestamp() + 10);
        oracle.update(ETH); // no source moved
        _setPrice(ETH, 3100e8); // a move inside the bucket
        oracle.update(ETH); // twice in one second
        (uint256 c2, uint256 t2, uint256 v2) = oracle.margin(ETH);
        assertEq(v1, v2);
        assertEq(c1, c2);
        assertEq(t1, t2);
    }

    function _nextBucket() internal {
        uint256 t = vm.getBlockTimestamp();
        vm.warp(t - t % 60 + 61);
    }

    function test_getOracleState_reportsEverySource() public {
        vm.warp(vm.getBlockTimestamp() + 5);
        _set3(ETH, 2997e8, 3000e8, 3003e8);
        oracle.update(ETH);
        vm.warp(vm.getBlockTimestamp() + 7);
        OracleView memory v = oracle.getOracleState(ETH);
        assertEq(v.price, 3000e18);
        assertEq(v.sources.length, 3);
        assertEq(v.sources[0].source, address(sources[ETH][0]));
        assertEq(v.sources[0].age, 7);
        assertEq(v.sources[0].deviation, -int256(0.001e18));
        assertEq(v.sources[2].deviation, 0.001e18);
        assertEq(uint256(v.status), uint256(OracleStatus.Fresh));
    }

    function _sqrt(uint256 x) internal pure returns (uint256 z) {
        if (x == 0) return 0;
        z = x;
        uint256 y = (x + 1) / 2;
        while (y < z) {
            z = y;
            y = (x / y + y) / 2;
        }
    }
}

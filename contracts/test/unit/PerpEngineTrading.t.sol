// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineTradingBase} from "./EngineTradingBase.sol";
import {IPerpEngine} from "../../src/interfaces/IPerpEngine.sol";
import {IPerpEngineTrading, StoredPosition, StoredMarket} from "../../src/interfaces/IPerpEngineTrading.sol";
import {IPerpEngineLiquidation, PartialQuote, LiquidationTerms} from "../../src/interfaces/IPerpEngineLiquidation.sol";
import {IOracleHistory} from "../../src/interfaces/IOracleHistory.sol";
import {OracleStatus} from "../../src/interfaces/IOracleAggregator.sol";

/// @notice The engine's router seam: who may call the trade hooks, at which price they fill, which
/// checks new risk passes, when an exit may use the engine's own price, and the one-step
/// collateral withdrawal checked against the live median.
contract PerpEngineTradingTest is EngineTradingBase {
    // ------------------------------------------------------------ wiring

    function test_hooks_revertForAnyoneButTheRouter() public {
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngineTrading.NotRouter.selector, alice));
        engine.openFor(alice, ETH, 1e18, 1000e6, 3000e18);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngineTrading.NotRouter.selector, alice));
        engine.increaseFor(alice, ETH, 1e18, 0, 3000e18);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngineTrading.NotRouter.selector, alice));
        engine.reduceFor(alice, ETH, 1e18, 3000e18);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngineTrading.NotRouter.selector, alice));
        engine.closeFor(alice, ETH, 3000e18);
        vm.stopPrank();
    }

    function test_setRouter_onlyOwner_once_nonZero() public {
        // the base already set it once
        vm.expectRevert(IPerpEngineTrading.RouterAlreadySet.selector);
        engine.setRouter(alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NotOwner.selector, alice));
        engine.setRouter(alice);
        assertEq(engine.router(), address(router));
    }

    // ------------------------------------------------------------ fills

    function test_openFor_fillsAtTheGivenPrice_booksEscrowedCollateral() public {
        uint256 routerBefore = usd.balanceOf(address(router));
        router.open(alice, ETH, 2e18, 1000e6, 2990e18);
        StoredPosition memory p = engine.position(alice, ETH);
        assertEq(p.size, 2e18);
        assertEq(p.entryPrice, 2990e18, "entry is the fill, not the accepted 3000");
        assertEq(usd.balanceOf(address(router)), routerBefore - 1000e6);
        assertEq(usd.balanceOf(alice), 0);
        // the accepted price is 3000: the trader is 2 * 10 up at once
        assertEq(engine.traderNetPnl(ETH, _accepted(ETH)), 20e18);
    }

    function test_openFor_zeroPrice_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IPerpEngineTrading.InvalidFillPrice.selector, 0));
        router.open(alice, ETH, 1e18, 1000e6, 0);
    }

    function test_openFor_checksMarginAtTheFillPrice() public {
        // 10 ETH long filled at 2800 with 1,300: ~21.8x at the fill, ~9x at the accepted 3000
        // fee = 28,000 · (5 bps + 0.1 % · 28,000 / 1,000,000) = 14.784
        uint256 equity = 1300e6 - 14.784e6;
        uint256 lev = (28_000e18 * WAD + equity * 1e12 - 1) / (equity * 1e12);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.LeverageTooHigh.selector, lev, 9e18));
        router.open(alice, ETH, 10e18, 1300e6, 2800e18);
        router.open(alice, ETH, 10e18, 3300e6, 2800e18);
        assertEq(engine.position(alice, ETH).entryPrice, 2800e18);
    }

    function test_openFor_checksMarginAtTheCurrentExitPrice() public {
        // proven fill 3000, but the market has moved to 2750 since: 10 ETH long with 3,500 is
        // fine at 3000 (8.6x) and at ~28x at 2750
        _setPrice(ETH, 2750e8);
        vm.expectPartialRevert(IPerpEngine.LeverageTooHigh.selector);
        router.open(alice, ETH, 10e18, 3500e6, 3000e18);
        // the same fill with the market still at the fill price is accepted
        _setPrice(ETH, 3000e8);
        router.open(alice, ETH, 10e18, 3500e6, 3000e18);
        assertEq(engine.position(alice, ETH).size, 10e18);
    }

    function test_increaseFor_checksMarginAtTheCurrentExitPrice() public {
        router.open(alice, ETH, 1e18, 1000e6, 3000e18);
        _setPrice(ETH, 2750e8);
        // 6 ETH with ~2,985: 6x at the fill (3000), 11x at the current 2750
        vm.expectPartialRevert(IPerpEngine.LeverageTooHigh.selector);
        router.increase(alice, ETH, 5e18, 2000e6, 3000e18);
    }

    function test_openFor_needsAFreshOracleNow() public {
        vm.warp(vm.getBlockTimestamp() + 301); // sources older than maxAge: the update marks it stale
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.OracleStale.selector, ETH));
        router.open(alice, ETH, 1e18, 1000e6, 3000e18);
    }

    function test_openFor_needsNoPause() public {
        config.pauseMarket(ETH);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.Paused.selector, ETH));
        router.open(alice, ETH, 1e18, 1000e6, 3000e18);
    }

    function test_openFor_capUsesTheMarkedPoolValue() public {
        // cap = 0.5 · 1,000,000 pool value = 500,000 USD notional per side
        vm.expectRevert(
            abi.encodeWithSelector(IPerpEngine.OpenInterestCapExceeded.selector, ETH, 501_000e18, 500_000e18)
        );
        router.open(alice, ETH, 167e18, 100_000e6, 3000e18);
        // 150 ETH opens; a trader profit then lowers the marked value and with it the cap
        router.open(alice, ETH, 150e18, 100_000e6, 3000e18);
        _setPrice(ETH, 3250e8); // traders up 37,500: marked value ~962,757, cap ~481,378
        // 151 ETH at 3250 = 490,750: under half the pool's tokens (~500,128), over the marked cap
        // fee of the first open: 450,000 · (5 bps + 0.1 % · 0.45) = 427.5, 60 % to the pool
        uint256 value = POOL_SEED + 256.5e6 - 37_500e6;
        vm.expectRevert(
            abi.encodeWithSelector(IPerpEngine.OpenInterestCapExceeded.selector, ETH, 490_750e18, value * 1e12 / 2)
        );
        router.open(bob, ETH, 1e18, 10_000e6, 3250e18);
    }

    // ------------------------------------------------------------ exits at the engine's price

    function test_exit_priceZero_whileFresh_reverts() public {
        router.open(alice, ETH, 1e18, 1000e6, 3000e18);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngineTrading.InvalidFillPrice.selector, 0));
        router.reduce(alice, ETH, 0.5e18, 0);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngineTrading.InvalidFillPrice.selector, 0));
        router.close(alice, ETH, 0);
    }

    function test_exit_priceZero_whileStale_closesAtExitPrice_realisingNoProfit() public {
        router.open(alice, ETH, 1e18, 1000e6, 3000e18);
        uint256 collateral = engine.position(alice, ETH).collateral;
        _setPrice(ETH, 3200e8);
        vm.warp(vm.getBlockTimestamp() + 301);
        router.close(alice, ETH, 0);
        assertEq(oracle.latest(ETH).status == OracleStatus.Stale, true);
        assertEq(engine.position(alice, ETH).size, 0);
        // a 200 profit at the held price is not paid while stale: at most the collateral comes back
        assertLe(usd.balanceOf(alice), collateral);
        assertGt(usd.balanceOf(alice), collateral - 5e6);
    }

    function test_exit_atProvenPrice_realisesProfit_evenWhenStale() public {
        router.open(alice, ETH, 1e18, 1000e6, 3000e18);
        uint256 collateral = engine.position(alice, ETH).collateral;
        vm.warp(vm.getBlockTimestamp() + 301);
        router.close(alice, ETH, 3200e18); // a proven observation: its profit is paid
        assertGt(usd.balanceOf(alice), collateral + 190e6);
    }

    function test_reduceFor_fillsAtTheGivenPrice() public {
        router.open(alice, ETH, 2e18, 1000e6, 3000e18);
        uint256 c0 = engine.position(alice, ETH).collateral;
        router.reduce(alice, ETH, 1e18, 3100e18);
        StoredPosition memory p = engine.position(alice, ETH);
        assertEq(p.size, 1e18);
        // + 100 PnL − fee ceil(3100 · 5 bps) = 1.55
        assertEq(p.collateral, c0 + 100e6 - 1.55e6);
    }

    // ------------------------------------------------------------ removeCollateral

    function _mockLive(uint256 m, uint256 price) internal {
        vm.mockCall(
            address(oracle), abi.encodeWithSelector(IOracleHistory.liveMedian.selector, m), abi.encode(price, 3)
        );
    }

    function test_removeCollateral_checkedAtTheWorseOfAcceptedAndLiveMedian_long() public {
        usd.mint(alice, 10_000e6);
        router.open(alice, ETH, 10e18, 5000e6, 3000e18);
        // at 3000 equity ~3,484 ≥ IMR 3,334 (9x); at a live 2800 it is ~1,484 (19x)
        _mockLive(ETH, 2800e18);
        vm.prank(alice);
        vm.expectRevert(); // LeverageTooHigh at the live median
        engine.removeCollateral(ETH, 1500e6);
        _mockLive(ETH, 3200e18); // better for a long: the accepted 3000 is used
        vm.prank(alice);
        engine.removeCollateral(ETH, 1500e6);
        assertEq(usd.balanceOf(alice), 10_000e6 + 1500e6);
    }

    function test_removeCollateral_checkedAtTheWorseOfAcceptedAndLiveMedian_short() public {
        router.open(alice, ETH, -10e18, 5000e6, 3000e18);
        _mockLive(ETH, 3200e18);
        vm.prank(alice);
        vm.expectRevert();
        engine.removeCollateral(ETH, 1500e6);
        _mockLive(ETH, 2800e18);
        vm.prank(alice);
        engine.removeCollateral(ETH, 1500e6);
    }

    function test_removeCollateral_noLiveMedian_reverts() public {
        router.open(alice, ETH, 1e18, 1000e6, 3000e18);
        _mockLive(ETH, 0);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.OracleStale.selector, ETH));
        engine.removeCollateral(ETH, 1e6);
    }

    // ------------------------------------------------------------ marking

    function test_traderNetPnl_bothSides_exact() public {
        router.open(alice, ETH, 2e18, 1000e6, 3000e18);
        router.open(bob, ETH, -1e18, 1000e6, 2950e18);
        // long: 2·(3100 − 3000) = 200; short: −(3100 − 2950) = −150
        assertEq(engine.traderNetPnl(ETH, 3100e18), 50e18);
        StoredMarket memory sm = engine.marketState(ETH);
        assertEq(sm.longOpenInterest, 2e18);
        assertEq(sm.shortOpenInterest, 1e18);
        // K_L − K_S
        assertEq(sm.netEntryFundingSum, 2e18 * (3000e18 - sm.fundingIndex) - 1e18 * (2950e18 - sm.fundingIndex));
        router.close(alice, ETH, 3000e18);
        router.close(bob, ETH, 3000e18);
        sm = engine.marketState(ETH);
        assertEq(sm.netEntryFundingSum, 0);
        assertEq(engine.traderNetPnl(ETH, 5000e18), 0);
    }

    function test_traderNetPnl_countsFundingOwed() public {
        router.open(alice, ETH, 10e18, 10_000e6, 3000e18);
        vm.warp(vm.getBlockTimestamp() + 1 hours);
        _setPrice(ETH, 3000e8);
        // longs only: rate = fundingFactor, owed = 10 · 1e11 · 3000 · 3600 / 1e18 per unit
        int256 owed = engine.marketState(ETH).fundingIndex * 10;
        assertEq(owed, 10 * int256(uint256(1e11) * 3000 * 3600));
        assertEq(engine.traderNetPnl(ETH, 3000e18), -owed);
    }

    // ------------------------------------------------------------ liquidation keeps K

    uint256 internal partialSize;

    function partialCloseSize(PartialQuote calldata) external view returns (uint256) {
        return partialSize;
    }

    function _liqTerms(uint256 fullHealth) internal view returns (LiquidationTerms memory) {
        return LiquidationTerms(address(this), fullHealth, 0, 0.5e18, 0.2e18);
    }

    function test_liquidation_partialAndFull_keepK() public {
        router.open(alice, ETH, 10e18, 3500e6, 3000e18);
        _setPrice(ETH, 2700e8);
        _setPrice(ETH, 2670e8); // equity ~184 < MMR 267 (8.6x needs two accepted steps, issue 13)
        partialSize = 4e18;
        engine.liquidatePosition(alice, ETH, _liqTerms(0.1e18));
        StoredPosition memory p = engine.position(alice, ETH);
        StoredMarket memory sm = engine.marketState(ETH);
        assertEq(p.size, 6e18);
        assertEq(sm.netEntryFundingSum, 6e18 * (int256(p.entryPrice) - p.fundingIndex));
        _setPrice(ETH, 2600e8);
        partialSize = 0;
        engine.liquidatePosition(alice, ETH, _liqTerms(0.1e18));
        sm = engine.marketState(ETH);
        assertEq(engine.position(alice, ETH).size, 0);
        assertEq(sm.netEntryFundingSum, 0);
        assertEq(sm.longOpenInterest, 0);
    }
}

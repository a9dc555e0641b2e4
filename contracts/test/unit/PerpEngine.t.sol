// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FeeRecipientStub} from "../utils/FeeRecipientStub.sol";
import {Fixture} from "../utils/Fixture.sol";
import {IPerpEngine, PositionView, MarketView, PositionKey} from "../../src/interfaces/IPerpEngine.sol";
import {StoredPosition} from "../../src/interfaces/IPerpEngineTrading.sol";
import {IPerpEngineLiquidation} from "../../src/interfaces/IPerpEngineLiquidation.sol";
import {IRiskConfig, TierParams} from "../../src/interfaces/IRiskConfig.sol";
import {OracleStatus} from "../../src/interfaces/IOracleAggregator.sol";
import {PerpEngine} from "../../src/core/PerpEngine.sol";
import {LpRequest} from "../../src/interfaces/ILiquidityPool.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

contract PerpEngineTest is Fixture {
    uint256 internal constant WAD = 1e18;

    /// @dev Independent fee formula: ceil(N · (5 bps + 0.1 % · N / pool) / 1e12) in token units.
    /// @dev Exits pay the taker fee only: ceil(N · 5 bps).
    function _exitFee(uint256 notionalWad) internal pure returns (uint256) {
        uint256 feeWad = (notionalWad * 5e14 + WAD - 1) / WAD;
        return (feeWad + 1e12 - 1) / 1e12;
    }

    function _expectedFee(uint256 notionalWad) internal view returns (uint256) {
        // the impact fee divides by the marked pool value (tokens − counted trader PnL)
        uint256 poolWad = pool.poolValue().value * 1e12;
        uint256 impact = (1e15 * notionalWad + poolWad - 1) / poolWad;
        uint256 rate = 5e14 + impact;
        uint256 feeWad = (notionalWad * rate + WAD - 1) / WAD;
        return (feeWad + 1e12 - 1) / 1e12;
    }

    // ------------------------------------------------------------ open

    function test_open_long_storesPositionChargesFeeAndSplitsIt() public {
        uint256 fee = _expectedFee(6000e18);
        uint256 poolBefore = engine.poolAssets();
        vm.expectEmit(address(engine));
        emit IPerpEngine.PositionOpened(alice, ETH, 2e18, 3000e18, 1000e6 - fee, fee);
        vm.prank(alice);
        direct.open(ETH, 2e18, 1000e6);

        PositionView memory p = lens.getPosition(alice, ETH);
        assertEq(p.size, 2e18);
        assertEq(p.entryPrice, 3000e18);
        assertEq(p.collateral, 1000e6 - fee);
        assertEq(p.notional, 6000e18);
        assertEq(p.unrealisedPnl, 0);
        assertEq(p.equity, int256(1000e6 - fee));
        assertEq(usd.balanceOf(address(engine)), POOL_DEPOSIT + 1000e6);
        assertEq(engine.insuranceFees(), fee * 2 / 10);
        assertEq(engine.stakerFees(), fee * 2 / 10);
        assertEq(engine.poolAssets(), poolBefore + fee - 2 * (fee * 2 / 10));
        assertEq(_openKeys().length, 1);
    }

    function test_open_short_countsShortOpenInterest() public {
        vm.prank(alice);
        direct.open(SOL, -10e18, 500e6);
        MarketView memory m = lens.getMarket(SOL);
        assertEq(m.shortOpenInterest, 10e18);
        assertEq(m.longOpenInterest, 0);
        assertEq(lens.getPosition(alice, SOL).size, -10e18);
    }

    function test_open_revertsOnZeroSize() public {
        vm.expectRevert(IPerpEngine.ZeroSize.selector);
        vm.prank(alice);
        direct.open(ETH, 0, 1000e6);
    }

    function test_open_revertsOnOutOfRangeSize() public {
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedIntDowncast.selector, 96, type(int256).min));
        vm.prank(alice);
        direct.open(ETH, type(int256).min, 1000e6);
    }

    function test_open_revertsOnZeroCollateral() public {
        vm.expectRevert(IPerpEngine.ZeroAmount.selector);
        vm.prank(alice);
        direct.open(ETH, 1e18, 0);
    }

    function test_open_revertsWhenPositionExists() public {
        vm.startPrank(alice);
        direct.open(ETH, 1e18, 1000e6);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.PositionExists.selector, alice, ETH));
        direct.open(ETH, 1e18, 1000e6);
        vm.stopPrank();
    }

    function test_open_revertsOnUnknownMarket() public {
        vm.expectRevert(abi.encodeWithSelector(IRiskConfig.UnknownMarket.selector, 7));
        vm.prank(alice);
        direct.open(7, 1e18, 1000e6);
    }

    function test_open_revertsOverMaxLeverage() public {
        // 6000 notional on ~250 collateral ≈ 24x > 20x
        uint256 fee = _expectedFee(6000e18);
        uint256 equity = 250e6 - fee;
        uint256 lev = (6000e18 * WAD + equity * 1e12 - 1) / (equity * 1e12);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.LeverageTooHigh.selector, lev, 9e18));
        vm.prank(alice);
        direct.open(ETH, 2e18, 250e6);
    }

    function test_open_revertsBelowInitialMargin() public {
        // A tier where im = 2 · mm (12 %, 8.3x) binds before max leverage (9x).
        TierParams memory t = blueChipTier();
        t.mmBase = 0.06e18;
        t.mmMax = 0.06e18;
        _setTierInForce(0, t); // the 1 % -> 6 % raise ramps in at 0.5 %/h
        uint256 fee = _expectedFee(6000e18);
        int256 equity = int256(700e6 - fee); // ~8.6x
        uint256 imr = 6000e18 * 0.12e18 / WAD / 1e12;
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.BelowInitialMargin.selector, equity, imr));
        vm.prank(alice);
        direct.open(ETH, 2e18, 700e6);
    }

    function test_open_revertsOverOpenInterestCap() public {
        // cap = 50 % of 1,000,000 = 500,000 notional; 200 ETH = 600,000
        vm.expectRevert(
            abi.encodeWithSelector(IPerpEngine.OpenInterestCapExceeded.selector, ETH, 600_000e18, 500_000e18)
        );
        vm.prank(alice);
        direct.open(ETH, 200e18, 100_000e6);
    }

    function test_open_revertsWhenMarketPausedByGuardian() public {
        vm.prank(guardian);
        config.pauseMarket(ETH);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.Paused.selector, ETH));
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        // other markets unaffected
        vm.prank(alice);
        direct.open(BTC, 0.01e18, 1000e6);
    }

    function test_open_revertsWhenGloballyPaused() public {
        config.pauseAll();
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.Paused.selector, BTC));
        vm.prank(alice);
        direct.open(BTC, 0.01e18, 1000e6);
    }

    function test_open_revertsOnStaleOracle() public {
        vm.warp(vm.getBlockTimestamp() + 301);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.OracleStale.selector, ETH));
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
    }

    function test_open_refreshesOracleItselfWhenAcceptedPriceIsOld() public {
        vm.warp(vm.getBlockTimestamp() + 301);
        for (uint256 i; i < 3; ++i) {
            sources[ETH][i].updateAnswer(3100e8);
        }
        // nobody called oracle.update: the engine does
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        assertEq(lens.getPosition(alice, ETH).entryPrice, 3100e18);
    }

    function test_open_revertsOnGuardedOracle() public {
        _setPrice(ETH, 3600e8); // +20 % > maxJump
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.OracleGuarded.selector, ETH));
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
    }

    // ------------------------------------------------------------ increase

    function test_increase_averagesEntryAndAddsCollateral() public {
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        uint256 c0 = lens.getPosition(alice, ETH).collateral;
        _setPrice(ETH, 3300e8);
        uint256 fee = _expectedFee(3300e18);
        vm.prank(alice);
        direct.increase(ETH, 1e18, 500e6);
        PositionView memory p = lens.getPosition(alice, ETH);
        assertEq(p.size, 2e18);
        assertEq(p.entryPrice, 3150e18);
        assertEq(p.collateral, c0 + 500e6 - fee); // no funding: the market had no skew before
        assertEq(lens.getMarket(ETH).longOpenInterest, 2e18);
    }

    function test_increase_shortRoundsEntryDown() public {
        vm.prank(alice);
        direct.open(ETH, -1e18, 1200e6);
        _setPrice(ETH, 3001e8);
        vm.prank(alice);
        direct.increase(ETH, 2e18, 0);
        // (3000 + 2·3001)/3 = 3000.666…: floored for a short
        assertEq(lens.getPosition(alice, ETH).entryPrice, 3000666666666666666666);
    }

    function test_increase_revertsOnZeroSize() public {
        vm.expectRevert(IPerpEngine.ZeroSize.selector);
        vm.prank(alice);
        direct.increase(ETH, 0, 0);
    }

    function test_increase_revertsWithoutPosition() public {
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NoPosition.selector, alice, ETH));
        vm.prank(alice);
        direct.increase(ETH, 1e18, 0);
    }

    function test_increase_revertsOverMaxLeverage() public {
        vm.startPrank(alice);
        direct.open(ETH, 1e18, 1000e6);
        vm.expectPartialRevert(IPerpEngine.LeverageTooHigh.selector);
        direct.increase(ETH, 6e18, 0);
        vm.stopPrank();
    }

    function test_increase_revertsWhenPaused() public {
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        config.pauseMarket(ETH);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.Paused.selector, ETH));
        vm.prank(alice);
        direct.increase(ETH, 1e18, 0);
    }

    function test_increase_revertsOnStaleOrGuardedOracleAndOverCap() public {
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        // the open's fee grew the pool a little: cap = 50 % of current pool assets
        uint256 cap = uint256(engine.poolAssets()) * 1e12 / 2;
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.OpenInterestCapExceeded.selector, ETH, 501_000e18, cap));
        vm.prank(alice);
        direct.increase(ETH, 166e18, 100_000e6);

        _setPrice(ETH, 3500e8);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.OracleGuarded.selector, ETH));
        vm.prank(alice);
        direct.increase(ETH, 1e18, 0);

        vm.warp(vm.getBlockTimestamp() + 301);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.OracleStale.selector, ETH));
        vm.prank(alice);
        direct.increase(ETH, 1e18, 0);
    }

    function test_increase_revertsWhenFeeExceedsCollateral() public {
        // A profitable position whose collateral was withdrawn against its unrealised profit:
        // the increase fee cannot be paid from collateral.
        vm.prank(alice);
        direct.open(ETH, 1e18, 400e6);
        _setPrice(ETH, 3300e8);
        _setPrice(ETH, 3400e8); // profit 400 ≥ N/9: the withdrawal below stays within 9x
        uint256 c = lens.getPosition(alice, ETH).collateral;
        vm.prank(alice);
        engine.removeCollateral(ETH, c - 1e6);
        vm.expectPartialRevert(IPerpEngine.InsufficientCollateral.selector);
        vm.prank(alice);
        direct.increase(ETH, 1e18, 0);
    }

    // ------------------------------------------------------------ reduce / close

    function test_reduce_realisesPnlOfTheClosedPart() public {
        vm.prank(alice);
        direct.open(ETH, 2e18, 1000e6);
        uint256 c0 = lens.getPosition(alice, ETH).collateral;
        _setPrice(ETH, 3300e8);
        uint256 fee = _exitFee(3300e18);
        vm.prank(alice);
        direct.reduce(ETH, 1e18);
        PositionView memory p = lens.getPosition(alice, ETH);
        assertEq(p.size, 1e18);
        assertEq(p.entryPrice, 3000e18);
        assertEq(p.collateral, c0 + 300e6 - fee);
        assertEq(lens.getMarket(ETH).longOpenInterest, 1e18);
    }

    function test_reduce_wholeSizeCloses() public {
        vm.startPrank(alice);
        direct.open(ETH, 2e18, 1000e6);
        direct.reduce(ETH, 2e18);
        vm.stopPrank();
        assertEq(lens.getPosition(alice, ETH).size, 0);
        assertEq(_openKeys().length, 0);
    }

    function test_reduce_revertsOnZeroSize() public {
        vm.expectRevert(IPerpEngine.ZeroSize.selector);
        vm.prank(alice);
        direct.reduce(ETH, 0);
    }

    function test_reduce_revertsWithoutPosition() public {
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NoPosition.selector, alice, ETH));
        vm.prank(alice);
        direct.reduce(ETH, 1e18);
    }

    function test_reduce_revertsAboveSize() public {
        vm.startPrank(alice);
        direct.open(ETH, 1e18, 1000e6);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.ReduceExceedsSize.selector, 2e18, 1e18));
        direct.reduce(ETH, 2e18);
        vm.stopPrank();
    }

    function test_reduce_revertsWhenRealisedLossEatsCollateral() public {
        vm.prank(alice);
        direct.open(ETH, 10e18, 3500e6);
        _setPrice(ETH, 2750e8);
        _setPrice(ETH, 2600e8); // -4,000 on 10 ETH; 9 of them realise -3,600 of ~3,484 collateral
        vm.expectPartialRevert(IPerpEngine.InsufficientCollateral.selector);
        vm.prank(alice);
        direct.reduce(ETH, 9e18);
    }

    function test_close_paysProfitFromPool() public {
        vm.prank(alice);
        direct.open(ETH, 2e18, 1000e6);
        uint256 c0 = lens.getPosition(alice, ETH).collateral;
        _setPrice(ETH, 3300e8);
        uint256 fee = _exitFee(6600e18);
        uint256 balBefore = usd.balanceOf(alice);
        uint256 poolBefore = engine.poolAssets();
        vm.prank(alice);
        direct.close(ETH);
        uint256 payout = c0 + 600e6 - fee;
        assertEq(usd.balanceOf(alice) - balBefore, payout);
        uint256 shares = fee * 2 / 10;
        assertEq(poolBefore - engine.poolAssets(), 600e6 - (fee - 2 * shares));
        assertEq(_openKeys().length, 0);
    }

    function test_close_lossGoesToPool() public {
        vm.prank(alice);
        direct.open(ETH, -2e18, 1000e6);
        _setPrice(ETH, 3150e8);
        uint256 poolBefore = engine.poolAssets();
        vm.prank(alice);
        direct.close(ETH);
        assertGt(engine.poolAssets(), poolBefore + 300e6);
    }

    /// @dev Issue 11: a negative value used to land on the pool here (buffer and stakers
    /// skipped); it is refused, and only a liquidation sends it down the waterfall.
    function test_close_badDebtIsRefused() public {
        vm.prank(alice);
        direct.open(ETH, 10e18, 3500e6);
        uint256 c0 = lens.getPosition(alice, ETH).collateral;
        _setPrice(ETH, 2750e8);
        _setPrice(ETH, 2500e8); // -5,000 on ~3,484 collateral
        uint256 poolBefore = engine.poolAssets();
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngineLiquidation.UnderwaterClose.selector, int256(c0) - 5000e6));
        direct.close(ETH);
        assertEq(engine.poolAssets(), poolBefore, "nothing booked");
        assertEq(lens.getPosition(alice, ETH).size, 10e18, "still open, for liquidation");
    }

    function test_close_worksWhenPausedAndStale() public {
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        config.pauseAll();
        vm.warp(vm.getBlockTimestamp() + 1000);
        vm.prank(alice);
        direct.close(ETH);
        assertEq(lens.getPosition(alice, ETH).size, 0);
    }

    function test_close_onStaleOracleRealisesLossesButNotProfits() public {
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        vm.prank(bob);
        direct.open(ETH, -1e18, 1000e6);
        _setPrice(ETH, 3200e8);
        uint256 ca = lens.getPosition(alice, ETH).collateral;
        uint256 cb = lens.getPosition(bob, ETH).collateral;
        vm.warp(vm.getBlockTimestamp() + 301); // sources go quiet: stale
        uint256 fee = _exitFee(3200e18);
        uint256 a0 = usd.balanceOf(alice);
        uint256 b0 = usd.balanceOf(bob);
        vm.prank(alice);
        direct.close(ETH); // +200 profit is not paid on a stale price
        vm.prank(bob);
        direct.close(ETH); // -200 loss is realised
        // equal and opposite funding over 301 s (skew 0): none
        assertEq(usd.balanceOf(alice) - a0, ca - fee);
        assertEq(usd.balanceOf(bob) - b0, cb - 200e6 - fee);
    }

    function test_close_inGuardedModeUsesWorsePriceForTrader() public {
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        vm.prank(bob);
        direct.open(ETH, -1e18, 1000e6);
        _setPrice(ETH, 2500e8); // crash, guarded: held 3000, candidate 2500
        (OracleStatus s) = lens.getMarket(ETH).oracleStatus;
        assertEq(uint256(s), uint256(OracleStatus.Guarded));
        vm.prank(alice);
        direct.close(ETH); // long exits at min(3000, 2500)
        vm.prank(bob);
        direct.close(ETH); // short exits at max(3000, 2500)
        // alice lost the 500 move, bob gained nothing from it
        assertGt(usd.balanceOf(bob) - usd.balanceOf(alice), 499e6);
        assertLt(usd.balanceOf(bob) - usd.balanceOf(alice), 501e6);
    }

    function test_close_revertsWithoutPosition() public {
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NoPosition.selector, alice, ETH));
        vm.prank(alice);
        direct.close(ETH);
    }

    function test_close_revertsWhenPoolCannotPayProfit() public {
        // a permissive tier (cap 200 % of the pool) lets LPs keep only half the notional
        TierParams memory t = blueChipTier();
        t.oiCapFraction = 2e18;
        config.setTier(0, t);
        _skip(POOL_MIN_HOLD_TIME); // the LP's shares unlock
        vm.prank(alice);
        direct.open(ETH, 100e18, 100_000e6);
        // the LP takes (almost) all the liquidity not backing the open interest, two-step
        usd.mint(lp, POOL_EXECUTION_FEE);
        uint256 out = _withdrawPool(lp, pool.convertToShares(engine.withdrawablePoolAssets()) * 99 / 100);
        assertGt(out, 0, "withdrawal executed");
        // ETH triples in steps below the circuit breaker: profit > pool assets
        int256 price = 3000e8;
        for (uint256 i; i < 13; ++i) {
            price = price * 109 / 100;
            _setPrice(ETH, price);
        }
        vm.expectPartialRevert(IPerpEngine.InsufficientPoolAssets.selector);
        vm.prank(alice);
        direct.close(ETH);
    }

    function test_withdrawablePoolAssets_keepsOpenInterestBacked() public {
        assertEq(engine.withdrawablePoolAssets(), engine.poolAssets());
        vm.prank(alice);
        direct.open(ETH, 100e18, 100_000e6); // 300,000 notional, cap 50 % → 600,000 must stay
        vm.prank(bob);
        direct.open(ETH, -10e18, 10_000e6); // the larger side counts
        assertEq(engine.withdrawablePoolAssets(), engine.poolAssets() - 600_000e6);
        // the direct ERC-4626 exits are closed: LPs leave through requests (LiquidityPool tests)
        assertEq(pool.maxWithdraw(lp), 0);
        assertEq(pool.maxRedeem(lp), 0);
        uint256 tooMuch = engine.withdrawablePoolAssets() + 1;
        vm.expectRevert(
            abi.encodeWithSelector(IPerpEngine.InsufficientPoolAssets.selector, tooMuch, tooMuch - 1)
        );
        vm.prank(address(pool));
        engine.debitPool(lp, tooMuch);
    }

    // ------------------------------------------------------------ collateral

    function test_addCollateral_worksWhenPausedAndStale() public {
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        uint256 c0 = lens.getPosition(alice, ETH).collateral;
        config.pauseAll();
        vm.warp(vm.getBlockTimestamp() + 1000);
        vm.prank(alice);
        engine.addCollateral(ETH, 100e6);
        assertEq(lens.getPosition(alice, ETH).collateral, c0 + 100e6);
    }

    function test_addCollateral_revertsOnZero() public {
        vm.expectRevert(IPerpEngine.ZeroAmount.selector);
        vm.prank(alice);
        engine.addCollateral(ETH, 0);
    }

    function test_addCollateral_revertsWithoutPosition() public {
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NoPosition.selector, alice, ETH));
        vm.prank(alice);
        engine.addCollateral(ETH, 1);
    }

    function test_removeCollateral_paysOut() public {
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        uint256 before = usd.balanceOf(alice);
        vm.prank(alice);
        engine.removeCollateral(ETH, 500e6);
        assertEq(usd.balanceOf(alice) - before, 500e6);
    }

    function test_removeCollateral_revertsOnZero() public {
        vm.expectRevert(IPerpEngine.ZeroAmount.selector);
        vm.prank(alice);
        engine.removeCollateral(ETH, 0);
    }

    function test_removeCollateral_revertsWithoutPosition() public {
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NoPosition.selector, alice, ETH));
        vm.prank(alice);
        engine.removeCollateral(ETH, 1);
    }

    function test_removeCollateral_revertsAboveCollateral() public {
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        uint256 c = lens.getPosition(alice, ETH).collateral;
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.InsufficientCollateral.selector, int256(c), c + 1));
        vm.prank(alice);
        engine.removeCollateral(ETH, c + 1);
    }

    function test_removeCollateral_revertsOverLeverage() public {
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        vm.expectPartialRevert(IPerpEngine.LeverageTooHigh.selector);
        vm.prank(alice);
        engine.removeCollateral(ETH, 900e6);
    }

    function test_removeCollateral_revertsOnStaleOracle() public {
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        vm.warp(vm.getBlockTimestamp() + 301);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.OracleStale.selector, ETH));
        vm.prank(alice);
        engine.removeCollateral(ETH, 1e6);
    }

    function test_removeCollateral_revertsOnGuardedOracle() public {
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        _setPrice(ETH, 2000e8);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.OracleGuarded.selector, ETH));
        vm.prank(alice);
        engine.removeCollateral(ETH, 1e6);
    }

    // ------------------------------------------------------------ funding

    function test_funding_crowdedLongPaysAndPoolReceivesNet() public {
        vm.prank(alice);
        direct.open(ETH, 10e18, 5000e6);
        vm.prank(bob);
        direct.open(ETH, -5e18, 5000e6);
        // rate = 1e11 · (10 - 5) / 15 per second
        int256 rate = int256(uint256(1e11) * 5e18 / 15e18);
        assertEq(lens.getMarket(ETH).fundingRatePerSecond, rate);
        vm.warp(vm.getBlockTimestamp() + 1000);
        // index += rate · 3000 · 1000
        int256 dIndex = rate * 3000 * 1000;
        assertEq(lens.getMarket(ETH).fundingIndex, dIndex);
        PositionView memory a = lens.getPosition(alice, ETH);
        PositionView memory b = lens.getPosition(bob, ETH);
        assertEq(a.fundingOwed, (10 * dIndex + 1e12 - 1) / 1e12);
        assertEq(b.fundingOwed, -(5 * dIndex) / 1e12);
        assertGt(a.fundingOwed + b.fundingOwed, 0); // the pool nets the skew

        uint256 aliceCollateral = a.collateral;
        uint256 poolBefore = engine.poolAssets();
        _skip(0);
        vm.prank(alice);
        direct.increase(ETH, 1e18, 0);
        uint256 fee = _expectedFee(3000e18);
        assertEq(lens.getPosition(alice, ETH).collateral, aliceCollateral - uint256(a.fundingOwed) - fee);
        assertEq(engine.poolAssets(), poolBefore + uint256(a.fundingOwed) + fee - 2 * (fee * 2 / 10));
    }

    function test_poke_accruesIndex() public {
        vm.prank(alice);
        direct.open(ETH, 10e18, 5000e6);
        vm.warp(vm.getBlockTimestamp() + 100);
        int256 expected = lens.getMarket(ETH).fundingIndex;
        engine.poke(ETH);
        assertEq(lens.getMarket(ETH).fundingIndex, expected);
        assertGt(expected, 0);
    }

    // ------------------------------------------------------------ pool & fee seams

    function test_setPool_revertsForNonOwnerAndTwice() public {
        PerpEngine fresh = new PerpEngine(usd, config, oracle);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NotOwner.selector, alice));
        vm.prank(alice);
        fresh.setPool(address(1));
        vm.expectRevert(IPerpEngine.ZeroAddress.selector);
        fresh.setPool(address(0));
        fresh.setPool(address(1));
        vm.expectRevert(IPerpEngine.PoolAlreadySet.selector);
        fresh.setPool(address(2));
    }

    function test_poolHooks_onlyPool() public {
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NotPool.selector, alice));
        vm.prank(alice);
        engine.creditPool(1);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NotPool.selector, alice));
        vm.prank(alice);
        engine.debitPool(alice, 1);
    }

    function test_debitPool_revertsAbovePoolAssets() public {
        uint256 assets = engine.poolAssets();
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.InsufficientPoolAssets.selector, assets + 1, assets));
        vm.prank(address(pool));
        engine.debitPool(alice, assets + 1);
    }

    function test_claimFees_onlyConfiguredRecipients() public {
        vm.prank(alice);
        direct.open(ETH, 2e18, 1000e6);
        address fund = address(new FeeRecipientStub(address(config), address(engine), 0));
        address vault = address(new FeeRecipientStub(address(config), address(engine), 0));
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NotFeeRecipient.selector, fund));
        vm.prank(fund);
        engine.claimInsuranceFees();
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NotFeeRecipient.selector, vault));
        vm.prank(vault);
        engine.claimStakerFees();

        config.setFeeRecipients(fund, vault);
        uint256 ins = engine.insuranceFees();
        uint256 stk = engine.stakerFees();
        vm.prank(fund);
        assertEq(engine.claimInsuranceFees(), ins);
        vm.prank(vault);
        assertEq(engine.claimStakerFees(), stk);
        assertEq(usd.balanceOf(fund), ins);
        assertEq(usd.balanceOf(vault), stk);
        assertEq(engine.insuranceFees(), 0);
        assertEq(engine.stakerFees(), 0);
    }

    // ------------------------------------------------------------ views

    function test_getPosition_emptyHasMaxHealth() public view {
        PositionView memory p = lens.getPosition(alice, ETH);
        assertEq(p.size, 0);
        assertEq(p.health, type(uint256).max);
        assertFalse(p.liquidatable);
    }

    function test_getPosition_reportsRiskNumbers() public {
        vm.prank(alice);
        direct.open(ETH, 2e18, 700e6); // ~8.6x
        _setPrice(ETH, 2800e8);
        PositionView memory p = lens.getPosition(alice, ETH);
        assertEq(p.unrealisedPnl, -400e6);
        assertEq(p.equity, int256(p.collateral) - 400e6);
        assertEq(p.maintenanceMarginRatio, lens.getMarket(ETH).currentMaintenanceMargin);
        assertEq(p.mmr, (5600e18 * p.maintenanceMarginRatio / WAD + 1e12 - 1) / 1e12);
        assertEq(p.health, uint256(p.equity) * WAD / p.mmr);
        assertGt(p.liquidationPrice, 2600e18);
        assertLt(p.liquidationPrice, 2700e18);
        assertFalse(p.liquidatable);
        _setPrice(ETH, 2670e8);
        assertTrue(lens.getPosition(alice, ETH).liquidatable);
    }

    function test_getMarket_reportsState() public {
        vm.prank(alice);
        direct.open(BTC, 0.5e18, 5000e6);
        MarketView memory m = lens.getMarket(BTC);
        assertEq(m.name, "BTC-USD");
        assertEq(m.tierId, 0);
        assertEq(m.price, 60_000e18);
        assertEq(uint256(m.oracleStatus), uint256(OracleStatus.Fresh));
        assertEq(m.longOpenInterest, 0.5e18);
        assertEq(m.openInterestCap, uint256(engine.poolAssets()) * 1e12 / 2);
        assertEq(m.fundingRatePerSecond, 1e11);
        assertEq(m.currentMaintenanceMargin, 0.01e18);
        assertEq(m.targetMaintenanceMargin, 0.01e18);
        assertEq(m.maxLeverage, 9e18);
        assertEq(m.initialMarginRatio, uint256(1e36 + 9e18 - 1) / 9e18); // ceil(1/9x): leverage binds
        assertEq(m.takerFee, 0.0005e18);
        assertFalse(m.paused);
    }

    function test_getPositions_readsEachKeyInOrder() public {
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        vm.prank(alice);
        direct.open(BTC, 0.01e18, 1000e6);
        vm.prank(bob);
        direct.open(SOL, -1e18, 100e6);
        PositionKey[] memory keys = new PositionKey[](4);
        keys[0] = PositionKey(bob, uint96(SOL));
        keys[1] = PositionKey(alice, uint96(ETH));
        keys[2] = PositionKey(bob, uint96(ETH)); // none
        keys[3] = PositionKey(alice, uint96(BTC));
        PositionView[] memory ps = lens.getPositions(keys);
        assertEq(ps.length, 4);
        assertEq(ps[0].size, -1e18);
        assertEq(ps[1].size, 1e18);
        assertEq(ps[1].equity, lens.getPosition(alice, ETH).equity);
        assertEq(ps[2].size, 0);
        assertEq(ps[2].trader, bob);
        assertEq(ps[2].health, type(uint256).max);
        assertEq(ps[3].marketId, BTC);
        assertEq(ps[3].size, 0.01e18);

        vm.prank(alice);
        direct.close(ETH);
        ps = lens.getPositions(keys);
        assertEq(ps[1].size, 0);
        assertEq(ps[1].collateral, 0);
        assertEq(ps[0].size, -1e18);
        assertEq(lens.getPositions(new PositionKey[](0)).length, 0);
    }

    /// @dev A close leaves the position's slots dirty (only the size is zeroed): nothing may read
    /// the rest. Closed: no position for every path; reopened: only the new terms count.
    function test_closedPositionSlotsAreNeverRead() public {
        vm.prank(alice);
        direct.open(ETH, 2e18, 1000e6);
        _setPrice(ETH, 3300e8);
        vm.startPrank(alice);
        direct.close(ETH);
        StoredPosition memory sp = engine.position(alice, ETH);
        assertEq(sp.size, 0);
        assertEq(sp.entryPrice, 0);
        assertEq(sp.collateral, 0);
        assertEq(sp.fundingIndex, 0);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NoPosition.selector, alice, ETH));
        engine.addCollateral(ETH, 1e6);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NoPosition.selector, alice, ETH));
        engine.removeCollateral(ETH, 1e6);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NoPosition.selector, alice, ETH));
        direct.close(ETH);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NoPosition.selector, alice, ETH));
        direct.reduce(ETH, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NoPosition.selector, alice, ETH));
        direct.increase(ETH, 1e18, 0);
        assertEq(lens.getPosition(alice, ETH).size, 0);
        assertEq(lens.getPosition(alice, ETH).collateral, 0);

        vm.stopPrank();

        // reopen short, smaller, at another price: nothing of the old long survives (the 10 % moves
        // raised the margin for new risk: 1 ETH at 3,100 needs 20 % initial margin)
        vm.warp(vm.getBlockTimestamp() + 1 hours);
        _setPrice(ETH, 3100e8);
        vm.prank(alice);
        direct.open(ETH, -1e18, 700e6);
        sp = engine.position(alice, ETH);
        uint256 fee = 700e6 - sp.collateral;
        assertGt(fee, 0);
        assertEq(sp.size, -1e18);
        assertEq(sp.entryPrice, 3100e18);
        assertEq(sp.fundingIndex, engine.marketState(ETH).fundingIndex);
        assertEq(lens.getMarket(ETH).longOpenInterest, 0);
        assertEq(lens.getMarket(ETH).shortOpenInterest, 1e18);
        assertEq(engine.traderNetPnl(ETH, 3100e18), 0);
        assertEq(usd.balanceOf(address(engine)), _protocolLiabilities());
    }

    // ------------------------------------------------------------ events

    function test_events_everyPositionChange() public {
        vm.prank(alice);
        direct.open(ETH, 2e18, 1100e6);
        uint256 c0 = lens.getPosition(alice, ETH).collateral;
        vm.warp(vm.getBlockTimestamp() + 100);
        _skip(0);
        // alice alone long: rate = fundingFactor, index = 1e11 · 3000 · 100
        int256 funding = int256((2 * uint256(1e11) * 3000 * 100 + 1e12 - 1) / 1e12);
        uint256 fee = _expectedFee(3000e18);
        vm.expectEmit(address(engine));
        emit IPerpEngine.FundingSettled(alice, ETH, funding);
        vm.expectEmit(address(engine));
        emit IPerpEngine.PositionIncreased(alice, ETH, 3e18, 3000e18, c0 - uint256(funding) - fee, fee);
        vm.prank(alice);
        direct.increase(ETH, 1e18, 0);

        uint256 c1 = lens.getPosition(alice, ETH).collateral;
        vm.expectEmit(address(engine));
        emit IPerpEngine.CollateralAdded(alice, ETH, 10e6, c1 + 10e6);
        vm.prank(alice);
        engine.addCollateral(ETH, 10e6);
        vm.expectEmit(address(engine));
        emit IPerpEngine.CollateralRemoved(alice, ETH, 20e6, c1 - 10e6);
        vm.prank(alice);
        engine.removeCollateral(ETH, 20e6);

        _setPrice(ETH, 3100e8);
        vm.expectEmit(address(engine));
        emit IPerpEngine.PositionReduced(alice, ETH, 2e18, 3100e18, 100e6, _exitFee(3100e18));
        vm.prank(alice);
        direct.reduce(ETH, 1e18);

        uint256 c2 = lens.getPosition(alice, ETH).collateral;
        uint256 exitFee = _exitFee(6200e18);
        vm.expectEmit(address(engine));
        emit IPerpEngine.PositionClosed(alice, ETH, 3100e18, 200e6, c2 + 200e6 - exitFee, exitFee);
        vm.prank(alice);
        direct.close(ETH);
    }

    function test_events_poke() public {
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        vm.warp(vm.getBlockTimestamp() + 10);
        vm.expectEmit(address(engine));
        emit IPerpEngine.MarketAccrued(ETH, int256(uint256(1e11) * 3000 * 10), 1e11);
        engine.poke(ETH);
        assertEq(lens.getMarket(ETH).fundingIndex, int256(uint256(1e11) * 3000 * 10));
    }

    function test_events_poolCreditAndDebit() public {
        // LP flows are two-step: the engine's events come with the executions
        (uint256 id, LpRequest memory r) = _requestDeposit(bob, 5e6, 0);
        _skip(POOL_MIN_DELAY);
        uint256[] memory idx = _lpObservations(r);
        vm.expectEmit(address(engine));
        emit IPerpEngine.PoolCredited(5e6);
        pool.executeRequest(id, r, idx);
        _skip(POOL_MIN_HOLD_TIME);
        (id, r) = _requestWithdraw(bob, pool.balanceOf(bob) / 5, 0);
        _skip(POOL_MIN_DELAY);
        idx = _lpObservations(r);
        // the pool takes the assets and pays the owner; amount: the conversion's rounding
        vm.expectEmit(true, true, true, false, address(engine));
        emit IPerpEngine.PoolDebited(address(pool), 1e6);
        pool.executeRequest(id, r, idx);

        PerpEngine fresh = new PerpEngine(usd, config, oracle);
        vm.expectEmit(address(fresh));
        emit IPerpEngine.PoolSet(address(9));
        fresh.setPool(address(9));
    }

    function test_balanceEqualsLiabilitiesAfterASequence() public {
        vm.prank(alice);
        direct.open(ETH, 3e18, 1100e6);
        vm.prank(bob);
        direct.open(ETH, -1e18, 700e6);
        _skip(500);
        _setPrice(ETH, 3100e8);
        vm.prank(alice);
        direct.reduce(ETH, 1e18);
        vm.prank(bob);
        engine.addCollateral(ETH, 50e6);
        vm.prank(bob);
        direct.close(ETH);
        assertEq(usd.balanceOf(address(engine)), _protocolLiabilities());
    }
}

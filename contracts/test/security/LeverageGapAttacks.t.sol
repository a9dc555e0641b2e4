// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LiquidationFixture} from "../utils/LiquidationFixture.sol";
import {PositionView} from "../../src/interfaces/IPerpEngine.sol";
import {LiquidationResult} from "../../src/interfaces/IPerpEngineLiquidation.sol";
import {WaterfallTotals} from "../../src/interfaces/IInsurance.sol";
import {OracleStatus} from "../../src/interfaces/IOracleAggregator.sol";

/// @notice Issue 13: entry leverage against one oracle step. The crash replay lab found that the
/// bad debt of every replayed crash came from positions opened at up to 20x (≈ 4 % from
/// insolvency after fees and penalty) while the oracle accepts single steps of 10 %. The
/// gap-aware leverage cap (`RiskParameterTable.checkLeverageGap`: 1/maxLeverage ≥ maxJump +
/// penalty + taker fee, enforced by `RiskConfig` on every change of either side) means a position
/// opened at the tier's max leverage survives one accepted step with its penalty paid.
/// Each test was run against the code before the cap (devnet tier 0 at 20x), where it failed.
contract LeverageGapAttacksTest is LiquidationFixture {
    uint256 internal constant SCALE = 1e12;

    /// @dev Collateral (token units) that opens `size` of `marketId` at the tier's max leverage:
    /// the smallest equity after the fee with N / Q ≤ maxLeverage, plus the fee (upper bound:
    /// taker fee + impact fee both ≤ 0.2 % of notional here, rounded up a token).
    function _collateralAtMaxLeverage(uint256 marketId, int256 size) internal view returns (uint256) {
        uint256 price = oracle.latest(marketId).price;
        uint256 q = size > 0 ? uint256(size) : uint256(-size);
        uint256 notional = q * price / 1e18;
        uint256 maxLev = config.marketConfig(marketId).maxLeverage;
        uint256 equity = (notional * 1e18 + maxLev * SCALE - 1) / (maxLev * SCALE) + 1;
        // the fee the engine takes (taker + impact; the impact part uses the pool's marked value)
        uint256 feeRate = config.marketParams(marketId).takerFee
            + (config.marketParams(marketId).impactFactor * notional) / (pool.totalAssets() * SCALE) + 1;
        uint256 fee = (notional * feeRate / 1e18) / SCALE + 2;
        return equity + fee;
    }

    /// @dev Moves every source of `marketId` by `moveWad` (signed fraction) of the accepted price.
    function _step(uint256 marketId, int256 moveWad) internal {
        int256 price8 = int256(oracle.latest(marketId).price / 1e10);
        _setPrice(marketId, price8 * (1e18 + moveWad) / 1e18);
    }

    /// @notice The attack: open at the tier's max leverage in a calm market, then one oracle step
    /// of exactly `maxJump` against the position (accepted: not guarded). Before the cap (20x at
    /// 10 % maxJump) the position's equity went to about −5 % of its notional and the liquidation
    /// left bad debt for the buffer and the stakers; now it is liquidated with its penalty paid.
    function test_attack_openAtMaxLeverageOneMaxOracleStepBadDebt() public {
        _attack(ETH, 10e18);
        _attack(BTC, -0.5e18);
        _attack(SOL, 100e18);
    }

    function _attack(uint256 marketId, int256 size) internal {
        uint256 collateral = _collateralAtMaxLeverage(marketId, size);
        vm.prank(alice);
        direct.open(marketId, size, collateral);
        PositionView memory opened = lens.getPosition(alice, marketId);
        uint256 maxLev = config.marketConfig(marketId).maxLeverage;
        emit log_named_decimal_uint("leverage at open (x)", opened.leverage, 18);
        emit log_named_decimal_uint("tier max leverage (x)", maxLev, 18);
        assertGt(opened.leverage, maxLev * 99 / 100, "opened at the tier's max leverage");

        int256 jump = int256(uint256(config.oracleParams(marketId).maxJump));
        _step(marketId, size > 0 ? -jump : jump);
        assertEq(uint256(oracle.latest(marketId).status), uint256(OracleStatus.Fresh), "the step was accepted");
        PositionView memory hit = lens.getPosition(alice, marketId);
        uint256 penaltyRate = config.tier(config.marketTier(marketId)).liquidationPenalty;
        uint256 penalty = hit.notional * penaltyRate / 1e18 / SCALE;
        emit log_named_decimal_int("equity after one max step (tUSD)", hit.equity, 6);
        emit log_named_decimal_uint("liquidation penalty on it (tUSD)", penalty, 6);
        assertGe(hit.equity, int256(penalty), "one accepted oracle step left less than the penalty (or bad debt)");

        // the market keeps going, in small steps, until a keeper may liquidate
        for (uint256 i; i < 20 && !lens.getPosition(alice, marketId).liquidatable; ++i) {
            _step(marketId, size > 0 ? -0.005e18 : int256(0.005e18));
        }
        assertTrue(lens.getPosition(alice, marketId).liquidatable, "liquidatable after the walk");
        WaterfallTotals memory before = fund.waterfallTotals();
        vm.prank(keeper);
        LiquidationResult memory r = liq.liquidate(alice, marketId);
        WaterfallTotals memory afterT = fund.waterfallTotals();
        emit log_named_decimal_uint("bad debt (tUSD)", afterT.badDebt - before.badDebt, 6);
        assertEq(afterT.badDebt, before.badDebt, "bad debt");
        assertEq(r.shortfall, 0, "shortfall");
        assertGt(r.penalty, 0, "the penalty was paid");
    }

    /// @notice Fuzzed: any position that can open (any side, leverage up to the max) survives any
    /// one accepted step (up to maxJump) against it without bad debt.
    function testFuzz_noBadDebtFromOneAcceptedStep(uint256 marketSeed, bool isLong, uint256 levSeed, uint256 stepSeed)
        public
    {
        uint256 marketId = bound(marketSeed, 0, 2);
        uint256 maxLev = config.marketConfig(marketId).maxLeverage;
        uint256 price = oracle.latest(marketId).price;
        uint256 notional = 30_000e18;
        int256 size = int256(notional * 1e18 / price);
        if (!isLong) size = -size;
        uint256 minCollateral = _collateralAtMaxLeverage(marketId, size);
        uint256 collateral = bound(levSeed, minCollateral, minCollateral * 4);
        vm.prank(alice);
        direct.open(marketId, size, collateral);

        uint256 jump = bound(stepSeed, 0, config.oracleParams(marketId).maxJump);
        _step(marketId, isLong ? -int256(jump) : int256(jump));
        assertEq(uint256(oracle.latest(marketId).status), uint256(OracleStatus.Fresh));
        if (!lens.getPosition(alice, marketId).liquidatable) return;
        WaterfallTotals memory before = fund.waterfallTotals();
        vm.prank(keeper);
        liq.liquidate(alice, marketId);
        assertEq(fund.waterfallTotals().badDebt, before.badDebt, "bad debt from one accepted step");
    }
}

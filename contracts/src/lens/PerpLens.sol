// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPerpLens} from "../interfaces/IPerpLens.sol";
import {IPerpEngine, PositionView, MarketView, PositionKey} from "../interfaces/IPerpEngine.sol";
import {IPerpEngineTrading, StoredPosition, StoredMarket} from "../interfaces/IPerpEngineTrading.sol";
import {ILiquidityPool} from "../interfaces/ILiquidityPool.sol";
import {IRiskConfig, MarketConfig} from "../interfaces/IRiskConfig.sol";
import {IOracleAggregator, LatestPrice} from "../interfaces/IOracleAggregator.sol";
import {PositionMath} from "../libraries/PositionMath.sol";
import {MarketMath} from "../libraries/MarketMath.sol";
import {FixedPointMath} from "../libraries/FixedPointMath.sol";
import {Units} from "../libraries/Units.sol";

/// @title PerpLens
/// @notice Read-only views of the perp engine for the dashboard and the keeper, derived from the
/// engine's raw state with the maths the engine trades with (PositionMath, MarketMath). Holds no
/// state of its own, so it can be redeployed freely.
contract PerpLens is IPerpLens {
    using FixedPointMath for uint256;

    uint256 internal constant WAD = 1e18;
    uint256 internal constant YEAR = 365 days;

    IPerpEngine public immutable engine;
    IRiskConfig public immutable config;
    IOracleAggregator public immutable oracle;
    uint256 public immutable scale;

    /// @dev What one view needs about its market.
    struct Ctx {
        MarketConfig cfg;
        LatestPrice px;
        StoredMarket ms;
        uint256 mm;
    }

    constructor(address engine_) {
        engine = IPerpEngine(engine_);
        config = IPerpEngine(engine_).config();
        oracle = IPerpEngine(engine_).oracle();
        scale = IPerpEngine(engine_).scale();
    }

    /// @inheritdoc IPerpLens
    function getPosition(address trader, uint256 marketId) public view returns (PositionView memory v) {
        v.trader = trader;
        v.marketId = marketId;
        StoredPosition memory pos = IPerpEngineTrading(address(engine)).position(trader, marketId);
        if (pos.size == 0) {
            v.health = type(uint256).max;
            return v;
        }
        Ctx memory c = _load(marketId);
        v.size = pos.size;
        v.entryPrice = pos.entryPrice;
        v.collateral = pos.collateral;
        v.markPrice = c.px.price;
        v.notional = PositionMath.notional(pos.size, c.px.price);
        int256 pnlWad = PositionMath.unrealisedPnl(pos.size, pos.entryPrice, c.px.price);
        int256 fundingWad = PositionMath.fundingOwed(pos.size, c.ms.fundingIndex, pos.fundingIndex);
        v.unrealisedPnl = Units.toTokensDown(pnlWad, scale);
        v.fundingOwed = Units.toTokensUp(fundingWad, scale);
        v.equity = PositionMath.equity(pos.collateral, pnlWad, fundingWad, scale);
        v.maintenanceMarginRatio = c.mm;
        v.initialMarginRatio = MarketMath.newRiskInitialRatio(c.px, c.cfg);
        v.mmr = PositionMath.marginRequirement(v.notional, c.mm, scale);
        v.imr = PositionMath.marginRequirement(v.notional, v.initialMarginRatio, scale);
        v.health = PositionMath.health(v.equity, v.mmr);
        v.liquidationPrice =
            PositionMath.liquidationPrice(pos.size, pos.entryPrice, pos.collateral, v.fundingOwed, c.mm, scale);
        v.leverage = PositionMath.leverage(v.notional, v.equity, scale);
        // What `liquidatePosition` tests: health at the exit price, which is the accepted price
        // when fresh and the conservative one when guarded or stale, so keepers see every
        // position they may liquidate (not only those underwater at a price the market has left).
        uint256 exit = MarketMath.exitPrice(c.px, pos.size > 0);
        if (exit == c.px.price) {
            v.liquidatable = v.health < WAD;
        } else {
            int256 exitEquity = PositionMath.equity(
                pos.collateral, PositionMath.unrealisedPnl(pos.size, pos.entryPrice, exit), fundingWad, scale
            );
            uint256 exitMmr = PositionMath.marginRequirement(PositionMath.notional(pos.size, exit), c.mm, scale);
            v.liquidatable = PositionMath.health(exitEquity, exitMmr) < WAD;
        }
    }

    /// @inheritdoc IPerpLens
    function getMarket(uint256 marketId) external view returns (MarketView memory v) {
        Ctx memory c = _load(marketId);
        v.marketId = marketId;
        v.name = config.marketName(marketId);
        v.tierId = config.marketTier(marketId);
        v.price = c.px.price;
        v.oracleStatus = c.px.status;
        v.longOpenInterest = c.ms.longOpenInterest;
        v.shortOpenInterest = c.ms.shortOpenInterest;
        address pool = engine.pool();
        uint256 value = pool == address(0) ? 0 : ILiquidityPool(pool).poolValue().value;
        v.openInterestCap = (value * scale).mulDivDown(c.cfg.oiCapFraction, WAD);
        v.fundingRatePerSecond = c.ms.fundingRatePerSecond;
        v.fundingIndex = c.ms.fundingIndex;
        (, uint256 target, uint256 variance) = oracle.margin(marketId);
        v.currentMaintenanceMargin = c.mm;
        v.targetMaintenanceMargin = MarketMath.clampMm(target, c.cfg);
        v.variancePerSecond = variance;
        v.volatility = FixedPointMath.sqrtWad(variance * YEAR);
        v.maxLeverage = c.cfg.maxLeverage;
        v.initialMarginRatio = MarketMath.newRiskInitialRatio(c.px, c.cfg);
        v.takerFee = c.cfg.takerFee;
        v.paused = c.cfg.paused;
    }

    /// @inheritdoc IPerpLens
    function getPositions(PositionKey[] calldata keys) external view returns (PositionView[] memory positions) {
        positions = new PositionView[](keys.length);
        for (uint256 i; i < keys.length; ++i) {
            positions[i] = getPosition(keys[i].trader, keys[i].marketId);
        }
    }

    function _load(uint256 marketId) internal view returns (Ctx memory c) {
        c.cfg = config.marketConfig(marketId);
        c.px = oracle.latest(marketId);
        c.mm = MarketMath.clampMm(c.px.mmCurrent, c.cfg);
        c.ms = IPerpEngineTrading(address(engine)).marketState(marketId);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMath} from "./FixedPointMath.sol";
import {PositionMath} from "./PositionMath.sol";
import {MarketConfig} from "../interfaces/IRiskConfig.sol";
import {OracleStatus, LatestPrice} from "../interfaces/IOracleAggregator.sol";

/// @title MarketMath
/// @notice The market-level maths the engine trades with and the lens shows (one formula, one
/// place): funding rate and accrual, the exit price, the margin clamps, realisable PnL and the
/// traders' aggregate PnL against the pool. Prices and indices WAD; sizes WAD base units.
library MarketMath {
    using FixedPointMath for uint256;

    uint256 internal constant WAD = 1e18;

    /// @notice Skew-based funding rate per second (WAD, signed, magnitude floored):
    /// fundingFactor · (L − S) / (L + S). Positive: longs pay; the pool receives the net.
    function fundingRate(uint256 l, uint256 s, uint256 fundingFactor) internal pure returns (int256) {
        if (l == s) return 0;
        uint256 magnitude = fundingFactor.mulDivDown(l > s ? l - s : s - l, l + s);
        return l > s ? int256(magnitude) : -int256(magnitude);
    }

    /// @notice The funding index accrued from `lastAccrual` to `nowTs` at `rate` and `price`:
    /// I + rate · P · dt / WAD (magnitude floored). Unchanged when never accrued or no time passed.
    function accruedIndex(int256 index, uint256 lastAccrual, int256 rate, uint256 price, uint256 nowTs)
        internal
        pure
        returns (int256)
    {
        if (lastAccrual == 0 || nowTs <= lastAccrual || rate == 0) return index;
        uint256 delta = _abs(rate).mulDivDown(price * (nowTs - lastAccrual), WAD);
        return rate > 0 ? index + int256(delta) : index - int256(delta);
    }

    /// @notice Exit (and liquidation) price: the accepted price when fresh. In guarded mode (or
    /// stale after a guard) the worse, for the position, of the held price and the rejected
    /// candidate, so nobody exits at a price the market has already left; stale for longer than
    /// the grace window, that price moved against the position by the stressed move (maxJump).
    function exitPrice(LatestPrice memory px, bool isLong) internal pure returns (uint256 price) {
        price = px.price;
        uint256 pending = px.pendingPrice;
        if (pending != 0 && (isLong ? pending < price : pending > price)) price = pending;
        uint256 stress = px.stressedMove;
        if (stress != 0) price = isLong ? price.mulDivDown(WAD - stress, WAD) : price.mulDivUp(WAD + stress, WAD);
    }

    /// @notice The maintenance margin ratio within the tier's floor and ceiling (governance
    /// changes to them apply at once).
    function clampMm(uint256 mm, MarketConfig memory cfg) internal pure returns (uint256) {
        if (mm < cfg.mmBase) return cfg.mmBase;
        if (mm > cfg.mmMax) return cfg.mmMax;
        return mm;
    }

    /// @notice Initial margin ratio for a (clamped) maintenance ratio `mm`.
    function initialRatio(uint256 mm, MarketConfig memory cfg) internal pure returns (uint256) {
        return PositionMath.initialMarginRatio(mm, cfg.imMultiplier, cfg.maxLeverage);
    }

    /// @notice The maintenance ratio new risk (open, increase, collateral withdrawal) is priced
    /// at: clampMm(max(mmCurrent, mmTarget)). Open positions' margin rises gradually (a margin
    /// call must be answerable); new risk meets the measured volatility at once.
    function newRiskMm(LatestPrice memory px, MarketConfig memory cfg) internal pure returns (uint256) {
        return clampMm(px.mmTarget > px.mmCurrent ? px.mmTarget : px.mmCurrent, cfg);
    }

    /// @notice Initial margin ratio of new risk: `initialRatio(newRiskMm(px, cfg), cfg)`.
    function newRiskInitialRatio(LatestPrice memory px, MarketConfig memory cfg) internal pure returns (uint256) {
        return initialRatio(newRiskMm(px, cfg), cfg);
    }

    /// @notice On a stale oracle an exit at the engine's own price realises losses but not
    /// profits: the protocol cannot verify a price it could not refresh.
    function realisable(int256 pnl, OracleStatus status) internal pure returns (int256) {
        if (pnl > 0 && status == OracleStatus.Stale) return 0;
        return pnl;
    }

    /// @notice A position's term in its side's K: |s| · (E − I_pos) (WAD², exact). The engine keeps
    /// K_L − K_S, so a long adds its term and a short subtracts it.
    function entryFundingTerm(uint256 size, uint256 entryPrice, int256 fundingIndex) internal pure returns (int256) {
        return int256(size) * (int256(entryPrice) - fundingIndex);
    }

    /// @notice Traders' net PnL minus funding owed (WAD USD) at `price`:
    /// ceil(((P − I)·(L − S) − kNet) / WAD) with kNet = K_L − K_S. Rounded up (toward the traders),
    /// so the pool's marked value is never flattered.
    function traderNetPnl(uint256 price, int256 index, uint256 l, uint256 s, int256 kNet)
        internal
        pure
        returns (int256)
    {
        int256 num = (int256(price) - index) * (int256(l) - int256(s)) - kNet;
        int256 q = num / int256(WAD); // truncates toward zero
        if (num > 0 && q * int256(WAD) != num) q += 1;
        return q;
    }

    function _abs(int256 x) private pure returns (uint256) {
        return x >= 0 ? uint256(x) : uint256(-x);
    }
}

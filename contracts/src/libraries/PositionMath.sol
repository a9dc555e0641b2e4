// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMath} from "./FixedPointMath.sol";
import {Units} from "./Units.sol";

/// @title PositionMath
/// @notice The position maths of the spec (isolated margin), as pure functions. The TypeScript
/// risk module re-implements these; every formula below is the EXACT integer computation.
/// Notation: WAD = 1e18; s = signed size (WAD base units, + long, - short); |s| its magnitude;
/// E = entry price, P = mark price (WAD USD per base unit); C = collateral (token units);
/// scale = 10^(18 - tokenDecimals); ceil/floor are toward +/- infinity, also for negatives.
/// Every rounding favours the protocol: what the trader owes rounds up, what it is owed rounds
/// down, requirements round up, health rounds down, liquidation prices round toward the mark.
library PositionMath {
    using FixedPointMath for uint256;

    uint256 internal constant WAD = 1e18;

    /// @notice Notional N (WAD USD) = ceil(|s| · P / WAD).
    function notional(int256 size, uint256 price) internal pure returns (uint256) {
        return _abs(size).mulDivUp(price, WAD);
    }

    /// @notice Unrealised PnL U (WAD USD, signed) = floor(s · (P - E) / WAD).
    function unrealisedPnl(int256 size, uint256 entryPrice, uint256 price) internal pure returns (int256) {
        return _mulWadFloor(size, int256(price) - int256(entryPrice));
    }

    /// @notice Funding owed F (WAD USD, signed; > 0 means the trader pays) =
    /// ceil(s · (I - I0) / WAD), where I is the market's cumulative funding index now and I0 the
    /// index at the position's last settlement (both WAD USD per base unit).
    function fundingOwed(int256 size, int256 indexNow, int256 indexAtSettle) internal pure returns (int256) {
        return _mulWadCeil(size, indexNow - indexAtSettle);
    }

    /// @notice Equity Q (token units, signed) = C + floor(U / scale) - ceil(F / scale).
    function equity(uint256 collateral, int256 pnlWad, int256 fundingWad, uint256 scale)
        internal
        pure
        returns (int256)
    {
        return int256(collateral) + Units.toTokensDown(pnlWad, scale) - Units.toTokensUp(fundingWad, scale);
    }

    /// @notice Margin requirement (token units) for a ratio r (WAD; mm for MMR, im for IMR) =
    /// ceil(ceil(N · r / WAD) / scale).
    function marginRequirement(uint256 notionalWad, uint256 ratio, uint256 scale) internal pure returns (uint256) {
        return Units.toTokensUp(notionalWad.mulDivUp(ratio, WAD), scale);
    }

    /// @notice Initial margin ratio im (WAD) = max(ceil(mm · imMultiplier / WAD), ceil(WAD · WAD / maxLeverage)).
    /// @dev im ≥ mm because imMultiplier ≥ WAD (config bound); the second term caps leverage.
    function initialMarginRatio(uint256 mm, uint256 imMultiplier, uint256 maxLeverage) internal pure returns (uint256) {
        uint256 byMm = mm.mulDivUp(imMultiplier, WAD);
        uint256 byLeverage = WAD.mulDivUp(WAD, maxLeverage);
        return byMm > byLeverage ? byMm : byLeverage;
    }

    /// @notice Health H (WAD) = type(uint256).max if MMR = 0 (no size); 0 if Q ≤ 0;
    /// else floor(Q · WAD / MMR). Liquidatable when H < WAD.
    function health(int256 equityTokens, uint256 mmrTokens) internal pure returns (uint256) {
        if (mmrTokens == 0) return type(uint256).max;
        if (equityTokens <= 0) return 0;
        return uint256(equityTokens).mulDivDown(WAD, mmrTokens);
    }

    /// @notice Leverage (WAD) = type(uint256).max if Q ≤ 0; 0 if N = 0;
    /// else ceil(N · WAD / (Q · scale)).
    function leverage(uint256 notionalWad, int256 equityTokens, uint256 scale) internal pure returns (uint256) {
        if (notionalWad == 0) return 0;
        if (equityTokens <= 0) return type(uint256).max;
        return notionalWad.mulDivUp(WAD, uint256(equityTokens) * scale);
    }

    /// @notice Liquidation price (WAD); 0 when s = 0 or no positive price liquidates the position.
    /// Let Cw = C · scale and Fw = Fq · scale, where Fq is the funding owed already converted to
    /// token units (ceil(F / scale), signed), so the price matches the equity used for health.
    /// Long:  num = ceil(|s| · E / WAD) - Cw + Fw;  if num ≤ 0 → 0;
    ///        P_liq = ceil(num · WAD² / (|s| · (WAD - mm)))      (spec: (s·E − C + F)/(s·(1 − mm)))
    /// Short: num = floor(|s| · E / WAD) + Cw - Fw; if num ≤ 0 → 0;
    ///        P_liq = floor(num · WAD² / (|s| · (WAD + mm)))     (spec: (q·E + C − F)/(q·(1 + mm)))
    /// A long's price rounds up and a short's down: both toward the mark (earlier liquidation).
    function liquidationPrice(
        int256 size,
        uint256 entryPrice,
        uint256 collateral,
        int256 fundingTokens,
        uint256 mm,
        uint256 scale
    ) internal pure returns (uint256) {
        if (size == 0) return 0;
        uint256 q = _abs(size);
        int256 cw = int256(collateral * scale);
        int256 fw = fundingTokens * int256(scale);
        if (size > 0) {
            int256 num = int256(q.mulDivUp(entryPrice, WAD)) - cw + fw;
            if (num <= 0) return 0;
            return uint256(num).mulDivUp(WAD * WAD, q * (WAD - mm));
        } else {
            int256 num = int256(q.mulDivDown(entryPrice, WAD)) + cw - fw;
            if (num <= 0) return 0;
            return uint256(num).mulDivDown(WAD * WAD, q * (WAD + mm));
        }
    }

    /// @notice Entry price after adding |d| at price P to |s| at entry E, same direction:
    /// long: ceil((|s|·E + |d|·P) / (|s| + |d|)); short: floor(same). Worse entry for the trader.
    function averageEntry(int256 size, uint256 entryPrice, uint256 sizeDelta, uint256 price)
        internal
        pure
        returns (uint256)
    {
        uint256 q = _abs(size);
        uint256 total = q + sizeDelta;
        // both products are ≤ 2^256 for sizes and prices below 1e36 (bounded by int96/uint96 storage)
        uint256 num = q * entryPrice + sizeDelta * price;
        return size > 0 ? num.mulDivUp(1, total) : num / total;
    }

    function _abs(int256 x) private pure returns (uint256) {
        return x >= 0 ? uint256(x) : uint256(-x);
    }

    /// @dev floor(a · b / WAD) for signed a, b.
    function _mulWadFloor(int256 a, int256 b) private pure returns (int256) {
        int256 sign = (a < 0) != (b < 0) ? int256(-1) : int256(1);
        uint256 m = _abs(a);
        uint256 n = _abs(b);
        if (sign > 0) return int256(m.mulDivDown(n, WAD));
        return -int256(m.mulDivUp(n, WAD));
    }

    /// @dev ceil(a · b / WAD) for signed a, b.
    function _mulWadCeil(int256 a, int256 b) private pure returns (int256) {
        int256 sign = (a < 0) != (b < 0) ? int256(-1) : int256(1);
        uint256 m = _abs(a);
        uint256 n = _abs(b);
        if (sign > 0) return int256(m.mulDivUp(n, WAD));
        return -int256(m.mulDivDown(n, WAD));
    }
}

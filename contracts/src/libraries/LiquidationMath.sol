// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMath} from "./FixedPointMath.sol";
import {PositionMath} from "./PositionMath.sol";
import {Units} from "./Units.sol";
import {PartialQuote} from "../interfaces/IPerpEngineLiquidation.sol";

/// @title LiquidationMath
/// @notice How much of a position a liquidation closes, and how its penalty is split.
library LiquidationMath {
    using FixedPointMath for uint256;

    uint256 internal constant WAD = 1e18;

    /// @notice Smallest size x (WAD base units) whose closing at `price` with penalty `pr·x·P`
    /// leaves equity ≥ im · (q − x) · P:  x ≥ (im·N − Q) / (P·(im − pr)).
    /// `equityWad` is the equity in WAD USD; `marginWad` a rounding cushion added to the target
    /// (token rounding of requirement, PnL and penalty). Returns `q` (full) when im ≤ pr or the
    /// equity is not positive.
    function partialCloseSize(
        uint256 q,
        uint256 price,
        int256 equityWad,
        uint256 im,
        uint256 pr,
        uint256 marginWad
    ) internal pure returns (uint256) {
        if (equityWad <= 0 || im <= pr) return q;
        uint256 n = q.mulDivUp(price, WAD);
        uint256 target = n.mulDivUp(im, WAD) + marginWad;
        if (target <= uint256(equityWad)) return 0;
        uint256 closeNotional = (target - uint256(equityWad)).mulDivUp(WAD, im - pr);
        uint256 x = closeNotional.mulDivUp(WAD, price);
        return x > q ? q : x;
    }

    /// @notice ceil(notional · rate / WAD): the penalty in WAD USD. notional < 2^128, rate ≤ 0.2e18.
    function penaltyWad(uint256 notionalWad, uint256 rate) internal pure returns (uint256) {
        return (notionalWad * rate + WAD - 1) / WAD;
    }

    /// @notice The smallest close restoring initial margin on the rest, with the engine's exact
    /// token rounding checked: 0 (= close in full) when the rest would be dust, the collateral
    /// would not stay positive, or the rest would still miss initial margin.
    function checkedPartialSize(PartialQuote memory q, uint256 scale, uint256 dustNotional)
        internal
        pure
        returns (uint256 y)
    {
        uint256 abs = q.size >= 0 ? uint256(q.size) : uint256(-q.size);
        int256 equity = int256(q.collateral)
            + Units.toTokensDown(PositionMath.unrealisedPnl(q.size, q.entryPrice, q.price), scale) - q.funding;
        y = partialCloseSize(abs, q.price, equity * int256(scale), q.im, q.penaltyRate, 2 * scale);
        if (y == 0 || y >= abs) return 0;
        if (PositionMath.notional(int256(abs - y), q.price) < dustNotional * scale) return 0;
        if (!restHolds(q, q.size > 0 ? int256(y) : -int256(y), scale)) return 0;
    }

    /// @notice Closing `closed` (signed) keeps positive collateral after the penalty and leaves
    /// the rest at initial margin, with the engine's token rounding.
    function restHolds(PartialQuote memory q, int256 closed, uint256 scale) internal pure returns (bool) {
        uint256 penalty = Units.toTokensUp(penaltyWad(PositionMath.notional(closed, q.price), q.penaltyRate), scale);
        int256 newCollateral = int256(q.collateral)
            + Units.toTokensDown(PositionMath.unrealisedPnl(closed, q.entryPrice, q.price), scale) - q.funding
            - int256(penalty);
        if (newCollateral <= 0) return false;
        int256 rest = q.size - closed;
        int256 restEquity =
            newCollateral + Units.toTokensDown(PositionMath.unrealisedPnl(rest, q.entryPrice, q.price), scale);
        return restEquity >= int256(PositionMath.marginRequirement(PositionMath.notional(rest, q.price), q.im, scale));
    }

    /// @notice Splits `penalty`: the liquidator's part (floor), then stakers' part of the rest
    /// (floor), the buffer gets what is left.
    function split(uint256 penalty, uint256 keeperShare, uint256 stakerShare)
        internal
        pure
        returns (uint256 toKeeper, uint256 toStakers, uint256 toBuffer)
    {
        // penalty < 2^128 and shares ≤ 1e18 (bounded by the liquidation engine): no overflow
        toKeeper = penalty * keeperShare / WAD;
        uint256 rest = penalty - toKeeper;
        toStakers = rest * stakerShare / WAD;
        toBuffer = rest - toStakers;
    }
}

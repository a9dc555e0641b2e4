// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMath} from "./FixedPointMath.sol";

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

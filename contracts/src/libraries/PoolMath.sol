// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMath} from "./FixedPointMath.sol";
import {PoolValue} from "../interfaces/ILiquidityPool.sol";

/// @title PoolMath
/// @notice The liquidity pool's marked value. Every rounding goes against the LPs (the traders'
/// PnL is counted larger, the value smaller), so neither a depositor nor a withdrawer can gain from
/// a wei.
library PoolMath {
    uint256 internal constant WAD = 1e18;

    /// @notice The value from its parts. `traderPnlWad` is Σ_m traderNetPnl (WAD USD, signed),
    /// divided by `scale` once, rounding up (a loss counts a wei smaller, a profit a wei larger).
    /// Counted profit is capped at ceil(maxPnlFraction · (tokens + receivable)); losses are not
    /// capped. value = tokens + receivable − counted, floored at 0.
    function value(uint256 tokens, uint256 receivable, int256 traderPnlWad, uint256 scale, uint256 maxPnlFraction)
        internal
        pure
        returns (PoolValue memory v)
    {
        v.tokens = tokens;
        v.receivable = receivable;
        v.traderPnl = FixedPointMath.divCeil(traderPnlWad, scale);
        uint256 backing = tokens + receivable;
        int256 counted = v.traderPnl;
        if (counted > 0) {
            uint256 cap = FixedPointMath.mulDivUp(backing, maxPnlFraction, WAD);
            if (uint256(counted) > cap) counted = int256(cap);
        }
        v.countedTraderPnl = counted;
        if (counted <= 0) {
            v.value = backing + uint256(-counted);
        } else {
            v.value = uint256(counted) >= backing ? 0 : backing - uint256(counted);
        }
    }
}

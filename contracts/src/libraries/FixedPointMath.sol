// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title FixedPointMath
/// @notice WAD (1e18) fixed-point helpers with explicit rounding, plus the square root and the
/// bounded natural-log approximation the volatility model needs.
library FixedPointMath {
    uint256 internal constant WAD = 1e18;

    /// @notice Largest |ln(ratio)| the log approximation returns; ratios outside [1/2, 2] are clamped.
    /// @dev The volatility model only needs squared returns and its output is capped by mmMax, so a
    /// clamped log return of ±ln 2 already saturates the margin; clamping keeps the series accurate.
    uint256 internal constant LN_2 = 693147180559945309;

    /// @notice floor(x·y/d) for unsigned values (full 512-bit intermediate).
    /// @dev When x·y fits 256 bits (every product of the trading path) the quotient is taken
    /// directly: the same result as `Math.mulDiv` for ~1/4 of its gas. Otherwise (and for d = 0,
    /// whose panic stays Math's) `Math.mulDiv` does the 512-bit division.
    function mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        unchecked {
            uint256 p = x * y;
            if (d != 0 && (x == 0 || p / x == y)) return p / d;
        }
        return Math.mulDiv(x, y, d);
    }

    /// @notice ceil(x·y/d) for unsigned values.
    /// @dev Same fast path as `mulDivDown`; p / d + 1 cannot overflow (d = 1 leaves no remainder).
    function mulDivUp(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        unchecked {
            uint256 p = x * y;
            if (d != 0 && (x == 0 || p / x == y)) return p % d == 0 ? p / d : p / d + 1;
        }
        return Math.mulDiv(x, y, d, Math.Rounding.Ceil);
    }

    /// @notice x·y/d for a signed x, rounded toward -infinity (floor).
    function mulDivFloor(int256 x, uint256 y, uint256 d) internal pure returns (int256) {
        if (x >= 0) return int256(mulDivDown(uint256(x), y, d));
        return -int256(mulDivUp(uint256(-x), y, d));
    }

    /// @notice x·y/d for a signed x, rounded toward +infinity (ceil).
    function mulDivCeil(int256 x, uint256 y, uint256 d) internal pure returns (int256) {
        if (x >= 0) return int256(mulDivUp(uint256(x), y, d));
        return -int256(mulDivDown(uint256(-x), y, d));
    }

    /// @notice floor(x / d) for a signed x (toward -infinity), d > 0.
    function divFloor(int256 x, uint256 d) internal pure returns (int256) {
        return mulDivFloor(x, 1, d);
    }

    /// @notice ceil(x / d) for a signed x (toward +infinity), d > 0.
    function divCeil(int256 x, uint256 d) internal pure returns (int256) {
        return mulDivCeil(x, 1, d);
    }

    /// @notice Square root of a WAD number, as a WAD number: floor(sqrt(x·1e18)).
    function sqrtWad(uint256 x) internal pure returns (uint256) {
        return Math.sqrt(x * WAD);
    }

    /// @notice |ln(a/b)| in WAD for positive a, b, with the ratio clamped to [1/2, 2].
    /// @dev Series ln(x) = 2·atanh(y), y = (x-1)/(x+1), summed to the y^9 term. With |y| ≤ 1/3 the
    /// truncation error is below 2·(1/3)^11/11/(1-1/9) < 3e-6 absolute (< 5e-6 relative at ln 2);
    /// for the usual per-update returns (< 5 %) it is below 1e-15. Each term is floored, so the
    /// result is at most 10 wei below the truncated series.
    function absLnRatio(uint256 a, uint256 b) internal pure returns (uint256) {
        (uint256 hi, uint256 lo) = a >= b ? (a, b) : (b, a);
        // x = hi/lo ≥ 1, so ln(x) = |ln(a/b)|
        uint256 x = Math.mulDiv(hi, WAD, lo);
        if (x >= 2 * WAD) return LN_2;
        uint256 y = Math.mulDiv(x - WAD, WAD, x + WAD);
        uint256 y2 = Math.mulDiv(y, y, WAD);
        uint256 term = y;
        uint256 sum = y;
        for (uint256 k = 3; k <= 9; k += 2) {
            term = Math.mulDiv(term, y2, WAD);
            sum += term / k;
        }
        return 2 * sum;
    }
}

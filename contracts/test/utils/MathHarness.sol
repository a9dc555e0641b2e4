// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PositionMath} from "../../src/libraries/PositionMath.sol";
import {FixedPointMath} from "../../src/libraries/FixedPointMath.sol";
import {Units} from "../../src/libraries/Units.sol";
import {OracleLib} from "../../src/libraries/OracleLib.sol";

/// @notice Exposes the internal maths libraries as external calls for tests.
contract MathHarness {
    function notional(int256 s, uint256 p) external pure returns (uint256) {
        return PositionMath.notional(s, p);
    }

    function unrealisedPnl(int256 s, uint256 e, uint256 p) external pure returns (int256) {
        return PositionMath.unrealisedPnl(s, e, p);
    }

    function fundingOwed(int256 s, int256 i, int256 i0) external pure returns (int256) {
        return PositionMath.fundingOwed(s, i, i0);
    }

    function equity(uint256 c, int256 u, int256 f, uint256 scale) external pure returns (int256) {
        return PositionMath.equity(c, u, f, scale);
    }

    function marginRequirement(uint256 n, uint256 r, uint256 scale) external pure returns (uint256) {
        return PositionMath.marginRequirement(n, r, scale);
    }

    function initialMarginRatio(uint256 mm, uint256 mult, uint256 lev) external pure returns (uint256) {
        return PositionMath.initialMarginRatio(mm, mult, lev);
    }

    function health(int256 q, uint256 mmr) external pure returns (uint256) {
        return PositionMath.health(q, mmr);
    }

    function leverage(uint256 n, int256 q, uint256 scale) external pure returns (uint256) {
        return PositionMath.leverage(n, q, scale);
    }

    function liquidationPrice(int256 s, uint256 e, uint256 c, int256 f, uint256 mm, uint256 scale)
        external
        pure
        returns (uint256)
    {
        return PositionMath.liquidationPrice(s, e, c, f, mm, scale);
    }

    function averageEntry(int256 s, uint256 e, uint256 d, uint256 p) external pure returns (uint256) {
        return PositionMath.averageEntry(s, e, d, p);
    }

    function absLnRatio(uint256 a, uint256 b) external pure returns (uint256) {
        return FixedPointMath.absLnRatio(a, b);
    }

    function sqrtWad(uint256 x) external pure returns (uint256) {
        return FixedPointMath.sqrtWad(x);
    }

    function scaleFor(uint8 d) external pure returns (uint256) {
        return Units.scaleFor(d);
    }

    function median(uint256[] memory v) external pure returns (uint256) {
        return OracleLib.median(v, v.length);
    }

    function nextMargin(
        uint256 current,
        uint256 target,
        uint256 catchUp,
        uint256 floor,
        uint256 rise,
        uint256 elapsed,
        bool first
    ) external pure returns (uint256) {
        return OracleLib.nextMargin(current, target, catchUp, floor, rise, elapsed, first);
    }

    function ewma(uint256 variance, uint256 r, uint256 elapsed, uint256 lambda, uint256 steps)
        external
        pure
        returns (uint256)
    {
        return OracleLib.ewma(variance, r, elapsed, lambda, steps);
    }

    function decay(uint256 lambda, uint256 steps) external pure returns (uint256) {
        return OracleLib.decay(lambda, steps);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {FixedPointMath} from "../../src/libraries/FixedPointMath.sol";

/// @dev External entry points so a revert can be caught and compared.
contract FixedPointMathHarness {
    function down(uint256 x, uint256 y, uint256 d) external pure returns (uint256) {
        return FixedPointMath.mulDivDown(x, y, d);
    }

    function up(uint256 x, uint256 y, uint256 d) external pure returns (uint256) {
        return FixedPointMath.mulDivUp(x, y, d);
    }

    function floorSigned(int256 x, uint256 y, uint256 d) external pure returns (int256) {
        return FixedPointMath.mulDivFloor(x, y, d);
    }

    function ceilSigned(int256 x, uint256 y, uint256 d) external pure returns (int256) {
        return FixedPointMath.mulDivCeil(x, y, d);
    }

    function refDown(uint256 x, uint256 y, uint256 d) external pure returns (uint256) {
        return Math.mulDiv(x, y, d);
    }

    function refUp(uint256 x, uint256 y, uint256 d) external pure returns (uint256) {
        return Math.mulDiv(x, y, d, Math.Rounding.Ceil);
    }

    /// @dev The signed forms as they were before the fast path (OpenZeppelin's 512-bit mulDiv).
    function refFloorSigned(int256 x, uint256 y, uint256 d) external pure returns (int256) {
        if (x >= 0) return int256(Math.mulDiv(uint256(x), y, d));
        return -int256(Math.mulDiv(uint256(-x), y, d, Math.Rounding.Ceil));
    }

    function refCeilSigned(int256 x, uint256 y, uint256 d) external pure returns (int256) {
        if (x >= 0) return int256(Math.mulDiv(uint256(x), y, d, Math.Rounding.Ceil));
        return -int256(Math.mulDiv(uint256(-x), y, d));
    }
}

/// @notice The fast path of FixedPointMath (the product fits 256 bits: a plain division) gives
/// exactly what OpenZeppelin's 512-bit `Math.mulDiv` gives, and reverts exactly when it does
/// (d = 0, a quotient over 2^256), for every input: the gas cut changes no result anywhere.
contract FixedPointMathFuzzTest is Test {
    FixedPointMathHarness internal h;

    function setUp() public {
        h = new FixedPointMathHarness();
    }

    function _sameUnsigned(bytes memory call, bytes memory refCall) internal view {
        (bool ok, bytes memory got) = address(h).staticcall(call);
        (bool refOk, bytes memory want) = address(h).staticcall(refCall);
        assertEq(ok, refOk, "reverts differ");
        assertEq(keccak256(got), keccak256(want), "result or revert data differs");
    }

    /// @dev Small operands (the trading path's products fit 256 bits) and full-range ones.
    function _shape(uint256 x, uint256 y, uint256 d, uint8 mode) internal pure returns (uint256, uint256, uint256) {
        if (mode % 4 == 0) return (x % 2 ** 128, y % 2 ** 128, d % 2 ** 128);
        if (mode % 4 == 1) return (x % 2 ** 130, y % 2 ** 130, d);
        if (mode % 4 == 2) return (x % 1e6, y, d % 1e3);
        return (x, y, d);
    }

    function testFuzz_mulDivDownEqualsOpenZeppelin(uint256 x, uint256 y, uint256 d, uint8 mode) public view {
        (x, y, d) = _shape(x, y, d, mode);
        _sameUnsigned(abi.encodeCall(h.down, (x, y, d)), abi.encodeCall(h.refDown, (x, y, d)));
    }

    function testFuzz_mulDivUpEqualsOpenZeppelin(uint256 x, uint256 y, uint256 d, uint8 mode) public view {
        (x, y, d) = _shape(x, y, d, mode);
        _sameUnsigned(abi.encodeCall(h.up, (x, y, d)), abi.encodeCall(h.refUp, (x, y, d)));
    }

    function testFuzz_signedEqualsOpenZeppelin(int256 x, uint256 y, uint256 d, uint8 mode) public view {
        uint256 ux;
        (ux, y, d) = _shape(uint256(x < 0 ? -(x + 1) : x), y, d, mode);
        int256 sx = x < 0 ? -int256(ux >> 1) - 1 : int256(ux >> 1);
        _sameUnsigned(abi.encodeCall(h.floorSigned, (sx, y, d)), abi.encodeCall(h.refFloorSigned, (sx, y, d)));
        _sameUnsigned(abi.encodeCall(h.ceilSigned, (sx, y, d)), abi.encodeCall(h.refCeilSigned, (sx, y, d)));
    }

    /// @dev The edges: exact multiples, a remainder of one, d = 1, d = 0, the 256-bit boundary.
    function test_edges() public view {
        uint256 max = type(uint256).max;
        uint256[6] memory xs = [uint256(0), 1, 7, 2 ** 128, max / 3, max];
        uint256[5] memory ys = [uint256(0), 1, 3, 2 ** 128, max];
        uint256[5] memory ds = [uint256(0), 1, 2, 3, max];
        for (uint256 i; i < xs.length; ++i) {
            for (uint256 j; j < ys.length; ++j) {
                for (uint256 k; k < ds.length; ++k) {
                    (uint256 x, uint256 y, uint256 d) = (xs[i], ys[j], ds[k]);
                    _sameUnsigned(abi.encodeCall(h.down, (x, y, d)), abi.encodeCall(h.refDown, (x, y, d)));
                    _sameUnsigned(abi.encodeCall(h.up, (x, y, d)), abi.encodeCall(h.refUp, (x, y, d)));
                }
            }
        }
        int256[4] memory sxs = [type(int256).min + 1, int256(-7), int256(-1), type(int256).max];
        for (uint256 i; i < sxs.length; ++i) {
            for (uint256 k; k < ds.length; ++k) {
                int256 sx = sxs[i];
                uint256 d = ds[k];
                _sameUnsigned(abi.encodeCall(h.floorSigned, (sx, 3, d)), abi.encodeCall(h.refFloorSigned, (sx, 3, d)));
                _sameUnsigned(abi.encodeCall(h.ceilSigned, (sx, 3, d)), abi.encodeCall(h.refCeilSigned, (sx, 3, d)));
            }
        }
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {MathHarness} from "../utils/MathHarness.sol";

/// @notice Position maths against an independent reference written with plain operators
/// (Solidity's truncating division, corrected by hand to floor/ceil), plus the defining property
/// of the liquidation price: at P_liq the equity equals the maintenance requirement.
contract PositionMathFuzzTest is Test {
    MathHarness internal h;
    uint256 internal constant WAD = 1e18;
    uint256 internal constant S = 1e12;

    function setUp() public {
        h = new MathHarness();
    }

    // ---------------------------------------------------------------- reference

    function _floorDiv(int256 a, int256 b) internal pure returns (int256) {
        int256 q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) q -= 1;
        return q;
    }

    function _ceilDiv(int256 a, int256 b) internal pure returns (int256) {
        int256 q = a / b;
        if ((a % b != 0) && ((a < 0) == (b < 0))) q += 1;
        return q;
    }

    function _refNotional(int256 s, uint256 p) internal pure returns (uint256) {
        uint256 q = s < 0 ? uint256(-s) : uint256(s);
        return uint256(_ceilDiv(int256(q * p), int256(WAD)));
    }

    function _refPnl(int256 s, uint256 e, uint256 p) internal pure returns (int256) {
        return _floorDiv(s * (int256(p) - int256(e)), int256(WAD));
    }

    function _refEquity(uint256 c, int256 s, uint256 e, uint256 p, int256 fWad) internal pure returns (int256) {
        return int256(c) + _floorDiv(_refPnl(s, e, p), int256(S)) - _ceilDiv(fWad, int256(S));
    }

    function _bounded(int256 sizeSeed, uint256 e, uint256 p) internal pure returns (int256 s, uint256 entry, uint256 price) {
        uint256 q = bound(uint256(sizeSeed < 0 ? -(sizeSeed + 1) : sizeSeed), 1e12, 1e24); // 1e-6 … 1e6 units
        s = sizeSeed < 0 ? -int256(q) : int256(q);
        entry = bound(e, 1e14, 1e24); // 0.0001 … 1e6 USD
        price = bound(p, 1e14, 1e24);
    }

    // ---------------------------------------------------------------- properties

    function testFuzz_notionalAndPnl_matchReference(int256 sizeSeed, uint256 e, uint256 p) public view {
        (int256 s, uint256 entry, uint256 price) = _bounded(sizeSeed, e, p);
        assertEq(h.notional(s, price), _refNotional(s, price));
        assertEq(h.unrealisedPnl(s, entry, price), _refPnl(s, entry, price));
    }

    function testFuzz_fundingOwed_matchesReference(int256 sizeSeed, int256 i, int256 i0) public view {
        (int256 s,,) = _bounded(sizeSeed, 1e18, 1e18);
        i = bound(i, -1e30, 1e30);
        i0 = bound(i0, -1e30, 1e30);
        assertEq(h.fundingOwed(s, i, i0), _ceilDiv(s * (i - i0), int256(WAD)));
    }

    function testFuzz_equity_matchesReference(int256 sizeSeed, uint256 e, uint256 p, uint256 c, int256 f)
        public
        view
    {
        (int256 s, uint256 entry, uint256 price) = _bounded(sizeSeed, e, p);
        c = bound(c, 0, 1e15);
        f = bound(f, -1e30, 1e30);
        int256 pnl = h.unrealisedPnl(s, entry, price);
        assertEq(h.equity(c, pnl, f, S), _refEquity(c, s, entry, price, f));
    }

    function testFuzz_liquidationPrice_matchesReference(
        int256 sizeSeed,
        uint256 e,
        uint256 c,
        int256 fTokens,
        uint256 mm
    ) public view {
        (int256 s, uint256 entry,) = _bounded(sizeSeed, e, 1e18);
        c = bound(c, 1, 1e13);
        fTokens = bound(fTokens, -1e12, 1e12);
        mm = bound(mm, 0.001e18, 0.5e18);
        uint256 q = s < 0 ? uint256(-s) : uint256(s);
        uint256 expected;
        if (s > 0) {
            int256 num = _ceilDiv(int256(q * entry), int256(WAD)) - int256(c * S) + fTokens * int256(S);
            expected = num <= 0 ? 0 : _mulDivUp(uint256(num), 1e36, q * (WAD - mm));
        } else {
            int256 num = _floorDiv(int256(q * entry), int256(WAD)) + int256(c * S) - fTokens * int256(S);
            expected = num <= 0 ? 0 : _mulDivDown(uint256(num), 1e36, q * (WAD + mm));
        }
        assertEq(h.liquidationPrice(s, entry, c, fTokens, mm, S), expected);
    }

    /// @dev At the liquidation price the equity equals the maintenance requirement, up to the
    /// token-unit rounding of equity and MMR (2 units) plus the price rounding (|s| wei).
    function testFuzz_liquidationPrice_equityMeetsMmrThere(int256 sizeSeed, uint256 e, uint256 lev, uint256 mm)
        public
        view
    {
        (int256 s, uint256 entry,) = _bounded(sizeSeed, e, 1e18);
        uint256 q = s < 0 ? uint256(-s) : uint256(s);
        mm = bound(mm, 0.001e18, 0.2e18);
        lev = bound(lev, 1.5e18, 50e18);
        uint256 n = h.notional(s, entry);
        vm.assume(n >= 10e18); // positions of at least 10 USD
        uint256 c = n * WAD / lev / S;
        uint256 pLiq = h.liquidationPrice(s, entry, c, 0, mm, S);
        vm.assume(pLiq > 0);
        int256 q_ = h.equity(c, h.unrealisedPnl(s, entry, pLiq), 0, S);
        uint256 mmr = h.marginRequirement(h.notional(s, pLiq), mm, S);
        int256 diff = q_ - int256(mmr);
        int256 tol = 3 + int256(q / 1e18 / S);
        assertLe(diff < 0 ? -diff : diff, tol);
    }

    function testFuzz_health_consistentWithEquityAndMmr(int256 q, uint256 mmr) public view {
        q = bound(q, -1e18, 1e18);
        mmr = bound(mmr, 1, 1e18);
        uint256 hh = h.health(q, mmr);
        if (q <= 0) assertEq(hh, 0);
        else assertEq(hh, uint256(q) * WAD / mmr);
        assertEq(hh >= WAD, q >= int256(mmr));
    }

    function _mulDivUp(uint256 a, uint256 b, uint256 d) internal pure returns (uint256) {
        // a ≤ ~1e31, b = 1e36: fits in 256 bits
        uint256 x = a * b;
        return x / d + (x % d == 0 ? 0 : 1);
    }

    function _mulDivDown(uint256 a, uint256 b, uint256 d) internal pure returns (uint256) {
        return a * b / d;
    }
}

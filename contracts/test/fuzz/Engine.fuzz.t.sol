// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Fixture} from "../utils/Fixture.sol";
import {PositionView} from "../../src/interfaces/IPerpEngine.sol";
import {IPerpEngineLiquidation} from "../../src/interfaces/IPerpEngineLiquidation.sol";

/// @notice Engine flows with random sizes, sides, leverages and price moves: the payout of a
/// round trip equals an independent computation and the books always balance.
contract EngineFuzzTest is Fixture {
    uint256 internal constant WAD = 1e18;

    function _ceilDiv(uint256 a, uint256 b) internal pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }

    function testFuzz_roundTrip_payoutMatchesReference(uint256 notionalUsd, uint256 lev, bool isLong, uint256 moveBps, bool up)
        public
    {
        notionalUsd = bound(notionalUsd, 10, 400_000);
        lev = bound(lev, 1, 8); // the devnet tier's 9x, with room for fees
        moveBps = bound(moveBps, 0, 900); // within the circuit breaker
        uint256 q = notionalUsd * 1e36 / 3000e18;
        vm.assume(q > 0);
        int256 size = isLong ? int256(q) : -int256(q);
        uint256 collateral = notionalUsd * 1e6 / lev + 2 * notionalUsd * 1e3; // room for fees

        vm.prank(alice);
        direct.open(ETH, size, collateral);
        PositionView memory p = lens.getPosition(alice, ETH);

        int256 newPrice8 = up ? int256(3000e8 + 3000e8 * moveBps / 10_000) : int256(3000e8 - 3000e8 * moveBps / 10_000);
        _setPrice(ETH, newPrice8);
        uint256 price = uint256(newPrice8) * 1e10;

        // reference: floor(s·(P − E)/1e18/1e12) with floor toward −∞, exit fee = ceil(ceil(N·5 bps)/1e12)
        int256 diff = int256(price) - int256(p.entryPrice);
        int256 raw = size * diff;
        int256 pnl = raw / 1e30;
        if (raw < 0 && raw % 1e30 != 0) pnl -= 1;
        uint256 n = _ceilDiv(q * price, WAD);
        uint256 fee = _ceilDiv(_ceilDiv(n * 5e14, WAD), 1e12);
        // a negative value is refused (liquidation sends it down the waterfall); the fee is
        // capped at the value
        int256 value = int256(p.collateral) + pnl;
        if (value < 0) {
            vm.prank(alice);
            vm.expectRevert(abi.encodeWithSelector(IPerpEngineLiquidation.UnderwaterClose.selector, value));
            direct.close(ETH);
            return;
        }
        uint256 expected = uint256(value) > fee ? uint256(value) - fee : 0;

        uint256 before = usd.balanceOf(alice);
        vm.prank(alice);
        direct.close(ETH);
        assertEq(usd.balanceOf(alice) - before, expected);
        assertEq(usd.balanceOf(address(engine)), _protocolLiabilities());
    }

    function testFuzz_openCloseSamePrice_traderLosesExactlyFees(uint256 notionalUsd, uint256 lev, bool isLong) public {
        notionalUsd = bound(notionalUsd, 10, 400_000);
        lev = bound(lev, 1, 8);
        uint256 q = notionalUsd * 1e36 / 3000e18;
        vm.assume(q > 0);
        uint256 collateral = notionalUsd * 1e6 / lev + 2 * notionalUsd * 1e3;
        uint256 before = usd.balanceOf(alice);
        uint256 protocolBefore = uint256(engine.poolAssets()) + engine.insuranceFees() + engine.stakerFees();
        vm.startPrank(alice);
        direct.open(ETH, isLong ? int256(q) : -int256(q), collateral);
        direct.close(ETH);
        vm.stopPrank();
        uint256 lost = before - usd.balanceOf(alice);
        uint256 protocolAfter = uint256(engine.poolAssets()) + engine.insuranceFees() + engine.stakerFees();
        assertGt(lost, 0);
        assertEq(protocolAfter - protocolBefore, lost);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LiquidationFixture} from "../utils/LiquidationFixture.sol";
import {OracleStatus} from "../../src/interfaces/IOracleAggregator.sol";
import {LiquidationResult} from "../../src/interfaces/IPerpEngineLiquidation.sol";

/// @notice Exit and liquidation prices on a stale or guarded oracle (issue 11): the last good price
/// within the grace window, then the stressed price; the conservative price while guarded.
contract PerpEngineOracleExitsTest is LiquidationFixture {
    address internal carol = makeAddr("carol");

    function setUp() public override {
        super.setUp();
        _fund(carol);
        _stake(staker, 100_000e6);
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        vm.prank(bob);
        direct.open(ETH, -1e18, 1000e6);
    }

    /// @dev Nobody refreshes the sources: within maxAge + staleGrace the exit is at the last price.
    function test_staleExit_lastPriceWithinGrace() public {
        vm.warp(oracle.latest(ETH).dataTime + 600); // maxAge 300 + staleGrace 300
        uint256 c = lens.getPosition(alice, ETH).collateral;
        uint256 b0 = usd.balanceOf(alice);
        vm.prank(alice);
        direct.close(ETH);
        assertEq(uint256(oracle.latest(ETH).status), uint256(OracleStatus.Stale));
        assertEq(usd.balanceOf(alice) - b0, c - 1.5e6, "collateral minus the fee at 3000");
    }

    /// @dev Past the grace window a long exits at P·(1 − maxJump), a short at P·(1 + maxJump).
    function test_staleExit_stressedPriceAfterGrace() public {
        vm.warp(oracle.latest(ETH).dataTime + 601);
        uint256 ca = lens.getPosition(alice, ETH).collateral;
        uint256 cb = lens.getPosition(bob, ETH).collateral;
        uint256 a0 = usd.balanceOf(alice);
        uint256 b0 = usd.balanceOf(bob);
        vm.prank(alice);
        direct.close(ETH);
        vm.prank(bob);
        direct.close(ETH);
        assertEq(oracle.latest(ETH).stressedMove, 0.1e18);
        assertEq(usd.balanceOf(alice) - a0, ca - 300e6 - 1.35e6, "long valued at 2700");
        assertEq(usd.balanceOf(bob) - b0, cb - 300e6 - 1.65e6, "short valued at 3300");
        _assertAccounting();
    }

    /// @dev Healthy at the last price, carol (8.9x long, after a 6 % fall) is liquidatable at the
    /// stressed price (one more maxJump down: a max-leverage position survives one step, issue 13).
    function test_staleLiquidation_stressedPriceAfterGrace() public {
        vm.prank(carol);
        direct.open(ETH, 2e18, 680e6);
        _setPrice(ETH, 2820e8);
        vm.warp(oracle.latest(ETH).dataTime + 600);
        vm.expectRevert();
        liq.liquidate(carol, ETH);
        vm.warp(vm.getBlockTimestamp() + 1);
        LiquidationResult memory r = liq.liquidate(carol, ETH);
        assertEq(r.price, 2538e18); // 2,820 · (1 − 10 %)
        assertEq(lens.getPosition(carol, ETH).size, 0);
        _assertAccounting();
    }

    /// @dev Guarded: a long is liquidated at the pending (lower) price, a short would be at the held one.
    function test_guardedLiquidation_conservativePrice() public {
        vm.prank(carol);
        direct.open(ETH, 2e18, 680e6);
        _setPrice(ETH, 2820e8);
        vm.warp(vm.getBlockTimestamp() + 1);
        _setPrice(ETH, 2500e8); // -11.3 % from 2,820
        assertEq(uint256(oracle.latest(ETH).status), uint256(OracleStatus.Guarded));
        LiquidationResult memory r = liq.liquidate(carol, ETH);
        assertEq(r.price, 2500e18);
        assertTrue(r.full);
        _assertAccounting();
    }
}

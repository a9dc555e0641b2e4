// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Fixture} from "../utils/Fixture.sol";
import {IPerpEngineTrading} from "../../src/interfaces/IPerpEngineTrading.sol";

/// @notice The test fixture's wiring: the seed deposit went through the real LP request path, the
/// engine-unit variant trades one step through `DirectRouter` only, and the hooks refuse anyone
/// else.
contract FixtureDirectWiringTest is Fixture {
    function test_seedPool_wentThroughRequests() public view {
        assertEq(engine.router(), address(direct));
        assertEq(address(router), address(0));
        assertEq(engine.poolAssets(), POOL_DEPOSIT);
        assertEq(pool.requestCount(), 1);
        assertEq(pool.requestHash(0), bytes32(0), "executed");
        assertGt(pool.balanceOf(lp), 0);
        assertEq(usd.balanceOf(lp), 0, "lp paid the deposit and the fee");
        assertEq(usd.balanceOf(executor), POOL_EXECUTION_FEE, "executor got the fee");
        assertEq(usd.balanceOf(address(pool)), 0, "no escrow left");
    }

    function test_directRouter_fillsAtAcceptedPrice() public {
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);
        assertEq(lens.getPosition(alice, ETH).size, 1e18);
        assertEq(usd.balanceOf(address(direct)), 0, "the harness keeps nothing");
        vm.prank(alice);
        direct.close(ETH);
        assertEq(lens.getPosition(alice, ETH).size, 0);
    }

    function test_tradeHooks_onlyRouter() public {
        vm.expectRevert(abi.encodeWithSelector(IPerpEngineTrading.NotRouter.selector, alice));
        vm.prank(alice);
        engine.openFor(alice, ETH, 1e18, 1000e6, 3000e18);
    }
}

/// @notice The router variant: the real `OrderRouter` is the engine's router and the
/// `_requestAndExecute*` helpers fill at the first qualifying observation.
contract FixtureOrderRouterWiringTest is Fixture {
    function _useOrderRouter() internal pure override returns (bool) {
        return true;
    }

    function test_requestAndExecute_roundTrip() public {
        assertEq(engine.router(), address(router));
        assertEq(address(direct), address(0));
        uint256 a0 = usd.balanceOf(alice);
        _requestAndExecuteOpen(alice, ETH, 1e18, 1000e6);
        assertEq(lens.getPosition(alice, ETH).size, 1e18);
        _requestAndExecuteIncrease(alice, ETH, 1e18, 100e6);
        assertEq(lens.getPosition(alice, ETH).size, 2e18);
        _requestAndExecuteReduce(alice, ETH, 0.5e18);
        assertEq(lens.getPosition(alice, ETH).size, 1.5e18);
        _requestAndExecuteClose(alice, ETH);
        assertEq(lens.getPosition(alice, ETH).size, 0);
        assertEq(router.escrowedCollateral(), 0);
        // executors are paid by credit: the four fees wait in the router until claimed
        assertEq(router.claimable(executor), 4 * ROUTER_EXECUTION_FEE);
        assertEq(usd.balanceOf(address(router)), 4 * ROUTER_EXECUTION_FEE);
        vm.prank(executor);
        router.claim();
        assertEq(usd.balanceOf(address(router)), 0);
        assertEq(router.feesHeld(), 0);
        assertEq(usd.balanceOf(executor), POOL_EXECUTION_FEE + 4 * ROUTER_EXECUTION_FEE);
        assertLt(usd.balanceOf(alice), a0, "fees and the fee to the executor");
    }
}

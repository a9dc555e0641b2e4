// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Fixture} from "../utils/Fixture.sol";
import {OrderRouterHandler} from "./OrderRouterHandler.sol";
import {Order} from "../../src/interfaces/IOrderRouter.sol";

/// @notice The router's escrow under random requests, executions (single and batched),
/// cancellations, price moves and time, against the real engine: its balance is exactly the escrow
/// of pending orders (plus refunds it could not push), every escrow settles at most once and in
/// full, executors get exactly the fees of what they settled, and the engine holds what it owes.
contract OrderRouterInvariantsTest is Fixture {
    OrderRouterHandler internal handler;

    function _useOrderRouter() internal pure override returns (bool) {
        return true;
    }

    function setUp() public override {
        super.setUp();
        handler = new OrderRouterHandler(usd, oracle, engine, router, sources, address(this));
        for (uint256 i; i < 3; ++i) {
            address t = handler.traderAt(i);
            _trackTrader(t);
            usd.mint(t, 10_000_000e6);
            vm.prank(t);
            usd.approve(address(router), type(uint256).max);
        }
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = OrderRouterHandler.requestOpen.selector;
        selectors[1] = OrderRouterHandler.requestClose.selector;
        selectors[2] = OrderRouterHandler.execute.selector;
        selectors[3] = OrderRouterHandler.executeBatch.selector;
        selectors[4] = OrderRouterHandler.cancelExpired.selector;
        selectors[5] = OrderRouterHandler.move.selector;
        selectors[6] = OrderRouterHandler.claimFees.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @dev Σ escrow of the orders still pending (hash stored), from the ghost copies.
    function _pendingEscrow() internal view returns (uint256 collateral, uint256 fees) {
        uint256 n = handler.idCount();
        for (uint256 i; i < n; ++i) {
            uint256 id = handler.ids(i);
            if (router.orderHash(id) == bytes32(0)) continue;
            Order memory o = handler.orderOf(id);
            assertEq(router.orderHash(id), keccak256(abi.encode(o)), "ghost order is the stored one");
            collateral += o.collateral;
            fees += o.executionFee;
        }
    }

    /// @dev Pending collateral waits in the engine (see invariant_engineHoldsWhatItOwes); fees
    /// here, escrowed by pending orders or credited to the executor (the only one: the handler's).
    function invariant_balanceIsPendingEscrow() public view {
        (uint256 collateral, uint256 fees) = _pendingEscrow();
        uint256 credited = router.claimable(handler.executor());
        assertEq(router.escrowedCollateral(), collateral, "escrowedCollateral = sum of pending collateral");
        assertEq(router.feesHeld(), fees + credited, "feesHeld = pending fees + executor credits");
        assertEq(usd.balanceOf(address(router)), router.feesHeld(), "no token unaccounted");
    }

    function invariant_everyEscrowSettledOnce() public view {
        assertLe(handler.maxSettlements(), 1, "an order settled twice");
        (uint256 collateral, uint256 fees) = _pendingEscrow();
        assertEq(handler.ghostRequested(), handler.ghostSettled() + collateral + fees, "escrow in = out + held");
        assertEq(
            usd.balanceOf(handler.executor()) + router.claimable(handler.executor()),
            handler.ghostFeesPaid(),
            "executor credited (and paid, once claimed) exactly the fees"
        );
        // a settled order has no hash; a pending one was never settled
        uint256 n = handler.idCount();
        for (uint256 i; i < n; ++i) {
            uint256 id = handler.ids(i);
            bool pending = router.orderHash(id) != bytes32(0);
            assertEq(handler.settlements(id), pending ? 0 : 1, "settled iff cleared");
        }
    }

    /// @dev Exact: every token in the engine is owed to someone (positions, pool, fees, claims)
    /// or waits for a pending order (`_protocolLiabilities` counts the router's escrowed collateral).
    function invariant_engineHoldsWhatItOwes() public view {
        assertEq(
            usd.balanceOf(address(engine)),
            _protocolLiabilities() + engine.totalClaimable(),
            "engine = liabilities + claims + pending collateral"
        );
    }

    function afterInvariant() external view {
        // the run exercised both outcomes (not a tautology over an idle router)
        if (handler.idCount() > 20) assertGt(handler.executed() + handler.cancelled(), 0);
    }
}

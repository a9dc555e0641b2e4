// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Fixture} from "../utils/Fixture.sol";
import {SandwichAttacker, OrderLike} from "./SandwichAttacker.sol";
import {IOrderRouter, Order, OrderKind} from "../../src/interfaces/IOrderRouter.sol";
import {IOracleHistory} from "../../src/interfaces/IOracleHistory.sol";
import {StoredPosition} from "../../src/interfaces/IPerpEngineTrading.sol";

/// @notice Issue 10, attack (1): trading on a price already known. The sources have reported a
/// move the aggregate has not accepted yet (anyone can read them, and `update` is permissionless).
/// Before issue 10 the attacker opened at the stale accepted price, called `update` and closed at
/// the new one in one transaction (or closed a loser before the adverse update), and a trader could
/// fill at whichever of two accepted prices suited them. Now a request fills at the first
/// observation accepted `minDelay` later on data reported after the request: a price nobody
/// knew. `SandwichAttacker` tries the one-step API first, so the same scenario ran against the
/// pre-issue-10 engine; the profits it made there are in docs/security.md.
contract OracleSandwichAttacksTest is Fixture {
    SandwichAttacker internal attacker;

    uint256 internal constant SIZE = 10e18; // 10 ETH, ~30,000 USD
    uint256 internal constant COLLATERAL = 10_000e6;

    function _useOrderRouter() internal pure override returns (bool) {
        return true;
    }

    function setUp() public override {
        super.setUp();
        attacker = new SandwichAttacker(usd, address(engine), address(router), address(oracle));
        usd.mint(address(attacker), 100_000e6);
    }

    /// @dev The feeder's new answers, public in the sources, not yet accepted by the aggregate.
    function _sourcesMove(uint256 m, int256 price8) internal {
        for (uint256 i; i < 3; ++i) {
            sources[m][i].updateAnswer(price8);
        }
    }

    function _asOrder(OrderLike memory o) internal pure returns (Order memory) {
        return Order({
            trader: o.trader,
            marketId: o.marketId,
            kind: OrderKind(o.kind),
            size: o.size,
            collateral: o.collateral,
            acceptablePrice: o.acceptablePrice,
            executionFee: o.executionFee,
            createdAt: o.createdAt,
            expiry: o.expiry
        });
    }

    /// @dev The keeper's part: `minDelay` later, sources re-pushed and accepted, the attacker's
    /// last request executed at its first qualifying observation.
    function _keeperFillsLast() internal {
        _skip(router.minDelay());
        _executeOrder(attacker.lastId(), _asOrder(attacker.lastOrder()));
    }

    function _move(uint256 seed) internal pure returns (uint256 bps) {
        return 50 + seed % 851; // 0.5 % … 9 %: accepted without tripping the 10 % breaker
    }

    /// @dev Open at the accepted price, `update`, close at the new price, in one transaction, for a
    /// fuzzed move either way. Now the open is only a request (nothing fills in its own second),
    /// and once the keeper fills it, it is at the new price: no profit, fees lost.
    function test_attack_atomicSandwichOpenUpdateClose(uint256 seed, bool up) public {
        uint256 bps = _move(seed);
        int256 p0 = 3000e8;
        int256 p1 = up ? p0 + p0 * int256(bps) / 10_000 : p0 - p0 * int256(bps) / 10_000;
        int256 size = up ? int256(SIZE) : -int256(SIZE);
        _sourcesMove(ETH, p1);
        uint256 before = usd.balanceOf(address(attacker));

        (bool opened, bool closed) = attacker.sandwich(ETH, size, COLLATERAL, up ? 1e30 : 1000e18, up ? 1 : 1e30);
        assertFalse(opened, "nothing fills in the request's own transaction");
        assertFalse(closed);
        assertEq(engine.position(address(attacker), ETH).size, 0);

        // what the known move is worth once executed: filled at the new price, then closed
        _keeperFillsLast();
        StoredPosition memory pos = engine.position(address(attacker), ETH);
        assertEq(pos.size, size, "filled later");
        assertEq(pos.entryPrice, uint256(p1) * 1e10, "at the price reported after the request");
        attacker.close(ETH, up ? 1 : 1e30);
        _keeperFillsLast();
        assertEq(engine.position(address(attacker), ETH).size, 0);
        uint256 afterBalance = usd.balanceOf(address(attacker)) + engine.claimable(address(attacker));
        assertLt(afterBalance, before, "no profit beyond fees");
    }

    /// @dev Holding a long, the attacker sees the sources fall and closes before the update. Now the
    /// close fills at the first observation after the request: the loss is taken in full.
    function test_attack_closeBeforeAdverseUpdate(uint256 seed) public {
        attacker.open(ETH, int256(SIZE), COLLATERAL, 1e30);
        _keeperFillsLast();
        StoredPosition memory pos = engine.position(address(attacker), ETH);
        assertEq(pos.size, int256(SIZE));

        uint256 bps = _move(seed);
        int256 p1 = 3000e8 - 3000e8 * int256(bps) / 10_000;
        _sourcesMove(ETH, p1);
        uint256 before = usd.balanceOf(address(attacker));

        bool closed = attacker.closeThenUpdate(ETH, 1);
        assertFalse(closed, "nothing fills in the request's own transaction");
        _keeperFillsLast();
        assertEq(engine.position(address(attacker), ETH).size, 0);

        uint256 payout = usd.balanceOf(address(attacker)) + engine.claimable(address(attacker)) - before;
        // the most a close at the new price can pay: collateral + PnL at p1 (fees, funding and the
        // execution fee only lower it)
        int256 pnlAtNew = int256(SIZE) * (int256(p1) * 1e10 - int256(pos.entryPrice)) / 1e18 / 1e12;
        assertLe(int256(payout), int256(pos.collateral) + pnlAtNew, "the adverse move is paid in full");
    }

    /// @dev Two observations follow a request, the second better for it. Neither the trader nor any
    /// executor can fill at the second: only the first qualifying one proves.
    function test_attack_chooseBetweenTwoObservations() public {
        attacker.open(ETH, int256(SIZE), COLLATERAL, 1e30);
        _warp1AndAccept(3100e8);
        uint256 k1 = oracle.observationCount(ETH) - 1;
        _warp1AndAccept(3000e8); // better for a long
        uint256 k2 = oracle.observationCount(ETH) - 1;

        assertFalse(attacker.executeAt(k2), "the trader cannot pick the better price");
        Order memory o = _asOrder(attacker.lastOrder());
        uint256 id = attacker.lastId();
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, ETH, k2));
        vm.prank(executor);
        router.executeOrder(id, o, k2);
        assertEq(engine.position(address(attacker), ETH).size, 0);

        assertTrue(attacker.executeAt(k1));
        assertEq(engine.position(address(attacker), ETH).entryPrice, 3100e18, "the first observation's price");
    }

    /// @dev A pending order cannot be cancelled by its trader once the price turned against it, or
    /// before: no free option on the fill.
    function test_attack_cancelAfterAdverseObservation() public {
        attacker.open(ETH, int256(SIZE), COLLATERAL, 1e30);
        Order memory o = _asOrder(attacker.lastOrder());
        uint256 id = attacker.lastId();
        _warp1AndAccept(2900e8); // the fill is now a loss
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.NotCancellable.selector, id));
        vm.prank(address(attacker));
        router.cancelExpired(id, o);
        vm.warp(o.expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.NotCancellable.selector, id));
        router.cancelExpired(id, o);
    }

    function _warp1AndAccept(int256 price8) internal {
        vm.warp(vm.getBlockTimestamp() + 1);
        _setPrice(ETH, price8);
    }

    /// @notice An executor turned a trader's close into a cancellation (and took its fee) by
    /// executing it while the accepted price was merely old: the exit exception (a market not
    /// Fresh, no qualifying observation) handed the engine price 0, the engine refreshed the
    /// oracle, found it Fresh and refused, so the order was cancelled as Rejected.
    function test_attack_agedPriceTurnsCloseIntoCancel() public {
        _requestAndExecuteOpen(alice, ETH, 1e18, 1_000e6);
        (uint256 id, Order memory o) = _requestClose(alice, ETH);
        // nobody updates the oracle for longer than maxAge, but the sources keep reporting
        vm.warp(vm.getBlockTimestamp() + 400);
        _sourcesMove(ETH, 3000e8);
        uint256 next = oracle.observationCount(ETH); // what a refresh now records
        vm.prank(executor);
        router.executeOrder(id, o, next);
        assertEq(engine.position(alice, ETH).size, 0, "the close filled at the fresh observation");
        assertEq(router.orderHash(id), bytes32(0));
    }
}

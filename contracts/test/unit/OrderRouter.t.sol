// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {OracleFixture} from "../utils/OracleFixture.sol";
import {BlocklistUSD} from "../utils/BlocklistUSD.sol";
import {OrderRouter} from "../../src/router/OrderRouter.sol";
import {IOrderRouter, Order, OrderKind, CancelReason} from "../../src/interfaces/IOrderRouter.sol";
import {IOracleHistory} from "../../src/interfaces/IOracleHistory.sol";
import {IPerpEngineTrading, StoredPosition, StoredMarket} from "../../src/interfaces/IPerpEngineTrading.sol";
import {IClaimable} from "../../src/interfaces/IPerpEngineLiquidation.sol";
import {IRiskConfig} from "../../src/interfaces/IRiskConfig.sol";
import {PullPayments} from "../../src/payments/PullPayments.sol";

/// @notice The engine's router seam, reduced to what the router relies on: it holds the escrowed
/// collateral and pays it back on the router's word (pull-payment fallback, as the engine), keeps a
/// signed size per position, records the fill price, and can be told to refuse.
contract MockTradingEngine is PullPayments {
    error Refused(uint256 code);

    IERC20 internal immutable token;
    address public router;
    mapping(address => mapping(uint256 => int256)) public sizeOf;
    uint256 public lastPrice;
    uint256 public calls;
    bool public refuse;
    bool public burn;

    constructor(IERC20 token_) {
        token = token_;
    }

    function setRouter(address r) external {
        router = r;
    }

    function setRefuse(bool r) external {
        refuse = r;
    }

    function setBurn(bool b) external {
        burn = b;
    }

    function _hook(uint256 price) internal {
        require(msg.sender == router, "router only");
        if (refuse) revert Refused(7);
        if (burn) {
            while (true) {} // runs out of its gas allowance
        }
        lastPrice = price;
        ++calls;
    }

    function openFor(address trader, uint256 m, int256 size, uint256 collateral, uint256 price) external {
        _hook(price);
        require(sizeOf[trader][m] == 0, "exists");
        sizeOf[trader][m] = size;
        collateral; // already here
    }

    function increaseFor(address trader, uint256 m, uint256 sizeDelta, uint256 collateral, uint256 price) external {
        _hook(price);
        int256 s = sizeOf[trader][m];
        require(s != 0, "none");
        sizeOf[trader][m] = s > 0 ? s + int256(sizeDelta) : s - int256(sizeDelta);
        collateral; // already here
    }

    function releaseEscrow(address to, uint256 amount) external {
        require(msg.sender == router, "router only");
        _payOrCredit(to, amount);
    }

    function _paymentToken() internal view override returns (IERC20) {
        return token;
    }

    function reduceFor(address trader, uint256 m, uint256 sizeDelta, uint256 price) external {
        _hook(price);
        int256 s = sizeOf[trader][m];
        require(s != 0, "none");
        sizeOf[trader][m] = s > 0 ? s - int256(sizeDelta) : s + int256(sizeDelta);
    }

    function closeFor(address trader, uint256 m, uint256 price) external {
        _hook(price);
        require(sizeOf[trader][m] != 0, "none");
        sizeOf[trader][m] = 0;
    }

    function position(address trader, uint256 m) external view returns (StoredPosition memory p) {
        p.size = sizeOf[trader][m];
    }

    function seed(address trader, uint256 m, int256 size) external {
        sizeOf[trader][m] = size;
    }
}

/// @notice OrderRouter rules, one by one, against the real oracle history and a mock engine seam
/// (the attacks and invariants run against the real engine).
contract OrderRouterTest is OracleFixture {
    BlocklistUSD internal usd;
    MockTradingEngine internal engine;
    OrderRouter internal router;
    address internal alice = makeAddr("alice");
    address internal keeper = makeAddr("keeper");

    uint256 internal constant FEE = 0.5e6;
    uint256 internal constant COLLATERAL = 1000e6;

    function setUp() public override {
        super.setUp();
        usd = new BlocklistUSD();
        engine = new MockTradingEngine(IERC20(address(usd)));
        router = new OrderRouter(
            IERC20(address(usd)), config, IPerpEngineTrading(address(engine)), IOracleHistory(address(oracle))
        );
        engine.setRouter(address(router));
        router.setParameters(1, 10 minutes, FEE, 10e18);
        usd.mint(alice, 1_000_000e6);
        vm.prank(alice);
        usd.approve(address(router), type(uint256).max);
    }

    // ------------------------------------------------------------ helpers

    /// @dev One second later, a new price from every source, accepted: a new observation.
    function _observe(uint256 m, int256 price8) internal returns (uint256 index) {
        _warp(1);
        _push3(m, price8);
        oracle.update(m);
        return oracle.observationCount(m) - 1;
    }

    function _order(OrderKind kind, int256 size, uint256 collateral, uint256 acceptable)
        internal
        view
        returns (Order memory)
    {
        return Order({
            trader: alice,
            marketId: ETH,
            kind: kind,
            size: size,
            collateral: collateral,
            acceptablePrice: acceptable,
            executionFee: FEE,
            createdAt: _now(),
            expiry: _now() + 60
        });
    }

    function _open(int256 size, uint256 acceptable) internal returns (uint256 id, Order memory o) {
        o = _order(OrderKind.Open, size, COLLATERAL, acceptable);
        vm.prank(alice);
        id = router.requestOpen(ETH, size, COLLATERAL, acceptable, o.expiry);
    }

    function _close(uint256 acceptable) internal returns (uint256 id, Order memory o) {
        o = _order(OrderKind.Close, 0, 0, acceptable);
        vm.prank(alice);
        id = router.requestClose(ETH, acceptable, o.expiry);
    }

    function _exec(uint256 id, Order memory o, uint256 k) internal {
        vm.prank(keeper);
        router.executeOrder(id, o, k);
    }

    function _assertSettled(uint256 id) internal view {
        assertEq(router.orderHash(id), bytes32(0), "hash cleared");
        assertEq(router.escrowedCollateral(), 0, "collateral settled");
        // the router holds only the fees credited to executors (the keeper; this test for cancels)
        assertEq(
            router.feesHeld(), router.claimable(keeper) + router.claimable(address(this)), "fees held = the credits"
        );
        assertEq(usd.balanceOf(address(router)), router.feesHeld(), "router holds exactly the credits");
    }

    // ------------------------------------------------------------ requests

    function test_requestOpen_escrowsAndStoresTheHash() public {
        Order memory o = _order(OrderKind.Open, 1e18, COLLATERAL, 3100e18);
        vm.expectEmit(address(router));
        emit IOrderRouter.OrderRequested(1, alice, ETH, o);
        vm.prank(alice);
        uint256 id = router.requestOpen(ETH, 1e18, COLLATERAL, 3100e18, o.expiry);
        assertEq(id, 1);
        assertEq(router.orderCount(), 1);
        assertEq(router.orderHash(id), keccak256(abi.encode(o)));
        assertEq(router.feesHeld(), FEE);
        assertEq(router.escrowedCollateral(), COLLATERAL);
        // the collateral waits in the engine (a fill moves no token), the fee here
        assertEq(usd.balanceOf(address(engine)), COLLATERAL);
        assertEq(usd.balanceOf(address(router)), FEE);
        assertEq(usd.balanceOf(alice), 1_000_000e6 - COLLATERAL - FEE);
    }

    function test_requestOthers_escrowOnlyWhatTheyNeed() public {
        engine.seed(alice, ETH, 1e18);
        vm.startPrank(alice);
        uint256 a = router.requestIncrease(ETH, 0.5e18, 100e6, 3100e18, _now() + 60);
        uint256 b = router.requestReduce(ETH, 0.5e18, 2900e18, _now() + 60);
        uint256 c = router.requestClose(ETH, 2900e18, _now() + 60);
        vm.stopPrank();
        assertEq(c, 3);
        assertEq(router.escrowedCollateral(), 100e6);
        assertEq(router.feesHeld(), 3 * FEE);
        Order memory o = _order(OrderKind.Increase, 0.5e18, 100e6, 3100e18);
        assertEq(router.orderHash(a), keccak256(abi.encode(o)));
        o = _order(OrderKind.Reduce, 0.5e18, 0, 2900e18);
        assertEq(router.orderHash(b), keccak256(abi.encode(o)));
    }

    function test_request_revertsOnZeroAmounts() public {
        vm.startPrank(alice);
        vm.expectRevert(IOrderRouter.ZeroAmount.selector);
        router.requestOpen(ETH, 0, COLLATERAL, 3000e18, _now() + 60);
        vm.expectRevert(IOrderRouter.ZeroAmount.selector);
        router.requestOpen(ETH, 1e18, 0, 3000e18, _now() + 60);
        vm.expectRevert(IOrderRouter.ZeroAmount.selector);
        router.requestIncrease(ETH, 0, 1, 3000e18, _now() + 60);
        vm.expectRevert(IOrderRouter.ZeroAmount.selector);
        router.requestReduce(ETH, 0, 3000e18, _now() + 60);
        vm.stopPrank();
        assertEq(router.orderCount(), 0);
    }

    function test_request_revertsOnZeroAcceptablePrice() public {
        vm.startPrank(alice);
        vm.expectRevert(IOrderRouter.InvalidAcceptablePrice.selector);
        router.requestOpen(ETH, 1e18, COLLATERAL, 0, _now() + 60);
        vm.expectRevert(IOrderRouter.InvalidAcceptablePrice.selector);
        router.requestClose(ETH, 0, _now() + 60);
        vm.stopPrank();
    }

    function test_request_revertsOnExpiryOutOfRange() public {
        uint256 t = _now();
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.InvalidExpiry.selector, t, t + 1, t + 600));
        router.requestOpen(ETH, 1e18, COLLATERAL, 3000e18, t);
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.InvalidExpiry.selector, t + 601, t + 1, t + 600));
        router.requestClose(ETH, 3000e18, t + 601);
        // both ends are allowed
        router.requestClose(ETH, 3000e18, t + 1);
        router.requestClose(ETH, 3000e18, t + 600);
        vm.stopPrank();
    }

    function test_request_revertsOnUnknownMarket() public {
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.UnknownMarket.selector, 2));
        vm.prank(alice);
        router.requestClose(2, 3000e18, _now() + 60);
    }

    function test_request_revertsBelowMinNotional() public {
        vm.startPrank(alice);
        // 0.003 ETH at 3000 = 9 USD < 10
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.BelowMinNotional.selector, 9e18, 10e18));
        router.requestOpen(ETH, -0.003e18, COLLATERAL, 3000e18, _now() + 60);
        vm.stopPrank();
        engine.seed(alice, ETH, 0.002e18);
        vm.startPrank(alice);
        // 0.002 + 0.001 at 3000 = 9 USD
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.BelowMinNotional.selector, 9e18, 10e18));
        router.requestIncrease(ETH, 0.001e18, 0, 3000e18, _now() + 60);
        vm.stopPrank();
        engine.seed(alice, ETH, 1e18);
        vm.startPrank(alice);
        // leaves 0.003 ETH
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.BelowMinNotional.selector, 9e18, 10e18));
        router.requestReduce(ETH, 0.997e18, 3000e18, _now() + 60);
        // reducing all of it is allowed (a close)
        router.requestReduce(ETH, 1e18, 3000e18, _now() + 60);
        vm.stopPrank();
    }

    // ------------------------------------------------------------ execution

    function test_execute_fillsAtTheFirstQualifyingObservation() public {
        (uint256 id, Order memory o) = _open(1e18, 3100e18);
        uint256 k = _observe(ETH, 3050e8);
        _observe(ETH, 3070e8); // later ones cannot be used
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, ETH, k + 1));
        _exec(id, o, k + 1);
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, ETH, k - 1));
        _exec(id, o, k - 1);
        vm.expectEmit(address(router));
        emit IOrderRouter.OrderExecuted(id, alice, keeper, k, 3050e18);
        _exec(id, o, k);
        assertEq(engine.lastPrice(), 3050e18);
        assertEq(engine.sizeOf(alice, ETH), 1e18);
        assertEq(usd.balanceOf(address(engine)), COLLATERAL);
        assertEq(router.claimable(keeper), FEE);
        _assertSettled(id);
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.NotPending.selector, id));
        _exec(id, o, k);
    }

    function test_execute_revertsBeforeAnyObservationQualifies() public {
        (uint256 id, Order memory o) = _open(1e18, 3100e18);
        // an update in the request's second: not after the commitment
        _push3(ETH, 3050e8);
        oracle.update(ETH);
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, ETH, 0));
        _exec(id, o, 0);
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.ObservationUnavailable.selector, ETH, 1));
        _exec(id, o, 1);
        assertEq(router.escrowedCollateral(), COLLATERAL);
        assertEq(router.feesHeld(), FEE);
    }

    function test_execute_revertsForAnotherOrder() public {
        (uint256 id, Order memory o) = _open(1e18, 3100e18);
        uint256 k = _observe(ETH, 3050e8);
        o.acceptablePrice = 1e30; // not what was requested
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.NotPending.selector, id));
        _exec(id, o, k);
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.NotPending.selector, 99));
        _exec(99, o, k);
    }

    function test_execute_cancelsWhenTheFirstObservationCameAfterExpiry() public {
        (uint256 id, Order memory o) = _open(1e18, 3100e18);
        _warp(60); // reaches the expiry with no observation
        uint256 k = _observe(ETH, 3050e8); // accepted at expiry + 1
        vm.expectEmit(address(router));
        emit IOrderRouter.OrderCancelled(id, alice, keeper, CancelReason.Expired, "");
        _exec(id, o, k);
        assertEq(engine.calls(), 0);
        assertEq(usd.balanceOf(alice), 1_000_000e6 - FEE, "collateral back");
        assertEq(router.claimable(keeper), FEE);
        _assertSettled(id);
    }

    function test_execute_acceptedAtExpiryStillFills() public {
        (uint256 id, Order memory o) = _open(1e18, 3100e18);
        _warp(59);
        uint256 k = _observe(ETH, 3050e8); // accepted exactly at the expiry
        _exec(id, o, k);
        assertEq(engine.calls(), 1);
    }

    function test_execute_cancelsALongOpenAboveItsCeiling() public {
        (uint256 id, Order memory o) = _open(1e18, 3040e18);
        uint256 k = _observe(ETH, 3050e8);
        vm.expectEmit(address(router));
        emit IOrderRouter.OrderCancelled(id, alice, keeper, CancelReason.PriceNotAcceptable, "");
        _exec(id, o, k);
        assertEq(engine.calls(), 0);
        assertEq(usd.balanceOf(alice), 1_000_000e6 - FEE);
        _assertSettled(id);
    }

    function test_execute_cancelsAShortOpenBelowItsFloor() public {
        (uint256 id, Order memory o) = _open(-1e18, 3060e18);
        uint256 k = _observe(ETH, 3050e8);
        _exec(id, o, k);
        assertEq(engine.calls(), 0);
        (id, o) = _open(-1e18, 3050e18); // the floor itself is acceptable
        k = _observe(ETH, 3050e8);
        _exec(id, o, k);
        assertEq(engine.calls(), 1);
    }

    /// @dev Closing a long sells (a floor); closing a short buys (a ceiling).
    function test_execute_closeDirectionFollowsThePosition() public {
        engine.seed(alice, ETH, 1e18);
        (uint256 id, Order memory o) = _close(3060e18);
        uint256 k = _observe(ETH, 3050e8);
        _exec(id, o, k);
        assertEq(engine.calls(), 0, "long close below its floor");
        engine.seed(alice, ETH, -1e18);
        (id, o) = _close(3060e18);
        k = _observe(ETH, 3050e8);
        _exec(id, o, k);
        assertEq(engine.calls(), 1, "short close under its ceiling");
        assertEq(engine.sizeOf(alice, ETH), 0);
    }

    function test_execute_increaseAndReduceFill() public {
        engine.seed(alice, ETH, -1e18);
        vm.startPrank(alice);
        uint256 a = router.requestIncrease(ETH, 0.5e18, 100e6, 2900e18, _now() + 60);
        Order memory oa = _order(OrderKind.Increase, 0.5e18, 100e6, 2900e18);
        uint256 b = router.requestReduce(ETH, 0.25e18, 3100e18, _now() + 60);
        Order memory ob = _order(OrderKind.Reduce, 0.25e18, 0, 3100e18);
        vm.stopPrank();
        uint256 k = _observe(ETH, 3000e8);
        _exec(a, oa, k); // short increase sells: 3000 ≥ 2900
        _exec(b, ob, k); // short reduce buys: 3000 ≤ 3100
        assertEq(engine.sizeOf(alice, ETH), -1.25e18);
        assertEq(usd.balanceOf(address(engine)), 100e6);
        assertEq(router.claimable(keeper), 2 * FEE);
        assertEq(router.escrowedCollateral(), 0);
        assertEq(router.feesHeld(), router.claimable(keeper));
    }

    function test_execute_cancelsWhatTheEngineRefuses() public {
        (uint256 id, Order memory o) = _open(1e18, 3100e18);
        uint256 k = _observe(ETH, 3050e8);
        engine.setRefuse(true);
        vm.expectEmit(address(router));
        emit IOrderRouter.OrderCancelled(
            id, alice, keeper, CancelReason.Rejected, abi.encodeWithSelector(MockTradingEngine.Refused.selector, 7)
        );
        _exec(id, o, k);
        assertEq(usd.balanceOf(alice), 1_000_000e6 - FEE);
        assertEq(router.claimable(keeper), FEE);
        _assertSettled(id);
    }

    /// @dev The request passes at its acceptable price (a ceiling, for a long); the fill price is
    /// lower and the position would be under the minimum: cancelled, Rejected, with the reason.
    function test_execute_cancelsBelowMinNotionalAtTheFill() public {
        vm.prank(alice);
        uint256 id = router.requestOpen(ETH, 0.0034e18, COLLATERAL, 3100e18, _now() + 60); // 10.54 USD
        Order memory o = _order(OrderKind.Open, 0.0034e18, COLLATERAL, 3100e18);
        uint256 k = _observe(ETH, 2900e8); // 9.86 USD
        vm.expectEmit(address(router));
        emit IOrderRouter.OrderCancelled(
            id,
            alice,
            keeper,
            CancelReason.Rejected,
            abi.encodeWithSelector(IOrderRouter.BelowMinNotional.selector, 9.86e18, 10e18)
        );
        _exec(id, o, k);
        assertEq(engine.calls(), 0);
    }

    /// @dev An executor cannot starve the engine call to turn a fill into a cancellation.
    function test_execute_revertsWithoutTheEngineGasAllowance() public {
        (uint256 id, Order memory o) = _open(1e18, 3100e18);
        uint256 k = _observe(ETH, 3050e8);
        vm.prank(keeper);
        (bool ok, bytes memory data) =
            address(router).call{gas: 1_500_000}(abi.encodeCall(router.executeOrder, (id, o, k)));
        assertFalse(ok);
        assertEq(bytes4(data), OrderRouter.InsufficientGas.selector);
        assertEq(router.orderHash(id), keccak256(abi.encode(o)), "still pending");
        // an engine that runs out of its full allowance is refused for everyone
        engine.setBurn(true);
        _exec(id, o, k);
        _assertSettled(id);
        assertEq(usd.balanceOf(alice), 1_000_000e6 - FEE);
    }

    // ------------------------------------------------------------ exit exception

    function test_exit_guardedMarketClosesAtTheExitPrice() public {
        engine.seed(alice, ETH, 1e18);
        (uint256 id, Order memory o) = _close(1e18);
        _observe(ETH, 4000e8); // +33%: guarded, nothing recorded
        vm.expectEmit(address(router));
        emit IOrderRouter.OrderExecuted(id, alice, keeper, type(uint256).max, 0);
        _exec(id, o, 12345);
        assertEq(engine.lastPrice(), 0, "engine's current exit price");
        assertEq(engine.sizeOf(alice, ETH), 0);
        _assertSettled(id);
    }

    function test_exit_notBeforeTheDelayNorForNewRisk() public {
        engine.seed(alice, ETH, 1e18);
        (uint256 id, Order memory o) = _close(1e18);
        (uint256 openId, Order memory openOrder) = _open(-1e18, 2000e18);
        _push3(ETH, 4000e8);
        oracle.update(ETH); // guarded in the request's second
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, ETH, 0));
        _exec(id, o, 0);
        _warp(1);
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, ETH, 0));
        _exec(openId, openOrder, 0);
        _exec(id, o, 0);
        assertEq(engine.sizeOf(alice, ETH), 0);
    }

    function test_exit_staleMarketClosesAfterExpiryIsCancelled() public {
        engine.seed(alice, ETH, 1e18);
        (uint256 id, Order memory o) = _close(1e18);
        _warp(301); // stale
        vm.expectEmit(address(router));
        emit IOrderRouter.OrderCancelled(id, alice, keeper, CancelReason.Expired, "");
        _exec(id, o, 0);
        assertEq(engine.sizeOf(alice, ETH), 1e18);
    }

    function test_exit_freshMarketUsesTheObservation() public {
        engine.seed(alice, ETH, 1e18);
        (uint256 id, Order memory o) = _close(1e18);
        _warp(5); // Fresh, but no observation since the request
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.ObservationUnavailable.selector, ETH, 1));
        _exec(id, o, 1);
        uint256 k = _observe(ETH, 3010e8);
        _exec(id, o, k);
        assertEq(engine.lastPrice(), 3010e18);
    }

    // ------------------------------------------------------------ cancelExpired

    function test_cancelExpired_onlyAfterExpiry() public {
        (uint256 id, Order memory o) = _open(1e18, 3100e18);
        _warp(60);
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.NotCancellable.selector, id));
        router.cancelExpired(id, o);
        _warp(1);
        vm.expectEmit(address(router));
        emit IOrderRouter.OrderCancelled(id, alice, keeper, CancelReason.Expired, "");
        vm.prank(keeper);
        router.cancelExpired(id, o);
        assertEq(usd.balanceOf(alice), 1_000_000e6 - FEE);
        assertEq(router.claimable(keeper), FEE);
        _assertSettled(id);
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.NotPending.selector, id));
        router.cancelExpired(id, o);
    }

    /// @dev No free option: an order whose first observation came in time stays fillable.
    function test_cancelExpired_refusedWhileFillable() public {
        (uint256 id, Order memory o) = _open(1e18, 3100e18);
        uint256 k = _observe(ETH, 3050e8);
        _warp(120);
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.NotCancellable.selector, id));
        vm.prank(alice);
        router.cancelExpired(id, o);
        _exec(id, o, k); // still fills after its expiry, at that observation
        assertEq(engine.lastPrice(), 3050e18);
    }

    function test_cancelExpired_whenTheFirstCameTooLate() public {
        (uint256 id, Order memory o) = _open(1e18, 3100e18);
        _warp(60);
        _observe(ETH, 3050e8);
        router.cancelExpired(id, o);
        _assertSettled(id);
    }

    function test_cancelExpired_whenTheFirstWasOverwritten() public {
        (uint256 id, Order memory o) = _open(1e18, 3100e18);
        for (uint256 i; i < 257; ++i) {
            _observe(ETH, 3000e8 + int256(i % 10) * 1e8);
        }
        // the first qualifying entry (1) is gone: entry 2 carries its times, so it cannot be
        // proven first, and no other entry can
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, ETH, 2));
        _exec(id, o, 2);
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.ObservationUnavailable.selector, ETH, 1));
        _exec(id, o, 1);
        router.cancelExpired(id, o);
        _assertSettled(id);
    }

    function _assertFound(Order memory o, uint256 expected) internal view {
        (bool found, uint256 index, bool evicted) = oracle.findFirstQualifying(ETH, o.createdAt, router.minDelay());
        assertTrue(found);
        assertFalse(evicted);
        assertEq(index, expected);
    }

    /// @dev The first qualifying entry is the oldest kept one and its predecessor was overwritten:
    /// the entry carries the predecessor's times, so it still proves itself first. Execution and
    /// `cancelExpired` agree: the order is fillable (at that entry only), not cancellable.
    function test_firstIsTheOldestKept_fillsAndIsNotCancellable() public {
        (uint256 id, Order memory o) = _open(1e18, 1e30);
        uint256 first = _observe(ETH, 3050e8); // entry 1
        for (uint256 i; i < 255; ++i) {
            _observe(ETH, 3000e8 + int256(i % 10) * 1e8);
        }
        // entries 1 … 256 kept; entry 0 (the predecessor) overwritten
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.ObservationUnavailable.selector, ETH, 0));
        oracle.observation(ETH, 0);
        _assertFound(o, first);
        assertGt(_now(), o.expiry);
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.NotCancellable.selector, id));
        router.cancelExpired(id, o);
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, ETH, first + 1));
        _exec(id, o, first + 1);
        _exec(id, o, first);
        assertEq(engine.lastPrice(), 3050e18);
        _assertSettled(id);
    }

    // ------------------------------------------------------------ batches

    function test_executeOrders_skipsBadEntriesAndCreditsOnce() public {
        (uint256 a, Order memory oa) = _open(1e18, 3100e18);
        vm.prank(alice);
        uint256 b = router.requestOpen(BTC, 0.1e18, COLLATERAL, 1e30, _now() + 60);
        Order memory ob = _order(OrderKind.Open, 0.1e18, COLLATERAL, 1e30);
        ob.marketId = BTC;
        uint256 ka = _observe(ETH, 3050e8);
        _warp(1);
        _push3(BTC, 61_000e8);
        oracle.update(BTC);
        uint256 kb = oracle.observationCount(BTC) - 1;

        uint256[] memory ids = new uint256[](3);
        Order[] memory orders = new Order[](3);
        uint256[] memory ks = new uint256[](3);
        (ids[0], orders[0], ks[0]) = (a, oa, ka);
        (ids[1], orders[1], ks[1]) = (a, oa, ka + 5); // bad index (and a duplicate): skipped
        (ids[2], orders[2], ks[2]) = (b, ob, kb);
        vm.recordLogs();
        vm.prank(keeper);
        uint256 settled = router.executeOrders(ids, orders, ks);
        assertEq(settled, 2);
        assertEq(engine.calls(), 2);
        assertEq(router.claimable(keeper), 2 * FEE);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        uint256 feeTransfers;
        bytes32 transferTopic = keccak256("Transfer(address,address,uint256)");
        for (uint256 i; i < logs.length; ++i) {
            if (
                logs[i].emitter == address(usd) && logs[i].topics[0] == transferTopic
                    && address(uint160(uint256(logs[i].topics[2]))) == keeper
            ) ++feeTransfers;
        }
        assertEq(feeTransfers, 0, "fees are credited, not transferred");
        assertEq(router.escrowedCollateral(), 0);
        assertEq(router.feesHeld(), router.claimable(keeper));
        // the executor takes its credit when it likes: one transfer of both fees
        vm.expectEmit(address(router));
        emit IOrderRouter.Claimed(keeper, 2 * FEE);
        vm.prank(keeper);
        assertEq(router.claim(), 2 * FEE);
        assertEq(usd.balanceOf(keeper), 2 * FEE);
        assertEq(router.claimable(keeper), 0);
        assertEq(router.feesHeld(), 0);
        assertEq(usd.balanceOf(address(router)), 0);
        vm.expectRevert(IOrderRouter.NothingToClaim.selector);
        vm.prank(keeper);
        router.claim();
    }

    function test_executeOrders_revertsOnLengthMismatch() public {
        vm.expectRevert(IOrderRouter.LengthMismatch.selector);
        router.executeOrders(new uint256[](1), new Order[](2), new uint256[](1));
        vm.expectRevert(IOrderRouter.LengthMismatch.selector);
        router.executeOrders(new uint256[](1), new Order[](1), new uint256[](0));
    }

    function test_executeFromBatch_onlySelf() public {
        Order memory o;
        vm.expectRevert(abi.encodeWithSelector(OrderRouter.OnlySelf.selector, keeper));
        vm.prank(keeper);
        router.executeFromBatch(1, o, 0, keeper);
    }

    // ------------------------------------------------------------ payments

    /// @dev A trader the token blocks cannot pin the order: the refund is credited instead (by the
    /// engine, which holds the escrowed collateral).
    function test_cancel_refundToABlockedTraderIsCredited() public {
        (uint256 id, Order memory o) = _open(1e18, 3040e18);
        uint256 k = _observe(ETH, 3050e8);
        usd.setBlocked(alice, true);
        _exec(id, o, k);
        assertEq(engine.claimable(alice), COLLATERAL);
        assertEq(engine.totalClaimable(), COLLATERAL);
        assertEq(usd.balanceOf(address(engine)), COLLATERAL, "engine balance = claimable");
        assertEq(usd.balanceOf(address(router)), FEE, "the fee credited to the executor");
        assertEq(router.claimable(keeper), FEE);
        assertEq(router.escrowedCollateral(), 0);
        usd.setBlocked(alice, false);
        vm.prank(alice);
        engine.claim();
        assertEq(usd.balanceOf(alice), 1_000_000e6 - FEE);
    }

    /// @dev Executors are paid by credit; a claim goes to the caller only, and a token that refuses
    /// the caller leaves the credit in place (a blocked executor blocks only itself).
    function test_claim_blockedExecutorKeepsItsCredit() public {
        (uint256 id, Order memory o) = _open(1e18, 3100e18);
        _exec(id, o, _observe(ETH, 3050e8));
        assertEq(router.claimable(keeper), FEE);
        usd.setBlocked(keeper, true);
        vm.expectRevert();
        vm.prank(keeper);
        router.claim();
        assertEq(router.claimable(keeper), FEE, "credit kept");
        vm.expectRevert(IOrderRouter.NothingToClaim.selector);
        vm.prank(alice);
        router.claim();
        usd.setBlocked(keeper, false);
        vm.prank(keeper);
        router.claim();
        assertEq(usd.balanceOf(keeper), FEE);
        assertEq(router.feesHeld(), 0);
    }

    // ------------------------------------------------------------ parameters

    function test_setParameters_ownerOnlyAndEmits() public {
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.NotOwner.selector, alice));
        vm.prank(alice);
        router.setParameters(2, 600, 0, 0);
        vm.expectEmit(address(router));
        emit IOrderRouter.ParametersSet(5, 1 hours, 50e6, 10_000e18);
        router.setParameters(5, 1 hours, 50e6, 10_000e18);
        assertEq(router.minDelay(), 5);
        assertEq(router.maxOrderAge(), 1 hours);
        assertEq(router.executionFee(), 50e6);
        assertEq(router.minPositionNotional(), 10_000e18);
    }

    function test_setParameters_bounded() public {
        _expectBounds(0, 0, 1, 300);
        router.setParameters(0, 600, 0, 0);
        _expectBounds(0, 301, 1, 300);
        router.setParameters(301, 600, 0, 0);
        _expectBounds(1, 59, 60, 1 days);
        router.setParameters(1, 59, 0, 0);
        _expectBounds(1, 1 days + 1, 60, 1 days);
        router.setParameters(1, 1 days + 1, 0, 0);
        _expectBounds(1, 200, 300, 1 days); // must outlast the delay
        router.setParameters(300, 200, 0, 0);
        _expectBounds(2, 50e6 + 1, 0, 50e6);
        router.setParameters(1, 600, 50e6 + 1, 0);
        _expectBounds(3, 10_000e18 + 1, 0, 10_000e18);
        router.setParameters(1, 600, 0, 10_000e18 + 1);
        assertEq(router.minDelay(), 1, "unchanged");
    }

    function _expectBounds(uint256 i, uint256 v, uint256 lo, uint256 hi) internal {
        vm.expectRevert(abi.encodeWithSelector(IOrderRouter.ParameterOutOfBounds.selector, i, v, lo, hi));
    }

    function test_constructor_defaultsAndNoApproval() public {
        OrderRouter r = new OrderRouter(
            IERC20(address(usd)), config, IPerpEngineTrading(address(engine)), IOracleHistory(address(oracle))
        );
        assertEq(r.minDelay(), 3);
        assertEq(r.maxOrderAge(), 1 hours);
        assertEq(r.executionFee(), 1e6);
        assertEq(r.minPositionNotional(), 10e18);
        assertEq(r.maxExecutionFee(), 50e6);
        // the router never sends collateral: it escrows it in the engine at request
        assertEq(usd.allowance(address(r), address(engine)), 0);
    }
}

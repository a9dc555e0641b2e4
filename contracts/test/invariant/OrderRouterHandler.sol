// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Vm} from "forge-std/Vm.sol";
import {TestUSD} from "../../src/devnet/TestUSD.sol";
import {DevnetPriceSource} from "../../src/devnet/DevnetPriceSource.sol";
import {OracleAggregator} from "../../src/oracle/OracleAggregator.sol";
import {PerpEngine} from "../../src/core/PerpEngine.sol";
import {OrderRouter} from "../../src/router/OrderRouter.sol";
import {IOrderRouter, Order, OrderKind} from "../../src/interfaces/IOrderRouter.sol";

/// @notice Random requests, executions (single and batched), cancellations, price moves and time
/// against the real OrderRouter and engine, with ghost accounting per order id.
contract OrderRouterHandler is Test {
    TestUSD internal usd;
    OracleAggregator internal oracle;
    PerpEngine internal engine;
    OrderRouter internal router;
    DevnetPriceSource[3][3] internal sources;
    address internal updater;
    address public executor = makeAddr("routerExecutor");
    address[3] internal traders = [makeAddr("t0"), makeAddr("t1"), makeAddr("t2")];

    uint256[] public ids;
    mapping(uint256 id => Order order) internal _orders;
    /// @dev OrderExecuted + OrderCancelled events seen per id
    mapping(uint256 id => uint256 n) public settlements;
    uint256 public maxSettlements;
    /// @dev Σ escrow ever requested, and Σ of it settled (returned to the trader, used by the
    /// engine or paid as a fee)
    uint256 public ghostRequested;
    uint256 public ghostSettled;
    uint256 public ghostFeesPaid;
    uint256 public executed;
    uint256 public cancelled;
    uint256 public claims;

    constructor(
        TestUSD usd_,
        OracleAggregator oracle_,
        PerpEngine engine_,
        OrderRouter router_,
        DevnetPriceSource[3][3] memory sources_,
        address updater_
    ) {
        usd = usd_;
        oracle = oracle_;
        engine = engine_;
        router = router_;
        sources = sources_;
        updater = updater_;
    }

    /// @dev The traders (the test funds them and approves the router: only it may mint).
    function traderAt(uint256 i) external view returns (address) {
        return traders[i];
    }

    function idCount() external view returns (uint256) {
        return ids.length;
    }

    function orderOf(uint256 id) external view returns (Order memory) {
        return _orders[id];
    }

    // ------------------------------------------------------------ actions

    function requestOpen(uint256 traderSeed, uint256 m, uint256 notionalSeed, bool long, bool tight) external {
        Order memory o = _openOrder(traders[traderSeed % 3], m % 3, bound(notionalSeed, 20, 50_000), long, tight);
        vm.prank(o.trader);
        try router.requestOpen(o.marketId, o.size, o.collateral, o.acceptablePrice, o.expiry) returns (uint256 id) {
            _track(id, o);
        } catch {}
    }

    /// @dev An open of `notionalUsd` at 4x; tight: the acceptable price is the current one (a move
    /// against it cancels the fill).
    function _openOrder(address t, uint256 m, uint256 notionalUsd, bool long, bool tight)
        internal
        view
        returns (Order memory o)
    {
        uint256 price = oracle.latest(m).price;
        uint256 size = notionalUsd * 1e36 / price; // WAD
        o.trader = t;
        o.marketId = m;
        o.kind = OrderKind.Open;
        o.size = long ? int256(size) : -int256(size);
        o.collateral = notionalUsd * 1e6 / 4;
        o.acceptablePrice = tight ? price : (long ? price * 2 : price / 2);
        o.executionFee = router.executionFee();
        o.createdAt = vm.getBlockTimestamp();
        o.expiry = o.createdAt + router.maxOrderAge();
    }

    function requestClose(uint256 traderSeed, uint256 m, bool tight) external {
        address t = traders[traderSeed % 3];
        m = m % 3;
        int256 s = engine.position(t, m).size;
        uint256 price = oracle.latest(m).price;
        uint256 acceptable = tight ? price : (s > 0 ? 1 : price * 2);
        uint256 expiry = vm.getBlockTimestamp() + router.maxOrderAge();
        vm.prank(t);
        try router.requestClose(m, acceptable, expiry) returns (uint256 id) {
            _track(id, Order(t, m, OrderKind.Close, 0, 0, acceptable, router.executionFee(), vm.getBlockTimestamp(), expiry));
        } catch {}
    }

    function execute(uint256 idSeed) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        Order memory o = _orders[id];
        (bool found, uint256 k,) = oracle.findFirstQualifying(o.marketId, o.createdAt, router.minDelay());
        vm.recordLogs();
        vm.prank(executor);
        try router.executeOrder(id, o, found ? k : 0) {
            _collect();
        } catch {
            vm.getRecordedLogs();
        }
    }

    function executeBatch(uint256 seed) external {
        uint256 n = ids.length;
        if (n == 0) return;
        uint256 len = 1 + seed % 4;
        uint256[] memory bIds = new uint256[](len);
        Order[] memory bOrders = new Order[](len);
        uint256[] memory ks = new uint256[](len);
        for (uint256 i; i < len; ++i) {
            uint256 id = ids[uint256(keccak256(abi.encode(seed, i))) % n];
            bIds[i] = id;
            bOrders[i] = _orders[id];
            (, ks[i],) = oracle.findFirstQualifying(bOrders[i].marketId, bOrders[i].createdAt, router.minDelay());
        }
        vm.recordLogs();
        vm.prank(executor);
        router.executeOrders(bIds, bOrders, ks); // never reverts
        _collect();
    }

    function cancelExpired(uint256 idSeed) external {
        if (ids.length == 0) return;
        uint256 id = ids[idSeed % ids.length];
        vm.recordLogs();
        vm.prank(executor);
        try router.cancelExpired(id, _orders[id]) {
            _collect();
        } catch {
            vm.getRecordedLogs();
        }
    }

    /// @dev The executor takes its credited fees (executors are paid by credit).
    function claimFees() external {
        uint256 owed = router.claimable(executor);
        uint256 before = usd.balanceOf(executor);
        vm.prank(executor);
        try router.claim() returns (uint256 amount) {
            assertEq(amount, owed, "claim pays the whole credit");
            assertEq(usd.balanceOf(executor), before + owed, "claim transfers the credit");
            assertEq(router.claimable(executor), 0, "credit cleared");
            ++claims;
        } catch {
            assertEq(owed, 0, "a claim with credit never fails");
        }
    }

    /// @dev Time passes (1 s … 12 min) and the feeder pushes a move of up to ±3 % on one market and
    /// refreshes the others; every market is updated (so none goes stale for long).
    function move(uint256 m, uint256 dt, int256 bps) external {
        m = m % 3;
        vm.warp(vm.getBlockTimestamp() + bound(dt, 1, 720));
        bps = bound(bps, -300, 300);
        for (uint256 j; j < 3; ++j) {
            (, int256 answer,,,) = sources[j][0].latestRoundData();
            if (j == m) answer = answer + answer * bps / 10_000;
            for (uint256 i; i < 3; ++i) {
                vm.prank(updater);
                sources[j][i].updateAnswer(answer);
            }
            oracle.update(j);
        }
    }

    // ------------------------------------------------------------ ghosts

    function _track(uint256 id, Order memory o) internal {
        ids.push(id);
        _orders[id] = o;
        ghostRequested += o.collateral + o.executionFee;
    }

    function _collect() internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].emitter != address(router)) continue;
            bytes32 topic = logs[i].topics[0];
            bool isExec = topic == IOrderRouter.OrderExecuted.selector;
            if (!isExec && topic != IOrderRouter.OrderCancelled.selector) continue;
            uint256 id = uint256(logs[i].topics[1]);
            uint256 n = ++settlements[id];
            if (n > maxSettlements) maxSettlements = n;
            Order memory o = _orders[id];
            ghostSettled += o.collateral + o.executionFee;
            ghostFeesPaid += o.executionFee;
            if (isExec) ++executed;
            else ++cancelled;
        }
    }
}

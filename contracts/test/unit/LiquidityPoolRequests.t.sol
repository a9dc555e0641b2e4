// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test, Vm} from "forge-std/Test.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {TestUSD} from "../../src/devnet/TestUSD.sol";
import {BlocklistUSD} from "../utils/BlocklistUSD.sol";
import {IPerpEngine} from "../../src/interfaces/IPerpEngine.sol";
import {IOracleHistory} from "../../src/interfaces/IOracleHistory.sol";
import {ILiquidityPool, LpRequest, PoolValue} from "../../src/interfaces/ILiquidityPool.sol";
import {LiquidityPool} from "../../src/pool/LiquidityPool.sol";
import {MockPoolConfig, MockHistoryOracle, MockPoolEngine} from "./mocks/PoolMocks.sol";

/// @notice The pool's rules one by one, on a mock engine and oracle history (the pool reads only
/// their seams), so each rule is tested in isolation: the marked value, the bounded parameters,
/// the closed direct paths, requests, execution at the first qualifying observations, every
/// cancellation, the batch, and the holding time.
contract LiquidityPoolRequestsTest is Test {
    uint256 internal constant MARKETS = 3;
    uint256 internal constant FEE = 0.5e6;
    uint256 internal constant DELAY = 1;
    uint256 internal constant AGE = 10 minutes;
    uint256 internal constant HOLD = 10 minutes;
    uint256 internal constant SEED = 1_000_000e6;

    TestUSD internal usd;
    MockPoolConfig internal config;
    MockHistoryOracle internal oracle;
    MockPoolEngine internal engine;
    LiquidityPool internal pool;

    address internal lp = makeAddr("lp");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal keeper = makeAddr("keeper");

    uint256[3] internal prices = [uint256(3000e18), 60_000e18, 150e18];

    function setUp() public {
        vm.warp(1_700_000_000);
        usd = new BlocklistUSD(); // a TestUSD that can refuse an account (USDC-like)
        config = new MockPoolConfig(MARKETS, address(this));
        oracle = new MockHistoryOracle();
        engine = new MockPoolEngine(IERC20(address(usd)), address(config), address(oracle));
        pool = new LiquidityPool(usd, IPerpEngine(address(engine)));
        engine.setPool(address(pool));
        pool.setParameters(DELAY, AGE, FEE, HOLD, 0.5e18);
        _recordAll();
        for (uint256 i; i < 3; ++i) {
            address who = [lp, alice, bob][i];
            usd.mint(who, 10_000_000e6);
            vm.prank(who);
            usd.approve(address(pool), type(uint256).max);
        }
        _deposit(lp, SEED);
    }

    // ------------------------------------------------------------ helpers

    /// @dev one observation per market at the current price, accepted now with data from now
    function _recordAll() internal returns (uint256[] memory idx) {
        idx = new uint256[](MARKETS);
        uint256 t = vm.getBlockTimestamp();
        for (uint256 m; m < MARKETS; ++m) {
            oracle.record(m, prices[m], t, t);
            idx[m] = oracle.observationCount(m) - 1;
        }
    }

    function _requestDeposit(address who, uint256 assets, uint256 minShares)
        internal
        returns (uint256 id, LpRequest memory r)
    {
        uint256 expiry = vm.getBlockTimestamp() + AGE;
        vm.prank(who);
        id = pool.requestDeposit(assets, minShares, expiry);
        r = LpRequest(who, true, assets, minShares, FEE, vm.getBlockTimestamp(), expiry);
    }

    function _requestWithdraw(address who, uint256 shares, uint256 minAssets)
        internal
        returns (uint256 id, LpRequest memory r)
    {
        uint256 expiry = vm.getBlockTimestamp() + AGE;
        vm.prank(who);
        id = pool.requestWithdraw(shares, minAssets, expiry);
        r = LpRequest(who, false, shares, minAssets, FEE, vm.getBlockTimestamp(), expiry);
    }

    function _execute(uint256 id, LpRequest memory r, uint256[] memory idx) internal {
        vm.prank(keeper);
        pool.executeRequest(id, r, idx);
    }

    /// @dev the whole LP path: request, wait the delay, new observations, execute
    function _deposit(address who, uint256 assets) internal returns (uint256 shares) {
        uint256 before = pool.balanceOf(who);
        (uint256 id, LpRequest memory r) = _requestDeposit(who, assets, 0);
        vm.warp(vm.getBlockTimestamp() + DELAY);
        _execute(id, r, _recordAll());
        shares = pool.balanceOf(who) - before;
    }

    function _copy(LpRequest memory r) internal pure returns (LpRequest memory) {
        return abi.decode(abi.encode(r), (LpRequest));
    }

    function _expectedShares(uint256 assets, uint256 value) internal view returns (uint256) {
        return Math.mulDiv(assets, pool.totalSupply() + 1e6, value + 1);
    }

    // ------------------------------------------------------------ pool value

    function test_poolValue_tokensOnly() public view {
        PoolValue memory v = pool.poolValue();
        assertEq(v.tokens, SEED);
        assertEq(v.receivable, 0);
        assertEq(v.traderPnl, 0);
        assertEq(v.value, SEED);
        assertEq(pool.totalAssets(), SEED);
    }

    function test_poolValue_traderLossAddsToValue() public {
        engine.setNetPosition(0, 10e18, 3100e18); // long 10 ETH from 3100, mark 3000: traders −1000
        PoolValue memory v = pool.poolValue();
        assertEq(v.traderPnl, -1000e6);
        assertEq(v.countedTraderPnl, -1000e6);
        assertEq(v.value, SEED + 1000e6);
        assertEq(pool.totalAssets(), SEED + 1000e6);
    }

    function test_poolValue_traderProfitSubtracts_acrossMarkets() public {
        engine.setNetPosition(0, 10e18, 2900e18); // +1000
        engine.setNetPosition(2, -100e18, 160e18); // short from 160, mark 150: +1000
        PoolValue memory v = pool.poolValue();
        assertEq(v.traderPnl, 2000e6);
        assertEq(v.value, SEED - 2000e6);
    }

    function test_poolValue_pnlRoundsAgainstLps() public {
        engine.setNetPosition(0, 1, 0); // 3000 wei of WAD profit: counts as 1 token unit
        assertEq(pool.poolValue().traderPnl, 1);
        engine.setNetPosition(0, -1, 0); // −3000 wei WAD: a loss smaller than a unit counts 0
        assertEq(pool.poolValue().traderPnl, 0);
        assertEq(pool.poolValue().value, SEED);
    }

    function test_poolValue_profitCappedAtMaxPnlFraction() public {
        engine.setNetPosition(1, 100e18, 50_000e18); // +1,000,000 USD: more than half the pool
        PoolValue memory v = pool.poolValue();
        assertEq(v.traderPnl, 1_000_000e6);
        assertEq(v.countedTraderPnl, int256(SEED / 2));
        assertEq(v.value, SEED / 2);
    }

    function test_poolValue_receivableCountsAndRaisesCap() public {
        engine.setPoolReceivable(200_000e6);
        engine.setNetPosition(1, 100e18, 50_000e18);
        PoolValue memory v = pool.poolValue();
        assertEq(v.receivable, 200_000e6);
        assertEq(v.countedTraderPnl, int256((SEED + 200_000e6) / 2));
        assertEq(v.value, (SEED + 200_000e6) / 2);
    }

    function test_poolValue_flooredAtZero() public {
        pool.setParameters(DELAY, AGE, FEE, HOLD, 1e18);
        engine.setNetPosition(1, 100e18, 40_000e18); // +2,000,000 USD
        PoolValue memory v = pool.poolValue();
        assertEq(v.countedTraderPnl, int256(SEED));
        assertEq(v.value, 0);
    }

    // ------------------------------------------------------------ parameters

    function test_setParameters_setsAndEmits() public {
        vm.expectEmit(address(pool));
        emit ILiquidityPool.ParametersSet(5, 1 hours, 2e6, 1 days, 0.3e18);
        pool.setParameters(5, 1 hours, 2e6, 1 days, 0.3e18);
        assertEq(pool.minDelay(), 5);
        assertEq(pool.maxRequestAge(), 1 hours);
        assertEq(pool.executionFee(), 2e6);
        assertEq(pool.minHoldTime(), 1 days);
        assertEq(pool.maxPnlFraction(), 0.3e18);
    }

    function test_setParameters_onlyOwner() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityPool.NotOwner.selector, alice));
        pool.setParameters(5, 1 hours, 2e6, 1 days, 0.3e18);
    }

    function test_setParameters_bounds() public {
        _expectBound(0, 0, 1, 300);
        pool.setParameters(0, AGE, FEE, HOLD, 0.5e18);
        _expectBound(0, 301, 1, 300);
        pool.setParameters(301, AGE, FEE, HOLD, 0.5e18);
        _expectBound(1, 59, 60, 1 days);
        pool.setParameters(1, 59, FEE, HOLD, 0.5e18);
        _expectBound(1, 1 days + 1, 60, 1 days);
        pool.setParameters(1, 1 days + 1, FEE, HOLD, 0.5e18);
        _expectBound(1, 200, 300, 1 days); // an expiry window needs maxRequestAge ≥ minDelay
        pool.setParameters(300, 200, FEE, HOLD, 0.5e18);
        _expectBound(2, 50e6 + 1, 0, 50e6);
        pool.setParameters(1, AGE, 50e6 + 1, HOLD, 0.5e18);
        _expectBound(3, 30 days + 1, 0, 30 days);
        pool.setParameters(1, AGE, FEE, 30 days + 1, 0.5e18);
        _expectBound(4, 0.1e18 - 1, 0.1e18, 1e18);
        pool.setParameters(1, AGE, FEE, HOLD, 0.1e18 - 1);
        _expectBound(4, 1e18 + 1, 0.1e18, 1e18);
        pool.setParameters(1, AGE, FEE, HOLD, 1e18 + 1);
        assertEq(pool.maxPnlFraction(), 0.5e18, "unchanged");
        pool.setParameters(300, 1 days, 50e6, 30 days, 1e18); // the edges are allowed
        pool.setParameters(1, 60, 0, 0, 0.1e18);
    }

    function _expectBound(uint256 i, uint256 v, uint256 lo, uint256 hi) internal {
        vm.expectRevert(abi.encodeWithSelector(ILiquidityPool.ParameterOutOfBounds.selector, i, v, lo, hi));
    }

    // ------------------------------------------------------------ direct paths closed

    function test_directPaths_closed() public {
        vm.warp(vm.getBlockTimestamp() + HOLD);
        assertEq(pool.maxDeposit(alice), 0);
        assertEq(pool.maxMint(alice), 0);
        assertEq(pool.maxWithdraw(lp), 0);
        assertEq(pool.maxRedeem(lp), 0);
        vm.startPrank(lp);
        vm.expectRevert(abi.encodeWithSelector(ERC4626.ERC4626ExceededMaxDeposit.selector, lp, 1e6, 0));
        pool.deposit(1e6, lp);
        vm.expectRevert(abi.encodeWithSelector(ERC4626.ERC4626ExceededMaxMint.selector, lp, 1e12, 0));
        pool.mint(1e12, lp);
        vm.expectRevert(abi.encodeWithSelector(ERC4626.ERC4626ExceededMaxWithdraw.selector, lp, 1e6, 0));
        pool.withdraw(1e6, lp, lp);
        vm.expectRevert(abi.encodeWithSelector(ERC4626.ERC4626ExceededMaxRedeem.selector, lp, 1e12, 0));
        pool.redeem(1e12, lp, lp);
        vm.stopPrank();
    }

    // ------------------------------------------------------------ requests

    function test_requestDeposit_escrowsAndStoresHash() public {
        uint256 balance = usd.balanceOf(alice);
        uint256 expiry = vm.getBlockTimestamp() + AGE;
        LpRequest memory r = LpRequest(alice, true, 1000e6, 7, FEE, vm.getBlockTimestamp(), expiry);
        vm.expectEmit(address(pool));
        emit ILiquidityPool.LpRequested(1, alice, r);
        vm.prank(alice);
        uint256 id = pool.requestDeposit(1000e6, 7, expiry);
        assertEq(id, 1);
        assertEq(pool.requestCount(), 2);
        assertEq(pool.requestHash(id), keccak256(abi.encode(r)));
        assertEq(usd.balanceOf(alice), balance - 1000e6 - FEE);
        assertEq(usd.balanceOf(address(pool)), 1000e6 + FEE);
        assertEq(pool.totalAssets(), SEED, "escrow is not pool value");
    }

    function test_requestDeposit_zeroAmount() public {
        vm.prank(alice);
        vm.expectRevert(ILiquidityPool.ZeroAmount.selector);
        pool.requestDeposit(0, 0, vm.getBlockTimestamp() + AGE);
    }

    function test_requestDeposit_expiryBounds() public {
        uint256 t = vm.getBlockTimestamp();
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityPool.InvalidExpiry.selector, t, t + DELAY, t + AGE));
        pool.requestDeposit(1e6, 0, t);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityPool.InvalidExpiry.selector, t + AGE + 1, t + DELAY, t + AGE));
        pool.requestDeposit(1e6, 0, t + AGE + 1);
        pool.requestDeposit(1e6, 0, t + DELAY);
        pool.requestDeposit(1e6, 0, t + AGE);
        vm.stopPrank();
    }

    function test_requestWithdraw_lockedUntilHoldTime() public {
        uint256 unlocks = pool.unlockTime(lp);
        assertEq(unlocks, vm.getBlockTimestamp() + HOLD);
        vm.prank(lp);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityPool.SharesLocked.selector, lp, unlocks));
        pool.requestWithdraw(1e12, 0, vm.getBlockTimestamp() + AGE);
        vm.warp(unlocks - 1);
        vm.prank(lp);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityPool.SharesLocked.selector, lp, unlocks));
        pool.requestWithdraw(1e12, 0, vm.getBlockTimestamp() + AGE);
        vm.warp(unlocks);
        _requestWithdraw(lp, 1e12, 0);
    }

    function test_requestWithdraw_escrowsSharesAndFee() public {
        vm.warp(vm.getBlockTimestamp() + HOLD);
        uint256 shares = pool.balanceOf(lp);
        uint256 tokens = usd.balanceOf(lp);
        (uint256 id, LpRequest memory r) = _requestWithdraw(lp, shares / 4, 1);
        assertEq(pool.requestHash(id), keccak256(abi.encode(r)));
        assertEq(pool.balanceOf(lp), shares - shares / 4);
        assertEq(pool.balanceOf(address(pool)), shares / 4);
        assertEq(pool.escrowedShares(), shares / 4);
        assertEq(usd.balanceOf(lp), tokens - FEE);
        assertEq(pool.totalAssets(), SEED, "escrowed shares still count in the supply, value unchanged");
    }

    function test_requestWithdraw_zeroAndTooMany() public {
        vm.warp(vm.getBlockTimestamp() + HOLD);
        uint256 t = vm.getBlockTimestamp();
        vm.startPrank(lp);
        vm.expectRevert(ILiquidityPool.ZeroAmount.selector);
        pool.requestWithdraw(0, 0, t + AGE);
        uint256 shares = pool.balanceOf(lp);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, lp, shares, shares + 1)
        );
        pool.requestWithdraw(shares + 1, 0, t + AGE);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityPool.InvalidExpiry.selector, t + AGE + 1, t + DELAY, t + AGE));
        pool.requestWithdraw(1, 0, t + AGE + 1);
        vm.stopPrank();
    }

    // ------------------------------------------------------------ execution

    function test_executeDeposit_mintsAtFirstQualifyingPrices() public {
        engine.setNetPosition(0, 10e18, 3000e18);
        (uint256 id, LpRequest memory r) = _requestDeposit(alice, 10_000e6, 0);
        vm.warp(vm.getBlockTimestamp() + DELAY);
        prices[0] = 2900e18; // traders lose 1000 at the first qualifying observation
        uint256[] memory idx = _recordAll();
        vm.warp(vm.getBlockTimestamp() + 1);
        prices[0] = 3200e18; // a later price the executor must not use
        uint256[] memory later = _recordAll();
        assertEq(pool.totalAssets(), SEED - 2000e6, "latest mark");

        vm.prank(keeper);
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, 0, later[0]));
        pool.executeRequest(id, r, later);

        uint256 expected = _expectedShares(10_000e6, SEED + 1000e6);
        uint256 keeperBefore = usd.balanceOf(keeper);
        vm.expectEmit(address(pool));
        emit ILiquidityPool.LpRequestExecuted(id, alice, keeper, 10_000e6, expected);
        _execute(id, r, idx);
        assertEq(pool.balanceOf(alice), expected);
        assertEq(pool.requestHash(id), bytes32(0));
        assertEq(engine.poolAssets(), SEED + 10_000e6);
        assertEq(usd.balanceOf(keeper), keeperBefore + FEE);
        assertEq(usd.balanceOf(address(pool)), 0);
        assertEq(pool.unlockTime(alice), vm.getBlockTimestamp() + HOLD);
    }

    function test_execute_notPending_tamperedOrReplayed() public {
        (uint256 id, LpRequest memory r) = _requestDeposit(alice, 10_000e6, 0);
        vm.warp(vm.getBlockTimestamp() + DELAY);
        uint256[] memory idx = _recordAll();
        LpRequest memory forged = _copy(r);
        forged.amount = 20_000e6;
        vm.expectRevert(abi.encodeWithSelector(ILiquidityPool.NotPending.selector, id));
        pool.executeRequest(id, forged, idx);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityPool.NotPending.selector, id + 1));
        pool.executeRequest(id + 1, r, idx);
        _execute(id, r, idx);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityPool.NotPending.selector, id));
        pool.executeRequest(id, r, idx);
    }

    function test_execute_wrongObservationCount() public {
        (uint256 id, LpRequest memory r) = _requestDeposit(alice, 10_000e6, 0);
        vm.warp(vm.getBlockTimestamp() + DELAY);
        _recordAll();
        vm.expectRevert(abi.encodeWithSelector(ILiquidityPool.WrongObservationCount.selector, 2, 3));
        pool.executeRequest(id, r, new uint256[](2));
    }

    function test_execute_beforeAnyQualifyingObservation_reverts() public {
        (uint256 id, LpRequest memory r) = _requestDeposit(alice, 10_000e6, 0);
        // same second as the request: the current observations were known at commitment
        uint256[] memory idx = new uint256[](MARKETS);
        for (uint256 m; m < MARKETS; ++m) {
            idx[m] = oracle.observationCount(m) - 1;
        }
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, 0, idx[0]));
        pool.executeRequest(id, r, idx);
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.ObservationUnavailable.selector, 0, idx[0] + 1));
        idx[0] += 1;
        pool.executeRequest(id, r, idx);
        assertEq(pool.requestHash(id), keccak256(abi.encode(r)), "still pending");
    }

    function test_execute_staleDataDoesNotQualify() public {
        (uint256 id, LpRequest memory r) = _requestDeposit(alice, 10_000e6, 0);
        uint256 t0 = vm.getBlockTimestamp();
        vm.warp(t0 + 5);
        // accepted after the delay but every source behind it reported at the commitment: known
        uint256[] memory idx = new uint256[](MARKETS);
        for (uint256 m; m < MARKETS; ++m) {
            oracle.record(m, prices[m], t0 + 5, t0);
            idx[m] = oracle.observationCount(m) - 1;
        }
        vm.expectRevert(abi.encodeWithSelector(IOracleHistory.NotFirstObservation.selector, 0, idx[0]));
        pool.executeRequest(id, r, idx);
    }

    function test_execute_expired_cancelsAndRefunds() public {
        uint256 balance = usd.balanceOf(alice);
        (uint256 id, LpRequest memory r) = _requestDeposit(alice, 10_000e6, 0);
        vm.warp(r.expiry + 1); // the first qualifying observations come after the expiry
        uint256[] memory idx = _recordAll();
        uint256 keeperBefore = usd.balanceOf(keeper);
        vm.expectEmit(address(pool));
        emit ILiquidityPool.LpRequestCancelled(id, alice, keeper, 1, abi.encode(uint256(0)));
        _execute(id, r, idx);
        assertEq(pool.requestHash(id), bytes32(0));
        assertEq(usd.balanceOf(alice), balance - FEE);
        assertEq(usd.balanceOf(keeper), keeperBefore + FEE);
        assertEq(pool.balanceOf(alice), 0);
    }

    function test_execute_depositBelowMinShares_cancels() public {
        uint256 balance = usd.balanceOf(alice);
        uint256 fair = _expectedShares(10_000e6, SEED);
        (uint256 id, LpRequest memory r) = _requestDeposit(alice, 10_000e6, fair + 1);
        vm.warp(vm.getBlockTimestamp() + DELAY);
        uint256[] memory idx = _recordAll();
        vm.expectEmit(address(pool));
        emit ILiquidityPool.LpRequestCancelled(id, alice, keeper, 2, abi.encode(fair));
        _execute(id, r, idx);
        assertEq(usd.balanceOf(alice), balance - FEE);
        assertEq(pool.balanceOf(alice), 0);
        assertEq(engine.poolAssets(), SEED);
    }

    function test_execute_depositAtMinShares_fills() public {
        uint256 fair = _expectedShares(10_000e6, SEED);
        (uint256 id, LpRequest memory r) = _requestDeposit(alice, 10_000e6, fair);
        vm.warp(vm.getBlockTimestamp() + DELAY);
        _execute(id, r, _recordAll());
        assertEq(pool.balanceOf(alice), fair);
    }

    function test_executeWithdraw_paysAtFirstQualifyingPrices() public {
        vm.warp(vm.getBlockTimestamp() + HOLD);
        _recordAll();
        uint256 shares = pool.balanceOf(lp) / 10;
        engine.setNetPosition(0, 10e18, 3000e18);
        (uint256 id, LpRequest memory r) = _requestWithdraw(lp, shares, 1);
        vm.warp(vm.getBlockTimestamp() + DELAY);
        prices[0] = 3100e18; // traders +1000 at the fill
        uint256[] memory idx = _recordAll();
        uint256 supply = pool.totalSupply();
        uint256 expected = Math.mulDiv(shares, SEED - 1000e6 + 1, supply + 1e6);
        uint256 tokens = usd.balanceOf(lp);
        uint256 keeperBefore = usd.balanceOf(keeper);
        _execute(id, r, idx);
        assertEq(usd.balanceOf(lp), tokens + expected);
        assertEq(pool.totalSupply(), supply - shares);
        assertEq(pool.escrowedShares(), 0);
        assertEq(pool.balanceOf(address(pool)), 0);
        assertEq(engine.poolAssets(), SEED - expected);
        assertEq(usd.balanceOf(keeper), keeperBefore + FEE);
    }

    function test_executeWithdraw_belowMinAssets_returnsShares() public {
        vm.warp(vm.getBlockTimestamp() + HOLD);
        uint256 shares = pool.balanceOf(lp);
        (uint256 id, LpRequest memory r) = _requestWithdraw(lp, shares / 2, SEED);
        vm.warp(vm.getBlockTimestamp() + DELAY);
        vm.recordLogs();
        _execute(id, r, _recordAll());
        assertEq(_lastCancelReason(), 2);
        assertEq(pool.balanceOf(lp), shares);
        assertEq(pool.escrowedShares(), 0);
        assertEq(engine.poolAssets(), SEED);
    }

    function test_executeWithdraw_aboveWithdrawable_refused() public {
        vm.warp(vm.getBlockTimestamp() + HOLD);
        uint256 shares = pool.balanceOf(lp);
        engine.setWithdrawCap(100_000e6);
        (uint256 id, LpRequest memory r) = _requestWithdraw(lp, shares / 2, 0);
        vm.warp(vm.getBlockTimestamp() + DELAY);
        uint256 keeperBefore = usd.balanceOf(keeper);
        vm.recordLogs();
        _execute(id, r, _recordAll());
        assertEq(_lastCancelReason(), 3);
        assertEq(pool.balanceOf(lp), shares);
        assertEq(engine.poolAssets(), SEED);
        assertEq(usd.balanceOf(keeper), keeperBefore + FEE, "the executor is paid for the refusal");
    }

    function _lastCancelReason() internal returns (uint8 why) {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == ILiquidityPool.LpRequestCancelled.selector) {
                (why,) = abi.decode(logs[i].data, (uint8, bytes));
            }
        }
    }

    // ------------------------------------------------------------ batch

    function test_executeRequests_skipsBadEntriesAndPaysOnce() public {
        (uint256 id1, LpRequest memory r1) = _requestDeposit(alice, 10_000e6, 0);
        (uint256 id2, LpRequest memory r2) = _requestDeposit(bob, 20_000e6, 0);
        vm.warp(vm.getBlockTimestamp() + DELAY);
        uint256[] memory idx = _recordAll();
        uint256[] memory ids = new uint256[](3);
        LpRequest[] memory rs = new LpRequest[](3);
        uint256[][] memory idxs = new uint256[][](3);
        (ids[0], rs[0], idxs[0]) = (id1, r1, idx);
        LpRequest memory forged = _copy(r2);
        forged.amount = 1;
        (ids[1], rs[1], idxs[1]) = (id2, forged, idx); // bad: not the stored request
        (ids[2], rs[2], idxs[2]) = (id2, r2, idx);
        uint256 keeperBefore = usd.balanceOf(keeper);
        vm.prank(keeper);
        uint256 settled = pool.executeRequests(ids, rs, idxs);
        assertEq(settled, 2);
        assertGt(pool.balanceOf(alice), 0);
        assertGt(pool.balanceOf(bob), 0);
        assertEq(usd.balanceOf(keeper), keeperBefore + 2 * FEE);
    }

    function test_executeRequests_lengthMismatch() public {
        vm.expectRevert(ILiquidityPool.LengthMismatch.selector);
        pool.executeRequests(new uint256[](2), new LpRequest[](1), new uint256[][](2));
        vm.expectRevert(ILiquidityPool.LengthMismatch.selector);
        pool.executeRequests(new uint256[](1), new LpRequest[](1), new uint256[][](2));
    }

    function test_executeUnpaid_selfOnly() public {
        (uint256 id, LpRequest memory r) = _requestDeposit(alice, 10_000e6, 0);
        vm.warp(vm.getBlockTimestamp() + DELAY);
        uint256[] memory idx = _recordAll();
        vm.prank(keeper);
        vm.expectRevert(abi.encodeWithSelector(LiquidityPool.NotSelf.selector, keeper));
        pool.executeUnpaid(id, r, idx);
    }

    // ------------------------------------------------------------ cancelExpired

    function test_cancelExpired_notBeforeExpiry() public {
        (uint256 id, LpRequest memory r) = _requestDeposit(alice, 10_000e6, 0);
        vm.warp(r.expiry);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityPool.NotCancellable.selector, id));
        pool.cancelExpired(id, r);
    }

    function test_cancelExpired_notWhileFillable() public {
        (uint256 id, LpRequest memory r) = _requestDeposit(alice, 10_000e6, 0);
        vm.warp(vm.getBlockTimestamp() + DELAY);
        uint256[] memory idx = _recordAll();
        vm.warp(r.expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityPool.NotCancellable.selector, id));
        pool.cancelExpired(id, r);
        _execute(id, r, idx); // an executor still fills it at the observations before the expiry
        assertGt(pool.balanceOf(alice), 0);
    }

    function test_cancelExpired_noObservation_refunds() public {
        uint256 balance = usd.balanceOf(alice);
        (uint256 id, LpRequest memory r) = _requestDeposit(alice, 10_000e6, 0);
        vm.warp(r.expiry + 1);
        uint256 keeperBefore = usd.balanceOf(keeper);
        vm.prank(keeper);
        pool.cancelExpired(id, r);
        assertEq(usd.balanceOf(alice), balance - FEE);
        assertEq(usd.balanceOf(keeper), keeperBefore + FEE);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityPool.NotPending.selector, id));
        pool.cancelExpired(id, r);
    }

    function test_cancelExpired_oneMarketObservedOnlyAfterExpiry() public {
        (uint256 id, LpRequest memory r) = _requestDeposit(alice, 10_000e6, 0);
        vm.warp(vm.getBlockTimestamp() + DELAY);
        uint256 t = vm.getBlockTimestamp();
        oracle.record(0, prices[0], t, t);
        oracle.record(1, prices[1], t, t);
        vm.warp(r.expiry + 5);
        _recordAll(); // market 2's first qualifying observation is after the expiry
        vm.prank(keeper);
        pool.cancelExpired(id, r);
        assertEq(pool.requestHash(id), bytes32(0));
    }

    function test_cancelExpired_withdrawReturnsShares() public {
        vm.warp(vm.getBlockTimestamp() + HOLD);
        uint256 shares = pool.balanceOf(lp);
        (uint256 id, LpRequest memory r) = _requestWithdraw(lp, shares, 0);
        vm.warp(r.expiry + 1);
        pool.cancelExpired(id, r);
        assertEq(pool.balanceOf(lp), shares);
        assertEq(pool.escrowedShares(), 0);
    }

    // ------------------------------------------------------------ holding time

    function test_lock_carriedByTransfer() public {
        vm.warp(vm.getBlockTimestamp() + HOLD); // lp unlocked
        _deposit(alice, 10_000e6); // alice locked until now + HOLD
        uint256 aliceUnlock = pool.unlockTime(alice);
        assertEq(aliceUnlock, vm.getBlockTimestamp() + HOLD);
        vm.prank(alice);
        pool.transfer(bob, 1e12);
        assertEq(pool.unlockTime(bob), aliceUnlock, "bob gets alice's lock");
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityPool.SharesLocked.selector, bob, aliceUnlock));
        pool.requestWithdraw(1e12, 0, vm.getBlockTimestamp() + AGE);
        // an unlocked sender does not shorten the receiver's lock
        vm.prank(lp);
        pool.transfer(alice, 1e12);
        assertEq(pool.unlockTime(alice), aliceUnlock);
        // and a locked sender lengthens an unlocked receiver's
        vm.prank(alice);
        pool.transfer(lp, 1e12);
        assertEq(pool.unlockTime(lp), aliceUnlock);
    }

    function test_lock_extendedByLaterDeposit() public {
        _deposit(alice, 10_000e6);
        vm.warp(vm.getBlockTimestamp() + HOLD - 1);
        _deposit(alice, 10_000e6);
        assertEq(pool.unlockTime(alice), vm.getBlockTimestamp() + HOLD);
    }

    // ------------------------------------------------------------ a token refusing the owner

    function test_blockedOwner_refundAndPayoutDeferredNotStuck() public {
        uint256 fair = _expectedShares(10_000e6, SEED);
        (uint256 id, LpRequest memory r) = _requestDeposit(alice, 10_000e6, fair + 1);
        BlocklistUSD(address(usd)).setBlocked(alice, true);
        vm.warp(vm.getBlockTimestamp() + DELAY);
        _execute(id, r, _recordAll()); // cancelled below minOut: the refund is credited
        assertEq(pool.claimable(alice), 10_000e6);
        assertEq(pool.totalClaimable(), 10_000e6);
        assertEq(pool.requestHash(id), bytes32(0));

        vm.warp(vm.getBlockTimestamp() + HOLD);
        BlocklistUSD(address(usd)).setBlocked(lp, true);
        (id, r) = _requestWithdrawFeeFree(lp, 1e15);
        vm.warp(vm.getBlockTimestamp() + DELAY);
        _execute(id, r, _recordAll()); // the payout to a refused owner is credited too
        uint256 owed = pool.claimable(lp);
        assertGt(owed, 0);
        assertEq(usd.balanceOf(address(pool)), pool.totalClaimable());

        BlocklistUSD(address(usd)).setBlocked(lp, false);
        uint256 before = usd.balanceOf(lp);
        vm.prank(lp);
        pool.claim();
        assertEq(usd.balanceOf(lp), before + owed);
    }

    /// @dev a blocked owner cannot pay a fee: the fee is set to 0 for its withdrawal request
    function _requestWithdrawFeeFree(address who, uint256 shares) internal returns (uint256 id, LpRequest memory r) {
        pool.setParameters(DELAY, AGE, 0, HOLD, 0.5e18);
        uint256 expiry = vm.getBlockTimestamp() + AGE;
        vm.prank(who);
        id = pool.requestWithdraw(shares, 0, expiry);
        r = LpRequest(who, false, shares, 0, 0, vm.getBlockTimestamp(), expiry);
    }

    // ------------------------------------------------------------ donations

    function test_attack_donationAroundRequestInflatesNothing() public {
        uint256 fair = _expectedShares(10_000e6, SEED);
        (uint256 id, LpRequest memory r) = _requestDeposit(alice, 10_000e6, 0);
        vm.prank(bob);
        usd.transfer(address(pool), 500_000e6);
        vm.prank(bob);
        usd.transfer(address(engine), 500_000e6);
        vm.warp(vm.getBlockTimestamp() + DELAY);
        _execute(id, r, _recordAll());
        assertEq(pool.balanceOf(alice), fair, "donations change no share price");
        assertEq(pool.totalAssets(), SEED + 10_000e6);
    }
}

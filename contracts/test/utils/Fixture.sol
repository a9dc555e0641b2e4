// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {TestUSD} from "../../src/devnet/TestUSD.sol";
import {DevnetPriceSource} from "../../src/devnet/DevnetPriceSource.sol";
import {RiskConfig} from "../../src/config/RiskConfig.sol";
import {OracleAggregator} from "../../src/oracle/OracleAggregator.sol";
import {PerpEngine} from "../../src/core/PerpEngine.sol";
import {LiquidityPool} from "../../src/pool/LiquidityPool.sol";
import {PerpLens} from "../../src/lens/PerpLens.sol";
import {OrderRouter} from "../../src/router/OrderRouter.sol";
import {IPerpEngineTrading} from "../../src/interfaces/IPerpEngineTrading.sol";
import {IOracleHistory} from "../../src/interfaces/IOracleHistory.sol";
import {IRiskConfig, TierParams} from "../../src/interfaces/IRiskConfig.sol";
import {ParameterKeys} from "../../src/libraries/ParameterKeys.sol";
import {Order, OrderKind} from "../../src/interfaces/IOrderRouter.sol";
import {LpRequest, PoolValue} from "../../src/interfaces/ILiquidityPool.sol";
import {DirectRouter} from "./DirectRouter.sol";
import {OpenPositions} from "./OpenPositions.sol";
import {PositionKey} from "../../src/interfaces/IPerpEngine.sol";
import {TestParams} from "./TestParams.sol";

/// @notice Shared deployment for the tests: three markets (ETH, BTC blue-chip; SOL high-vol),
/// three sources each, a pool seeded through the real two-step LP path, and two traders.
/// The engine's router is the one-step `DirectRouter` test harness (engine tests: trades fill at
/// the accepted price, no time passes), or the real `OrderRouter` when a test overrides
/// `_useOrderRouter()` (router, attack and invariant tests: `_requestAndExecute*` helpers).
abstract contract Fixture is Test, TestParams {
    uint256 internal constant ETH = 0;
    uint256 internal constant BTC = 1;
    uint256 internal constant SOL = 2;
    uint256 internal constant POOL_DEPOSIT = 1_000_000e6;

    TestUSD internal usd;
    RiskConfig internal config;
    OracleAggregator internal oracle;
    PerpEngine internal engine;
    LiquidityPool internal pool;
    PerpLens internal lens;
    /// @dev the engine's router unless `_useOrderRouter()` (then address 0)
    DirectRouter internal direct;
    /// @dev the engine's router when `_useOrderRouter()` (else address 0)
    OrderRouter internal router;
    DevnetPriceSource[3][3] internal sources;

    address internal admin = address(this);
    address internal lp = makeAddr("lp");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal guardian = makeAddr("guardian");
    /// @dev executes LP requests and orders in the helpers (collects the execution fees)
    address internal executor = makeAddr("executor");

    /// @dev Override to wire the real `OrderRouter` as the engine's router instead of `DirectRouter`.
    function _useOrderRouter() internal view virtual returns (bool) {
        return false;
    }

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        usd = new TestUSD();
        config = new RiskConfig(admin);
        config.addTier(blueChipTier());
        config.addTier(highVolTier());
        config.addMarket("ETH-USD", 0, marketParams(), oracleParams());
        config.addMarket("BTC-USD", 0, marketParams(), oracleParams());
        config.addMarket("SOL-USD", 1, marketParams(), oracleParams());
        config.setFeeSplit(0.2e18, 0.2e18);
        config.setGuardian(guardian);

        oracle = new OracleAggregator(config);
        int256[3] memory initial = [int256(3000e8), int256(60_000e8), int256(150e8)];
        for (uint256 m; m < 3; ++m) {
            for (uint256 i; i < 3; ++i) {
                sources[m][i] = new DevnetPriceSource("src", address(this), initial[m]);
                oracle.addSource(m, sources[m][i]);
            }
            oracle.update(m);
        }

        engine = new PerpEngine(usd, config, oracle);
        pool = new LiquidityPool(usd, engine);
        engine.setPool(address(pool));
        config.setEngine(address(engine));
        pool.setParameters(
            POOL_MIN_DELAY, POOL_MAX_REQUEST_AGE, POOL_EXECUTION_FEE, POOL_MIN_HOLD_TIME, POOL_MAX_PNL_FRACTION
        );
        lens = new PerpLens(address(engine));
        if (_useOrderRouter()) {
            router = new OrderRouter(
                usd, IRiskConfig(address(config)), IPerpEngineTrading(address(engine)), IOracleHistory(address(oracle))
            );
            router.setParameters(ROUTER_MIN_DELAY, ROUTER_MAX_ORDER_AGE, ROUTER_EXECUTION_FEE, ROUTER_MIN_NOTIONAL);
            engine.setRouter(address(router));
        } else {
            direct = new DirectRouter(usd, IPerpEngineTrading(address(engine)), oracle);
            engine.setRouter(address(direct));
        }

        usd.mint(lp, POOL_DEPOSIT + POOL_EXECUTION_FEE);
        _seedPool(lp, POOL_DEPOSIT);

        _fund(alice);
        _fund(bob);
    }

    /// @dev Mints 1,000,000 tUSD to `who` and approves everything a trader or LP pays into.
    /// @dev Every address `_fund` prepared: the traders `_openKeys` scans (the engine keeps no list).
    address[] internal _traders;

    function _fund(address who) internal {
        _trackTrader(who);
        usd.mint(who, 1_000_000e6);
        vm.startPrank(who);
        usd.approve(address(engine), type(uint256).max);
        usd.approve(address(pool), type(uint256).max);
        if (address(direct) != address(0)) usd.approve(address(direct), type(uint256).max);
        if (address(router) != address(0)) usd.approve(address(router), type(uint256).max);
        vm.stopPrank();
    }

    /// @dev Moves all three sources of a market to `price8` (8 decimals) and accepts it.
    function _setPrice(uint256 marketId, int256 price8) internal virtual {
        for (uint256 i; i < 3; ++i) {
            sources[marketId][i].updateAnswer(price8);
        }
        oracle.update(marketId);
    }

    /// @dev Advances time and refreshes every source of every market at its current answer.
    function _skip(uint256 dt) internal {
        vm.warp(vm.getBlockTimestamp() + dt);
        for (uint256 m; m < 3; ++m) {
            (, int256 answer,,,) = sources[m][0].latestRoundData();
            _setPrice(m, answer);
        }
    }

    /// @dev `setTier`, then wait (prices kept fresh) until its raises of mmBase, mmMax and the
    /// margin rise rate (issue 12), and of volMultiplier and horizon, which ramp in, are fully in force.
    function _setTierInForce(uint256 tierId, TierParams memory t) internal {
        config.setTier(tierId, t);
        string[5] memory ramped = ["mmBase", "mmMax", "maxMmRisePerHour", "volMultiplier", "horizon"];
        uint256 end;
        for (uint256 i; i < 5; ++i) {
            uint256 e = config.parameterRamp(ParameterKeys.tier(ramped[i], tierId)).end;
            if (e > end) end = e;
        }
        if (end > vm.getBlockTimestamp()) _skip(end - vm.getBlockTimestamp());
    }

    // ------------------------------------------------------------ LP requests (the real path)

    /// @dev `who` deposits `assets` through the two-step path: request (assets + execution fee from
    /// `who`), `minDelay` later with every source re-pushed and accepted, executed by `executor`.
    /// Replaces the closed `pool.deposit`. Returns the shares minted.
    function _seedPool(address who, uint256 assets) internal returns (uint256 shares) {
        (uint256 id, LpRequest memory r) = _requestDeposit(who, assets, 0);
        _skip(pool.minDelay());
        shares = _executeLp(id, r);
    }

    /// @dev `who` redeems `shares` through the two-step path (the shares must be unlocked);
    /// returns the assets paid (0 when the request was cancelled).
    function _withdrawPool(address who, uint256 shares) internal returns (uint256 assets) {
        (uint256 id, LpRequest memory r) = _requestWithdraw(who, shares, 0);
        _skip(pool.minDelay());
        uint256 before = usd.balanceOf(who);
        _executeLp(id, r);
        assets = usd.balanceOf(who) - before;
    }

    function _requestDeposit(address who, uint256 assets, uint256 minShares)
        internal
        returns (uint256 id, LpRequest memory r)
    {
        uint256 expiry = vm.getBlockTimestamp() + pool.maxRequestAge();
        vm.startPrank(who);
        usd.approve(address(pool), type(uint256).max);
        id = pool.requestDeposit(assets, minShares, expiry);
        vm.stopPrank();
        r = LpRequest({
            owner: who,
            isDeposit: true,
            amount: assets,
            minOut: minShares,
            executionFee: pool.executionFee(),
            createdAt: vm.getBlockTimestamp(),
            expiry: expiry
        });
    }

    function _requestWithdraw(address who, uint256 shares, uint256 minAssets)
        internal
        returns (uint256 id, LpRequest memory r)
    {
        uint256 expiry = vm.getBlockTimestamp() + pool.maxRequestAge();
        vm.startPrank(who);
        usd.approve(address(pool), type(uint256).max);
        id = pool.requestWithdraw(shares, minAssets, expiry);
        vm.stopPrank();
        r = LpRequest({
            owner: who,
            isDeposit: false,
            amount: shares,
            minOut: minAssets,
            executionFee: pool.executionFee(),
            createdAt: vm.getBlockTimestamp(),
            expiry: expiry
        });
    }

    /// @dev The first qualifying observation of every market for `r`.
    function _lpObservations(LpRequest memory r) internal view returns (uint256[] memory idx) {
        uint256 n = config.marketCount();
        idx = new uint256[](n);
        for (uint256 m; m < n; ++m) {
            (bool found, uint256 i,) = oracle.findFirstQualifying(m, r.createdAt, pool.minDelay());
            require(found, "fixture: no qualifying observation");
            idx[m] = i;
        }
    }

    /// @dev Executes an LP request as `executor`; returns the owner's share balance change
    /// (deposit: shares minted; withdrawal: 0).
    function _executeLp(uint256 id, LpRequest memory r) internal returns (uint256 shares) {
        uint256[] memory idx = _lpObservations(r);
        uint256 before = pool.balanceOf(r.owner);
        vm.prank(executor);
        pool.executeRequest(id, r, idx);
        uint256 afterBal = pool.balanceOf(r.owner);
        shares = afterBal > before ? afterBal - before : 0;
    }

    // ------------------------------------------------------------ orders (real OrderRouter)

    /// @dev A generous acceptable price for a fill that buys (ceiling 2× the accepted price) or
    /// sells (floor ½×): the helpers test execution, not slippage protection.
    function _acceptable(uint256 marketId, bool buys) internal view returns (uint256) {
        uint256 p = oracle.latest(marketId).price;
        return buys ? p * 2 : p / 2;
    }

    function _order(address trader, uint256 marketId, OrderKind kind, int256 size, uint256 collateral, uint256 acceptable)
        internal
        view
        returns (Order memory o)
    {
        o = Order({
            trader: trader,
            marketId: marketId,
            kind: kind,
            size: size,
            collateral: collateral,
            acceptablePrice: acceptable,
            executionFee: router.executionFee(),
            createdAt: vm.getBlockTimestamp(),
            expiry: vm.getBlockTimestamp() + router.maxOrderAge()
        });
    }

    function _requestOpen(address trader, uint256 marketId, int256 size, uint256 collateral)
        internal
        returns (uint256 id, Order memory o)
    {
        o = _order(trader, marketId, OrderKind.Open, size, collateral, _acceptable(marketId, size > 0));
        vm.prank(trader);
        id = router.requestOpen(marketId, size, collateral, o.acceptablePrice, o.expiry);
    }

    function _requestIncrease(address trader, uint256 marketId, uint256 sizeDelta, uint256 collateralDelta)
        internal
        returns (uint256 id, Order memory o)
    {
        bool long = engine.position(trader, marketId).size > 0;
        o = _order(trader, marketId, OrderKind.Increase, int256(sizeDelta), collateralDelta, _acceptable(marketId, long));
        vm.prank(trader);
        id = router.requestIncrease(marketId, sizeDelta, collateralDelta, o.acceptablePrice, o.expiry);
    }

    function _requestReduce(address trader, uint256 marketId, uint256 sizeDelta)
        internal
        returns (uint256 id, Order memory o)
    {
        bool long = engine.position(trader, marketId).size > 0;
        o = _order(trader, marketId, OrderKind.Reduce, int256(sizeDelta), 0, _acceptable(marketId, !long));
        vm.prank(trader);
        id = router.requestReduce(marketId, sizeDelta, o.acceptablePrice, o.expiry);
    }

    function _requestClose(address trader, uint256 marketId) internal returns (uint256 id, Order memory o) {
        bool long = engine.position(trader, marketId).size > 0;
        o = _order(trader, marketId, OrderKind.Close, 0, 0, _acceptable(marketId, !long));
        vm.prank(trader);
        id = router.requestClose(marketId, o.acceptablePrice, o.expiry);
    }

    /// @dev Executes `o` as `executor` at its market's first qualifying observation (which must
    /// exist: call `_skip(router.minDelay())` or push prices first).
    function _executeOrder(uint256 id, Order memory o) internal {
        (bool found, uint256 k,) = oracle.findFirstQualifying(o.marketId, o.createdAt, router.minDelay());
        require(found, "fixture: no qualifying observation");
        vm.prank(executor);
        router.executeOrder(id, o, k);
    }

    /// @dev Request, wait `minDelay` with every source re-pushed and accepted, execute.
    function _requestAndExecuteOpen(address trader, uint256 marketId, int256 size, uint256 collateral)
        internal
        returns (uint256 id)
    {
        Order memory o;
        (id, o) = _requestOpen(trader, marketId, size, collateral);
        _skip(router.minDelay());
        _executeOrder(id, o);
    }

    function _requestAndExecuteIncrease(address trader, uint256 marketId, uint256 sizeDelta, uint256 collateralDelta)
        internal
        returns (uint256 id)
    {
        Order memory o;
        (id, o) = _requestIncrease(trader, marketId, sizeDelta, collateralDelta);
        _skip(router.minDelay());
        _executeOrder(id, o);
    }

    function _requestAndExecuteReduce(address trader, uint256 marketId, uint256 sizeDelta) internal returns (uint256 id) {
        Order memory o;
        (id, o) = _requestReduce(trader, marketId, sizeDelta);
        _skip(router.minDelay());
        _executeOrder(id, o);
    }

    function _requestAndExecuteClose(address trader, uint256 marketId) internal returns (uint256 id) {
        Order memory o;
        (id, o) = _requestClose(trader, marketId);
        _skip(router.minDelay());
        _executeOrder(id, o);
    }

    // ------------------------------------------------------------ accounting

    /// @dev The pool's books: tokens + debt-auction receivable, without the trader PnL the marked
    /// `totalAssets()` counts (what `totalAssets()` was before the pool was marked to market).
    function _poolBooks() internal view returns (uint256) {
        PoolValue memory v = pool.poolValue();
        return v.tokens + v.receivable;
    }

    /// @dev Everything the engine's balance backs: the pool, the fee buffers, every position's
    /// collateral and, with the real router, the collateral escrowed for pending orders.
    function _protocolLiabilities() internal view returns (uint256 total) {
        total = engine.poolAssets() + engine.insuranceFees() + engine.stakerFees();
        if (address(router) != address(0)) total += router.escrowedCollateral();
        (PositionViewLike[] memory ps) = _positions();
        for (uint256 i; i < ps.length; ++i) {
            total += ps[i].collateral;
        }
    }

    struct PositionViewLike {
        uint256 collateral;
    }

    function _positions() internal view returns (PositionViewLike[] memory out) {
        PositionKey[] memory keys = _openKeys();
        out = new PositionViewLike[](keys.length);
        for (uint256 i; i < keys.length; ++i) {
            out[i].collateral = engine.position(keys[i].trader, keys[i].marketId).collateral;
        }
    }

    function _trackTrader(address who) internal {
        for (uint256 i; i < _traders.length; ++i) {
            if (_traders[i] == who) return;
        }
        _traders.push(who);
    }

    /// @dev The open positions of every tracked trader (the old on-chain enumeration's set).
    function _openKeys() internal view returns (PositionKey[] memory) {
        return OpenPositions.scan(IPerpEngineTrading(address(engine)), _traders, config.marketCount());
    }
}

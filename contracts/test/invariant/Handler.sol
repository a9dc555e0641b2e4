// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestUSD} from "../../src/devnet/TestUSD.sol";
import {DevnetPriceSource} from "../../src/devnet/DevnetPriceSource.sol";
import {RiskConfig} from "../../src/config/RiskConfig.sol";
import {OracleAggregator} from "../../src/oracle/OracleAggregator.sol";
import {PerpEngine} from "../../src/core/PerpEngine.sol";
import {LiquidityPool} from "../../src/pool/LiquidityPool.sol";
import {PositionView, PositionKey} from "../../src/interfaces/IPerpEngine.sol";
import {IPerpEngineTrading} from "../../src/interfaces/IPerpEngineTrading.sol";
import {OpenPositions} from "../utils/OpenPositions.sol";
import {PositionLogFollower} from "../utils/PositionLogFollower.sol";
import {LpRequest} from "../../src/interfaces/ILiquidityPool.sol";
import {PerpLens} from "../../src/lens/PerpLens.sol";
import {DirectRouter} from "../utils/DirectRouter.sol";
import {TierParams, MarketParams, OracleParams} from "../../src/interfaces/IRiskConfig.sol";

/// @notice Drives random trading, LP flows, price moves and governance attempts. Records any
/// account left below initial margin by an open, increase or collateral withdrawal.
/// Trades go through the fixture's `DirectRouter` (one step, at the accepted price: the engine's
/// own invariants); LP flows go through the real two-step request path (a request the oracle
/// cannot fill yet stays pending and is settled by a later LP call).
contract Handler is PositionLogFollower {
    TestUSD internal usd;
    RiskConfig internal config;
    OracleAggregator internal oracle;
    PerpEngine internal engine;
    LiquidityPool internal pool;
    PerpLens internal lens;
    DirectRouter internal direct;
    DevnetPriceSource[3][3] internal sources;
    address internal admin;
    address[3] internal traders;
    address internal lp;

    /// @notice Successful risk-adding calls that left equity below IMR (must stay 0).
    uint256 public belowInitialMargin;
    uint256 public successfulOpens;
    uint256 public openAttempts;
    uint256 public successfulCloses;
    uint256 public priceMoves;
    /// @notice Tokens escrowed in the pool contract by pending LP requests (deposits: assets +
    /// fee; withdrawals: fee).
    uint256 public lpTokenEscrow;
    uint256 public lpExecuted;
    uint256[] internal _pendingIds;
    LpRequest[] internal _pending;
    address internal lpExecutor = makeAddr("lp-executor");

    constructor(
        TestUSD usd_,
        RiskConfig config_,
        OracleAggregator oracle_,
        PerpEngine engine_,
        LiquidityPool pool_,
        DevnetPriceSource[3][3] memory sources_,
        address admin_,
        address lp_
    ) {
        usd = usd_;
        config = config_;
        oracle = oracle_;
        engine = engine_;
        pool = pool_;
        lens = new PerpLens(address(engine_));
        direct = DirectRouter(engine_.router());
        sources = sources_;
        admin = admin_;
        lp = lp_;
        traders = [makeAddr("t0"), makeAddr("t1"), makeAddr("t2")];
    }

    function traderAt(uint256 i) external view returns (address) {
        return traders[i];
    }

    /// @dev The open positions of the handler's traders (the engine keeps no list).
    function openKeys() public view returns (PositionKey[] memory) {
        address[] memory ts = new address[](3);
        for (uint256 i; i < 3; ++i) {
            ts[i] = traders[i];
        }
        return OpenPositions.scan(IPerpEngineTrading(address(engine)), ts, 3);
    }

    function fundTraders() external {
        for (uint256 i; i < 3; ++i) {
            vm.prank(admin);
            usd.mint(traders[i], 10_000_000e6);
            vm.startPrank(traders[i]);
            usd.approve(address(engine), type(uint256).max);
            usd.approve(address(direct), type(uint256).max);
            vm.stopPrank();
        }
    }

    // ---------------------------------------------------------------- trading

    function open(uint256 actor, uint256 market, uint256 notionalUsd, uint256 leverage, bool isLong) external {
        (address t, uint256 m) = (traders[actor % 3], market % 3);
        // pick a market where this trader has no position yet
        for (uint256 k; k < 3 && lens.getPosition(t, m).size != 0; ++k) {
            m = (m + 1) % 3;
        }
        openAttempts++;
        uint256 price = oracle.latest(m).price;
        notionalUsd = bound(notionalUsd, 10, 200_000);
        leverage = bound(leverage, 1, 25);
        uint256 q = notionalUsd * 1e36 / price;
        if (q == 0) return;
        uint256 collateral = notionalUsd * 1e6 / leverage + 1e6;
        _recordPositionLogs();
        vm.prank(t);
        try direct.open(m, isLong ? int256(q) : -int256(q), collateral) {
            successfulOpens++;
            _checkInitial(t, m);
        } catch {}
        _followPositionLogs(address(engine), engine.liquidator());
    }

    function increase(uint256 actor, uint256 market, uint256 fraction, uint256 collateral) external {
        (address t, uint256 m) = (traders[actor % 3], market % 3);
        PositionView memory p = lens.getPosition(t, m);
        if (p.size == 0) return;
        uint256 q = p.size > 0 ? uint256(p.size) : uint256(-p.size);
        uint256 delta = q * bound(fraction, 1, 100) / 100;
        collateral = bound(collateral, 0, 50_000e6);
        vm.prank(t);
        try direct.increase(m, delta, collateral) {
            _checkInitial(t, m);
        } catch {}
    }

    function reduce(uint256 index, uint256 fraction) external {
        PositionKey[] memory keys = openKeys();
        if (keys.length == 0) return;
        (address t, uint256 m) = (keys[index % keys.length].trader, keys[index % keys.length].marketId);
        PositionView memory p = lens.getPosition(t, m);
        if (p.size == 0) return;
        uint256 q = p.size > 0 ? uint256(p.size) : uint256(-p.size);
        uint256 delta = q * bound(fraction, 1, 100) / 100;
        if (delta == 0) return;
        _recordPositionLogs();
        vm.prank(t);
        try direct.reduce(m, delta) {} catch {}
        _followPositionLogs(address(engine), engine.liquidator());
    }

    /// @dev Closes one of the open positions (picked by index, so closes are not wasted).
    function close(uint256 index) external {
        PositionKey[] memory keys = openKeys();
        if (keys.length == 0) return;
        (address t, uint256 m) = (keys[index % keys.length].trader, keys[index % keys.length].marketId);
        _recordPositionLogs();
        vm.prank(t);
        try direct.close(m) {
            successfulCloses++;
        } catch {}
        _followPositionLogs(address(engine), engine.liquidator());
    }

    function addCollateral(uint256 actor, uint256 market, uint256 amount) external {
        (address t, uint256 m) = (traders[actor % 3], market % 3);
        amount = bound(amount, 1, 100_000e6);
        vm.prank(t);
        try engine.addCollateral(m, amount) {} catch {}
    }

    function removeCollateral(uint256 actor, uint256 market, uint256 amount) external {
        (address t, uint256 m) = (traders[actor % 3], market % 3);
        PositionView memory p = lens.getPosition(t, m);
        if (p.collateral == 0) return;
        amount = bound(amount, 1, p.collateral);
        vm.prank(t);
        try engine.removeCollateral(m, amount) {
            _checkInitial(t, m);
        } catch {}
    }

    // ---------------------------------------------------------------- market and LPs

    /// @dev After 1-120 s, moves one market by up to ±4 % and refreshes the others.
    function movePrice(uint256 market, uint256 bps, bool up, uint256 dt) external {
        vm.warp(vm.getBlockTimestamp() + bound(dt, 1, 120));
        _move(market % 3, bound(bps, 0, 400), up);
    }

    /// @dev A crash or spike of 5-15 %: sometimes trips the circuit breaker.
    function shock(uint256 market, uint256 bps, bool up) external {
        vm.warp(vm.getBlockTimestamp() + 1);
        _move(market % 3, bound(bps, 500, 1500), up);
    }

    function _move(uint256 m, uint256 bps, bool up) internal {
        for (uint256 k; k < 3; ++k) {
            (, int256 answer,,,) = sources[k][0].latestRoundData();
            int256 next = answer;
            if (k == m) {
                int256 change = answer * int256(bps) / 10_000;
                next = up ? answer + change : answer - change;
                if (next <= 1e6) next = 1e6;
            }
            for (uint256 i; i < 3; ++i) {
                sources[k][i].updateAnswer(next);
            }
            oracle.update(k);
        }
        priceMoves++;
    }

    function deposit(uint256 amount) external {
        _settlePending();
        amount = bound(amount, 1, 1_000_000e6);
        uint256 fee = pool.executionFee();
        vm.prank(admin);
        usd.mint(lp, amount + fee);
        uint256 expiry = vm.getBlockTimestamp() + pool.maxRequestAge();
        vm.startPrank(lp);
        usd.approve(address(pool), amount + fee);
        uint256 id = pool.requestDeposit(amount, 0, expiry);
        vm.stopPrank();
        lpTokenEscrow += amount + fee;
        _queue(id, LpRequest(lp, true, amount, 0, fee, vm.getBlockTimestamp(), expiry));
        _settlePending();
    }

    /// @dev Requests a withdrawal of some of the LP's shares once they are unlocked; the pool
    /// cancels (refuses) one above the liquidity not backing open interest.
    function withdraw(uint256 shares) external {
        _settlePending();
        uint256 balance = pool.balanceOf(lp);
        if (balance == 0 || pool.unlockTime(lp) > vm.getBlockTimestamp()) return;
        shares = bound(shares, 1, balance);
        uint256 fee = pool.executionFee();
        vm.prank(admin);
        usd.mint(lp, fee);
        uint256 expiry = vm.getBlockTimestamp() + pool.maxRequestAge();
        vm.startPrank(lp);
        usd.approve(address(pool), fee);
        uint256 id = pool.requestWithdraw(shares, 0, expiry);
        vm.stopPrank();
        lpTokenEscrow += fee;
        _queue(id, LpRequest(lp, false, shares, 0, fee, vm.getBlockTimestamp(), expiry));
        _settlePending();
    }

    function _queue(uint256 id, LpRequest memory r) internal {
        _pendingIds.push(id);
        _pending.push(r);
    }

    /// @dev One second later, with every source re-pushed: executes each pending request whose
    /// observations exist, cancels each that expired unfilled, keeps the rest.
    function _settlePending() internal {
        if (_pending.length == 0) return;
        vm.warp(vm.getBlockTimestamp() + pool.minDelay());
        _refreshAll();
        uint256 i;
        while (i < _pending.length) {
            LpRequest memory r = _pending[i];
            uint256 id = _pendingIds[i];
            bool settled;
            (bool ready, uint256[] memory idx) = _observations(r);
            if (ready) {
                vm.prank(lpExecutor);
                try pool.executeRequest(id, r, idx) {
                    settled = true;
                } catch {}
            }
            if (!settled && vm.getBlockTimestamp() > r.expiry) {
                vm.prank(lpExecutor);
                try pool.cancelExpired(id, r) {
                    settled = true;
                } catch {}
            }
            if (settled) {
                lpTokenEscrow -= r.isDeposit ? r.amount + r.executionFee : r.executionFee;
                lpExecuted++;
                _pending[i] = _pending[_pending.length - 1];
                _pendingIds[i] = _pendingIds[_pendingIds.length - 1];
                _pending.pop();
                _pendingIds.pop();
            } else {
                ++i;
            }
        }
    }

    function _observations(LpRequest memory r) internal view returns (bool ready, uint256[] memory idx) {
        idx = new uint256[](3);
        for (uint256 m; m < 3; ++m) {
            (bool found, uint256 k,) = oracle.findFirstQualifying(m, r.createdAt, pool.minDelay());
            if (!found) return (false, idx);
            idx[m] = k;
        }
        ready = true;
    }

    /// @dev Re-pushes every source at its current answer and accepts it (a guarded market may
    /// still refuse).
    function _refreshAll() internal {
        for (uint256 k; k < 3; ++k) {
            (, int256 answer,,,) = sources[k][0].latestRoundData();
            for (uint256 i; i < 3; ++i) {
                sources[k][i].updateAnswer(answer);
            }
            oracle.update(k);
        }
    }

    // ---------------------------------------------------------------- governance attempts

    function setTier(uint256 tierId, uint64 mmBase, uint64 mmMax, uint96 maxLeverage, uint64 imMultiplier) external {
        TierParams memory t = config.tier(tierId % 2);
        t.mmBase = mmBase;
        t.mmMax = mmMax;
        t.maxLeverage = maxLeverage;
        t.imMultiplier = imMultiplier;
        vm.prank(admin);
        try config.setTier(tierId % 2, t) {} catch {}
    }

    function setMarketParams(uint256 market, uint64 fundingFactor, uint64 takerFee, uint64 impactFactor) external {
        vm.prank(admin);
        try config.setMarketParams(
            market % 3, MarketParams({fundingFactor: fundingFactor, takerFee: takerFee, impactFactor: impactFactor})
        ) {} catch {}
    }

    function setOracleParams(uint256 market, uint32 maxAge, uint8 minSources, uint64 maxJump) external {
        OracleParams memory o = config.oracleParams(market % 3);
        o.maxAge = maxAge;
        o.minSources = minSources;
        o.maxJump = maxJump;
        vm.prank(admin);
        try config.setOracleParams(market % 3, o) {} catch {}
    }

    function setFeeSplit(uint64 insurance, uint64 stakers) external {
        vm.prank(admin);
        try config.setFeeSplit(insurance, stakers) {} catch {}
    }

    // ---------------------------------------------------------------- helpers

    function _checkInitial(address t, uint256 m) internal {
        PositionView memory p = lens.getPosition(t, m);
        if (p.size != 0 && p.equity < int256(p.imr)) belowInitialMargin++;
    }

    function traderCount() external pure returns (uint256) {
        return 3;
    }
}

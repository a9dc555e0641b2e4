// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {TestUSD} from "../../src/devnet/TestUSD.sol";
import {DevnetPriceSource} from "../../src/devnet/DevnetPriceSource.sol";
import {RiskConfig} from "../../src/config/RiskConfig.sol";
import {OracleAggregator} from "../../src/oracle/OracleAggregator.sol";
import {PerpEngine} from "../../src/core/PerpEngine.sol";
import {LiquidityPool} from "../../src/pool/LiquidityPool.sol";
import {PositionView} from "../../src/interfaces/IPerpEngine.sol";
import {TierParams, MarketParams, OracleParams} from "../../src/interfaces/IRiskConfig.sol";

/// @notice Drives random trading, LP flows, price moves and governance attempts. Records any
/// account left below initial margin by an open, increase or collateral withdrawal.
contract Handler is Test {
    TestUSD internal usd;
    RiskConfig internal config;
    OracleAggregator internal oracle;
    PerpEngine internal engine;
    LiquidityPool internal pool;
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
        sources = sources_;
        admin = admin_;
        lp = lp_;
        traders = [makeAddr("t0"), makeAddr("t1"), makeAddr("t2")];
    }

    function fundTraders() external {
        for (uint256 i; i < 3; ++i) {
            vm.prank(admin);
            usd.mint(traders[i], 10_000_000e6);
            vm.prank(traders[i]);
            usd.approve(address(engine), type(uint256).max);
        }
    }

    // ---------------------------------------------------------------- trading

    function open(uint256 actor, uint256 market, uint256 notionalUsd, uint256 leverage, bool isLong) external {
        (address t, uint256 m) = (traders[actor % 3], market % 3);
        // pick a market where this trader has no position yet
        for (uint256 k; k < 3 && engine.getPosition(t, m).size != 0; ++k) {
            m = (m + 1) % 3;
        }
        openAttempts++;
        uint256 price = oracle.latest(m).price;
        notionalUsd = bound(notionalUsd, 10, 200_000);
        leverage = bound(leverage, 1, 25);
        uint256 q = notionalUsd * 1e36 / price;
        if (q == 0) return;
        uint256 collateral = notionalUsd * 1e6 / leverage + 1e6;
        vm.prank(t);
        try engine.open(m, isLong ? int256(q) : -int256(q), collateral) {
            successfulOpens++;
            _checkInitial(t, m);
        } catch {}
    }

    function increase(uint256 actor, uint256 market, uint256 fraction, uint256 collateral) external {
        (address t, uint256 m) = (traders[actor % 3], market % 3);
        PositionView memory p = engine.getPosition(t, m);
        if (p.size == 0) return;
        uint256 q = p.size > 0 ? uint256(p.size) : uint256(-p.size);
        uint256 delta = q * bound(fraction, 1, 100) / 100;
        collateral = bound(collateral, 0, 50_000e6);
        vm.prank(t);
        try engine.increase(m, delta, collateral) {
            _checkInitial(t, m);
        } catch {}
    }

    function reduce(uint256 index, uint256 fraction) external {
        uint256 n = engine.openPositionCount();
        if (n == 0) return;
        PositionKeyLike memory k = _keyAt(index % n);
        (address t, uint256 m) = (k.trader, k.marketId);
        PositionView memory p = engine.getPosition(t, m);
        if (p.size == 0) return;
        uint256 q = p.size > 0 ? uint256(p.size) : uint256(-p.size);
        uint256 delta = q * bound(fraction, 1, 100) / 100;
        if (delta == 0) return;
        vm.prank(t);
        try engine.reduce(m, delta) {} catch {}
    }

    /// @dev Closes one of the open positions (picked by index, so closes are not wasted).
    function close(uint256 index) external {
        uint256 n = engine.openPositionCount();
        if (n == 0) return;
        PositionKeyLike memory k = _keyAt(index % n);
        (address t, uint256 m) = (k.trader, k.marketId);
        vm.prank(t);
        try engine.close(m) {
            successfulCloses++;
        } catch {}
    }

    function addCollateral(uint256 actor, uint256 market, uint256 amount) external {
        (address t, uint256 m) = (traders[actor % 3], market % 3);
        amount = bound(amount, 1, 100_000e6);
        vm.prank(t);
        try engine.addCollateral(m, amount) {} catch {}
    }

    function removeCollateral(uint256 actor, uint256 market, uint256 amount) external {
        (address t, uint256 m) = (traders[actor % 3], market % 3);
        PositionView memory p = engine.getPosition(t, m);
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

    struct PositionKeyLike {
        address trader;
        uint256 marketId;
    }

    function _keyAt(uint256 i) internal view returns (PositionKeyLike memory k) {
        k.trader = engine.positionKey(i).trader;
        k.marketId = engine.positionKey(i).marketId;
    }

    function deposit(uint256 amount) external {
        amount = bound(amount, 1, 1_000_000e6);
        vm.prank(admin);
        usd.mint(lp, amount);
        vm.startPrank(lp);
        usd.approve(address(pool), amount);
        pool.deposit(amount, lp);
        vm.stopPrank();
    }

    function withdraw(uint256 amount) external {
        uint256 max = pool.maxWithdraw(lp);
        if (max == 0) return;
        amount = bound(amount, 1, max);
        vm.prank(lp);
        try pool.withdraw(amount, lp, lp) {} catch {}
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
        PositionView memory p = engine.getPosition(t, m);
        if (p.size != 0 && p.equity < int256(p.imr)) belowInitialMargin++;
    }

    function traderCount() external pure returns (uint256) {
        return 3;
    }
}

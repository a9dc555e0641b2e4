// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Fixture} from "../utils/Fixture.sol";
import {LpRequest} from "../../src/interfaces/ILiquidityPool.sol";
import {Order} from "../../src/interfaces/IOrderRouter.sol";
import {StoredPosition} from "../../src/interfaces/IPerpEngineTrading.sol";
import {PositionKey} from "../../src/interfaces/IPerpEngine.sol";

/// @notice Drives the whole deployment (the fixture with the real OrderRouter, deployed by the
/// handler itself): trades through the router, price moves, funding time, LP deposits and
/// withdrawals through the two-step path. Every trade that realises PnL is bracketed by the pool's
/// share price; a fall is recorded in `ghost_realisationDrop`.
contract PoolValueHandler is Fixture {
    address[3] internal traders;
    address[3] internal lps;

    /// @dev largest fall of `convertToAssets(1e18)` across one executed close or reduce
    uint256 public ghost_realisationDrop;
    uint256 public ghost_realisations;
    uint256 public ghost_lpFills;
    uint256 public ghost_opens;
    uint256 public ghost_cancelled;

    function _useOrderRouter() internal pure override returns (bool) {
        return true;
    }

    function setUp() public override {
        super.setUp();
        traders = [alice, bob, makeAddr("carol")];
        lps = [lp, makeAddr("lp2"), makeAddr("lp3")];
        _fund(traders[2]);
        _fund(lps[1]);
        _fund(lps[2]);
        usd.mint(lp, 1_000_000e6);
    }

    // ------------------------------------------------------------ actions

    function open(uint256 actorSeed, uint256 marketSeed, uint256 notionalSeed, bool long) external {
        address t = traders[actorSeed % 3];
        uint256 m = marketSeed % 3;
        if (engine.position(t, m).size != 0) return;
        uint256 price = oracle.latest(m).price;
        uint256 notional = bound(notionalSeed, 1_000e18, 40_000e18); // WAD USD
        uint256 size = notional * 1e18 / price;
        if (size == 0) return;
        uint256 collateral = notional / 5 / 1e12; // 5x, token units
        (uint256 id, Order memory o) = _requestOpen(t, m, long ? int256(size) : -int256(size), collateral);
        _skip(router.minDelay());
        _executeOrder(id, o);
        if (engine.position(t, m).size != 0) ++ghost_opens;
    }

    /// @dev picks one of the open positions
    function _pick(uint256 seed) internal view returns (bool found, address t, uint256 m) {
        PositionKey[] memory keys = _openKeys();
        if (keys.length == 0) return (false, address(0), 0);
        PositionKey memory k = keys[seed % keys.length];
        return (true, k.trader, k.marketId);
    }

    function close(uint256 positionSeed) external {
        (bool found, address t, uint256 m) = _pick(positionSeed);
        if (!found) return;
        (uint256 id, Order memory o) = _requestClose(t, m);
        _skip(router.minDelay());
        _bracket(id, o);
    }

    function reduce(uint256 positionSeed, uint256 fractionSeed) external {
        (bool found, address t, uint256 m) = _pick(positionSeed);
        if (!found) return;
        StoredPosition memory p = engine.position(t, m);
        uint256 abs = p.size > 0 ? uint256(p.size) : uint256(-p.size);
        uint256 delta = abs * bound(fractionSeed, 10, 90) / 100;
        if (delta == 0) return;
        (uint256 id, Order memory o) = _requestReduce(t, m, delta);
        _skip(router.minDelay());
        _bracket(id, o);
    }

    /// @dev executes a realising order and records how far the LP share price fell across it
    function _bracket(uint256 id, Order memory o) internal {
        uint256 before = pool.convertToAssets(1e18);
        int256 sizeBefore = engine.position(o.trader, o.marketId).size;
        _executeOrder(id, o);
        if (engine.position(o.trader, o.marketId).size == sizeBefore) {
            ++ghost_cancelled;
            return;
        }
        ++ghost_realisations;
        uint256 afterPps = pool.convertToAssets(1e18);
        if (afterPps < before && before - afterPps > ghost_realisationDrop) ghost_realisationDrop = before - afterPps;
    }

    function movePrice(uint256 marketSeed, uint256 bpsSeed) external {
        uint256 m = marketSeed % 3;
        int256 bps = int256(bound(bpsSeed, 0, 600)) - 300; // ±3 %
        vm.warp(vm.getBlockTimestamp() + 1);
        (, int256 answer,,,) = sources[m][0].latestRoundData();
        _setPrice(m, answer * (10_000 + bps) / 10_000);
        for (uint256 k; k < 3; ++k) {
            if (k == m) continue;
            (, int256 a,,,) = sources[k][0].latestRoundData();
            _setPrice(k, a);
        }
    }

    function passTime(uint256 dtSeed) external {
        _skip(bound(dtSeed, 1, 1 hours));
    }

    function lpDeposit(uint256 actorSeed, uint256 assetsSeed) external {
        address who = lps[actorSeed % 3];
        uint256 assets = bound(assetsSeed, 100e6, 200_000e6);
        (uint256 id, LpRequest memory r) = _requestDeposit(who, assets, 0);
        _skip(pool.minDelay());
        _executeLp(id, r);
        ++ghost_lpFills;
    }

    function lpWithdraw(uint256 actorSeed, uint256 fractionSeed) external {
        address who = lps[actorSeed % 3];
        uint256 shares = pool.balanceOf(who) * bound(fractionSeed, 1, 100) / 100;
        if (shares == 0) return;
        uint256 unlock = pool.unlockTime(who);
        if (vm.getBlockTimestamp() < unlock) _skip(unlock - vm.getBlockTimestamp());
        (uint256 id, LpRequest memory r) = _requestWithdraw(who, shares, 0);
        _skip(pool.minDelay());
        _executeLp(id, r);
        ++ghost_lpFills;
    }

    // ------------------------------------------------------------ views for the invariants

    /// @dev tokens + receivable − counted trader PnL, from every stored position: per market the
    /// exact Σ of s·((P − E) − (I − I_pos)) (WAD²), divided by WAD once (up, as the engine
    /// documents), summed, divided by the token scale once (up), profit capped.
    function expectedValue() external view returns (uint256 value, int256 pnlTokens) {
        int256[3] memory num;
        PositionKey[] memory keys = _openKeys();
        for (uint256 i; i < keys.length; ++i) {
            (address t, uint256 m) = (keys[i].trader, keys[i].marketId);
            StoredPosition memory p = engine.position(t, m);
            int256 index = engine.marketState(m).fundingIndex;
            int256 price = int256(oracle.latest(m).price);
            num[m] += p.size * ((price - int256(p.entryPrice)) - (index - p.fundingIndex));
        }
        int256 wad;
        for (uint256 m; m < 3; ++m) {
            wad += _ceilDiv(num[m], 1e18);
        }
        pnlTokens = _ceilDiv(wad, 1e12);
        uint256 backing = engine.poolAssets();
        int256 counted = pnlTokens;
        uint256 cap = (backing * pool.maxPnlFraction() + 1e18 - 1) / 1e18;
        if (counted > int256(cap)) counted = int256(cap);
        int256 v = int256(backing) - counted;
        value = v > 0 ? uint256(v) : 0;
    }

    function poolAddress() external view returns (address) {
        return address(pool);
    }

    function usdBalanceOfPool() external view returns (uint256) {
        return usd.balanceOf(address(pool));
    }

    function _ceilDiv(int256 x, int256 d) internal pure returns (int256 q) {
        q = x / d;
        if (x > 0 && q * d != x) q += 1;
    }
}

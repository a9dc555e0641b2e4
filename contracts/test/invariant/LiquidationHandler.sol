// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {TestUSD} from "../../src/devnet/TestUSD.sol";
import {DevnetPriceSource} from "../../src/devnet/DevnetPriceSource.sol";
import {OracleAggregator} from "../../src/oracle/OracleAggregator.sol";
import {PerpEngine} from "../../src/core/PerpEngine.sol";
import {InsuranceFund} from "../../src/insurance/InsuranceFund.sol";
import {StakingVault} from "../../src/insurance/StakingVault.sol";
import {DebtAuction} from "../../src/insurance/DebtAuction.sol";
import {LiquidationEngine} from "../../src/liquidation/LiquidationEngine.sol";
import {LiquidationTarget, WaterfallTotals} from "../../src/interfaces/IInsurance.sol";
import {PositionKey} from "../../src/interfaces/IPerpEngine.sol";

/// @notice Random trading, price moves, liquidations, staking and auction bids on ETH-USD, with
/// ghost checks of the slash cap and of the waterfall's order at every liquidation.
contract LiquidationHandler is Test {
    TestUSD internal usd;
    OracleAggregator internal oracle;
    PerpEngine internal engine;
    InsuranceFund internal fund;
    StakingVault internal vault;
    DebtAuction internal auction;
    LiquidationEngine internal liq;
    DevnetPriceSource[3] internal sources;
    address internal updater;

    address[3] internal traders;
    address[2] internal stakers;
    address internal bidder = makeAddr("inv-bidder");

    /// @notice Set when an event slashed more than maxSlash of the staked assets.
    bool public slashCapViolated;
    /// @notice Set when debt reached the auction while buffer or slashable stake was left, or
    /// the pool took a loss before the auction gave up.
    bool public orderViolated;
    uint256 public liquidations;
    uint256 public shortfalls;
    uint256 public socialisations;

    struct Deps {
        TestUSD usd;
        OracleAggregator oracle;
        PerpEngine engine;
        InsuranceFund fund;
        StakingVault vault;
        DebtAuction auction;
        LiquidationEngine liq;
        DevnetPriceSource[3] sources;
        address updater;
    }

    constructor(Deps memory d) {
        (usd, oracle, engine, fund, vault, auction, liq) = (d.usd, d.oracle, d.engine, d.fund, d.vault, d.auction, d.liq);
        sources = d.sources;
        updater = d.updater;
        for (uint256 i; i < 3; ++i) {
            traders[i] = makeAddr(string.concat("inv-trader", vm.toString(i)));
            vm.prank(d.updater); // the test contract deployed TestUSD
            usd.mint(traders[i], 10_000_000e6);
            vm.prank(traders[i]);
            usd.approve(address(engine), type(uint256).max);
        }
        for (uint256 i; i < 2; ++i) {
            stakers[i] = makeAddr(string.concat("inv-staker", vm.toString(i)));
            vm.prank(d.updater);
            usd.mint(stakers[i], 10_000_000e6);
            vm.prank(stakers[i]);
            usd.approve(address(vault), type(uint256).max);
        }
        vm.prank(d.updater);
        usd.mint(bidder, 100_000_000e6);
        vm.prank(bidder);
        usd.approve(address(auction), type(uint256).max);
    }

    function open(uint256 who, uint256 size, uint256 levBps, bool isLong) external {
        address t = traders[who % 3];
        size = bound(size, 0.1e18, 30e18);
        levBps = bound(levBps, 20_000, 190_000); // 2x – 19x
        uint256 price = oracle.latest(0).price;
        uint256 collateral = size * price / 1e18 / 1e12 * 10_000 / levBps + 10e6;
        vm.prank(t);
        try engine.open(0, isLong ? int256(size) : -int256(size), collateral) {} catch {}
    }

    function close(uint256 who) external {
        vm.prank(traders[who % 3]);
        try engine.close(0) {} catch {}
    }

    function movePrice(uint256 moveBps, bool up) external {
        moveBps = bound(moveBps, 0, 900); // below maxJump: never guarded
        (, int256 answer,,,) = sources[0].latestRoundData();
        int256 next = up ? answer * int256(10_000 + moveBps) / 10_000 : answer * int256(10_000 - moveBps) / 10_000;
        if (next < 500e8) next = 500e8;
        _push(next);
    }

    function stake(uint256 who, uint256 amount) external {
        amount = bound(amount, 1e6, 200_000e6);
        vm.prank(stakers[who % 2]);
        vault.deposit(amount, stakers[who % 2]);
    }

    function cooldown(uint256 who) external {
        vm.prank(stakers[who % 2]);
        try vault.cooldown() {} catch {}
    }

    function redeem(uint256 who) external {
        address s = stakers[who % 2];
        uint256 shares = vault.maxRedeem(s);
        if (shares == 0) return;
        vm.prank(s);
        vault.redeem(shares, s, s);
    }

    function warp(uint256 dt) external {
        dt = bound(dt, 1, 20 minutes);
        vm.warp(vm.getBlockTimestamp() + dt);
        vm.roll(vm.getBlockNumber() + 1);
        (, int256 answer,,,) = sources[0].latestRoundData();
        _push(answer); // keep the oracle fresh
    }

    function bid(uint256 amount) external {
        if (!auction.auctionState().active) return;
        amount = bound(amount, 1e6, 1_000_000e6);
        vm.prank(bidder);
        try auction.bid(amount, type(uint256).max) {} catch {}
    }

    function restart() external {
        uint256 unfilled = auction.unfilledRounds();
        uint256 socialisedBefore = fund.waterfallTotals().socialised;
        uint256 end = auction.roundStart() + auction.duration();
        if (auction.roundStart() == 0 || auction.deficit() == 0) return;
        if (block.timestamp < end) vm.warp(end);
        auction.restart();
        if (fund.waterfallTotals().socialised > socialisedBefore) {
            ++socialisations;
            if (unfilled + 1 < auction.maxUnfilledRounds()) orderViolated = true;
        }
        (, int256 answer,,,) = sources[0].latestRoundData();
        _push(answer);
    }

    /// @dev One event: every liquidatable position in one batch, in a new block.
    function liquidateAll() external {
        vm.roll(vm.getBlockNumber() + 1);
        uint256 n = engine.openPositionCount();
        if (n == 0) return;
        LiquidationTarget[] memory ts = new LiquidationTarget[](n);
        for (uint256 i; i < n; ++i) {
            PositionKey memory k = engine.positionKey(i);
            ts[i] = LiquidationTarget(k.trader, k.marketId);
        }
        uint256 stakedBefore = vault.totalAssets();
        WaterfallTotals memory before = fund.waterfallTotals();
        liquidations += liq.liquidateMany(ts);
        WaterfallTotals memory afterT = fund.waterfallTotals();

        uint256 slashed = afterT.coveredByStakers - before.coveredByStakers;
        if (slashed > stakedBefore * vault.maxSlash() / 1e18 + 1) slashCapViolated = true;
        if (afterT.badDebt > before.badDebt) ++shortfalls;
        if (afterT.sentToAuction > before.sentToAuction) {
            // the buffer is empty and the stakers gave their cap (or all they had)
            if (fund.buffer() != 0) orderViolated = true;
            uint256 cap = stakedBefore * vault.maxSlash() / 1e18;
            if (slashed + 1 < cap && vault.stakedBalance() > 1) orderViolated = true;
        }
        if (afterT.socialised != before.socialised) orderViolated = true; // never during a liquidation
    }

    function _push(int256 answer) internal {
        vm.startPrank(updater);
        for (uint256 i; i < 3; ++i) {
            sources[i].updateAnswer(answer);
        }
        vm.stopPrank();
        oracle.update(0);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

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
import {PerpLens} from "../../src/lens/PerpLens.sol";
import {DirectRouter} from "../utils/DirectRouter.sol";
import {OpenPositions} from "../utils/OpenPositions.sol";
import {PositionLogFollower} from "../utils/PositionLogFollower.sol";
import {IPerpEngineTrading} from "../../src/interfaces/IPerpEngineTrading.sol";

/// @notice Random trading, price moves, liquidations, staking and auction bids on ETH-USD, with
/// ghost checks of the slash cap and of the waterfall's order at every liquidation.
contract LiquidationHandler is PositionLogFollower {
    TestUSD internal usd;
    OracleAggregator internal oracle;
    PerpEngine internal engine;
    /// @dev trades go through the fixture's one-step test router (the waterfall is what is tested)
    DirectRouter internal direct;
    PerpLens internal lens;
    InsuranceFund internal fund;
    StakingVault internal vault;
    DebtAuction internal auction;
    LiquidationEngine internal liq;
    DevnetPriceSource[3] internal sources;
    address internal updater;

    address[3] internal traders;
    address[2] internal stakers;
    address internal bidder = makeAddr("inv-bidder");

    /// @notice Set when the slashes within one slash window took more than maxSlash of what the
    /// vault held before them.
    bool public slashCapViolated;
    /// @notice Set when a loss reached the pool (socialised) while the buffer or the stakers'
    /// window cap could still have paid it.
    bool public poolLossWhilePayable;
    /// @notice Sum of the negative values (−value) of every position closed or liquidated.
    uint256 public negativeValueClosed;
    /// @dev Every slash (time, amount) the handler saw, for the window check.
    uint256[] internal _slashAt;
    uint256[] internal _slashAmount;
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

    constructor(Deps memory d) {
        (usd, oracle, engine, fund, vault, auction, liq) = (d.usd, d.oracle, d.engine, d.fund, d.vault, d.auction, d.liq);
        sources = d.sources;
        updater = d.updater;
        direct = DirectRouter(d.engine.router());
        lens = new PerpLens(address(d.engine));
        for (uint256 i; i < 3; ++i) {
            traders[i] = makeAddr(string.concat("inv-trader", vm.toString(i)));
            vm.prank(d.updater); // the test contract deployed TestUSD
            usd.mint(traders[i], 10_000_000e6);
            vm.startPrank(traders[i]);
            usd.approve(address(engine), type(uint256).max);
            usd.approve(address(direct), type(uint256).max);
            vm.stopPrank();
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
        levBps = bound(levBps, 20_000, 89_000); // 2x – 8.9x (the devnet tier's 9x, issue 13)
        uint256 price = oracle.latest(0).price;
        uint256 collateral = size * price / 1e18 / 1e12 * 10_000 / levBps + 10e6;
        _recordPositionLogs();
        vm.prank(t);
        try direct.open(0, isLong ? int256(size) : -int256(size), collateral) {} catch {}
        _followPositionLogs(address(engine), address(liq));
    }

    function close(uint256 who) external {
        address t = traders[who % 3];
        int256 equity = lens.getPosition(t, 0).equity;
        _recordPositionLogs();
        vm.prank(t);
        try direct.close(0) {
            if (equity < 0) negativeValueClosed += uint256(-equity); // only a refused close keeps this 0
        } catch {}
        _followPositionLogs(address(engine), address(liq));
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
        uint256 socialisedBefore = fund.waterfallTotals().socialised;
        uint256 end = auction.roundStart() + auction.duration();
        if (auction.roundStart() == 0 || auction.deficit() == 0) return;
        if (block.timestamp < end) vm.warp(end);
        bool last = auction.canSocialise();
        uint256 stakedBefore = vault.stakedBalance() + engine.stakerFees();
        auction.restart();
        WaterfallTotals memory t = fund.waterfallTotals();
        if (t.socialised > socialisedBefore) {
            ++socialisations;
            if (!last || auction.unfilledRounds() != 0) orderViolated = true;
            // the last resort ran the buffer and the stakers' cap dry first
            if (fund.buffer() != 0 || (vault.slashableNow() > 1 && vault.stakedBalance() > 1)) {
                poolLossWhilePayable = true;
            }
        }
        uint256 stakedAfter = vault.stakedBalance() + engine.stakerFees();
        if (stakedAfter < stakedBefore) _recordSlash(stakedBefore - stakedAfter, stakedAfter);
        (, int256 answer,,,) = sources[0].latestRoundData();
        _push(answer);
    }

    /// @dev One block: the liquidatable positions in batches of `batch` (1–8) through
    /// `liquidateMany`, the order checked after each batch.
    function liquidateAll(uint256 batch) external {
        vm.roll(vm.getBlockNumber() + 1);
        PositionKey[] memory keys = openKeys();
        uint256 n = keys.length;
        if (n == 0) return;
        batch = bound(batch, 1, 8);
        LiquidationTarget[] memory all = new LiquidationTarget[](n);
        int256[] memory equity = new int256[](n);
        for (uint256 i; i < n; ++i) {
            PositionKey memory k = keys[i];
            all[i] = LiquidationTarget(k.trader, k.marketId);
            equity[i] = lens.getPosition(k.trader, k.marketId).equity;
        }
        _recordPositionLogs();
        for (uint256 from; from < n; from += batch) {
            uint256 m = n - from < batch ? n - from : batch;
            LiquidationTarget[] memory ts = new LiquidationTarget[](m);
            for (uint256 i; i < m; ++i) {
                ts[i] = all[from + i];
            }
            _liquidateBatch(ts);
        }
        _followPositionLogs(address(engine), address(liq));
        for (uint256 i; i < n; ++i) {
            if (equity[i] < 0 && lens.getPosition(all[i].trader, all[i].marketId).size == 0) {
                negativeValueClosed += uint256(-equity[i]);
            }
        }
    }

    function _liquidateBatch(LiquidationTarget[] memory ts) internal {
        uint256 stakedBefore = vault.totalAssets();
        WaterfallTotals memory before = fund.waterfallTotals();
        liquidations += liq.liquidateMany(ts);
        WaterfallTotals memory afterT = fund.waterfallTotals();

        uint256 slashed = afterT.coveredByStakers - before.coveredByStakers;
        if (slashed != 0) _recordSlash(slashed, vault.totalAssets());
        if (afterT.badDebt > before.badDebt) ++shortfalls;
        if (afterT.sentToAuction > before.sentToAuction) {
            // the buffer is empty and the stakers gave what the window cap allowed (up to what
            // penalties in the same batch added to the vault since)
            if (fund.buffer() != 0) orderViolated = true;
            uint256 gained = vault.totalAssets() + slashed - stakedBefore;
            if (vault.slashableNow() > gained * vault.maxSlash() / 1e18 + 2 && vault.stakedBalance() > 1) {
                orderViolated = true;
            }
        }
        if (afterT.socialised != before.socialised) orderViolated = true; // never during a liquidation
    }

    /// @dev Records a slash and checks every window ending now: what the window's slashes took
    /// ≤ maxSlash of the vault before them (staked after + taken).
    function _recordSlash(uint256 amount, uint256 stakedAfter) internal {
        _slashAt.push(block.timestamp);
        _slashAmount.push(amount);
        uint256 w = vault.slashWindow();
        uint256 inWindow;
        for (uint256 i; i < _slashAt.length; ++i) {
            if (_slashAt[i] + w > block.timestamp) inWindow += _slashAmount[i];
        }
        if (inWindow > (stakedAfter + inWindow) * vault.maxSlash() / 1e18 + 1) slashCapViolated = true;
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

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LiquidationFixture} from "../utils/LiquidationFixture.sol";
import {BlocklistUSD} from "../utils/BlocklistUSD.sol";
import {PositionView} from "../../src/interfaces/IPerpEngine.sol";
import {LiquidationResult} from "../../src/interfaces/IPerpEngineLiquidation.sol";
import {LiquidationTarget, WaterfallTotals} from "../../src/interfaces/IInsurance.sol";

/// @dev What the fixes add, reached through an interface so that these tests also compile against
/// the contracts before them (where the calls revert).
interface IClaimsLike {
    function claimable(address account) external view returns (uint256);
    function totalClaimable() external view returns (uint256);
    function claim() external returns (uint256);
}

interface IMinKeeperRewardLike {
    function minKeeperReward() external view returns (uint256);
}

interface IAuctionTimingLike {
    function minAuctionTime() external view returns (uint256);
    function auctionStart() external view returns (uint256);
}

interface ISlashWindowLike {
    function slashWindow() external view returns (uint256);
}

/// @notice Issue 11, attacks 3, 4, 6, 7, 9 and 10: each test is the attack as it worked on the
/// landed contracts, and asserts that it no longer does.
contract LossWaterfallAttacksTest is LiquidationFixture {
    bytes4 internal constant UNDERWATER_CLOSE = bytes4(keccak256("UnderwaterClose(int256)"));

    function setUp() public override {
        super.setUp();
        _usePartialTier();
        vm.prank(staker);
        usd.approve(address(fund), type(uint256).max);
    }

    // ============================================================ helpers

    /// @dev A long of 100 ETH at 3000 with 15,000 tUSD: at 2840 its value is about −1,000.
    function _openUnderwaterCandidate(address who) internal {
        vm.prank(who);
        direct.open(ETH, 100e18, 15_000e6);
    }

    /// @dev 80 ETH at 3000 with 12,000 tUSD (about −1,000 at 2840): two of them fit the OI cap.
    function _openSmallerCandidate(address who) internal {
        vm.prank(who);
        direct.open(ETH, 80e18, 12_000e6);
    }

    function _equity(address who) internal view returns (int256) {
        return lens.getPosition(who, ETH).equity;
    }

    function _liquidationLiabilities() internal view returns (uint256 total) {
        total = _protocolLiabilities();
        (bool ok, bytes memory ret) = address(engine).staticcall(abi.encodeCall(IClaimsLike.totalClaimable, ()));
        if (ok) total += abi.decode(ret, (uint256));
    }

    // ============================================================ 3. underwater close

    /// @notice Attack 3: the owner closes a position with negative value; the loss went straight
    /// to the pool (buffer and stakers skipped, bad debt not recorded). Now refused: the position
    /// is liquidatable and the liquidation runs the waterfall.
    function test_attack_underwaterCloseSkipsWaterfall() public {
        _openUnderwaterCandidate(alice);
        vm.prank(staker);
        fund.addToBuffer(5000e6);
        _stake(staker, 10_000e6);
        _setPrice(ETH, 2840e8);
        int256 equity = _equity(alice);
        assertLt(equity, 0, "underwater");
        uint256 pool0 = _poolBooks();

        vm.prank(alice);
        (bool ok, bytes memory ret) = address(direct).call(abi.encodeCall(direct.close, (ETH)));
        assertFalse(ok, "underwater close refused");
        assertEq(bytes4(ret), UNDERWATER_CLOSE, "with UnderwaterClose");

        vm.prank(keeper);
        LiquidationResult memory r = liq.liquidate(alice, ETH);
        assertEq(r.shortfall, uint256(-equity), "the liquidation books the whole shortfall");
        WaterfallTotals memory t = fund.waterfallTotals();
        assertEq(t.badDebt, uint256(-equity), "recorded as bad debt");
        assertEq(t.coveredByBuffer, uint256(-equity), "the buffer paid it");
        assertEq(_poolBooks(), pool0 + 16_000e6, "the pool got its whole claim");
    }

    /// @notice Attack 3 through `reduce` by the whole size (which closes).
    function test_attack_underwaterReduceSkipsWaterfall() public {
        _openUnderwaterCandidate(alice);
        _setPrice(ETH, 2840e8);
        assertLt(_equity(alice), 0, "underwater");
        vm.prank(alice);
        (bool ok, bytes memory ret) = address(direct).call(abi.encodeCall(direct.reduce, (ETH, 100e18)));
        assertFalse(ok, "underwater full reduce refused");
        assertEq(bytes4(ret), UNDERWATER_CLOSE, "with UnderwaterClose");
        // a partial reduce that would leave no collateral was already refused (one that leaves
        // some realises its loss into the pool's claim, and the rest stays liquidatable)
        vm.prank(alice);
        (ok,) = address(direct).call(abi.encodeCall(direct.reduce, (ETH, 99e18)));
        assertFalse(ok, "partial reduce below zero refused");
    }

    /// @notice Attack 3, fee side: a close whose equity is positive but below the exit fee paid
    /// the fund's and stakers' fee shares out of the pool. The fee is now capped at the equity.
    function test_attack_closeBelowFeePaysFeeSharesFromPool() public {
        _openUnderwaterCandidate(alice);
        uint256 c = lens.getPosition(alice, ETH).collateral;
        // equity = c + 100·(P − 3000) = 50 tUSD, far below the ~142 tUSD exit fee
        _setPrice(ETH, int256(3000e8) - int256(c - 50e6));
        int256 equity = _equity(alice);
        assertGt(equity, 0);
        assertLt(equity, 100e6);
        uint256 pool0 = _poolBooks();
        uint256 fees0 = engine.insuranceFees() + engine.stakerFees();
        vm.prank(alice);
        direct.close(ETH);
        uint256 poolGain = _poolBooks() - pool0;
        // the pool's counterparty claim is the realised loss c − equity
        assertGe(poolGain, c - uint256(equity), "no fee share paid out of the pool");
        assertLe(engine.insuranceFees() + engine.stakerFees() - fees0, uint256(equity), "fee capped at equity");
        assertEq(usd.balanceOf(address(engine)), _liquidationLiabilities(), "accounting");
    }

    // ============================================================ 4. late deficit

    /// @notice Attack 4: deficit that arrives after the last round ended (before anyone restarts)
    /// got no round; the next permissionless `restart` socialised it at once.
    function test_attack_lateDeficitSocialisedWithoutAuction() public {
        _openSmallerCandidate(alice);
        _openSmallerCandidate(bob);
        _setPrice(ETH, 2840e8);
        vm.prank(keeper);
        liq.liquidate(alice, ETH);
        for (uint256 i = 1; i < MAX_ROUNDS; ++i) {
            _skip(AUCTION_DURATION);
            auction.restart();
        }
        _skip(AUCTION_DURATION); // the last round ended; nobody restarted yet
        uint256 before = fund.outstandingDeficit();
        vm.prank(keeper);
        LiquidationResult memory r = liq.liquidate(bob, ETH);
        assertGt(r.shortfall, 0);
        assertGt(fund.outstandingDeficit(), before, "bob's deficit reached the auction");
        assertTrue(auction.auctionState().active, "the new deficit started a round at once");

        (bool ok,) = address(auction).call(abi.encodeCall(auction.restart, ()));
        ok; // a restart now must not socialise, whether it reverts or not
        assertEq(fund.waterfallTotals().socialised, 0, "nothing socialised before a full round");
        assertGt(auction.priceNow(), 0, "a round is running");
    }

    // ============================================================ 10. quick socialisation

    /// @notice Attack 10: with no bidder every deficit became an LP loss after
    /// `maxUnfilledRounds` rounds (three 10-minute rounds on the devnet), at an unchanged lot.
    function test_attack_unfilledAuctionSocialisesQuickly() public {
        _openUnderwaterCandidate(alice);
        _setPrice(ETH, 2840e8);
        vm.prank(keeper);
        liq.liquidate(alice, ETH);
        uint256 start = vm.getBlockTimestamp();
        uint256 lastStartPrice = auction.priceNow();
        for (uint256 i; i < MAX_ROUNDS; ++i) {
            vm.warp(vm.getBlockTimestamp() + AUCTION_DURATION);
            auction.restart();
            assertEq(fund.waterfallTotals().socialised, 0, "not socialised after maxUnfilledRounds rounds");
            uint256 p = auction.priceNow();
            assertLt(p, lastStartPrice, "each unfilled round offers more RPT per tUSD");
            lastStartPrice = p;
        }
        // only after the governed minimum time, and as the last resort
        uint256 minTime = IAuctionTimingLike(address(auction)).minAuctionTime();
        assertGe(minTime, 1 hours);
        while (fund.waterfallTotals().socialised == 0) {
            vm.warp(vm.getBlockTimestamp() + AUCTION_DURATION);
            auction.restart();
        }
        assertGe(vm.getBlockTimestamp(), start + minTime, "socialised only after the minimum time");
        _assertAccounting();
    }

    // ============================================================ 6. keeper reward for bad debt

    /// @notice Attack 6: the penalty is 0 once a position's value is ≤ 0, so a third-party keeper
    /// earned nothing for clearing exactly the positions that grow the loss. Now a governed
    /// minimum reward paid from the buffer (never more than it holds; none to oneself).
    function test_attack_noRewardToClearBadDebt() public {
        _openSmallerCandidate(alice);
        _openSmallerCandidate(bob);
        vm.prank(staker);
        fund.addToBuffer(5000e6);
        _setPrice(ETH, 2840e8);
        assertLt(_equity(alice), 0);

        uint256 k0 = usd.balanceOf(keeper);
        vm.prank(keeper);
        LiquidationResult memory r = liq.liquidate(alice, ETH);
        assertEq(r.penalty, 0, "no penalty out of negative value");
        uint256 got = usd.balanceOf(keeper) - k0;
        assertGt(got, 0, "the keeper is paid for clearing bad debt");
        assertEq(got, IMinKeeperRewardLike(address(liq)).minKeeperReward(), "the minimum reward");

        // none on self-liquidation
        uint256 b0 = usd.balanceOf(bob);
        uint256 buffer0 = fund.buffer();
        vm.prank(bob);
        liq.liquidate(bob, ETH);
        assertEq(usd.balanceOf(bob), b0, "no reward to oneself");
        assertLt(fund.buffer(), buffer0, "the buffer still covered bob's shortfall");
        _assertAccounting();
    }

    /// @notice Attack 6 fix, bound: the reward never exceeds what the buffer holds after the
    /// shortfall (the buffer's first duty is the bad debt).
    function test_minKeeperReward_cappedByBuffer() public {
        _openUnderwaterCandidate(alice);
        _stake(staker, 100_000e6);
        _setPrice(ETH, 2840e8);
        uint256 k0 = usd.balanceOf(keeper);
        vm.prank(keeper);
        liq.liquidate(alice, ETH);
        // the buffer held only the open's fee shares, which the shortfall used up
        assertEq(usd.balanceOf(keeper) - k0, 0, "nothing beyond the buffer");
        assertEq(fund.buffer(), 0);
        _assertAccounting();
    }

    // ============================================================ 7. push payouts

    /// @notice Attack 7: a liquidation pushed the payout to the trader; with a settlement token
    /// that blocks an address, a blocked trader could not be liquidated. Now the payout waits in
    /// a claimable balance.
    function test_attack_blockedTraderCannotBeLiquidated() public {
        vm.etch(address(usd), address(new BlocklistUSD()).code);
        BlocklistUSD token = BlocklistUSD(address(usd));
        vm.prank(alice);
        direct.open(ETH, 10e18, 1500e6);
        _setPrice(ETH, 2870e8); // health < 0.5, positive equity: full liquidation with a payout
        token.setBlocked(alice, true);

        vm.prank(keeper);
        LiquidationResult memory r = liq.liquidate(alice, ETH);
        assertTrue(r.full);
        assertGt(r.payout, 0);
        assertEq(lens.getPosition(alice, ETH).size, 0, "liquidated");
        IClaimsLike claims = IClaimsLike(address(engine));
        assertEq(claims.claimable(alice), r.payout, "payout waits for alice");
        assertEq(usd.balanceOf(address(engine)), _liquidationLiabilities(), "accounting counts claimables");

        token.setBlocked(alice, false);
        uint256 a0 = usd.balanceOf(alice);
        vm.prank(alice);
        assertEq(claims.claim(), r.payout);
        assertEq(usd.balanceOf(alice) - a0, r.payout);
        assertEq(claims.claimable(alice), 0);
        assertEq(usd.balanceOf(address(engine)), _liquidationLiabilities(), "accounting after claim");
    }

    /// @notice Attack 7, keeper side: a blocked keeper's reward waits too, and a batch goes on.
    function test_attack_blockedKeeperBlocksBatch() public {
        vm.etch(address(usd), address(new BlocklistUSD()).code);
        BlocklistUSD token = BlocklistUSD(address(usd));
        vm.prank(alice);
        direct.open(ETH, 10e18, 1500e6);
        vm.prank(bob);
        direct.open(ETH, 10e18, 1500e6);
        _setPrice(ETH, 2870e8);
        token.setBlocked(keeper, true);
        LiquidationTarget[] memory ts = new LiquidationTarget[](2);
        ts[0] = LiquidationTarget(alice, ETH);
        ts[1] = LiquidationTarget(bob, ETH);
        vm.prank(keeper);
        assertEq(liq.liquidateMany(ts), 2, "both liquidated");
        assertGt(IClaimsLike(address(engine)).claimable(keeper), 0, "reward waits for the keeper");
        assertEq(usd.balanceOf(address(engine)), _liquidationLiabilities(), "accounting counts claimables");
    }

    // ============================================================ 9. slash cap per crash

    uint256 internal constant CRASH_TRADERS = 8;

    function _crashBook() internal returns (address[] memory ts) {
        ts = new address[](CRASH_TRADERS);
        for (uint256 i; i < CRASH_TRADERS; ++i) {
            ts[i] = makeAddr(string.concat("crash", vm.toString(i)));
            _fund(ts[i]);
            vm.prank(ts[i]);
            direct.open(ETH, 10e18, 1500e6); // about −100 tUSD each at 2840
        }
        _stake(staker, 300e6); // cap 30 % = 90 tUSD, less than one position's shortfall
        _setPrice(ETH, 2840e8);
    }

    /// @dev Liquidates the book in consecutive blocks, `sizes[j]` positions in block j; returns
    /// the total slashed and the staked assets before the crash.
    function _liquidateInBlocks(uint256[] memory sizes) internal returns (uint256 slashed, uint256 pre) {
        address[] memory ts = _crashBook();
        pre = vault.totalAssets();
        uint256 next;
        for (uint256 j; j < sizes.length; ++j) {
            LiquidationTarget[] memory batch = new LiquidationTarget[](sizes[j]);
            for (uint256 i; i < sizes[j]; ++i) {
                batch[i] = LiquidationTarget(ts[next++], ETH);
            }
            vm.prank(keeper);
            liq.liquidateMany(batch);
            vm.roll(vm.getBlockNumber() + 1);
            _skip(12);
        }
        slashed = fund.waterfallTotals().coveredByStakers;
    }

    /// @notice Attack 9: the cap was per block, so k consecutive liquidation blocks took
    /// 1 − 0.7^k of the vault (the keeper's batch size decided how many "events" a crash was).
    function test_attack_slashCapPerBlockNotPerCrash() public {
        uint256[] memory sizes = new uint256[](CRASH_TRADERS);
        for (uint256 j; j < CRASH_TRADERS; ++j) {
            sizes[j] = 1;
        }
        (uint256 slashed, uint256 pre) = _liquidateInBlocks(sizes);
        assertGt(fund.waterfallTotals().sentToAuction, 0, "the cap bound");
        assertLe(slashed, pre * MAX_SLASH / 1e18, "at most maxSlash of the pre-crash vault in the window");
    }

    /// @notice Attack 9 with other batchings of the same crash: the same cap whatever the batch size.
    function test_attack_slashCapPerBlockNotPerCrash_batchSizes() public {
        uint256[3][3] memory plans = [[uint256(2), 3, 3], [uint256(4), 4, 0], [uint256(1), 2, 5]];
        for (uint256 p; p < plans.length; ++p) {
            uint256 snap = vm.snapshotState();
            uint256 n = plans[p][2] == 0 ? 2 : 3;
            uint256[] memory sizes = new uint256[](n);
            for (uint256 j; j < n; ++j) {
                sizes[j] = plans[p][j];
            }
            (uint256 slashed, uint256 pre) = _liquidateInBlocks(sizes);
            assertLe(slashed, pre * MAX_SLASH / 1e18, "batching does not multiply the cap");
            vm.revertToState(snap);
        }
    }

    /// @notice Attack 9 in the vault itself: k blocks of slashes inside the window.
    function test_attack_slashCapPerBlockNotPerCrash_vault() public {
        _stake(staker, 10_000e6);
        uint256 pre = vault.totalAssets();
        uint256 total;
        for (uint256 k; k < 10; ++k) {
            vm.prank(address(fund));
            total += vault.slash(10_000e6);
            vm.roll(vm.getBlockNumber() + 1);
            vm.warp(vm.getBlockTimestamp() + 12);
        }
        assertLe(total, pre * MAX_SLASH / 1e18, "10 blocks take at most maxSlash");
        assertGe(ISlashWindowLike(address(vault)).slashWindow(), 1 hours);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LiquidationFixture} from "../utils/LiquidationFixture.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {IStakingVault, FundState, StakeView} from "../../src/interfaces/IInsurance.sol";
import {StakingMath} from "../../src/libraries/StakingMath.sol";

contract StakingTest is LiquidationFixture {
    function test_stake_sharesWithDecimalsOffset() public {
        uint256 shares = _stake(staker, 1000e6);
        assertEq(shares, 1000e6 * 1e6);
        assertEq(vault.decimals(), 12);
        assertEq(vault.stakedBalance(), 1000e6);
        _assertAccounting();
    }

    function test_redeem_requiresCooldown() public {
        uint256 shares = _stake(staker, 1000e6);
        vm.prank(staker);
        vm.expectRevert(abi.encodeWithSelector(ERC4626.ERC4626ExceededMaxRedeem.selector, staker, shares, 0));
        vault.redeem(shares, staker, staker);
    }

    function test_cooldown_windowAndExpiry() public {
        uint256 shares = _stake(staker, 1000e6);
        vm.prank(staker);
        vault.cooldown();
        vm.warp(vm.getBlockTimestamp() + COOLDOWN - 1);
        assertEq(vault.maxRedeem(staker), 0, "still cooling down");
        vm.warp(vm.getBlockTimestamp() + 1);
        assertEq(vault.maxRedeem(staker), shares, "window open");
        vm.warp(vm.getBlockTimestamp() + WINDOW);
        assertEq(vault.maxRedeem(staker), 0, "window expired");
        vm.prank(staker);
        vm.expectRevert(abi.encodeWithSelector(ERC4626.ERC4626ExceededMaxRedeem.selector, staker, shares, 0));
        vault.redeem(shares, staker, staker);
        // a new cooldown is needed
        vm.prank(staker);
        vault.cooldown();
        vm.warp(vm.getBlockTimestamp() + COOLDOWN);
        uint256 bal0 = usd.balanceOf(staker);
        vm.prank(staker);
        uint256 assets = vault.redeem(shares, staker, staker);
        assertEq(assets, 1000e6);
        assertEq(usd.balanceOf(staker) - bal0, 1000e6);
        _assertAccounting();
    }

    function test_cooldown_nothing_reverts() public {
        vm.prank(staker);
        vm.expectRevert(IStakingVault.NothingToCooldown.selector);
        vault.cooldown();
    }

    function test_depositDuringCooldown_doesNotRaiseOrShorten() public {
        uint256 shares = _stake(staker, 1000e6);
        vm.prank(staker);
        vault.cooldown();
        vm.warp(vm.getBlockTimestamp() + COOLDOWN - 60);
        _stake(staker, 5000e6);
        (uint256 cdShares, uint256 start) = vault.cooldownOf(staker);
        assertEq(cdShares, shares, "redeemable fixed at cooldown");
        assertEq(start, block.timestamp - (COOLDOWN - 60), "start unchanged");
        vm.warp(vm.getBlockTimestamp() + 60);
        assertEq(vault.maxRedeem(staker), shares, "only the cooled-down shares");
        vm.prank(staker);
        vm.expectRevert();
        vault.redeem(shares + 1, staker, staker);
    }

    function test_transferDuringCooldown_capsAtLowestBalance() public {
        uint256 shares = _stake(staker, 1000e6);
        vm.prank(staker);
        vault.cooldown();
        vm.prank(staker);
        vault.transfer(staker2, shares / 2);
        vm.prank(staker2);
        vault.transfer(staker, shares / 2); // back again: the cap stays at the low point
        vm.warp(vm.getBlockTimestamp() + COOLDOWN);
        assertEq(vault.maxRedeem(staker), shares / 2);
        assertEq(vault.maxRedeem(staker2), 0, "receiver has no cooldown");
    }

    function test_partialRedeemThenRest() public {
        uint256 shares = _stake(staker, 1000e6);
        vm.prank(staker);
        vault.cooldown();
        vm.warp(vm.getBlockTimestamp() + COOLDOWN);
        vm.prank(staker);
        vault.redeem(shares / 4, staker, staker);
        assertEq(vault.maxRedeem(staker), shares - shares / 4);
        uint256 maxAssets = vault.maxWithdraw(staker);
        vm.prank(staker);
        vault.withdraw(maxAssets, staker, staker);
        assertLe(vault.balanceOf(staker), 1e6);
        _assertAccounting();
    }

    function test_yield_raisesSharePrice() public {
        _stake(staker, 1000e6);
        uint256 price0 = vault.convertToAssets(1e12);
        vm.prank(alice);
        direct.open(ETH, 10e18, 3500e6); // fee: 20 % to stakers
        uint256 fees = engine.stakerFees();
        assertGt(fees, 0);
        assertEq(vault.totalAssets(), 1000e6 + fees, "pending fees count");
        assertGt(vault.convertToAssets(1e12), price0);
        // a later staker buys in at the higher price: no yield sniping
        uint256 s2 = _stake(staker2, 1000e6);
        assertLt(s2, 1000e6 * 1e6);
        assertEq(vault.harvest(), fees);
        assertEq(vault.stakedBalance(), 2000e6 + fees);
        _assertAccounting();
    }

    function test_feesBeforeAnyStake_goToBufferNotFirstStaker() public {
        vm.prank(alice);
        direct.open(ETH, 10e18, 3500e6); // 20 % of the fee to stakers, and there are none
        uint256 fees = engine.stakerFees();
        assertGt(fees, 0);
        assertEq(vault.totalAssets(), 0, "no shares: nobody owns the fees");
        uint256 bufferBefore = fund.buffer();

        vm.expectEmit(address(vault));
        emit IStakingVault.UnownedYieldToBuffer(fees);
        uint256 shares = _stake(staker, 1000e6);

        assertEq(shares, 1000e6 * 1e6, "first staker buys at the base price");
        assertEq(fund.buffer(), bufferBefore + fees, "the fees strengthen the buffer");
        assertEq(engine.stakerFees(), 0);
        assertEq(vault.totalAssets(), 1000e6, "the stake, and nothing the staker did not bring");
        assertEq(vault.convertToAssets(shares), 1000e6);
        _assertAccounting();
    }

    function test_dustLeftByLastRedeem_goesToBufferAtNextStake() public {
        uint256 shares = _stake(staker, 1000e6);
        vm.prank(alice);
        direct.open(ETH, 10e18, 3500e6); // share price above 1: redeeming rounds down
        vm.prank(staker);
        vault.cooldown();
        vm.warp(vm.getBlockTimestamp() + COOLDOWN);
        vm.prank(staker);
        vault.redeem(shares, staker, staker);
        uint256 dust = vault.stakedBalance() + engine.stakerFees();
        assertGt(dust, 0, "rounding left something behind");
        assertEq(vault.totalAssets(), 0);
        uint256 bufferBefore = fund.buffer();

        uint256 shares2 = _stake(staker2, 500e6);
        assertEq(shares2, 500e6 * 1e6);
        assertEq(fund.buffer(), bufferBefore + dust);
        assertEq(vault.stakedBalance(), 500e6);
        _assertAccounting();
    }

    function test_inflationAttack_donationChangesNothing() public {
        vm.prank(staker2);
        vault.deposit(1, staker2);
        vm.prank(staker2);
        usd.transfer(address(vault), 100_000e6); // donation
        assertEq(vault.totalAssets(), 1, "donation not counted");
        uint256 shares = _stake(staker, 1000e6);
        assertEq(vault.convertToAssets(shares), 1000e6 - 0, "victim keeps its deposit");
    }

    /// @dev A staker who sees a shortfall coming cannot leave before the liquidation: the
    /// cooldown started now ends long after it, and the capital in cooldown is slashed.
    function test_frontRunningKnownShortfall_fails() public {
        _usePartialTier();
        uint256 shares = _stake(staker, 1000e6);
        vm.prank(alice);
        direct.open(ETH, 100e18, 15_000e6);
        _setPrice(ETH, 2840e8); // alice underwater: bad debt is known
        vm.startPrank(staker);
        vault.cooldown();
        vm.expectRevert(abi.encodeWithSelector(ERC4626.ERC4626ExceededMaxRedeem.selector, staker, shares, 0));
        vault.redeem(shares, staker, staker);
        vm.stopPrank();
        uint256 before = vault.convertToAssets(shares);
        vm.prank(keeper);
        liq.liquidate(alice, ETH);
        uint256 afterSlash = vault.convertToAssets(shares);
        assertLt(afterSlash, before, "slashed while cooling down");
        assertApproxEqAbs(before - afterSlash, before * 3 / 10, 1, "by maxSlash");
        vm.warp(vm.getBlockTimestamp() + COOLDOWN);
        vm.prank(staker);
        assertApproxEqAbs(vault.redeem(shares, staker, staker), afterSlash, 1);
        _assertAccounting();
    }

    function test_slash_onlyFund_andCappedPerWindow() public {
        vm.expectRevert(abi.encodeWithSelector(IStakingVault.Unauthorized.selector, address(this)));
        vault.slash(1);
        _stake(staker, 1000e6);
        uint256 w = vault.slashWindow();
        // the fund may slash at most 30 % of the pre-crash vault within the window, however often
        vm.startPrank(address(fund));
        assertEq(vault.slash(500e6), 300e6);
        assertEq(vault.slash(500e6), 0, "same block: cap used");
        vm.roll(vm.getBlockNumber() + 1);
        vm.warp(vm.getBlockTimestamp() + 12);
        assertEq(vault.slash(500e6), 0, "next block, same crash: cap still used");
        assertEq(vault.slashedInWindow(), 300e6);
        // a bucket counts whole until its last slash leaves the window
        vm.warp(vm.getBlockTimestamp() + w - 13); // one second before the first slash leaves it
        assertEq(vault.slash(500e6), 0, "still inside the window");
        vm.warp(vm.getBlockTimestamp() + 1);
        assertEq(vault.slashedInWindow(), 0, "window passed");
        assertEq(vault.slash(500e6), 210e6, "a new crash: 30 % of what is left");
        vm.stopPrank();
        assertEq(usd.balanceOf(address(fund)), 510e6, "slashed tokens go to the fund");
        assertEq(vault.totalAssets(), 490e6);
        // recent + new ≤ maxSlash · (staked + recent)
        assertEq(StakingMath.windowSlashable(500e6, 1000e6, 0, MAX_SLASH), 300e6);
        assertEq(StakingMath.windowSlashable(500e6, 750e6, 250e6, MAX_SLASH), 50e6);
        assertEq(StakingMath.windowSlashable(500e6, 700e6, 300e6, MAX_SLASH), 0);
        assertEq(StakingMath.windowSlashable(500e6, 10e6, 0, MAX_SLASH), 3e6);
    }

    function test_slash_depositAfterSlashRaisesRoomProRata() public {
        _stake(staker, 1000e6);
        vm.prank(address(fund));
        assertEq(vault.slash(500e6), 300e6);
        _stake(staker2, 700e6); // the vault again holds 1,400: 30 % of (1,400 + 300) = 510
        vm.prank(address(fund));
        assertEq(vault.slash(500e6), 210e6, "room grows with new stake, never past 30 % of the window's base");
        assertEq(vault.slashableNow(), 0);
    }

    function test_slash_windowLengthenedKeepsOldBuckets() public {
        _stake(staker, 1000e6);
        vm.prank(address(fund));
        vault.slash(500e6);
        vm.warp(vm.getBlockTimestamp() + 2 hours);
        // longer window: the old slash counts again, nothing is forgotten
        vault.setParameters(COOLDOWN, WINDOW, MAX_SLASH, 30 days);
        assertEq(vault.slashedInWindow(), 300e6);
        vm.prank(address(fund));
        assertEq(vault.slash(500e6), 0);
    }

    function testFuzz_slash_neverExceedsCapOverWindow(uint256 seed) public {
        _stake(staker, 10_000e6);
        uint256 w = vault.slashWindow();
        uint256[] memory at = new uint256[](24);
        uint256[] memory amount = new uint256[](24);
        uint256[] memory stakedAfter = new uint256[](24);
        for (uint256 i; i < 24; ++i) {
            seed = uint256(keccak256(abi.encode(seed, i)));
            vm.warp(vm.getBlockTimestamp() + seed % (w / 4));
            if (seed % 5 == 0) _stake(staker2, (seed >> 8) % 2000e6 + 1);
            vm.prank(address(fund));
            amount[i] = vault.slash((seed >> 16) % 3000e6);
            at[i] = vm.getBlockTimestamp();
            stakedAfter[i] = vault.stakedBalance();
            // every interval of length w ending at this slash: its slashes ≤ maxSlash of the base
            uint256 inWindow;
            for (uint256 j; j <= i; ++j) {
                if (at[j] + w > at[i]) inWindow += amount[j];
            }
            assertLe(inWindow, (stakedAfter[i] + inWindow) * MAX_SLASH / 1e18 + 1, "window cap");
        }
    }

    function test_slash_withoutShares_isNothing() public {
        vm.prank(alice);
        direct.open(ETH, 10e18, 3500e6); // fees for stakers who do not exist
        uint256 unowned = engine.stakerFees();
        vm.prank(address(fund));
        assertEq(vault.slash(500e6), 0, "no staker to slash");
        assertEq(engine.stakerFees(), unowned, "the unowned yield waits for the buffer");
        assertEq(usd.balanceOf(address(fund)), 0);
    }

    function test_parameters_bounds() public {
        vm.expectRevert(
            abi.encodeWithSelector(StakingMath.ParameterOutOfBounds.selector, bytes32("maxSlash"), 0.6e18, 0.01e18, 0.5e18)
        );
        vault.setParameters(COOLDOWN, WINDOW, 0.6e18, 1 hours);
        vm.expectRevert(
            abi.encodeWithSelector(StakingMath.ParameterOutOfBounds.selector, bytes32("cooldownPeriod"), 31 days, 1 minutes, 30 days)
        );
        vault.setParameters(31 days, WINDOW, MAX_SLASH, 1 hours);
        vm.expectRevert(
            abi.encodeWithSelector(StakingMath.ParameterOutOfBounds.selector, bytes32("slashWindow"), 5 minutes, 10 minutes, 30 days)
        );
        vault.setParameters(COOLDOWN, WINDOW, MAX_SLASH, 5 minutes);
        vm.expectRevert(
            abi.encodeWithSelector(StakingMath.ParameterOutOfBounds.selector, bytes32("slashWindow"), 31 days, 10 minutes, 30 days)
        );
        vault.setParameters(COOLDOWN, WINDOW, MAX_SLASH, 31 days);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingVault.NotOwner.selector, alice));
        vault.setParameters(COOLDOWN, WINDOW, MAX_SLASH, 1 hours);
        vm.expectEmit(address(vault));
        emit IStakingVault.SlashWindowSet(1 hours);
        vault.setParameters(COOLDOWN, WINDOW, MAX_SLASH, 1 hours);
        assertEq(vault.slashWindow(), 1 hours);
        assertEq(vault.LIVE_COOLDOWN(), 10 days);
        assertEq(vault.LIVE_WINDOW(), 2 days);
        assertEq(vault.LIVE_SLASH_WINDOW(), 3 days);
    }

    function test_fundState_view() public {
        _stake(staker, 1000e6);
        vm.prank(staker);
        vault.cooldown();
        FundState memory s = fund.fundState(staker);
        assertEq(s.stakedAssets, 1000e6);
        assertEq(s.totalShares, 1000e12);
        assertEq(s.sharePrice, 1e6, "one whole share = 1 tUSD");
        assertEq(s.cooldownShares, 1000e12);
        assertEq(s.cooldownAssets, 1000e6);
        assertEq(s.cooldownStart, block.timestamp);
        assertEq(s.windowStart, block.timestamp + COOLDOWN);
        assertEq(s.windowEnd, block.timestamp + COOLDOWN + WINDOW);
        assertEq(s.maxSlash, MAX_SLASH);
        StakeView memory v = vault.accountState(staker2);
        assertEq(v.accountShares, 0);
        assertEq(v.windowEnd, 0);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LiquidationFixture} from "../utils/LiquidationFixture.sol";
import {PositionView} from "../../src/interfaces/IPerpEngine.sol";
import {IRiskConfig} from "../../src/interfaces/IRiskConfig.sol";
import {InsuranceFund} from "../../src/insurance/InsuranceFund.sol";
import {StakingVault} from "../../src/insurance/StakingVault.sol";

/// @notice Security row 35: one vote re-points the fee recipients (`RiskConfig.setFeeRecipients`).
/// The insurance stack is wired once (the liquidation engine's fund is immutable, the engine's
/// liquidator, the fund's vault and auctions and the token's minter are set once), so the config's
/// pointers are the only part a vote could move, and moving them alone leaves the stack split: a
/// shortfall liquidation still goes to the old fund, whose write of the pool's receivable the pool
/// refuses. The config is owned by the test here; its call is what an executed proposal does.
contract InsuranceWiringAttacksTest is LiquidationFixture {
    /// @notice A passed vote names a new fund and vault (this deployment's, so the config's checks
    /// pass), applied after the delay if there is one; then a crash leaves a position under water.
    /// The liquidation must still go through and its bad debt reach the waterfall.
    function test_attack_feeRecipientVoteStallsLiquidations() public {
        _usePartialTier();
        vm.prank(alice);
        direct.open(ETH, 100e18, 15_000e6);
        _stake(staker, 1000e6);

        InsuranceFund fund2 = new InsuranceFund(usd, config, address(engine));
        StakingVault vault2 = new StakingVault(usd, config, address(engine), COOLDOWN, WINDOW, MAX_SLASH);
        // the vote, and (code before the fix) anyone applying it once the delay has passed
        (bool voted,) = address(config).call(abi.encodeCall(config.setFeeRecipients, (address(fund2), address(vault2))));
        vm.warp(vm.getBlockTimestamp() + 7 days);
        (bool applied,) = address(config).call(abi.encodeWithSignature("applyFeeRecipients()"));
        emit log_named_string("re-point vote executed", voted ? "yes" : "no");
        emit log_named_string("re-point applied", applied ? "yes" : "no");

        _setPrice(ETH, 2840e8);
        PositionView memory pv = lens.getPosition(alice, ETH);
        assertLt(pv.equity, 0, "the crash left the position under water");
        vm.prank(keeper);
        (bool liquidated, bytes memory err) = address(liq).call(abi.encodeCall(liq.liquidate, (alice, ETH)));
        if (!liquidated) emit log_named_bytes("liquidation reverted with", err);
        assertTrue(liquidated, "a shortfall liquidation reverted after the re-point vote");
        assertEq(lens.getPosition(alice, ETH).size, 0, "the under-water position is still open");
        assertGt(auction.deficit(), 0, "the bad debt reached the debt auction");
        assertEq(config.insuranceFund(), address(fund), "the fund the liquidation engine pays through");
        _assertAccounting();
    }

    /// @notice The fix: the recipients are wired once, like the rest of the stack; a later vote is
    /// refused with a named error and changes nothing.
    function test_feeRecipientsAreWiredOnce() public {
        InsuranceFund fund2 = new InsuranceFund(usd, config, address(engine));
        vm.expectRevert(abi.encodeWithSelector(IRiskConfig.FeeRecipientsAlreadySet.selector, address(fund), address(vault)));
        config.setFeeRecipients(address(fund2), address(vault));
        vm.expectRevert(abi.encodeWithSelector(IRiskConfig.FeeRecipientsAlreadySet.selector, address(fund), address(vault)));
        config.setFeeRecipients(address(fund), address(vault));
        assertEq(config.insuranceFund(), address(fund));
        assertEq(config.stakingVault(), address(vault));
    }
}

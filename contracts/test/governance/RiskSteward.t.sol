// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IGovernedParameters} from "../../src/interfaces/IGovernedParameters.sol";
import {IRiskSteward, KindLimits} from "../../src/interfaces/IRiskSteward.sol";
import {RiskSteward} from "../../src/governance/RiskSteward.sol";
import {GovernanceConfig} from "../../src/libraries/GovernanceConfig.sol";
import {ParameterKinds} from "../../src/libraries/ParameterKinds.sol";
import {GovernanceBase} from "./GovernanceBase.t.sol";

/// @dev Steward limits on the mock config (its parameters are of kind GENERAL): 10 % steps, 25 %
/// drift from the governance value, 10 minutes cooldown (devnet settings).
contract RiskStewardTest is GovernanceBase {
    bytes32 internal mmEth;
    bytes32 internal penalty;

    function setUp() public override {
        super.setUp();
        mmEth = config.MM_BASE_ETH();
        penalty = config.LIQ_PENALTY();
    }

    function test_deploy_limits() public view {
        (uint256 step, uint256 drift) = steward.kindLimits(ParameterKinds.GENERAL);
        assertEq(step, 1_000);
        assertEq(drift, 2_500);
        (step, drift) = steward.kindLimits(ParameterKinds.OPEN_INTEREST);
        assertEq(step, 2_000);
        assertEq(drift, 5_000);
        (step, drift) = steward.kindLimits(ParameterKinds.ORACLE);
        assertEq(step, 0);
        assertEq(steward.cooldown(), 10 minutes);
        assertEq(steward.riskCouncil(), council);
        assertEq(config.steward(), address(steward));
    }

    // --- Step size ---

    function test_step_upToTenPercentBothWays() public {
        vm.prank(council);
        vm.expectEmit(address(steward));
        emit IRiskSteward.StewardUpdate(config, mmEth, 0.01e18, 0.011e18);
        steward.updateParameter(config, mmEth, 0.011e18); // +10 % exactly
        assertEq(config.parameterValue(mmEth), 0.011e18);

        vm.prank(council);
        steward.updateParameter(config, penalty, 90); // -10 % exactly
        assertEq(config.parameterValue(penalty), 90);
    }

    function test_step_tooLarge_reverts() public {
        vm.prank(council);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskSteward.StepTooLarge.selector, mmEth, 0.01e18, 0.011e18 + 1, 0.001e18)
        );
        steward.updateParameter(config, mmEth, 0.011e18 + 1);
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.StepTooLarge.selector, penalty, 100, 89, 10));
        steward.updateParameter(config, penalty, 89);
        assertEq(config.parameterValue(mmEth), 0.01e18);
        assertEq(config.parameterValue(penalty), 100);
    }

    function test_step_cannotCrossHardBounds() public {
        // Governance takes ETH mm to its floor; a 10 % step down would cross it.
        vm.prank(address(timelock));
        config.setParameter(mmEth, 0.005e18);
        vm.prank(council);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernedParameters.ParameterOutOfBounds.selector, mmEth, 0.0045e18, 0.005e18, 0.05e18
            )
        );
        steward.updateParameter(config, mmEth, 0.0045e18);
        (uint256 lo, uint256 hi) = steward.stepRange(config, mmEth);
        assertEq(lo, 0.005e18);
        assertEq(hi, 0.0055e18);
    }

    function test_step_noChange_reverts() public {
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.NoChange.selector, mmEth));
        steward.updateParameter(config, mmEth, 0.01e18);
    }

    // --- Frequency ---

    function test_cooldown_oncePerPeriodPerParameter() public {
        vm.prank(council);
        steward.updateParameter(config, mmEth, 0.011e18);
        uint256 next = block.timestamp + 10 minutes;
        assertEq(steward.nextUpdateAt(config, mmEth), next);

        vm.warp(next - 1);
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.CooldownActive.selector, mmEth, next));
        steward.updateParameter(config, mmEth, 0.0105e18);

        // Another parameter has its own clock.
        bytes32 mmBtc = config.MM_BASE_BTC();
        vm.prank(council);
        steward.updateParameter(config, mmBtc, 0.0088e18);
        assertEq(config.parameterValue(mmBtc), 0.0088e18);

        vm.warp(next);
        vm.prank(council);
        steward.updateParameter(config, mmEth, 0.0121e18);
        assertEq(config.parameterValue(mmEth), 0.0121e18);
    }

    /// @dev ±10 % steps do not compound: the third +10 % step would end 33 % above the value
    /// governance set, past the 25 % drift cap; a vote re-anchors the drift.
    function test_drift_capsCompoundingSteps_voteReanchors() public {
        vm.startPrank(council);
        steward.updateParameter(config, mmEth, 0.011e18);
        vm.warp(vm.getBlockTimestamp() + 10 minutes);
        steward.updateParameter(config, mmEth, 0.0121e18);
        vm.warp(vm.getBlockTimestamp() + 10 minutes);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskSteward.DriftTooLarge.selector, mmEth, 0.01e18, 0.0133e18, 0.0025e18)
        );
        steward.updateParameter(config, mmEth, 0.0133e18);
        (uint256 lo, uint256 hi) = steward.stepRange(config, mmEth);
        assertEq(lo, 0.0121e18 - 0.00121e18);
        assertEq(hi, 0.0125e18);
        steward.updateParameter(config, mmEth, 0.0125e18);
        vm.stopPrank();

        // A vote that sets the value (here ratifies 1.25 %) is the new anchor.
        vm.prank(address(timelock));
        config.setParameter(mmEth, 0.0125e18);
        assertEq(config.getParameter(mmEth).governanceValue, 0.0125e18);
        vm.warp(vm.getBlockTimestamp() + 10 minutes);
        vm.prank(council);
        steward.updateParameter(config, mmEth, 0.01375e18);
        assertEq(config.parameterValue(mmEth), 0.01375e18);
        // The steward's own moves never re-anchor.
        assertEq(config.getParameter(mmEth).governanceValue, 0.0125e18);
    }

    // --- Access, revoke, replace ---

    function test_onlyCouncil() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.NotRiskCouncil.selector, alice));
        steward.updateParameter(config, mmEth, 0.011e18);
    }

    function test_councilCannotBypassStewardOnTarget() public {
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.NotOwnerOrSteward.selector, council));
        config.setParameter(mmEth, 0.05e18);
    }

    function test_revoke_onTarget_throughProposal() public {
        bytes memory data = abi.encodeCall(IGovernedParameters.setSteward, (address(0)));
        _passAndQueue(address(config), data, "revoke steward");
        _execute(address(config), data, "revoke steward");
        assertEq(config.steward(), address(0));

        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.NotOwnerOrSteward.selector, address(steward)));
        steward.updateParameter(config, mmEth, 0.011e18);
    }

    function test_exclude_parameterThroughProposal() public {
        bytes memory data = abi.encodeCall(steward.setExcluded, (config, mmEth, true));
        _passAndQueue(address(steward), data, "keep ETH mm for votes");
        _execute(address(steward), data, "keep ETH mm for votes");
        assertTrue(steward.excluded(config, mmEth));

        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.ParameterExcludedFromSteward.selector, mmEth));
        steward.updateParameter(config, mmEth, 0.011e18);
        vm.prank(council); // other parameters stay in reach
        steward.updateParameter(config, penalty, 110);
        assertEq(config.parameterValue(penalty), 110);

        vm.prank(address(timelock));
        steward.setExcluded(config, mmEth, false);
        vm.prank(council);
        steward.updateParameter(config, mmEth, 0.011e18);
        assertEq(config.parameterValue(mmEth), 0.011e18);
    }

    function test_exclude_onlyOwner() public {
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, council));
        steward.setExcluded(config, mmEth, true);
    }

    function test_revoke_council() public {
        vm.prank(address(timelock));
        steward.setRiskCouncil(address(0));
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.NotRiskCouncil.selector, council));
        steward.updateParameter(config, mmEth, 0.011e18);
    }

    function test_replace_steward() public {
        KindLimits[5] memory limits = GovernanceConfig.stewardKindLimits();
        limits[ParameterKinds.GENERAL] = KindLimits(500, 2_500);
        RiskSteward replacement = new RiskSteward(address(timelock), alice, 1 days, limits);
        vm.prank(address(timelock));
        config.setSteward(address(replacement));

        vm.prank(council); // the old steward no longer writes
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.NotOwnerOrSteward.selector, address(steward)));
        steward.updateParameter(config, mmEth, 0.011e18);

        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.StepTooLarge.selector, mmEth, 0.01e18, 0.011e18, 0.0005e18));
        replacement.updateParameter(config, mmEth, 0.011e18); // 5 % now
        vm.prank(alice);
        replacement.updateParameter(config, mmEth, 0.0105e18);
        assertEq(config.parameterValue(mmEth), 0.0105e18);
    }

    // --- Limits are governed and bounded ---

    function test_setLimits_onlyOwner() public {
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, council));
        steward.setKindLimits(ParameterKinds.MARGIN, 2_000, 2_500);
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, council));
        steward.setCooldown(1 days);
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, council));
        steward.setRiskCouncil(alice);
    }

    function test_setLimits_hardCeilings() public {
        uint8 k = ParameterKinds.MARGIN;
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.InvalidMaxStep.selector, 2_501));
        steward.setKindLimits(k, 2_501, 5_000);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.InvalidMaxStep.selector, 0));
        steward.setKindLimits(k, 0, 2_500);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.InvalidMaxDrift.selector, 999));
        steward.setKindLimits(k, 1_000, 999); // the drift cap is at least one step
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.InvalidMaxDrift.selector, 5_001));
        steward.setKindLimits(k, 1_000, 5_001);
        // vote-only kinds can never be opened to the steward
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.KindNotStewardable.selector, ParameterKinds.ORACLE));
        steward.setKindLimits(ParameterKinds.ORACLE, 1_000, 2_500);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.InvalidCooldown.selector, 10 minutes - 1));
        steward.setCooldown(10 minutes - 1);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.InvalidCooldown.selector, 90 days + 1));
        steward.setCooldown(90 days + 1);
        steward.setKindLimits(k, 2_500, 5_000);
        steward.setCooldown(90 days);
        vm.stopPrank();
        (uint256 step, uint256 drift) = steward.kindLimits(k);
        assertEq(step, 2_500);
        assertEq(drift, 5_000);
        assertEq(steward.cooldown(), 90 days);
        KindLimits[5] memory limits = GovernanceConfig.stewardKindLimits();
        limits[k] = KindLimits(3_000, 5_000);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.InvalidMaxStep.selector, 3_000));
        new RiskSteward(address(timelock), council, 1 days, limits);
    }

    /// @dev Vote-only kinds are refused by the steward and, whatever the steward contract, by the
    /// target itself.
    function test_voteOnlyKind_refusedByStewardAndTarget() public {
        bytes32 id = keccak256("oracle maxAge");
        vm.prank(address(timelock));
        config.registerParameter(id, "ETH-USD oracle max age", "seconds", ParameterKinds.ORACLE, 10, 1 days, 300);
        vm.prank(council);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskSteward.ParameterNotStewardable.selector, id, ParameterKinds.ORACLE)
        );
        steward.updateParameter(config, id, 310);
        (uint256 lo, uint256 hi) = steward.stepRange(config, id);
        assertEq(lo, 300);
        assertEq(hi, 300);
        vm.prank(address(steward));
        vm.expectRevert(
            abi.encodeWithSelector(IGovernedParameters.VoteOnlyParameter.selector, id, ParameterKinds.ORACLE)
        );
        config.setParameter(id, 310);
        vm.prank(address(timelock));
        config.setParameter(id, 310);
        assertEq(config.parameterValue(id), 310);
    }

    // --- Fuzz ---

    /// @dev Whatever the council asks, the change either respects the step and the hard bounds or
    /// reverts and leaves the value untouched.
    function testFuzz_step_bounds(uint256 stepBps, uint256 driftBps, uint256 newValue) public {
        stepBps = bound(stepBps, 1, 2_500);
        driftBps = bound(driftBps, stepBps, 5_000);
        vm.prank(address(timelock));
        steward.setKindLimits(ParameterKinds.GENERAL, stepBps, driftBps);
        uint256 old = config.parameterValue(mmEth); // also the governance value here
        newValue = bound(newValue, 0, 0.1e18);
        uint256 maxDelta = old * stepBps / 10_000;
        uint256 delta = newValue > old ? newValue - old : old - newValue;

        vm.prank(council);
        (bool ok,) = address(steward).call(abi.encodeCall(steward.updateParameter, (config, mmEth, newValue)));
        bool allowed = newValue != old && delta <= maxDelta && delta <= old * driftBps / 10_000 && newValue >= 0.005e18
            && newValue <= 0.05e18;
        assertEq(ok, allowed);
        assertEq(config.parameterValue(mmEth), allowed ? newValue : old);
    }

    /// @dev `stepRange` is exactly the set the steward accepts.
    function testFuzz_stepRange_matchesUpdate(uint256 newValue) public {
        (uint256 lo, uint256 hi) = steward.stepRange(config, penalty);
        newValue = bound(newValue, 0, 1_000);
        vm.prank(council);
        (bool ok,) = address(steward).call(abi.encodeCall(steward.updateParameter, (config, penalty, newValue)));
        assertEq(ok, newValue >= lo && newValue <= hi && newValue != 100);
    }
}

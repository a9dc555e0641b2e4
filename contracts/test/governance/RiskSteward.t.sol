// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IGovernedParameters} from "../../src/interfaces/IGovernedParameters.sol";
import {IRiskSteward} from "../../src/interfaces/IRiskSteward.sol";
import {RiskSteward} from "../../src/governance/RiskSteward.sol";
import {GovernanceBase} from "./GovernanceBase.t.sol";

/// @dev Steward limits on the mock config: 10 % steps, 10 minutes cooldown (devnet settings).
contract RiskStewardTest is GovernanceBase {
    bytes32 internal mmEth;
    bytes32 internal penalty;

    function setUp() public override {
        super.setUp();
        mmEth = config.MM_BASE_ETH();
        penalty = config.LIQ_PENALTY();
    }

    function test_deploy_limits() public view {
        assertEq(steward.maxStepBps(), 1_000);
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

    function test_cooldown_stepsCompoundAtMostOncePerPeriod() public {
        // Ten periods move a parameter by at most 1.1^10 (about 2.59x), never faster.
        uint256 v = config.parameterValue(mmEth);
        for (uint256 i; i < 10; ++i) {
            v = v * 11 / 10;
            vm.prank(council);
            steward.updateParameter(config, mmEth, v);
            vm.warp(vm.getBlockTimestamp() + 10 minutes);
        }
        assertEq(config.parameterValue(mmEth), v);
        assertLe(v, 0.026e18);
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
        RiskSteward replacement = new RiskSteward(address(timelock), alice, 500, 1 days);
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
        steward.setLimits(2_000, 1 days);
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, council));
        steward.setRiskCouncil(alice);
    }

    function test_setLimits_hardCeilings() public {
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.InvalidMaxStep.selector, 2_501));
        steward.setLimits(2_501, 1 days);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.InvalidMaxStep.selector, 0));
        steward.setLimits(0, 1 days);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.InvalidCooldown.selector, 10 minutes - 1));
        steward.setLimits(1_000, 10 minutes - 1);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.InvalidCooldown.selector, 90 days + 1));
        steward.setLimits(1_000, 90 days + 1);
        steward.setLimits(2_500, 90 days);
        vm.stopPrank();
        assertEq(steward.maxStepBps(), 2_500);
        assertEq(steward.cooldown(), 90 days);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.InvalidMaxStep.selector, 3_000));
        new RiskSteward(address(timelock), council, 3_000, 1 days);
    }

    // --- Fuzz ---

    /// @dev Whatever the council asks, the change either respects the step and the hard bounds or
    /// reverts and leaves the value untouched.
    function testFuzz_step_bounds(uint256 stepBps, uint256 newValue) public {
        stepBps = bound(stepBps, 1, 2_500);
        vm.prank(address(timelock));
        steward.setLimits(stepBps, 1 days);
        uint256 old = config.parameterValue(mmEth);
        newValue = bound(newValue, 0, 0.1e18);
        uint256 maxDelta = old * stepBps / 10_000;
        uint256 delta = newValue > old ? newValue - old : old - newValue;

        vm.prank(council);
        (bool ok,) = address(steward).call(abi.encodeCall(steward.updateParameter, (config, mmEth, newValue)));
        bool allowed = newValue != old && delta <= maxDelta && newValue >= 0.005e18 && newValue <= 0.05e18;
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

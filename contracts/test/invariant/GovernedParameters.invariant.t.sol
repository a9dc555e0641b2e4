// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {ParameterInfo} from "../../src/interfaces/IGovernedParameters.sol";
import {RiskSteward} from "../../src/governance/RiskSteward.sol";
import {GovernanceConfig} from "../../src/libraries/GovernanceConfig.sol";
import {ParameterKinds} from "../../src/libraries/ParameterKinds.sol";
import {MockRiskConfig} from "../governance/mocks/MockRiskConfig.sol";

/// @dev Drives the config through any sequence of owner (timelock) writes, steward updates,
/// limit changes, steward revocations/restorations and time jumps, and records what the steward
/// managed to do so the invariants can check it.
contract ParametersHandler is Test {
    MockRiskConfig public config;
    RiskSteward public steward;
    address public owner;
    address public council;

    bytes32[] internal ids;

    uint256 public stewardUpdates;
    /// @dev Steward updates that moved a value by more than the step in force, further than the
    /// drift cap from the value governance last set, or inside a cooldown.
    uint256 public stewardViolations;
    mapping(bytes32 id => uint256 timestamp) public lastStewardUpdate;

    constructor(MockRiskConfig config_, RiskSteward steward_, address owner_, address council_) {
        config = config_;
        steward = steward_;
        owner = owner_;
        council = council_;
        for (uint256 i; i < config.parameterCount(); ++i) {
            ids.push(config.parameterIdAt(i));
        }
    }

    function ownerSet(uint256 idSeed, uint256 value) external {
        bytes32 id = ids[idSeed % ids.length];
        ParameterInfo memory p = config.getParameter(id);
        // Mostly near the bounds (where bugs live), sometimes anything at all.
        if (value % 4 != 0) value = bound(value, p.minValue / 2, p.maxValue * 2 + 1);
        vm.prank(owner);
        try config.setParameter(id, value) {} catch {}
    }

    function stewardUpdate(uint256 idSeed, uint256 stepBps, bool up) external {
        bytes32 id = ids[idSeed % ids.length];
        uint256 old = config.parameterValue(id);
        // Ask for up to 30 %, beyond every possible limit.
        uint256 delta = old * bound(stepBps, 0, 3_000) / 10_000;
        uint256 target = up ? old + delta : old - delta;
        (uint256 maxBps, uint256 driftBps) = steward.kindLimits(ParameterKinds.GENERAL);
        uint256 anchor = config.getParameter(id).governanceValue;
        uint256 drift = target > anchor ? target - anchor : anchor - target;
        uint256 cooldown = steward.cooldown();
        vm.prank(council);
        try steward.updateParameter(config, id, target) {
            ++stewardUpdates;
            if (delta * 10_000 > old * maxBps) ++stewardViolations;
            if (drift * 10_000 > anchor * driftBps) ++stewardViolations;
            if (steward.excluded(config, id)) ++stewardViolations;
            uint256 last = lastStewardUpdate[id];
            if (last != 0 && block.timestamp < last + cooldown) ++stewardViolations;
            lastStewardUpdate[id] = block.timestamp;
        } catch {}
    }

    function setLimits(uint256 stepBps, uint256 driftBps, uint256 cooldown) external {
        vm.startPrank(owner);
        try steward.setKindLimits(ParameterKinds.GENERAL, bound(stepBps, 0, 3_000), bound(driftBps, 0, 6_000)) {}
            catch {}
        try steward.setCooldown(bound(cooldown, 0, 100 days)) {} catch {}
        vm.stopPrank();
    }

    function setExcluded(uint256 idSeed, bool excluded) external {
        vm.prank(owner);
        steward.setExcluded(config, ids[idSeed % ids.length], excluded);
    }

    function toggleSteward(bool enabled) external {
        vm.prank(owner);
        config.setSteward(enabled ? address(steward) : address(0));
    }

    function warp(uint256 secondsAhead) external {
        vm.warp(vm.getBlockTimestamp() + bound(secondsAhead, 0, 2 days));
    }
}

contract GovernedParametersInvariantTest is Test {
    MockRiskConfig internal config;
    RiskSteward internal steward;
    ParametersHandler internal handler;
    address internal owner = makeAddr("timelock");
    address internal council = makeAddr("council");

    uint256[] internal minAtStart;
    uint256[] internal maxAtStart;

    function setUp() public {
        vm.warp(1_700_000_000);
        config = new MockRiskConfig(owner);
        steward = new RiskSteward(owner, council, 1 hours, GovernanceConfig.stewardKindLimits());
        vm.prank(owner);
        config.setSteward(address(steward));
        handler = new ParametersHandler(config, steward, owner, council);
        for (uint256 i; i < config.parameterCount(); ++i) {
            ParameterInfo memory p = config.getParameter(config.parameterIdAt(i));
            minAtStart.push(p.minValue);
            maxAtStart.push(p.maxValue);
        }
        targetContract(address(handler));
    }

    /// @dev The handler's steward path really lands updates (so the invariants are not vacuous).
    function test_handler_stewardPathWorks() public {
        handler.stewardUpdate(0, 1_000, true);
        handler.stewardUpdate(0, 500, true); // inside the cooldown: rejected
        assertEq(handler.stewardUpdates(), 1);
        assertEq(config.parameterValue(config.MM_BASE_ETH()), 0.011e18);
        handler.warp(1 hours);
        handler.stewardUpdate(0, 1_001, true); // above the 10 % step: rejected
        handler.stewardUpdate(0, 1_000, false);
        assertEq(handler.stewardUpdates(), 2);
        // +10 % steps stop at the 25 % drift cap from the governance value (1 %)
        for (uint256 i; i < 5; ++i) {
            handler.warp(1 hours);
            handler.stewardUpdate(0, 1_000, true);
        }
        assertLe(config.parameterValue(config.MM_BASE_ETH()), 0.0125e18);
        assertEq(handler.stewardViolations(), 0);
    }

    /// @dev Parameters stay within their hard bounds whatever governance or the steward does.
    function invariant_parametersWithinHardBounds() public view {
        ParameterInfo[] memory all = config.getParameters();
        for (uint256 i; i < all.length; ++i) {
            assertGe(all[i].value, all[i].minValue);
            assertLe(all[i].value, all[i].maxValue);
        }
    }

    /// @dev Nobody can move the bounds themselves, nor add or drop parameters through these paths.
    function invariant_boundsImmutable() public view {
        assertEq(config.parameterCount(), minAtStart.length);
        for (uint256 i; i < minAtStart.length; ++i) {
            ParameterInfo memory p = config.getParameter(config.parameterIdAt(i));
            assertEq(p.minValue, minAtStart[i]);
            assertEq(p.maxValue, maxAtStart[i]);
        }
    }

    /// @dev Every steward update respected the step, the cooldown and the exclusions in force.
    function invariant_stewardWithinLimits() public view {
        assertEq(handler.stewardViolations(), 0);
        (uint256 step, uint256 drift) = steward.kindLimits(ParameterKinds.GENERAL);
        assertLe(step, steward.MAX_STEP_BPS_CEILING());
        assertLe(drift, steward.MAX_DRIFT_BPS_CEILING());
        assertGe(steward.cooldown(), steward.MIN_COOLDOWN());
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {RampartToken} from "../../src/governance/RampartToken.sol";
import {RampartGovernor} from "../../src/governance/RampartGovernor.sol";
import {RiskSteward} from "../../src/governance/RiskSteward.sol";
import {PauseGuardian} from "../../src/governance/PauseGuardian.sol";
import {GovernanceConfig} from "../../src/libraries/GovernanceConfig.sol";
import {GovernanceDeployer, GovernanceDeployment} from "../../script/DeployGovernance.s.sol";
import {MockRiskConfig} from "./mocks/MockRiskConfig.sol";

/// @dev The whole stack deployed through the same library the scripts use, with devnet settings,
/// plus a mock risk configuration owned by the timelock and wired to the steward and guardian.
abstract contract GovernanceBase is Test {
    address internal deployer = makeAddr("deployer");
    address internal alice = makeAddr("alice"); // 10 M, self-delegated
    address internal bob = makeAddr("bob"); // 5 M, self-delegated
    address internal carol = makeAddr("carol"); // 1 M, undelegated
    address internal council = makeAddr("council");
    address internal operator = makeAddr("operator");
    address internal minter = makeAddr("minter");

    GovernanceConfig.Settings internal s;
    RampartToken internal token;
    TimelockController internal timelock;
    RampartGovernor internal governor;
    RiskSteward internal steward;
    PauseGuardian internal guardian;
    MockRiskConfig internal config;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        s = GovernanceConfig.devnet();
        vm.startPrank(deployer);
        GovernanceDeployment memory d = GovernanceDeployer.deploy(s, deployer, deployer, minter, council, operator);
        vm.stopPrank();
        token = d.token;
        timelock = d.timelock;
        governor = d.governor;
        steward = d.steward;
        guardian = d.guardian;

        // The core's config is deployed by the deployer, wired, then owned by the timelock.
        vm.startPrank(deployer);
        config = new MockRiskConfig(deployer);
        config.setSteward(address(steward));
        config.setGuardian(address(guardian));
        config.transferOwnership(address(timelock));
        token.transfer(alice, 10_000_000e18);
        token.transfer(bob, 5_000_000e18);
        token.transfer(carol, 1_000_000e18);
        vm.stopPrank();

        vm.prank(alice);
        token.delegate(alice);
        vm.prank(bob);
        token.delegate(bob);
        // Checkpoints become readable as past votes one second later.
        vm.warp(vm.getBlockTimestamp() + 1);
    }

    // --- Proposal helpers ---

    function _single(address target, bytes memory data)
        internal
        pure
        returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas)
    {
        targets = new address[](1);
        values = new uint256[](1);
        calldatas = new bytes[](1);
        targets[0] = target;
        calldatas[0] = data;
    }

    function _propose(address target, bytes memory data, string memory description) internal returns (uint256 id) {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _single(target, data);
        vm.prank(alice);
        id = governor.propose(t, v, c, description);
    }

    function _toActive() internal {
        vm.warp(vm.getBlockTimestamp() + governor.votingDelay() + 1);
    }

    function _toEnd() internal {
        vm.warp(vm.getBlockTimestamp() + governor.votingPeriod() + 1);
    }

    function _queue(address target, bytes memory data, string memory description) internal {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _single(target, data);
        governor.queue(t, v, c, keccak256(bytes(description)));
    }

    function _execute(address target, bytes memory data, string memory description) internal {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _single(target, data);
        governor.execute(t, v, c, keccak256(bytes(description)));
    }

    /// @dev Propose, pass with alice's votes, queue and wait out the timelock (not executed).
    function _passAndQueue(address target, bytes memory data, string memory description) internal returns (uint256 id) {
        id = _propose(target, data, description);
        _toActive();
        vm.prank(alice);
        governor.castVote(id, 1);
        _toEnd();
        _queue(target, data, description);
        vm.warp(vm.getBlockTimestamp() + timelock.getMinDelay());
    }
}

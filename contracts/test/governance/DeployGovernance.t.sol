// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {GovernanceConfig} from "../../src/libraries/GovernanceConfig.sol";
import {DeployGovernance, GovernanceDemo, GovernanceDeployment} from "../../script/DeployGovernance.s.sol";

/// @dev Runs the script's deploy-and-seed path (without writing the JSON file).
contract DeployGovernanceTest is Test {
    DeployGovernance internal script;
    GovernanceDeployment internal d;

    function setUp() public {
        vm.warp(1_700_000_000);
        script = new DeployGovernance();
        d = script.deployAndSeed(GovernanceConfig.devnet());
        vm.warp(vm.getBlockTimestamp() + 1);
    }

    function test_demoAccounts_areAnvils() public pure {
        assertEq(GovernanceDemo.account(1), 0x70997970C51812dc3A010C7d01b50e0d17dc79C8);
        assertEq(GovernanceDemo.account(4), 0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65);
    }

    function test_supply_distributed() public view {
        uint256 sum;
        for (uint256 i = 1; i <= 4; ++i) {
            assertEq(d.token.balanceOf(GovernanceDemo.account(i)), GovernanceDemo.balance(i));
            sum += GovernanceDemo.balance(i);
        }
        assertEq(d.token.balanceOf(address(d.timelock)), d.token.totalSupply() - sum);
        assertEq(d.token.totalSupply(), GovernanceConfig.INITIAL_SUPPLY);
    }

    function test_delegations() public view {
        address a1 = GovernanceDemo.account(1);
        assertEq(d.token.getVotes(a1), 30_000_000e18); // its own 20 M plus account 3's 10 M
        assertEq(d.token.getVotes(GovernanceDemo.account(2)), 15_000_000e18);
        assertEq(d.token.delegates(GovernanceDemo.account(3)), a1);
        assertEq(d.token.getVotes(GovernanceDemo.account(3)), 0);
        assertEq(d.token.delegates(GovernanceDemo.account(4)), address(0));
        // Delegated supply clears the devnet quorum and proposal threshold on its own.
        assertGe(d.token.getVotes(a1), d.governor.quorum(block.timestamp - 1));
        assertGe(d.token.getVotes(GovernanceDemo.account(2)), d.governor.proposalThreshold());
    }

    function test_timelockAdminsItself() public view {
        bytes32 admin = d.timelock.DEFAULT_ADMIN_ROLE();
        assertTrue(d.timelock.hasRole(admin, address(d.timelock)));
        address deployer = script.deployer();
        assertTrue(deployer != address(0));
        assertFalse(d.timelock.hasRole(admin, deployer));
        assertEq(d.token.balanceOf(deployer), 0);
        assertEq(d.steward.riskCouncil(), deployer);
        assertEq(d.guardian.operator(), deployer);
        assertTrue(d.timelock.hasRole(d.timelock.PROPOSER_ROLE(), address(d.governor)));
        assertEq(d.token.owner(), address(d.timelock));
        assertEq(d.steward.owner(), address(d.timelock));
        assertEq(d.guardian.owner(), address(d.timelock));
        assertEq(d.token.minter(), address(0));
        assertEq(d.governor.votingDelay(), 1 minutes);
        assertEq(d.governor.votingPeriod(), 5 minutes);
        assertEq(d.timelock.getMinDelay(), 2 minutes);
    }
}

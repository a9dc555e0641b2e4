// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernedParameters} from "../../src/interfaces/IGovernedParameters.sol";
import {GovernanceBase} from "./GovernanceBase.t.sol";

/// @dev Gas snapshots of isolated calls. Each measured call is the first call of its test, with
/// the state prepared in `setUp` (a separate transaction in Foundry), so storage and accounts are
/// cold as in a real transaction. Figures are execution gas, without the 21 k base and calldata.
/// Written to `snapshots/governance.json`.
abstract contract GasBase is GovernanceBase {
    string internal constant DESC = "ETH-USD maintenance base 1.0 % -> 1.5 %";
    address[] internal targets;
    uint256[] internal values;
    bytes[] internal calldatas;
    bytes32 internal descHash = keccak256(bytes(DESC));
    uint256 internal proposalId;
    bytes32 internal mmEth;

    function setUp() public virtual override {
        super.setUp();
        mmEth = config.MM_BASE_ETH();
        targets.push(address(config));
        values.push(0);
        calldatas.push(abi.encodeCall(IGovernedParameters.setParameter, (mmEth, 0.015e18)));
    }

    function _proposeNow() internal {
        vm.prank(alice);
        proposalId = governor.propose(targets, values, calldatas, DESC);
    }
}

contract GasProposeTest is GasBase {
    function test_gas_propose() public {
        vm.prank(alice);
        uint256 id = governor.propose(targets, values, calldatas, DESC);
        vm.snapshotGasLastCall("governance", "propose");
        assertEq(governor.proposalProposer(id), alice);
    }
}

contract GasCastVoteTest is GasBase {
    function setUp() public override {
        super.setUp();
        _proposeNow();
        _toActive();
    }

    function test_gas_castVote() public {
        vm.prank(alice);
        governor.castVote(proposalId, 1);
        vm.snapshotGasLastCall("governance", "castVote");
        assertTrue(governor.hasVoted(proposalId, alice));
    }
}

contract GasQueueTest is GasBase {
    function setUp() public override {
        super.setUp();
        _proposeNow();
        _toActive();
        vm.prank(alice);
        governor.castVote(proposalId, 1);
        _toEnd();
    }

    function test_gas_queue() public {
        governor.queue(targets, values, calldatas, descHash);
        vm.snapshotGasLastCall("governance", "queue");
        assertGt(governor.proposalEta(proposalId), 0);
    }
}

contract GasExecuteTest is GasBase {
    function setUp() public override {
        super.setUp();
        _proposeNow();
        _toActive();
        vm.prank(alice);
        governor.castVote(proposalId, 1);
        _toEnd();
        governor.queue(targets, values, calldatas, descHash);
        vm.warp(vm.getBlockTimestamp() + s.timelockDelay);
    }

    function test_gas_execute() public {
        governor.execute(targets, values, calldatas, descHash);
        vm.snapshotGasLastCall("governance", "execute");
        assertEq(config.parameterValue(mmEth), 0.015e18);
    }
}

contract GasOtherTest is GasBase {
    function test_gas_delegate() public {
        vm.prank(carol);
        token.delegate(carol);
        vm.snapshotGasLastCall("governance", "delegate");
        assertEq(token.getVotes(carol), 1_000_000e18);
    }

    function test_gas_stewardUpdateParameter() public {
        vm.prank(council);
        steward.updateParameter(config, mmEth, 0.011e18);
        vm.snapshotGasLastCall("governance", "stewardUpdateParameter");
        assertEq(config.parameterValue(mmEth), 0.011e18);
    }

    function test_gas_guardianPauseMarket() public {
        vm.prank(operator);
        guardian.pauseMarket(config, 1);
        vm.snapshotGasLastCall("governance", "guardianPauseMarket");
        assertTrue(config.isPaused(1));
    }

    function test_gas_mint() public {
        vm.prank(minter);
        token.mint(bob, 1_000e18);
        vm.snapshotGasLastCall("governance", "mint");
        assertEq(token.balanceOf(bob), 5_001_000e18);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IGovernedParameters} from "../../src/interfaces/IGovernedParameters.sol";
import {RampartGovernor} from "../../src/governance/RampartGovernor.sol";
import {RampartToken} from "../../src/governance/RampartToken.sol";
import {GovernanceConfig} from "../../src/libraries/GovernanceConfig.sol";
import {IGovernanceBounds} from "../../src/interfaces/IGovernanceBounds.sol";
import {GovernanceBase} from "./GovernanceBase.t.sol";

/// @dev Votes with a flash loan: borrows, delegates to itself, votes and repays in one call.
contract FlashVoter {
    function attack(RampartToken token, RampartGovernor governor, uint256 proposalId, address lender, uint256 amount)
        external
        returns (uint256 weight)
    {
        token.transferFrom(lender, address(this), amount);
        token.delegate(address(this));
        weight = governor.castVote(proposalId, 1);
        token.transfer(lender, amount);
    }
}

contract RampartGovernorTest is GovernanceBase {
    string internal constant DESC = "ETH-USD maintenance base 1.0 % -> 1.5 %";

    function _raiseEthMm(uint256 value) internal view returns (bytes memory) {
        return abi.encodeCall(IGovernedParameters.setParameter, (config.MM_BASE_ETH(), value));
    }

    // --- Wiring ---

    function test_deploy_wiring() public view {
        assertEq(address(governor.token()), address(token));
        assertEq(governor.timelock(), address(timelock));
        assertEq(governor.votingDelay(), s.votingDelay);
        assertEq(governor.votingPeriod(), s.votingPeriod);
        assertEq(governor.quorumNumerator(), s.quorumPercent);
        assertEq(governor.proposalThreshold(), s.proposalThreshold);
        assertEq(governor.CLOCK_MODE(), "mode=timestamp");
        assertEq(governor.clock(), block.timestamp);
        assertEq(timelock.getMinDelay(), s.timelockDelay);
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(governor)));
        assertTrue(timelock.hasRole(timelock.CANCELLER_ROLE(), address(governor)));
        assertTrue(timelock.hasRole(timelock.EXECUTOR_ROLE(), address(0)));
        assertTrue(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(timelock)));
        assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), deployer));
        assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), deployer));
        assertEq(token.owner(), address(timelock));
        assertEq(steward.owner(), address(timelock));
        assertEq(guardian.owner(), address(timelock));
        assertEq(config.owner(), address(timelock));
    }

    function test_liveSettings_deployable() public {
        GovernanceConfig.Settings memory live = GovernanceConfig.live();
        RampartGovernor g = new RampartGovernor(
            token, timelock, live.votingDelay, live.votingPeriod, live.proposalThreshold, live.quorumPercent
        );
        assertEq(g.votingDelay(), 1 days);
        assertEq(g.votingPeriod(), 3 days);
        assertEq(g.quorumNumerator(), 4);
        assertEq(live.timelockDelay, 2 days);
    }

    // --- Lifecycle ---

    function test_lifecycle_changesMarginParameter_observedInMarket() public {
        assertEq(config.maintenanceRequirement(1, 1_000e18), 10e18); // 1 %
        bytes memory data = _raiseEthMm(0.015e18);

        uint256 id = _propose(address(config), data, DESC);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Pending));
        _toActive();
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Active));
        vm.prank(alice);
        governor.castVote(id, 1);
        vm.prank(bob);
        governor.castVote(id, 0);
        _toEnd();
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));

        _queue(address(config), data, DESC);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued));
        // Executing before the timelock delay has passed fails.
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _single(address(config), data);
        vm.expectRevert();
        governor.execute(t, v, c, keccak256(bytes(DESC)));
        assertEq(config.parameterValue(config.MM_BASE_ETH()), 0.01e18);

        vm.warp(vm.getBlockTimestamp() + timelock.getMinDelay());
        vm.expectEmit(address(config));
        emit IGovernedParameters.ParameterSet(config.MM_BASE_ETH(), 0.01e18, 0.015e18, address(timelock));
        _execute(address(config), data, DESC);

        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
        assertEq(config.parameterValue(config.MM_BASE_ETH()), 0.015e18);
        assertEq(config.maintenanceRequirement(1, 1_000e18), 15e18); // the market now needs 1.5 %
        assertEq(config.maintenanceRequirement(2, 1_000e18), 8e18); // other markets untouched
    }

    function test_lifecycle_outOfBoundsValue_revertsAtExecution() public {
        uint256 tooHigh = 0.05e18 + 1;
        bytes memory data = _raiseEthMm(tooHigh);
        uint256 id = _passAndQueue(address(config), data, DESC);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued));

        (address[] memory t, uint256[] memory v, bytes[] memory c) = _single(address(config), data);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernedParameters.ParameterOutOfBounds.selector, config.MM_BASE_ETH(), tooHigh, 0.005e18, 0.05e18
            )
        );
        governor.execute(t, v, c, keccak256(bytes(DESC)));
        assertEq(config.parameterValue(config.MM_BASE_ETH()), 0.01e18);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued));
    }

    function test_defeated_whenQuorumNotReached() public {
        bytes memory data = _raiseEthMm(0.015e18);
        uint256 id = _propose(address(config), data, DESC);
        _toActive();
        // carol delegates only after the snapshot: her 1 M is below the 4 M quorum anyway.
        vm.prank(carol);
        token.delegate(carol);
        vm.prank(carol);
        governor.castVote(id, 1);
        _toEnd();
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
    }

    function test_defeated_whenAgainstWins() public {
        bytes memory data = _raiseEthMm(0.015e18);
        uint256 id = _propose(address(config), data, DESC);
        _toActive();
        vm.prank(alice);
        governor.castVote(id, 0);
        vm.prank(bob);
        governor.castVote(id, 1);
        _toEnd();
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Defeated));
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _single(address(config), data);
        vm.expectRevert();
        governor.queue(t, v, c, keccak256(bytes(DESC)));
    }

    function test_propose_belowThreshold_reverts() public {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _single(address(config), _raiseEthMm(0.015e18));
        vm.prank(carol); // undelegated: zero votes
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, carol, 0, s.proposalThreshold)
        );
        governor.propose(t, v, c, DESC);
    }

    // --- Snapshot and double voting ---

    function test_snapshot_tokensBoughtAfterSnapshot_haveNoWeight() public {
        uint256 id = _propose(address(config), _raiseEthMm(0.015e18), DESC);
        _toActive();
        // dave buys 20 M after the snapshot and delegates in the same block as his vote.
        address dave = makeAddr("dave");
        vm.prank(deployer);
        token.transfer(dave, 20_000_000e18);
        vm.prank(dave);
        token.delegate(dave);
        assertEq(token.getVotes(dave), 20_000_000e18);

        vm.prank(dave);
        uint256 weight = governor.castVote(id, 0);
        assertEq(weight, 0);
        (uint256 against, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(against, 0);
        assertEq(forVotes, 0);
        // And even a later block does not help: the snapshot is fixed.
        vm.warp(vm.getBlockTimestamp() + 1);
        assertEq(governor.getVotes(dave, governor.proposalSnapshot(id)), 0);
    }

    function test_snapshot_tokensSoldAfterSnapshot_stillVoteAtSnapshotBalance() public {
        uint256 id = _propose(address(config), _raiseEthMm(0.015e18), DESC);
        _toActive();
        // alice moves her tokens to bob after the snapshot: bob gains nothing, alice keeps her weight.
        vm.prank(alice);
        token.transfer(bob, 10_000_000e18);
        vm.prank(alice);
        assertEq(governor.castVote(id, 1), 10_000_000e18);
        vm.prank(bob);
        assertEq(governor.castVote(id, 0), 5_000_000e18);
    }

    /// @dev The other side of the snapshot rule, pinned so a change of clock or delay is noticed:
    /// power is read at `creation + votingDelay`, so tokens acquired during the delay do count
    /// (that window is what lets holders delegate and defenders react before voting opens).
    function test_snapshot_isCreationPlusVotingDelay() public {
        uint256 created = block.timestamp;
        uint256 id = _propose(address(config), _raiseEthMm(0.015e18), DESC);
        assertEq(governor.proposalSnapshot(id), created + s.votingDelay);
        assertEq(governor.proposalDeadline(id), created + s.votingDelay + s.votingPeriod);
        vm.prank(carol);
        token.delegate(carol); // during the delay
        _toActive();
        vm.prank(carol);
        assertEq(governor.castVote(id, 1), 1_000_000e18);
    }

    function test_snapshot_flashLoanedVotes_haveNoWeight() public {
        uint256 id = _propose(address(config), _raiseEthMm(0.015e18), DESC);
        _toActive();
        FlashVoter attacker = new FlashVoter();
        vm.prank(deployer);
        token.approve(address(attacker), 50_000_000e18);

        uint256 weight = attacker.attack(token, governor, id, deployer, 50_000_000e18);
        assertEq(weight, 0);
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 0);
        assertTrue(governor.hasVoted(id, address(attacker)));
        assertEq(token.balanceOf(address(attacker)), 0);
    }

    /// @dev The debt auction mints new RPT to buyers: those tokens, like any bought after the
    /// snapshot, cannot vote on a running proposal, and they do not move its quorum either.
    function test_snapshot_debtAuctionMintAfterSnapshot_noWeightNoQuorumChange() public {
        uint256 id = _propose(address(config), _raiseEthMm(0.015e18), DESC);
        _toActive();
        uint256 quorumBefore = governor.quorum(governor.proposalSnapshot(id));
        address buyer = makeAddr("auctionBuyer");
        vm.prank(minter);
        token.mint(buyer, 1_000_000e18);
        vm.prank(buyer);
        token.delegate(buyer);
        vm.prank(buyer);
        assertEq(governor.castVote(id, 0), 0);
        assertEq(governor.quorum(governor.proposalSnapshot(id)), quorumBefore);
        assertEq(quorumBefore, 4_000_000e18); // 4 % of the 100 M supply at the snapshot
    }

    function test_snapshot_votingDelayHasHardFloor() public {
        // A zero delay would put the snapshot in the proposal's own block, where tokens acquired
        // after the proposal (same timestamp) would still count: forbidden.
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernanceBounds.GovernorSettingOutOfBounds.selector, bytes32("votingDelay"), 0, 1, 30 days
            )
        );
        new RampartGovernor(token, timelock, 0, s.votingPeriod, 0, 4);
    }

    function test_doubleVote_reverts() public {
        uint256 id = _propose(address(config), _raiseEthMm(0.015e18), DESC);
        _toActive();
        vm.prank(alice);
        governor.castVote(id, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, alice));
        governor.castVote(id, 0);
        (uint256 against, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(against, 0);
        assertEq(forVotes, 10_000_000e18);
    }

    function test_doubleVote_byPassingTokensOn_countsOnce() public {
        uint256 id = _propose(address(config), _raiseEthMm(0.015e18), DESC);
        _toActive();
        vm.prank(alice);
        governor.castVote(id, 1);
        // The same tokens handed to a fresh account and delegated cannot be voted again.
        address sybil = makeAddr("sybil");
        vm.prank(alice);
        token.transfer(sybil, 10_000_000e18);
        vm.prank(sybil);
        token.delegate(sybil);
        vm.prank(sybil);
        assertEq(governor.castVote(id, 1), 0);
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 10_000_000e18);
    }

    // --- Settings are governed and bounded ---

    function test_settings_onlyGovernance() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, alice));
        governor.setVotingDelay(10);
    }

    function test_settings_boundsHoldThroughProposals() public {
        bytes memory data = abi.encodeCall(governor.setVotingPeriod, (uint32(10)));
        _passAndQueue(address(governor), data, "short period");
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernanceBounds.GovernorSettingOutOfBounds.selector, bytes32("votingPeriod"), 10, 1 minutes, 30 days
            )
        );
        _execute(address(governor), data, "short period");

        bytes memory ok = abi.encodeCall(governor.updateQuorumNumerator, (5));
        _passAndQueue(address(governor), ok, "quorum 5");
        _execute(address(governor), ok, "quorum 5");
        assertEq(governor.quorumNumerator(), 5);
    }

    function test_timelock_adminOnlyItself() public {
        bytes32 proposer = timelock.PROPOSER_ROLE();
        bytes32 admin = timelock.DEFAULT_ADMIN_ROLE();
        vm.prank(deployer);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, deployer, admin)
        );
        timelock.grantRole(proposer, deployer);
        // Nobody but the governor may schedule.
        bytes memory data = _raiseEthMm(0.02e18);
        uint256 delay = s.timelockDelay;
        vm.prank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, alice, proposer)
        );
        timelock.schedule(address(config), 0, data, bytes32(0), bytes32(0), delay);
    }
}

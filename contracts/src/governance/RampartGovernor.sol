// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {
    GovernorVotesQuorumFraction
} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

import {IGovernanceBounds, SettingBounds} from "../interfaces/IGovernanceBounds.sol";
import {GovernanceBounds} from "../libraries/GovernanceBounds.sol";

/// @title RampartGovernor
/// @notice OpenZeppelin Governor over the RPT token's timestamp clock; every successful proposal
/// is queued in and executed by the TimelockController, which owns every configuration surface.
/// @dev Every setting governance can change about itself has a hard range (`GovernanceBounds`:
/// the live one on every chain but the devnet's), checked at construction and on every change:
/// a zero voting delay would let tokens acquired in the proposal's own block vote on it, a tiny
/// voting period or quorum would let a proposal pass unnoticed, and a threshold above what any
/// delegate holds would stop every future proposal (the Governor is the timelock's only proposer).
/// A proposal is queued only while the timelock's delay is within its range too, whichever
/// timelock the Governor uses.
contract RampartGovernor is
    IGovernanceBounds,
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl
{
    constructor(
        IVotes token,
        TimelockController timelock,
        uint48 votingDelay_,
        uint32 votingPeriod_,
        uint256 proposalThreshold_,
        uint256 quorumPercent
    )
        Governor("Rampart Governor")
        GovernorSettings(votingDelay_, votingPeriod_, proposalThreshold_)
        GovernorVotes(token)
        GovernorVotesQuorumFraction(quorumPercent)
        GovernorTimelockControl(timelock)
    {}

    /// @inheritdoc IGovernanceBounds
    function settingBounds() external view returns (SettingBounds memory) {
        return GovernanceBounds.current();
    }

    /// @inheritdoc IGovernanceBounds
    function liveBounds() external view returns (bool) {
        return GovernanceBounds.isLive();
    }

    // --- Bounded settings (the constructor goes through these too) ---

    function _setVotingDelay(uint48 newVotingDelay) internal override {
        SettingBounds memory b = GovernanceBounds.current();
        GovernanceBounds.checkSetting("votingDelay", newVotingDelay, b.minVotingDelay, b.maxVotingDelay);
        super._setVotingDelay(newVotingDelay);
    }

    function _setVotingPeriod(uint32 newVotingPeriod) internal override {
        SettingBounds memory b = GovernanceBounds.current();
        GovernanceBounds.checkSetting("votingPeriod", newVotingPeriod, b.minVotingPeriod, b.maxVotingPeriod);
        super._setVotingPeriod(newVotingPeriod);
    }

    function _updateQuorumNumerator(uint256 newQuorumNumerator) internal override {
        SettingBounds memory b = GovernanceBounds.current();
        GovernanceBounds.checkSetting("quorumPercent", newQuorumNumerator, b.minQuorumPercent, b.maxQuorumPercent);
        super._updateQuorumNumerator(newQuorumNumerator);
    }

    function _setProposalThreshold(uint256 newProposalThreshold) internal override {
        SettingBounds memory b = GovernanceBounds.current();
        GovernanceBounds.checkSetting(
            "proposalThreshold", newProposalThreshold, b.minProposalThreshold, b.maxProposalThreshold
        );
        super._setProposalThreshold(newProposalThreshold);
    }

    // --- Required overrides (Solidity needs the linearisation spelt out) ---

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(timepoint);
    }

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        // `updateTimelock` (a proposal) could swap in a timelock without floors: whichever one is
        // in use, nothing is queued in it while its delay is below this chain's floor.
        GovernanceBounds.checkTimelockDelay(TimelockController(payable(timelock())).getMinDelay());
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}

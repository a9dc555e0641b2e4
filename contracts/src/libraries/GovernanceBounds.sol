// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SettingBounds, IGovernanceBounds} from "../interfaces/IGovernanceBounds.sol";

/// @title GovernanceBounds
/// @notice The hard ranges of governance's own settings, live and devnet, and which applies.
/// @dev The live ranges are constants, chosen by the chain id (everything but anvil's 31337 is
/// live), never by a deploy argument: a live deployment cannot pass the devnet's values.
/// Anchors: Compound Governor Bravo (timelock delay [2 d, 30 d], voting delay up to a week, voting
/// period 1 d to 2 weeks, proposal threshold bounded both ways).
library GovernanceBounds {
    /// @notice anvil's (and Hardhat's) chain id: the only chain where the devnet bounds apply.
    uint256 internal constant DEVNET_CHAIN_ID = 31337;

    // ---- live: a vote takes at least 1 + 2 days and the timelock 2 more, so holders always
    // have about five days from a proposal to its effect.
    /// @dev A day to delegate and prepare before the snapshot.
    uint256 internal constant LIVE_MIN_VOTING_DELAY = 1 days;
    uint256 internal constant LIVE_MAX_VOTING_DELAY = 7 days;
    /// @dev Two days to vote: a weekend cannot hide a proposal.
    uint256 internal constant LIVE_MIN_VOTING_PERIOD = 2 days;
    uint256 internal constant LIVE_MAX_VOTING_PERIOD = 14 days;
    /// @dev 2 %: half the deployed 4 %; below it a small coalition passes anything.
    uint256 internal constant LIVE_MIN_QUORUM_PERCENT = 2;
    /// @dev 20 %: above it, turnout rarely suffices and governance freezes.
    uint256 internal constant LIVE_MAX_QUORUM_PERCENT = 20;
    /// @dev 10 k RPT (0.01 % of the initial supply): proposals are not free to spam.
    uint256 internal constant LIVE_MIN_PROPOSAL_THRESHOLD = 10_000e18;
    /// @dev 1 M RPT (1 % of the initial supply; Compound's ceiling too): a delegate can always
    /// gather it, so no threshold can stop every future proposal.
    uint256 internal constant LIVE_MAX_PROPOSAL_THRESHOLD = 1_000_000e18;
    /// @dev Compound's timelock range.
    uint256 internal constant LIVE_MIN_TIMELOCK_DELAY = 2 days;
    uint256 internal constant LIVE_MAX_TIMELOCK_DELAY = 30 days;

    // ---- devnet: short enough to demo a proposal in minutes, never zero.
    uint256 internal constant DEVNET_MIN_VOTING_DELAY = 1; // the snapshot stays after the proposal
    uint256 internal constant DEVNET_MAX_VOTING_DELAY = 30 days;
    uint256 internal constant DEVNET_MIN_VOTING_PERIOD = 1 minutes;
    uint256 internal constant DEVNET_MAX_VOTING_PERIOD = 30 days;
    uint256 internal constant DEVNET_MIN_QUORUM_PERCENT = 1;
    uint256 internal constant DEVNET_MAX_QUORUM_PERCENT = 30;
    uint256 internal constant DEVNET_MIN_PROPOSAL_THRESHOLD = 0;
    uint256 internal constant DEVNET_MAX_PROPOSAL_THRESHOLD = 1_000_000e18;
    uint256 internal constant DEVNET_MIN_TIMELOCK_DELAY = 1 minutes;
    uint256 internal constant DEVNET_MAX_TIMELOCK_DELAY = 30 days;

    /// @notice Whether the live bounds apply on this chain.
    function isLive() internal view returns (bool) {
        return block.chainid != DEVNET_CHAIN_ID;
    }

    /// @notice The bounds in force on this chain.
    function current() internal view returns (SettingBounds memory) {
        return isLive() ? live() : devnet();
    }

    /// @notice Reverts with `TimelockDelayOutOfBounds` unless `delay` is in this chain's range.
    function checkTimelockDelay(uint256 delay) internal view {
        SettingBounds memory b = current();
        if (delay < b.minTimelockDelay || delay > b.maxTimelockDelay) {
            revert IGovernanceBounds.TimelockDelayOutOfBounds(delay, b.minTimelockDelay, b.maxTimelockDelay);
        }
    }

    /// @notice Reverts with `GovernorSettingOutOfBounds` unless `min ≤ value ≤ max`.
    function checkSetting(bytes32 setting, uint256 value, uint256 min, uint256 max) internal pure {
        if (value < min || value > max) revert IGovernanceBounds.GovernorSettingOutOfBounds(setting, value, min, max);
    }

    function live() internal pure returns (SettingBounds memory) {
        return SettingBounds({
            minVotingDelay: LIVE_MIN_VOTING_DELAY,
            maxVotingDelay: LIVE_MAX_VOTING_DELAY,
            minVotingPeriod: LIVE_MIN_VOTING_PERIOD,
            maxVotingPeriod: LIVE_MAX_VOTING_PERIOD,
            minQuorumPercent: LIVE_MIN_QUORUM_PERCENT,
            maxQuorumPercent: LIVE_MAX_QUORUM_PERCENT,
            minProposalThreshold: LIVE_MIN_PROPOSAL_THRESHOLD,
            maxProposalThreshold: LIVE_MAX_PROPOSAL_THRESHOLD,
            minTimelockDelay: LIVE_MIN_TIMELOCK_DELAY,
            maxTimelockDelay: LIVE_MAX_TIMELOCK_DELAY
        });
    }

    function devnet() internal pure returns (SettingBounds memory) {
        return SettingBounds({
            minVotingDelay: DEVNET_MIN_VOTING_DELAY,
            maxVotingDelay: DEVNET_MAX_VOTING_DELAY,
            minVotingPeriod: DEVNET_MIN_VOTING_PERIOD,
            maxVotingPeriod: DEVNET_MAX_VOTING_PERIOD,
            minQuorumPercent: DEVNET_MIN_QUORUM_PERCENT,
            maxQuorumPercent: DEVNET_MAX_QUORUM_PERCENT,
            minProposalThreshold: DEVNET_MIN_PROPOSAL_THRESHOLD,
            maxProposalThreshold: DEVNET_MAX_PROPOSAL_THRESHOLD,
            minTimelockDelay: DEVNET_MIN_TIMELOCK_DELAY,
            maxTimelockDelay: DEVNET_MAX_TIMELOCK_DELAY
        });
    }
}

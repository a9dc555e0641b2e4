// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The hard range of every setting governance can change about itself. Two sets exist
/// (`GovernanceBounds.live()` and `.devnet()`); which one applies is fixed by the chain id, so a
/// contract deployed on a live network can never take the devnet's short values.
/// All durations in seconds (the token and the Governor use a timestamp clock); the threshold in
/// RPT (18 decimals); the quorum in percent of the supply at the snapshot.
struct SettingBounds {
    uint256 minVotingDelay;
    uint256 maxVotingDelay;
    uint256 minVotingPeriod;
    uint256 maxVotingPeriod;
    uint256 minQuorumPercent;
    uint256 maxQuorumPercent;
    uint256 minProposalThreshold;
    uint256 maxProposalThreshold;
    uint256 minTimelockDelay;
    uint256 maxTimelockDelay;
}

/// @title IGovernanceBounds
/// @notice Bounds on the Governor's settings and the timelock's delay that no proposal can cross.
interface IGovernanceBounds {
    /// @notice A Governor setting (`setting`: "votingDelay", "votingPeriod", "quorumPercent" or
    /// "proposalThreshold") outside its hard range [`min`, `max`]; nothing changed.
    error GovernorSettingOutOfBounds(bytes32 setting, uint256 value, uint256 min, uint256 max);
    /// @notice A timelock delay outside [`min`, `max`]: set by `updateDelay` or the constructor,
    /// found by the Governor when it queues, or still below the floor when the deployer's temporary
    /// admin role is given up. Nothing changed.
    error TimelockDelayOutOfBounds(uint256 delay, uint256 min, uint256 max);

    /// @notice The bounds in force on this chain.
    function settingBounds() external view returns (SettingBounds memory);

    /// @notice True on every chain but the devnet's (31337): the live bounds apply.
    function liveBounds() external view returns (bool);
}

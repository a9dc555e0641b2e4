// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title GovernanceConfig
/// @notice The two deployable sets of governance settings: a live network and the devnet.
/// All durations are in seconds (the token and governor use a timestamp clock).
library GovernanceConfig {
    struct Settings {
        /// @dev RPT minted at deploy.
        uint256 initialSupply;
        /// @dev Seconds between proposal and snapshot (voting power is read at the snapshot).
        uint48 votingDelay;
        /// @dev Seconds the vote stays open.
        uint32 votingPeriod;
        /// @dev Votes (RPT, 18 decimals) needed to create a proposal.
        uint256 proposalThreshold;
        /// @dev Percent of the supply at the snapshot that must vote For or Abstain.
        uint256 quorumPercent;
        /// @dev Seconds between queue and execute.
        uint256 timelockDelay;
        /// @dev Steward step, basis points of the current value.
        uint256 stewardMaxStepBps;
        /// @dev Steward cooldown per parameter, seconds.
        uint256 stewardCooldown;
        /// @dev RPT the debt auction may mint per mint period.
        uint256 mintCap;
        /// @dev Seconds per mint period.
        uint256 mintPeriod;
    }

    uint256 internal constant INITIAL_SUPPLY = 100_000_000e18;

    /// @notice Live network: Compound/Aave-like cadence. A proposal takes ~6 days end to end,
    /// the steward may move a parameter by 10 % every 3 days, and the debt auction may mint at
    /// most 1 % of the initial supply per week.
    function live() internal pure returns (Settings memory) {
        return Settings({
            initialSupply: INITIAL_SUPPLY,
            votingDelay: 1 days,
            votingPeriod: 3 days,
            proposalThreshold: 100_000e18, // 0.1 % of the initial supply
            quorumPercent: 4,
            timelockDelay: 2 days,
            stewardMaxStepBps: 1_000,
            stewardCooldown: 3 days,
            mintCap: 1_000_000e18,
            mintPeriod: 7 days
        });
    }

    /// @notice Devnet: a proposal can be walked from creation to execution in about ten minutes
    /// of wall-clock time (or instantly with `evm_increaseTime`).
    function devnet() internal pure returns (Settings memory) {
        return Settings({
            initialSupply: INITIAL_SUPPLY,
            votingDelay: 1 minutes,
            votingPeriod: 5 minutes,
            proposalThreshold: 1_000e18,
            quorumPercent: 4,
            timelockDelay: 2 minutes,
            stewardMaxStepBps: 1_000,
            stewardCooldown: 10 minutes,
            mintCap: 1_000_000e18,
            mintPeriod: 1 hours
        });
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {KindLimits, STEWARDABLE_KINDS} from "../interfaces/IRiskSteward.sol";
import {ParameterKinds} from "./ParameterKinds.sol";

/// @title GovernanceConfig
/// @notice The two deployable sets of governance settings: a live network and the devnet.
/// All durations are in seconds (the token and governor use a timestamp clock). Each setting must
/// lie within the chain's `GovernanceBounds` (the contracts check it): on a live chain the devnet
/// set does not deploy.
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
        /// @dev Steward cooldown per parameter, seconds.
        uint256 stewardCooldown;
        /// @dev RPT the debt auction may mint per mint period.
        uint256 mintCap;
        /// @dev Seconds per mint period.
        uint256 mintPeriod;
    }

    uint256 internal constant INITIAL_SUPPLY = 100_000_000e18;

    /// @notice Live network: Compound/Aave-like cadence. A proposal takes ~6 days end to end,
    /// the steward may move a parameter once every 3 days (caps per kind: `stewardKindLimits`),
    /// and the debt auction may mint at most 1 % of the initial supply per week.
    function live() internal pure returns (Settings memory) {
        return Settings({
            initialSupply: INITIAL_SUPPLY,
            votingDelay: 1 days,
            votingPeriod: 3 days,
            proposalThreshold: 100_000e18, // 0.1 % of the initial supply
            quorumPercent: 4,
            timelockDelay: 2 days,
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
            stewardCooldown: 10 minutes,
            mintCap: 1_000_000e18,
            mintPeriod: 1 hours
        });
    }

    /// @notice The steward's caps per kind (live and devnet alike), in basis points: step of the
    /// current value per update / total drift from the value governance last set.
    /// Margin-type parameters (what decides liquidations) 10 % / 25 %; open-interest caps 20 % /
    /// 50 %; fees 10 % / 50 %; funding 25 % / 50 %; unclassified 10 % / 25 %. Fee split, oracle
    /// wiring and the guardian's limits are never in the steward's reach.
    function stewardKindLimits() internal pure returns (KindLimits[STEWARDABLE_KINDS] memory l) {
        l[ParameterKinds.GENERAL] = KindLimits(1_000, 2_500);
        l[ParameterKinds.MARGIN] = KindLimits(1_000, 2_500);
        l[ParameterKinds.OPEN_INTEREST] = KindLimits(2_000, 5_000);
        l[ParameterKinds.FEE] = KindLimits(1_000, 5_000);
        l[ParameterKinds.FUNDING] = KindLimits(2_500, 5_000);
    }
}

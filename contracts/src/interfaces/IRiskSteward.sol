// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernedParameters} from "./IGovernedParameters.sol";

/// @dev How many kinds the steward may move: kinds 0 to 4 (`ParameterKinds.FEE_SPLIT` is the
/// first vote-only kind).
uint256 constant STEWARDABLE_KINDS = 5;

/// @notice The steward's caps for one kind of parameter (`ParameterKinds`), in basis points.
/// @param maxStepBps Largest move per update, of the current value.
/// @param maxDriftBps Largest distance from the value governance last set (`governanceValue`),
/// whatever the number of updates: ±10 % steps cannot compound past it.
struct KindLimits {
    uint16 maxStepBps;
    uint16 maxDriftBps;
}

/// @title IRiskSteward
/// @notice Moves governed parameters without a vote, by a bounded relative step, within a bounded
/// distance of the value governance last set, at most once per cooldown per parameter, and only
/// parameters whose kind allows it (never oracle wiring, fee split or the guardian's limits). The
/// timelock owns it and sets its limits within hard ceilings.
interface IRiskSteward {
    /// @notice Emitted when the risk council moves a parameter through the steward.
    event StewardUpdate(IGovernedParameters indexed target, bytes32 indexed id, uint256 oldValue, uint256 newValue);
    /// @notice Emitted when the owner replaces or revokes the risk council.
    event RiskCouncilSet(address indexed oldCouncil, address indexed newCouncil);
    /// @notice Emitted when the owner takes a parameter out of (or back into) the steward's reach.
    event ParameterExcluded(IGovernedParameters indexed target, bytes32 indexed id, bool excluded);
    /// @notice Emitted when the owner changes a kind's step and drift caps.
    event KindLimitsSet(uint8 indexed kind, uint256 maxStepBps, uint256 maxDriftBps);
    /// @notice Emitted when the owner changes the cooldown.
    event CooldownSet(uint256 cooldown);

    /// @notice The caller is not the risk council.
    error NotRiskCouncil(address caller);
    /// @notice A step cap of zero or above `MAX_STEP_BPS_CEILING`.
    error InvalidMaxStep(uint256 maxStepBps);
    /// @notice A drift cap below the step cap or above `MAX_DRIFT_BPS_CEILING`.
    error InvalidMaxDrift(uint256 maxDriftBps);
    /// @notice Caps for a kind the steward may never move (`ParameterKinds.stewardMay`).
    error KindNotStewardable(uint8 kind);
    /// @notice `cooldown` is outside [`MIN_COOLDOWN`, `MAX_COOLDOWN`].
    error InvalidCooldown(uint256 cooldown);
    /// @notice The change from `oldValue` to `newValue` exceeds the kind's step of `oldValue`.
    error StepTooLarge(bytes32 id, uint256 oldValue, uint256 newValue, uint256 maxDelta);
    /// @notice `newValue` is further than `maxDrift` from `governanceValue`, the value governance
    /// last set: only a vote moves it further (or re-anchors it by setting a value).
    error DriftTooLarge(bytes32 id, uint256 governanceValue, uint256 newValue, uint256 maxDrift);
    /// @notice The parameter was moved by the steward too recently; next allowed at `availableAt`.
    error CooldownActive(bytes32 id, uint256 availableAt);
    /// @notice Governance has taken this parameter out of the steward's reach.
    error ParameterExcludedFromSteward(bytes32 id);
    /// @notice The parameter's kind is for votes only (oracle wiring, fee split, guardian limits).
    error ParameterNotStewardable(bytes32 id, uint8 kind);
    /// @notice The new value equals the current one (a no-op would still burn the cooldown).
    error NoChange(bytes32 id);

    /// @notice Moves `id` on `target` to `newValue`. Only the risk council.
    function updateParameter(IGovernedParameters target, bytes32 id, uint256 newValue) external;

    /// @notice Replaces the risk council; `address(0)` revokes it. Only the owner (timelock).
    function setRiskCouncil(address newCouncil) external;

    /// @notice Takes `id` on `target` out of (or back into) the steward's reach. Only the owner.
    /// @dev Every parameter of a stewardable kind is in reach by default; exclude those a vote
    /// alone should move.
    function setExcluded(IGovernedParameters target, bytes32 id, bool excluded) external;

    /// @notice Sets one kind's caps within the hard ceilings. Only the owner.
    function setKindLimits(uint8 kind, uint256 maxStepBps, uint256 maxDriftBps) external;

    /// @notice Sets the cooldown per parameter within [`MIN_COOLDOWN`, `MAX_COOLDOWN`]. Only the owner.
    function setCooldown(uint256 cooldown) external;

    /// @notice A kind's caps (zero for kinds the steward may never move).
    function kindLimits(uint8 kind) external view returns (uint256 maxStepBps, uint256 maxDriftBps);

    /// @notice The smallest and largest value the steward could set `id` on `target` to right now
    /// (ignoring the cooldown and exclusions): within a step of the current value, within the
    /// drift cap of the governance value and within the hard bounds. Both equal the current value
    /// when nothing is in reach.
    function stepRange(IGovernedParameters target, bytes32 id) external view returns (uint256 min, uint256 max);

    /// @notice When the steward may next move `id` on `target` (0 if never moved).
    function nextUpdateAt(IGovernedParameters target, bytes32 id) external view returns (uint256);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernedParameters} from "./IGovernedParameters.sol";

/// @title IRiskSteward
/// @notice Moves governed parameters without a vote, by a bounded relative step, at most once per
/// cooldown per parameter. The timelock owns it and sets its limits within hard ceilings.
interface IRiskSteward {
    /// @notice Emitted when the risk council moves a parameter through the steward.
    event StewardUpdate(IGovernedParameters indexed target, bytes32 indexed id, uint256 oldValue, uint256 newValue);
    /// @notice Emitted when the owner replaces or revokes the risk council.
    event RiskCouncilSet(address indexed oldCouncil, address indexed newCouncil);
    /// @notice Emitted when the owner takes a parameter out of (or back into) the steward's reach.
    event ParameterExcluded(IGovernedParameters indexed target, bytes32 indexed id, bool excluded);
    /// @notice Emitted when the owner changes the step and cooldown limits.
    event LimitsSet(uint256 maxStepBps, uint256 cooldown);

    /// @notice The caller is not the risk council.
    error NotRiskCouncil(address caller);
    /// @notice `maxStepBps` is zero or above `MAX_STEP_BPS_CEILING`.
    error InvalidMaxStep(uint256 maxStepBps);
    /// @notice `cooldown` is outside [`MIN_COOLDOWN`, `MAX_COOLDOWN`].
    error InvalidCooldown(uint256 cooldown);
    /// @notice The change from `oldValue` to `newValue` exceeds `maxStepBps` of `oldValue`.
    error StepTooLarge(bytes32 id, uint256 oldValue, uint256 newValue, uint256 maxDelta);
    /// @notice The parameter was moved by the steward too recently; next allowed at `availableAt`.
    error CooldownActive(bytes32 id, uint256 availableAt);
    /// @notice Governance has taken this parameter out of the steward's reach.
    error ParameterExcludedFromSteward(bytes32 id);
    /// @notice The new value equals the current one (a no-op would still burn the cooldown).
    error NoChange(bytes32 id);

    /// @notice Moves `id` on `target` to `newValue`. Only the risk council.
    function updateParameter(IGovernedParameters target, bytes32 id, uint256 newValue) external;

    /// @notice Replaces the risk council; `address(0)` revokes it. Only the owner (timelock).
    function setRiskCouncil(address newCouncil) external;

    /// @notice Takes `id` on `target` out of (or back into) the steward's reach. Only the owner.
    /// @dev Every parameter is in reach by default; exclude those a vote alone should move.
    function setExcluded(IGovernedParameters target, bytes32 id, bool excluded) external;

    /// @notice Sets the step and cooldown limits within the hard ceilings. Only the owner.
    function setLimits(uint256 maxStepBps, uint256 cooldown) external;

    /// @notice The largest value the steward could set `id` on `target` to right now
    /// (ignoring the cooldown and exclusions), and the smallest; clipped to the hard bounds.
    function stepRange(IGovernedParameters target, bytes32 id) external view returns (uint256 min, uint256 max);

    /// @notice When the steward may next move `id` on `target` (0 if never moved).
    function nextUpdateAt(IGovernedParameters target, bytes32 id) external view returns (uint256);
}

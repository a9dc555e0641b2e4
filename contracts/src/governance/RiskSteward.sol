// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IGovernedParameters, ParameterInfo} from "../interfaces/IGovernedParameters.sol";
import {IRiskSteward} from "../interfaces/IRiskSteward.sol";

/// @title RiskSteward
/// @notice Aave-style risk steward: a risk council (a multisig) may nudge a governed parameter by at
/// most `maxStepBps` of its current value, at most once per `cooldown` per parameter, without a
/// vote. Governance bounds the steward three ways: the hard ceilings below (constants), the limits
/// it sets here, and the target's own hard bounds, which the target enforces on every write.
/// Governance revokes it by calling `setSteward(0)` on the target or `setRiskCouncil(0)` here.
contract RiskSteward is IRiskSteward, Ownable {
    uint256 internal constant BPS = 10_000;

    /// @notice No limit setting may let the steward move a parameter by more than 25 % per step.
    uint256 public constant MAX_STEP_BPS_CEILING = 2_500;
    /// @notice Shortest cooldown governance may set (devnet demos use it; live uses days).
    uint256 public constant MIN_COOLDOWN = 10 minutes;
    /// @notice Longest cooldown governance may set (beyond that, revoke the steward instead).
    uint256 public constant MAX_COOLDOWN = 90 days;

    /// @notice The only account that may call `updateParameter` (zero when revoked).
    address public riskCouncil;
    /// @notice Largest relative move per update, in basis points of the current value.
    uint256 public maxStepBps;
    /// @notice Minimum time between two steward updates of the same parameter on the same target.
    uint256 public cooldown;

    /// @notice Parameters governance has taken out of the steward's reach.
    mapping(IGovernedParameters target => mapping(bytes32 id => bool excluded)) public excluded;

    /// @notice When the steward last moved each parameter of each target.
    mapping(IGovernedParameters target => mapping(bytes32 id => uint256 timestamp)) public lastUpdateAt;

    constructor(address owner_, address riskCouncil_, uint256 maxStepBps_, uint256 cooldown_) Ownable(owner_) {
        riskCouncil = riskCouncil_;
        emit RiskCouncilSet(address(0), riskCouncil_);
        _setLimits(maxStepBps_, cooldown_);
    }

    /// @inheritdoc IRiskSteward
    function updateParameter(IGovernedParameters target, bytes32 id, uint256 newValue) external {
        if (msg.sender != riskCouncil) revert NotRiskCouncil(msg.sender);
        if (excluded[target][id]) revert ParameterExcludedFromSteward(id);

        uint256 last = lastUpdateAt[target][id];
        if (last != 0 && block.timestamp < last + cooldown) revert CooldownActive(id, last + cooldown);

        uint256 oldValue = target.parameterValue(id);
        if (newValue == oldValue) revert NoChange(id);
        uint256 maxDelta = _maxDelta(oldValue);
        uint256 delta = newValue > oldValue ? newValue - oldValue : oldValue - newValue;
        if (delta > maxDelta) revert StepTooLarge(id, oldValue, newValue, maxDelta);

        // Effects before the external write: the target is trusted (governance-owned), but this
        // keeps the cooldown sound even if a target ever called back.
        lastUpdateAt[target][id] = block.timestamp;
        emit StewardUpdate(target, id, oldValue, newValue);
        // The target re-checks its hard bounds and that this contract is its current steward.
        target.setParameter(id, newValue);
    }

    /// @inheritdoc IRiskSteward
    function setRiskCouncil(address newCouncil) external onlyOwner {
        emit RiskCouncilSet(riskCouncil, newCouncil);
        riskCouncil = newCouncil;
    }

    /// @inheritdoc IRiskSteward
    function setExcluded(IGovernedParameters target, bytes32 id, bool excluded_) external onlyOwner {
        excluded[target][id] = excluded_;
        emit ParameterExcluded(target, id, excluded_);
    }

    /// @inheritdoc IRiskSteward
    function setLimits(uint256 maxStepBps_, uint256 cooldown_) external onlyOwner {
        _setLimits(maxStepBps_, cooldown_);
    }

    /// @inheritdoc IRiskSteward
    function stepRange(IGovernedParameters target, bytes32 id) external view returns (uint256 min, uint256 max) {
        ParameterInfo memory p = target.getParameter(id);
        uint256 maxDelta = _maxDelta(p.value);
        min = p.value - maxDelta; // maxDelta <= value * 25 %, cannot underflow
        max = p.value > type(uint256).max - maxDelta ? type(uint256).max : p.value + maxDelta;
        if (min < p.minValue) min = p.minValue;
        if (max > p.maxValue) max = p.maxValue;
    }

    /// @inheritdoc IRiskSteward
    function nextUpdateAt(IGovernedParameters target, bytes32 id) external view returns (uint256) {
        uint256 last = lastUpdateAt[target][id];
        return last == 0 ? 0 : last + cooldown;
    }

    function _setLimits(uint256 maxStepBps_, uint256 cooldown_) internal {
        if (maxStepBps_ == 0 || maxStepBps_ > MAX_STEP_BPS_CEILING) revert InvalidMaxStep(maxStepBps_);
        if (cooldown_ < MIN_COOLDOWN || cooldown_ > MAX_COOLDOWN) revert InvalidCooldown(cooldown_);
        maxStepBps = maxStepBps_;
        cooldown = cooldown_;
        emit LimitsSet(maxStepBps_, cooldown_);
    }

    /// @dev Rounds down, so the steward can never exceed the configured fraction. A parameter at
    /// zero cannot be moved by the steward (relative steps from zero are zero): that is a vote.
    function _maxDelta(uint256 value) internal view returns (uint256) {
        return Math.mulDiv(value, maxStepBps, BPS);
    }
}

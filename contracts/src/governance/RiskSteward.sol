// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IGovernedParameters, ParameterInfo} from "../interfaces/IGovernedParameters.sol";
import {IRiskSteward, KindLimits, STEWARDABLE_KINDS} from "../interfaces/IRiskSteward.sol";
import {ParameterKinds} from "../libraries/ParameterKinds.sol";

/// @title RiskSteward
/// @notice Aave-style risk steward: a risk council (a multisig) may nudge a governed parameter
/// without a vote, by at most its kind's step of the current value, at most its kind's drift from
/// the value governance last set (so steps cannot compound: walking mmBase 1 % -> 50 % in ±10 %
/// steps stops at +25 %), at most once per `cooldown` per parameter, and never a vote-only kind
/// (oracle wiring, fee split, guardian limits). Governance bounds the steward four ways: the hard
/// ceilings below (constants), the caps it sets here, the kinds, and the target's own hard bounds,
/// which the target enforces on every write. It revokes it with `setSteward(0)` on the target or
/// `setRiskCouncil(0)` here; any vote that sets a parameter re-anchors its drift.
contract RiskSteward is IRiskSteward, Ownable {
    uint256 internal constant BPS = 10_000;

    /// @notice No cap may let the steward move a parameter by more than 25 % per step.
    uint256 public constant MAX_STEP_BPS_CEILING = 2_500;
    /// @notice No cap may let the steward take a parameter more than 50 % from the governance value.
    uint256 public constant MAX_DRIFT_BPS_CEILING = 5_000;
    /// @notice Shortest cooldown governance may set (devnet demos use it; live uses days).
    uint256 public constant MIN_COOLDOWN = 10 minutes;
    /// @notice Longest cooldown governance may set (beyond that, revoke the steward instead).
    uint256 public constant MAX_COOLDOWN = 90 days;

    /// @notice The only account that may call `updateParameter` (zero when revoked).
    address public riskCouncil;
    /// @notice Minimum time between two steward updates of the same parameter on the same target.
    uint256 public cooldown;

    mapping(uint8 kind => KindLimits) internal _limits;

    /// @notice Parameters governance has taken out of the steward's reach.
    mapping(IGovernedParameters target => mapping(bytes32 id => bool excluded)) public excluded;

    /// @notice When the steward last moved each parameter of each target.
    mapping(IGovernedParameters target => mapping(bytes32 id => uint256 timestamp)) public lastUpdateAt;

    /// @param limits The caps of every stewardable kind, indexed by kind (`ParameterKinds`).
    constructor(address owner_, address riskCouncil_, uint256 cooldown_, KindLimits[STEWARDABLE_KINDS] memory limits)
        Ownable(owner_)
    {
        riskCouncil = riskCouncil_;
        emit RiskCouncilSet(address(0), riskCouncil_);
        _setCooldown(cooldown_);
        for (uint8 k; k < STEWARDABLE_KINDS; ++k) {
            _setKindLimits(k, limits[k].maxStepBps, limits[k].maxDriftBps);
        }
    }

    /// @inheritdoc IRiskSteward
    function updateParameter(IGovernedParameters target, bytes32 id, uint256 newValue) external {
        if (msg.sender != riskCouncil) revert NotRiskCouncil(msg.sender);
        if (excluded[target][id]) revert ParameterExcludedFromSteward(id);

        uint256 last = lastUpdateAt[target][id];
        if (last != 0 && block.timestamp < last + cooldown) revert CooldownActive(id, last + cooldown);

        (uint256 oldValue, uint256 anchor, uint8 kind) = target.parameterState(id);
        if (!ParameterKinds.stewardMay(kind)) revert ParameterNotStewardable(id, kind);
        if (newValue == oldValue) revert NoChange(id);
        KindLimits memory l = _limits[kind];
        uint256 maxDelta = Math.mulDiv(oldValue, l.maxStepBps, BPS);
        if (_distance(newValue, oldValue) > maxDelta) revert StepTooLarge(id, oldValue, newValue, maxDelta);
        uint256 maxDrift = Math.mulDiv(anchor, l.maxDriftBps, BPS);
        if (_distance(newValue, anchor) > maxDrift) revert DriftTooLarge(id, anchor, newValue, maxDrift);

        // Effects before the external write: the target is trusted (governance-owned), but this
        // keeps the cooldown sound even if a target ever called back.
        lastUpdateAt[target][id] = block.timestamp;
        emit StewardUpdate(target, id, oldValue, newValue);
        // The target re-checks its hard bounds, the kind, and that this contract is its steward.
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
    function setKindLimits(uint8 kind, uint256 maxStepBps, uint256 maxDriftBps) external onlyOwner {
        _setKindLimits(kind, maxStepBps, maxDriftBps);
    }

    /// @inheritdoc IRiskSteward
    function setCooldown(uint256 cooldown_) external onlyOwner {
        _setCooldown(cooldown_);
    }

    /// @inheritdoc IRiskSteward
    function kindLimits(uint8 kind) external view returns (uint256 maxStepBps, uint256 maxDriftBps) {
        KindLimits memory l = _limits[kind];
        return (l.maxStepBps, l.maxDriftBps);
    }

    /// @inheritdoc IRiskSteward
    function stepRange(IGovernedParameters target, bytes32 id) external view returns (uint256 min, uint256 max) {
        ParameterInfo memory p = target.getParameter(id);
        if (!ParameterKinds.stewardMay(p.kind)) return (p.value, p.value);
        KindLimits memory l = _limits[p.kind];
        uint256 maxDelta = Math.mulDiv(p.value, l.maxStepBps, BPS); // ≤ 25 % of value: no underflow
        uint256 maxDrift = Math.mulDiv(p.governanceValue, l.maxDriftBps, BPS); // ≤ 50 %
        min = Math.max(Math.max(p.value - maxDelta, p.governanceValue - maxDrift), p.minValue);
        max = Math.min(Math.min(_addCapped(p.value, maxDelta), _addCapped(p.governanceValue, maxDrift)), p.maxValue);
        if (min > max) return (p.value, p.value);
    }

    /// @inheritdoc IRiskSteward
    function nextUpdateAt(IGovernedParameters target, bytes32 id) external view returns (uint256) {
        uint256 last = lastUpdateAt[target][id];
        return last == 0 ? 0 : last + cooldown;
    }

    function _setKindLimits(uint8 kind, uint256 maxStepBps, uint256 maxDriftBps) internal {
        if (!ParameterKinds.stewardMay(kind)) revert KindNotStewardable(kind);
        if (maxStepBps == 0 || maxStepBps > MAX_STEP_BPS_CEILING) revert InvalidMaxStep(maxStepBps);
        if (maxDriftBps < maxStepBps || maxDriftBps > MAX_DRIFT_BPS_CEILING) revert InvalidMaxDrift(maxDriftBps);
        // both ≤ 5,000: fit 16 bits
        _limits[kind] = KindLimits(uint16(maxStepBps), uint16(maxDriftBps));
        emit KindLimitsSet(kind, maxStepBps, maxDriftBps);
    }

    function _setCooldown(uint256 cooldown_) internal {
        if (cooldown_ < MIN_COOLDOWN || cooldown_ > MAX_COOLDOWN) revert InvalidCooldown(cooldown_);
        cooldown = cooldown_;
        emit CooldownSet(cooldown_);
    }

    function _distance(uint256 a, uint256 b) internal pure returns (uint256) {
        return a > b ? a - b : b - a;
    }

    function _addCapped(uint256 a, uint256 b) internal pure returns (uint256) {
        return a > type(uint256).max - b ? type(uint256).max : a + b;
    }
}

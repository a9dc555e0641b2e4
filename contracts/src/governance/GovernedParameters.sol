// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IGovernedParameters, ParameterInfo} from "../interfaces/IGovernedParameters.sol";
import {ParameterKinds} from "../libraries/ParameterKinds.sol";

/// @title GovernedParameters
/// @notice Base for every configuration surface of the protocol: values with hard bounds fixed at
/// registration, a listing view for the dashboard, and two writers: the owner (the timelock) and
/// one steward contract that the owner may replace or revoke. Each parameter has a kind
/// (`ParameterKinds`); the steward cannot write vote-only kinds. Every owner write records the
/// value as the "governance value" the steward's cumulative moves are measured from.
/// @dev The inheriting contract registers its parameters (usually in its constructor, or in an
/// owner-only "add market" path) with `_registerParameter`, reads them with `_parameter`, and may
/// override `_beforeParameterSet` to settle state (e.g. accrue funding) before a change.
/// It inherits `Ownable` without calling its constructor: the concrete contract passes the owner
/// (`Ownable(timelock)`), and may mix in `Ownable2Step` if it wants two-step transfers.
abstract contract GovernedParameters is IGovernedParameters, Ownable {
    struct Parameter {
        uint256 value;
        uint256 minValue;
        uint256 maxValue;
        uint64 updatedAt;
        uint64 governanceSetAt;
        bool registered;
        uint8 kind;
        string name;
        string unit;
        uint256 governanceValue;
    }

    mapping(bytes32 id => Parameter) internal _parameters;
    bytes32[] internal _parameterIds;

    /// @inheritdoc IGovernedParameters
    address public steward;

    /// @inheritdoc IGovernedParameters
    function parameterCount() external view returns (uint256) {
        return _parameterIds.length;
    }

    /// @inheritdoc IGovernedParameters
    function parameterIdAt(uint256 index) external view returns (bytes32) {
        return _parameterIds[index];
    }

    /// @inheritdoc IGovernedParameters
    function getParameter(bytes32 id) public view returns (ParameterInfo memory) {
        Parameter storage p = _registered(id);
        return ParameterInfo({
            id: id,
            value: p.value,
            minValue: p.minValue,
            maxValue: p.maxValue,
            name: p.name,
            unit: p.unit,
            updatedAt: p.updatedAt,
            kind: p.kind,
            governanceValue: p.governanceValue,
            governanceSetAt: p.governanceSetAt
        });
    }

    /// @inheritdoc IGovernedParameters
    function getParameters() external view returns (ParameterInfo[] memory) {
        return getParametersPage(0, _parameterIds.length);
    }

    /// @inheritdoc IGovernedParameters
    function getParametersPage(uint256 offset, uint256 limit) public view returns (ParameterInfo[] memory infos) {
        uint256 n = _parameterIds.length;
        uint256 end = offset >= n ? offset : (limit > n - offset ? n : offset + limit);
        infos = new ParameterInfo[](end - offset);
        for (uint256 i = offset; i < end; ++i) {
            infos[i - offset] = getParameter(_parameterIds[i]);
        }
    }

    /// @inheritdoc IGovernedParameters
    function parameterValue(bytes32 id) external view returns (uint256) {
        return _registered(id).value;
    }

    /// @inheritdoc IGovernedParameters
    function parameterState(bytes32 id) external view returns (uint256 value, uint256 governanceValue, uint8 kind) {
        Parameter storage p = _registered(id);
        return (p.value, p.governanceValue, p.kind);
    }

    /// @inheritdoc IGovernedParameters
    function setParameter(bytes32 id, uint256 value) external {
        bool byOwner = msg.sender == owner();
        if (!byOwner && msg.sender != steward) revert NotOwnerOrSteward(msg.sender);
        Parameter storage p = _registered(id);
        // Oracle wiring, revenue and the guardian's limits move by vote only, whatever contract
        // governance makes the steward.
        if (!byOwner && !ParameterKinds.stewardMay(p.kind)) revert VoteOnlyParameter(id, p.kind);
        // The hard bounds are checked here, at the single write path, so no caller (proposal,
        // steward, or a future module) can cross them.
        if (value < p.minValue || value > p.maxValue) {
            revert ParameterOutOfBounds(id, value, p.minValue, p.maxValue);
        }
        uint256 oldValue = p.value;
        _beforeParameterSet(id, oldValue, value);
        _store(p, value, byOwner);
        emit ParameterSet(id, oldValue, value, msg.sender);
    }

    /// @inheritdoc IGovernedParameters
    function setSteward(address newSteward) external onlyOwner {
        emit StewardSet(steward, newSteward);
        steward = newSteward;
    }

    /// @dev Registers a parameter of kind `GENERAL`.
    function _registerParameter(
        bytes32 id,
        string memory name,
        string memory unit,
        uint256 minValue,
        uint256 maxValue,
        uint256 value
    ) internal {
        _registerParameter(id, name, unit, ParameterKinds.GENERAL, minValue, maxValue, value);
    }

    /// @dev Registers a parameter. Bounds and kind can never change afterwards: a proposal that
    /// wants a wider range needs a new contract (and a new audit), which is the point of hard bounds.
    function _registerParameter(
        bytes32 id,
        string memory name,
        string memory unit,
        uint8 kind,
        uint256 minValue,
        uint256 maxValue,
        uint256 value
    ) internal {
        Parameter storage p = _parameters[id];
        if (p.registered) revert ParameterAlreadyRegistered(id);
        if (minValue > maxValue || value < minValue || value > maxValue) {
            revert InvalidParameterBounds(id, minValue, maxValue, value);
        }
        p.minValue = minValue;
        p.maxValue = maxValue;
        p.registered = true;
        p.kind = kind;
        p.name = name;
        p.unit = unit;
        _store(p, value, true);
        _parameterIds.push(id);
        emit ParameterRegistered(id, name, unit, minValue, maxValue, value);
    }

    /// @dev Mirrors an owner-only structured setter's write into the registry (same event as
    /// `setParameter`; the inheriting contract has checked the bounds).
    function _syncParameter(bytes32 id, uint256 value) internal {
        Parameter storage p = _parameters[id];
        uint256 old = p.value;
        if (old == value) return;
        _store(p, value, true);
        emit ParameterSet(id, old, value, msg.sender);
    }

    /// @dev The current value of a registered parameter (cheap internal read for the core).
    function _parameter(bytes32 id) internal view returns (uint256) {
        return _registered(id).value;
    }

    /// @dev Hook called after the bounds check and before the new value is stored, so the
    /// inheriting contract can settle accruals under the old value first.
    function _beforeParameterSet(bytes32 id, uint256 oldValue, uint256 newValue) internal virtual {}

    function _store(Parameter storage p, uint256 value, bool byOwner) private {
        p.value = value;
        p.updatedAt = uint64(block.timestamp);
        if (byOwner) {
            p.governanceValue = value;
            p.governanceSetAt = uint64(block.timestamp);
        }
    }

    function _registered(bytes32 id) private view returns (Parameter storage p) {
        p = _parameters[id];
        if (!p.registered) revert UnknownParameter(id);
    }
}

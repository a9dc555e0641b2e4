// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice One governed parameter as the dashboard and the deploy tooling see it.
/// @param id The parameter's key (see `ParameterKeys`).
/// @param value The current value, in the unit named by `unit`.
/// @param minValue The hard lower bound: no proposal or steward can set a lower value.
/// @param maxValue The hard upper bound: no proposal or steward can set a higher value.
/// @param name A human-readable name, e.g. "ETH-USD maintenance margin base".
/// @param unit A short unit tag, e.g. "wad", "bps", "seconds", "usd6".
/// @param updatedAt The timestamp of the last change (the registration time until then).
/// @param kind What the parameter is (`ParameterKinds`): the steward's caps depend on it, and some
/// kinds are for votes only.
/// @param governanceValue The value the owner (a vote, or the deploy) last set: the risk steward's
/// cumulative moves are measured from it.
/// @param governanceSetAt When the owner last set it (the registration time until then).
struct ParameterInfo {
    bytes32 id;
    uint256 value;
    uint256 minValue;
    uint256 maxValue;
    string name;
    string unit;
    uint64 updatedAt;
    uint8 kind;
    uint256 governanceValue;
    uint64 governanceSetAt;
}

/// @title IGovernedParameters
/// @notice A configuration surface whose every parameter has hard bounds fixed at registration,
/// is owned by the timelock and may also be moved by one authorised steward contract.
interface IGovernedParameters {
    /// @notice Emitted when a parameter is registered with its bounds and first value.
    event ParameterRegistered(
        bytes32 indexed id, string name, string unit, uint256 minValue, uint256 maxValue, uint256 value
    );
    /// @notice Emitted on every change of a parameter's value.
    event ParameterSet(bytes32 indexed id, uint256 oldValue, uint256 newValue, address indexed caller);
    /// @notice Emitted when the owner replaces or revokes the steward.
    event StewardSet(address indexed oldSteward, address indexed newSteward);

    /// @notice The caller is neither the owner nor the steward.
    error NotOwnerOrSteward(address caller);
    /// @notice No parameter is registered under `id`.
    error UnknownParameter(bytes32 id);
    /// @notice A parameter is already registered under `id` (bounds are immutable once set).
    error ParameterAlreadyRegistered(bytes32 id);
    /// @notice The bounds are inverted, or the initial value lies outside them.
    error InvalidParameterBounds(bytes32 id, uint256 minValue, uint256 maxValue, uint256 value);
    /// @notice `value` lies outside the parameter's hard bounds.
    error ParameterOutOfBounds(bytes32 id, uint256 value, uint256 minValue, uint256 maxValue);
    /// @notice The steward tried to set a parameter whose kind is for votes only (oracle wiring,
    /// fee split, the guardian's limits).
    error VoteOnlyParameter(bytes32 id, uint8 kind);

    /// @notice The number of registered parameters.
    function parameterCount() external view returns (uint256);

    /// @notice The id of the `index`-th registered parameter (registration order).
    function parameterIdAt(uint256 index) external view returns (bytes32);

    /// @notice Everything about one parameter; reverts with `UnknownParameter` if not registered.
    function getParameter(bytes32 id) external view returns (ParameterInfo memory);

    /// @notice Every registered parameter, in registration order (one call for the dashboard).
    function getParameters() external view returns (ParameterInfo[] memory);

    /// @notice Up to `limit` parameters starting at `offset` (for very long lists).
    function getParametersPage(uint256 offset, uint256 limit) external view returns (ParameterInfo[] memory);

    /// @notice The current value of a parameter; reverts with `UnknownParameter` if not registered.
    function parameterValue(bytes32 id) external view returns (uint256);

    /// @notice What the risk steward needs in one call: the current value, the value governance
    /// last set, and the kind.
    function parameterState(bytes32 id) external view returns (uint256 value, uint256 governanceValue, uint8 kind);

    /// @notice The address allowed to move parameters besides the owner (zero when revoked).
    function steward() external view returns (address);

    /// @notice Sets a parameter within its hard bounds. Only the owner (timelock) or the steward;
    /// the steward not for vote-only kinds. An owner write also re-anchors `governanceValue`.
    function setParameter(bytes32 id, uint256 value) external;

    /// @notice Replaces the steward; `address(0)` revokes it. Only the owner (timelock).
    function setSteward(address newSteward) external;
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ParameterKeys
/// @notice How parameter ids are built, so the core, the dashboard and proposals agree:
/// a global parameter is `keccak256(abi.encode(name))`, a per-market one
/// `keccak256(abi.encode(name, marketId))`, a per-risk-tier one
/// `keccak256(abi.encode("tier", name, tierId))`, with `name` a short ASCII tag such as "mmBase".
library ParameterKeys {
    function global(string memory name) internal pure returns (bytes32) {
        return keccak256(abi.encode(name));
    }

    function market(string memory name, uint256 marketId) internal pure returns (bytes32) {
        return keccak256(abi.encode(name, marketId));
    }

    /// @dev Tier-scoped parameters (shared by every market of the tier, e.g. "mmBase"). The
    /// "tier" prefix keeps these ids apart from per-market ids with the same name and number.
    function tier(string memory name, uint256 tierId) internal pure returns (bytes32) {
        return keccak256(abi.encode("tier", name, tierId));
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ParameterKinds
/// @notice What a governed parameter is, so that its limits can depend on it: the risk steward has
/// caps per kind, and some kinds are for votes only. Stored with each parameter at registration
/// (`ParameterInfo.kind`).
library ParameterKinds {
    /// @dev Unclassified (a target that does not say).
    uint8 internal constant GENERAL = 0;
    /// @dev Margin, leverage, penalty and horizon: what decides when a position is liquidated.
    uint8 internal constant MARGIN = 1;
    /// @dev Open-interest caps (LP withdrawals are held back to back them).
    uint8 internal constant OPEN_INTEREST = 2;
    /// @dev Trading fees (taker fee, impact factor).
    uint8 internal constant FEE = 3;
    /// @dev Funding rates.
    uint8 internal constant FUNDING = 4;
    /// @dev Who receives fees (shares of the revenue): votes only.
    uint8 internal constant FEE_SPLIT = 5;
    /// @dev Oracle wiring (ages, sources, deviation, circuit breaker): votes only.
    uint8 internal constant ORACLE = 6;
    /// @dev The guardian's own limits (how long its pause lasts): votes only.
    uint8 internal constant GUARDIAN = 7;
    /// @dev Number of kinds; kinds below `FEE_SPLIT` are in the steward's reach.
    uint8 internal constant COUNT = 8;

    /// @notice Whether the risk steward may move a parameter of this kind at all.
    function stewardMay(uint8 kind) internal pure returns (bool) {
        return kind < FEE_SPLIT;
    }
}

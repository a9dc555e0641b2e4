// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IRiskPausable
/// @notice Pausing of new risk (opens, increases, collateral withdrawals), per market or globally.
/// Closing positions and adding collateral must never depend on this switch.
interface IRiskPausable {
    /// @notice Emitted when new risk in `marketId` is paused or unpaused.
    event MarketPauseSet(uint256 indexed marketId, bool paused, address indexed caller);
    /// @notice Emitted when new risk in every market is paused or unpaused.
    event GlobalPauseSet(bool paused, address indexed caller);
    /// @notice Emitted when the owner replaces or revokes the guardian.
    event GuardianSet(address indexed oldGuardian, address indexed newGuardian);

    /// @notice The caller is neither the guardian nor the owner.
    error NotGuardianOrOwner(address caller);
    /// @notice New risk in `marketId` is paused (by market or globally).
    error RiskPaused(uint256 marketId);

    /// @notice Pauses new risk in one market. Guardian or owner.
    function pauseMarket(uint256 marketId) external;

    /// @notice Lifts the per-market pause (a global pause still applies). Guardian or owner.
    function unpauseMarket(uint256 marketId) external;

    /// @notice Pauses new risk in every market. Guardian or owner.
    function pauseAll() external;

    /// @notice Lifts the global pause (per-market pauses still apply). Guardian or owner.
    function unpauseAll() external;

    /// @notice Whether new risk in `marketId` is paused, by market or globally.
    function isPaused(uint256 marketId) external view returns (bool);

    /// @notice The guardian (zero when revoked).
    function guardian() external view returns (address);

    /// @notice Replaces the guardian; `address(0)` revokes it. Only the owner (timelock).
    function setGuardian(address newGuardian) external;
}

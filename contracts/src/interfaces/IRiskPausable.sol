// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IRiskPausable
/// @notice Pausing of new risk (opens, increases), per market or globally. Closing positions and
/// adding collateral must never depend on this switch.
/// @dev A pause is stored as the time it ends (`PauseWindows`): the owner's (a vote's) lasts until
/// the owner lifts it; the guardian's ends by itself after `guardianPauseDuration` (governed,
/// bounded), cannot be extended while it runs, and is the only kind the guardian may lift. One
/// unpause path: `unpauseMarket` / `unpauseAll`, with the same rule for every caller.
interface IRiskPausable {
    /// @notice A pause of `marketId` (`type(uint256).max`: all markets) was set or lifted;
    /// `until` is when it ends (0: lifted; `type(uint40).max`: set by the owner, no expiry).
    event MarketPauseSet(uint256 indexed marketId, uint256 until, address indexed caller);
    /// @notice The global pause was set or lifted (same `until` convention).
    event GlobalPauseSet(uint256 until, address indexed caller);
    /// @notice Emitted when the owner replaces or revokes the guardian.
    event GuardianSet(address indexed oldGuardian, address indexed newGuardian);

    /// @notice The caller is neither the guardian nor the owner.
    error NotGuardianOrOwner(address caller);
    /// @notice New risk in `marketId` is paused (by market or globally).
    error RiskPaused(uint256 marketId);
    /// @notice The guardian tried to pause `scope` (a market id, or `type(uint256).max` for all
    /// markets) while a pause runs there until `until`: a guardian pause cannot be extended.
    error AlreadyPaused(uint256 scope, uint256 until);
    /// @notice The guardian tried to lift a pause the owner (a vote) set on `scope`.
    error PausedByGovernance(uint256 scope);
    /// @notice A guardian pause duration outside [`min`, `max`].
    error InvalidPauseDuration(uint256 duration, uint256 min, uint256 max);

    /// @notice Pauses new risk in one market. Guardian (for `guardianPauseDuration`) or owner
    /// (until lifted).
    function pauseMarket(uint256 marketId) external;

    /// @notice Lifts the per-market pause (a global pause still applies). The owner, or the
    /// guardian for a pause it set.
    function unpauseMarket(uint256 marketId) external;

    /// @notice Pauses new risk in every market. Guardian (for `guardianPauseDuration`) or owner.
    function pauseAll() external;

    /// @notice Lifts the global pause (per-market pauses still apply). The owner, or the guardian
    /// for a pause it set.
    function unpauseAll() external;

    /// @notice Whether new risk in `marketId` is paused, by market or globally, now.
    function isPaused(uint256 marketId) external view returns (bool);

    /// @notice When the pauses that apply to `marketId` end: its own and the global one
    /// (0 or past: none; `type(uint40).max`: set by the owner, until lifted).
    function pausedUntil(uint256 marketId) external view returns (uint256 marketUntil, uint256 globalUntil);

    /// @notice How long a guardian pause lasts (seconds).
    function guardianPauseDuration() external view returns (uint256);

    /// @notice The guardian (zero when revoked).
    function guardian() external view returns (address);

    /// @notice Replaces the guardian; `address(0)` revokes it. Only the owner (timelock).
    function setGuardian(address newGuardian) external;
}

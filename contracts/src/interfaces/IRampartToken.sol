// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IRampartToken
/// @notice Minting surface of the governance token: only the minter (the debt auction) may mint,
/// and no more than `mintCap` per fixed window of `mintPeriod` seconds.
interface IRampartToken {
    /// @notice Emitted when the owner replaces or revokes the minter.
    event MinterSet(address indexed oldMinter, address indexed newMinter);
    /// @notice Emitted when the owner changes the per-period mint cap or the period length.
    event MintLimitsSet(uint256 mintCap, uint256 mintPeriod);

    /// @notice The caller is not the minter.
    error NotMinter(address caller);
    /// @notice `amount` exceeds what may still be minted in the current period.
    error MintCapExceeded(uint256 amount, uint256 available);
    /// @notice `mintCap` is above `maxMintCap` (a fraction of the initial supply).
    error InvalidMintCap(uint256 mintCap, uint256 maxMintCap);
    /// @notice `mintPeriod` is outside [`MIN_MINT_PERIOD`, `MAX_MINT_PERIOD`].
    error InvalidMintPeriod(uint256 mintPeriod);

    /// @notice Mints `amount` to `to`. Only the minter, within the per-period cap.
    function mint(address to, uint256 amount) external;

    /// @notice Replaces the minter; `address(0)` disables minting. Only the owner (timelock).
    function setMinter(address newMinter) external;

    /// @notice Sets the per-period cap and the period length within hard bounds. Only the owner.
    function setMintLimits(uint256 mintCap, uint256 mintPeriod) external;

    /// @notice What the minter could mint right now without exceeding the cap.
    function mintableNow() external view returns (uint256);

    /// @notice The account allowed to mint (zero when minting is disabled).
    function minter() external view returns (address);
}

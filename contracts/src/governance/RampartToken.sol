// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";
import {IRampartToken} from "../interfaces/IRampartToken.sol";

/// @title RampartToken
/// @notice The governance token (RPT): votes by delegation (ERC20Votes), gasless approvals
/// (ERC20Permit), and the protocol's last-resort backstop: the debt auction, as sole minter, may
/// mint new supply, at most `mintCap` per fixed window of `mintPeriod`.
/// @dev Clock: timestamps (EIP-6372 "mode=timestamp"), so voting delay, period and the timelock
/// are all in seconds and behave the same on any chain and on the devnet.
contract RampartToken is IRampartToken, ERC20, ERC20Permit, ERC20Votes, Ownable {
    uint256 internal constant BPS = 10_000;

    /// @notice The per-period mint cap can never exceed 10 % of the initial supply.
    uint256 public constant MAX_MINT_CAP_BPS = 1_000;
    /// @notice Shortest mint period (shorter windows would make the cap meaningless).
    uint256 public constant MIN_MINT_PERIOD = 1 hours;
    /// @notice Longest mint period.
    uint256 public constant MAX_MINT_PERIOD = 365 days;

    /// @notice The largest `mintCap` governance may set (fixed at deploy).
    uint256 public immutable maxMintCap;

    /// @inheritdoc IRampartToken
    address public minter;
    /// @notice Tokens mintable per period.
    uint256 public mintCap;
    /// @notice Length of a mint window in seconds.
    uint256 public mintPeriod;
    /// @notice Start of the current mint window.
    uint256 public periodStart;
    /// @notice Tokens minted since `periodStart`.
    uint256 public mintedInPeriod;

    constructor(
        address owner_,
        address recipient,
        uint256 initialSupply,
        address minter_,
        uint256 mintCap_,
        uint256 mintPeriod_
    ) ERC20("Rampart", "RPT") ERC20Permit("Rampart") Ownable(owner_) {
        maxMintCap = initialSupply * MAX_MINT_CAP_BPS / BPS;
        _mint(recipient, initialSupply);
        minter = minter_;
        emit MinterSet(address(0), minter_);
        _setMintLimits(mintCap_, mintPeriod_);
    }

    /// @inheritdoc IRampartToken
    function mint(address to, uint256 amount) external {
        if (msg.sender != minter) revert NotMinter(msg.sender);
        // Fixed windows: the first mint after a window ends opens a new one at the current time.
        if (block.timestamp >= periodStart + mintPeriod) {
            periodStart = block.timestamp;
            mintedInPeriod = 0;
        }
        uint256 available = mintCap > mintedInPeriod ? mintCap - mintedInPeriod : 0;
        if (amount > available) revert MintCapExceeded(amount, available);
        mintedInPeriod += amount;
        _mint(to, amount);
    }

    /// @inheritdoc IRampartToken
    function setMinter(address newMinter) external onlyOwner {
        emit MinterSet(minter, newMinter);
        minter = newMinter;
    }

    /// @inheritdoc IRampartToken
    function setMintLimits(uint256 mintCap_, uint256 mintPeriod_) external onlyOwner {
        _setMintLimits(mintCap_, mintPeriod_);
    }

    /// @inheritdoc IRampartToken
    function mintableNow() external view returns (uint256) {
        if (block.timestamp >= periodStart + mintPeriod) return mintCap;
        return mintCap > mintedInPeriod ? mintCap - mintedInPeriod : 0;
    }

    /// @notice EIP-6372 clock: block timestamp.
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @notice EIP-6372 clock mode.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner_) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner_);
    }

    function _setMintLimits(uint256 mintCap_, uint256 mintPeriod_) internal {
        if (mintCap_ > maxMintCap) revert InvalidMintCap(mintCap_, maxMintCap);
        if (mintPeriod_ < MIN_MINT_PERIOD || mintPeriod_ > MAX_MINT_PERIOD) revert InvalidMintPeriod(mintPeriod_);
        // Lowering the cap mid-window takes effect at once (mintableNow floors at zero); the
        // window itself is kept so a limit change cannot be used to reset the counter.
        mintCap = mintCap_;
        mintPeriod = mintPeriod_;
        emit MintLimitsSet(mintCap_, mintPeriod_);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}

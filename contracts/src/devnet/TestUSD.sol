// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title TestUSD
/// @notice A USDC-like settlement token (6 decimals) for the devnet only. Anyone can draw from the
/// faucet, at most once per `FAUCET_COOLDOWN`, so demo accounts and tests can fund themselves.
/// Live networks use a real settlement token; the deploy script only deploys this on the devnet.
contract TestUSD is ERC20, ERC20Permit {
    /// @notice Amount the faucet mints per call: 10,000 tUSD.
    uint256 public constant FAUCET_AMOUNT = 10_000e6;
    /// @notice Minimum time between two faucet draws of one account.
    uint256 public constant FAUCET_COOLDOWN = 1 minutes;

    /// @notice Last faucet draw per account.
    mapping(address account => uint256 timestamp) public lastFaucetAt;

    /// @notice Account allowed to mint freely (the deployer, to seed demo state).
    address public immutable minter;

    /// @notice Thrown when an account draws from the faucet again before its cooldown ended.
    /// @param availableAt Timestamp from which the account may draw again.
    error FaucetCooldown(uint256 availableAt);

    /// @notice Thrown when anyone but the minter calls `mint`.
    error NotMinter();

    event FaucetDrawn(address indexed account, uint256 amount);

    constructor() ERC20("Test USD", "tUSD") ERC20Permit("Test USD") {
        minter = msg.sender;
    }

    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Mints `FAUCET_AMOUNT` to the caller.
    function faucet() external {
        uint256 last = lastFaucetAt[msg.sender];
        if (last != 0 && block.timestamp < last + FAUCET_COOLDOWN) revert FaucetCooldown(last + FAUCET_COOLDOWN);
        lastFaucetAt[msg.sender] = block.timestamp;
        _mint(msg.sender, FAUCET_AMOUNT);
        emit FaucetDrawn(msg.sender, FAUCET_AMOUNT);
    }

    /// @notice Mints any amount to any account: seeding demo state on the devnet.
    function mint(address to, uint256 amount) external {
        if (msg.sender != minter) revert NotMinter();
        _mint(to, amount);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IClaimable} from "../interfaces/IPerpEngineLiquidation.sol";

/// @title PullPayments
/// @notice Push with a fallback to pull, for payments that must never revert the call that makes
/// them (a liquidation's payout, a keeper reward): a transfer the token refuses (an address a
/// USDC-like token blocks) is credited to `claimable`, and `claim` pays it later to the account
/// itself. What is credited stays part of what the contract owes (`totalClaimable`).
abstract contract PullPayments is IClaimable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Sum of every claimable balance (token units).
    uint256 public totalClaimable;
    /// @notice Tokens waiting for an account (token units).
    mapping(address account => uint256 amount) public claimable;

    /// @dev The token paid out.
    function _paymentToken() internal view virtual returns (IERC20);

    /// @dev Pays `amount` to `to`, or credits it to `claimable` when the token refuses the transfer.
    function _payOrCredit(address to, uint256 amount) internal {
        if (amount == 0 || _paymentToken().trySafeTransfer(to, amount)) return;
        claimable[to] += amount;
        totalClaimable += amount;
        emit PayoutDeferred(to, amount);
    }

    /// @inheritdoc IClaimable
    function claim() external nonReentrant returns (uint256 amount) {
        amount = claimable[msg.sender];
        if (amount == 0) revert NothingToClaim();
        claimable[msg.sender] = 0;
        totalClaimable -= amount;
        _paymentToken().safeTransfer(msg.sender, amount);
        emit Claimed(msg.sender, amount);
    }
}

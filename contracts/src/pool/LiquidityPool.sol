// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IRiskConfig} from "../interfaces/IRiskConfig.sol";
import {IPerpEngine} from "../interfaces/IPerpEngine.sol";

/// @title LiquidityPool
/// @notice ERC-4626 vault of the settlement token; the counterparty to every trade. Its assets are
/// held by the engine (which settles trades against them by internal accounting, no transfer per
/// trade): `totalAssets()` is the engine's `poolAssets`. A token donation to either contract does
/// not change `totalAssets`, and `_decimalsOffset` adds virtual shares on top, so the
/// first-depositor inflation attack has nothing to inflate.
/// @dev Share price counts realised results only (trader PnL is realised on close); marking open
/// positions to market is left to a later issue (see docs/contracts.md).
interface IConfigHolder {
    function config() external view returns (IRiskConfig);
}

contract LiquidityPool is ERC4626 {
    using SafeERC20 for IERC20;

    /// @notice Decimals of virtual shares: 6 (1e6 shares per token unit at the start).
    uint8 public constant DECIMALS_OFFSET = 6;

    IPerpEngine public immutable engine;

    constructor(IERC20 asset_, IPerpEngine engine_) ERC20("Rampart LP", "rLP") ERC4626(asset_) {
        engine = engine_;
    }

    /// @notice Emitted when the insurance waterfall (or anyone) pays tokens into the pool's assets.
    event LossCovered(address indexed from, uint256 amount);

    /// @notice The pool's assets held by the engine plus what the debt auction still owes it
    /// (bad debt beyond the buffer and the stakers' slash): the pool's share price is touched only
    /// when the auction gives up and the insurance fund socialises the rest.
    function totalAssets() public view override returns (uint256) {
        return engine.poolAssets() + _receivable();
    }

    /// @notice Pays `amount` tokens from the caller into the pool's assets (the insurance
    /// waterfall covering a liquidation shortfall).
    function coverLoss(uint256 amount) external {
        IERC20(asset()).safeTransferFrom(msg.sender, address(engine), amount);
        engine.creditPool(amount);
        emit LossCovered(msg.sender, amount);
    }

    /// @dev `config.insuranceFund().outstandingDeficit()`; 0 when no fund is wired (or it is not
    /// an insurance fund).
    function _receivable() internal view returns (uint256 amount) {
        address fund = IConfigHolder(address(engine)).config().insuranceFund();
        if (fund == address(0)) return 0;
        (bool ok, bytes memory data) = fund.staticcall(abi.encodeWithSignature("outstandingDeficit()"));
        if (ok && data.length >= 32) amount = abi.decode(data, (uint256));
    }

    /// @dev Capped by the liquidity that does not back open interest.
    function maxWithdraw(address owner) public view override returns (uint256) {
        uint256 own = super.maxWithdraw(owner);
        uint256 free = engine.withdrawablePoolAssets();
        return own < free ? own : free;
    }

    /// @dev Capped by the liquidity that does not back open interest.
    function maxRedeem(address owner) public view override returns (uint256) {
        uint256 own = super.maxRedeem(owner);
        uint256 free = convertToShares(engine.withdrawablePoolAssets()); // rounds down
        return own < free ? own : free;
    }

    function _decimalsOffset() internal pure override returns (uint8) {
        return DECIMALS_OFFSET;
    }

    /// @dev Deposits go straight to the engine, which credits the pool's account.
    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal override {
        IERC20(asset()).safeTransferFrom(caller, address(engine), assets);
        engine.creditPool(assets);
        _mint(receiver, shares);
        emit Deposit(caller, receiver, assets, shares);
    }

    /// @dev The engine pays withdrawals out of the pool's account.
    function _withdraw(address caller, address receiver, address owner, uint256 assets, uint256 shares)
        internal
        override
    {
        if (caller != owner) _spendAllowance(owner, caller, shares);
        _burn(owner, shares);
        engine.debitPool(receiver, assets);
        emit Withdraw(caller, receiver, owner, assets, shares);
    }
}

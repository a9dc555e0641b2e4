// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IRiskConfig} from "../interfaces/IRiskConfig.sol";
import {IEngineFees} from "../interfaces/IPerpEngineLiquidation.sol";
import {
    IInsuranceFund, IStakingVault, IDebtAuction, FundState, WaterfallTotals, StakeView
} from "../interfaces/IInsurance.sol";
import {ICollateralAuction} from "../interfaces/ICollateralAuction.sol";

/// @title InsuranceFund
/// @notice The protocol-owned buffer and the loss waterfall. Bad debt from a liquidation is
/// covered, in this order, by: the buffer → the stakers (slashed pro rata, at most `maxSlash` of
/// staked assets per event, enforced by the vault) → the debt auction → the pool (socialised, only
/// when the auction gave up). Every step emits an event with its amount. The buffer is internal
/// accounting (`buffer`), so a donation changes nothing.
interface IPoolHolder {
    function pool() external view returns (address);
}

interface IPoolCover {
    function coverLoss(uint256 amount) external;
}

contract InsuranceFund is IInsuranceFund, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    IERC20 public immutable token;
    IRiskConfig public immutable config;
    address public immutable engine;

    address public liquidationEngine;
    IStakingVault public stakingVault;
    IDebtAuction public debtAuction;
    ICollateralAuction public collateralAuction;

    /// @inheritdoc IInsuranceFund
    uint256 public buffer;
    WaterfallTotals internal _totals;

    constructor(IERC20 token_, IRiskConfig config_, address engine_) {
        token = token_;
        config = config_;
        engine = engine_;
    }

    modifier onlyOwner() {
        if (msg.sender != config.owner()) revert NotOwner(msg.sender);
        _;
    }

    /// @notice One-time wiring by the config owner.
    function wire(address liquidationEngine_, IStakingVault vault, IDebtAuction auction, ICollateralAuction collAuction)
        external
        onlyOwner
    {
        if (liquidationEngine != address(0)) revert AlreadyWired();
        if (
            liquidationEngine_ == address(0) || address(vault) == address(0) || address(auction) == address(0)
                || address(collAuction) == address(0)
        ) revert ZeroAddress();
        liquidationEngine = liquidationEngine_;
        stakingVault = vault;
        debtAuction = auction;
        collateralAuction = collAuction;
        emit Wired(liquidationEngine_, address(vault), address(auction), address(collAuction));
    }

    /// @notice Bad debt the debt auction still has to raise (the pool's receivable).
    uint256 public outstandingDeficit;

    /// @notice The waterfall for `amount` of bad debt (the liquidation engine only). The
    /// position's collateral already went to the pool (step 1); buffer and slashed stake are
    /// paid into the pool here (steps 2, 3); the rest becomes the pool's receivable, raised by the
    /// debt auction (step 4) or socialised when it gives up (step 5).
    function coverShortfall(uint256 amount) external nonReentrant {
        if (msg.sender != liquidationEngine) revert Unauthorized(msg.sender);
        _totals.badDebt += amount;
        emit ShortfallReceived(amount);

        // 2. the buffer (its pending fee share first)
        _claim();
        uint256 fromBuffer = amount < buffer ? amount : buffer;
        if (fromBuffer != 0) {
            buffer -= fromBuffer;
            _totals.coveredByBuffer += fromBuffer;
            emit BufferUsed(fromBuffer, buffer);
        }
        uint256 rest = amount - fromBuffer;

        // 3. the stakers, pro rata through the share price, capped per event by the vault
        uint256 slashed;
        if (rest != 0) {
            slashed = stakingVault.slash(rest); // tokens arrive here
            if (slashed != 0) {
                _totals.coveredByStakers += slashed;
                emit StakersSlashed(slashed, stakingVault.stakedBalance());
            }
            rest -= slashed;
        }
        if (fromBuffer + slashed != 0) {
            address pool = IPoolHolder(engine).pool();
            token.forceApprove(pool, fromBuffer + slashed);
            IPoolCover(pool).coverLoss(fromBuffer + slashed);
        }
        if (rest == 0) return;

        // 4. the debt auction (5., the pool, only when it gives up: see `socialise`)
        _totals.sentToAuction += rest;
        outstandingDeficit += rest;
        emit SentToDebtAuction(rest);
        debtAuction.addDeficit(rest);
    }

    /// @notice Step 5, called by the debt auction when it gives up: the pool's receivable is
    /// written off (its share price falls by `amount`).
    function socialise(uint256 amount) external nonReentrant {
        if (msg.sender != address(debtAuction)) revert Unauthorized(msg.sender);
        _totals.socialised += amount;
        outstandingDeficit -= amount;
        emit LossSocialised(amount);
    }

    /// @notice The debt auction reports what a bid raised (it pays it into the pool itself).
    function onAuctionProceeds(uint256 amount) external {
        if (msg.sender != address(debtAuction)) revert Unauthorized(msg.sender);
        _totals.coveredByAuction += amount;
        outstandingDeficit -= amount;
        emit AuctionProceeds(amount);
    }

    /// @notice Adds `amount` tokens from the caller to the buffer (collateral-auction proceeds,
    /// donations that should count).
    function addToBuffer(uint256 amount) external nonReentrant {
        buffer += amount;
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit BufferCredited(msg.sender, amount, buffer);
    }

    /// @notice Moves the insurance fee share accumulated in the engine into the buffer.
    function claimFees() external nonReentrant returns (uint256) {
        return _claim();
    }

    /// @notice Puts `amount` of a non-settlement asset the fund holds up for a Dutch collateral
    /// auction; proceeds refill the buffer (config owner only).
    function auctionCollateral(IERC20 asset, uint256 amount, uint256 startPrice, uint256 minPrice, uint256 duration)
        external
        onlyOwner
        returns (uint256 lotId)
    {
        if (address(asset) == address(token)) revert SettlementTokenNotCollateral();
        asset.forceApprove(address(collateralAuction), amount);
        lotId = collateralAuction.start(asset, amount, startPrice, minPrice, duration);
    }

    function _claim() internal returns (uint256 amount) {
        if (IEngineFees(engine).insuranceFees() == 0) return 0;
        amount = IEngineFees(engine).claimInsuranceFees();
        buffer += amount;
        emit BufferCredited(engine, amount, buffer);
    }

    // ================================================================ views

    /// @notice Cumulative waterfall totals.
    function waterfallTotals() external view returns (WaterfallTotals memory t) {
        t = _totals;
        t.outstanding = outstandingDeficit;
    }

    /// @notice Buffer, staking and `account`'s cooldown in one call (see FundState).
    function fundState(address account) external view returns (FundState memory s) {
        s.buffer = buffer;
        s.pendingBufferFees = IEngineFees(engine).insuranceFees();
        s.outstandingDeficit = outstandingDeficit;
        IStakingVault v = stakingVault;
        if (address(v) == address(0)) return s;
        s.maxSlash = v.maxSlash();
        s.cooldownPeriod = v.cooldownPeriod();
        s.unstakeWindow = v.unstakeWindow();
        StakeView memory v2 = v.accountState(account);
        s.stakedAssets = v2.stakedAssets;
        s.totalShares = v2.totalShares;
        s.sharePrice = v2.sharePrice;
        s.accountShares = v2.accountShares;
        s.accountAssets = v2.accountAssets;
        s.cooldownShares = v2.cooldownShares;
        s.cooldownAssets = v2.cooldownAssets;
        s.cooldownStart = v2.cooldownStart;
        s.windowStart = v2.windowStart;
        s.windowEnd = v2.windowEnd;
    }
}

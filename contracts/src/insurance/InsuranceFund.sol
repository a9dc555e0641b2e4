// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {PullPayments} from "../payments/PullPayments.sol";
import {IRiskConfig} from "../interfaces/IRiskConfig.sol";
import {IEngineFees, IPoolReceivable} from "../interfaces/IPerpEngineLiquidation.sol";
import {
    IInsuranceFund, IStakingVault, IDebtAuction, FundState, WaterfallTotals, StakeView
} from "../interfaces/IInsurance.sol";
import {ICollateralAuction} from "../interfaces/ICollateralAuction.sol";

/// @title InsuranceFund
/// @notice The protocol-owned buffer and the loss waterfall. Bad debt from a liquidation is
/// covered, in this order, by: the buffer → the stakers (slashed pro rata, at most `maxSlash` of
/// the vault over any `slashWindow`, enforced by the vault) → the debt auction → the pool
/// (socialised, only as the auction's last resort). The buffer also pays the minimum keeper
/// reward for liquidating a position of value ≤ 0. Every step emits an event with its amount. The buffer is internal
/// accounting (`buffer`), so a donation changes nothing.
interface IPoolHolder {
    function pool() external view returns (address);
}

interface IPoolCover {
    function coverLoss(uint256 amount) external;
}

contract InsuranceFund is IInsuranceFund, PullPayments {
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

    /// @notice Bad debt this fund's debt auction still has to raise (the pool's receivable). Held
    /// by the pool (`IPoolReceivable`, the one copy), which this fund writes in the same call that
    /// changes what its auction owes.
    function outstandingDeficit() public view returns (uint256) {
        return IPoolReceivable(IPoolHolder(engine).pool()).receivableOf(address(this));
    }

    /// @notice The waterfall for `amount` of bad debt (the liquidation engine only). The
    /// position's collateral already went to the pool (step 1); buffer and slashed stake are
    /// paid into the pool here (steps 2, 3); the rest becomes the pool's receivable, raised by the
    /// debt auction (step 4) or socialised as its last resort (step 5).
    function coverShortfall(uint256 amount) external nonReentrant {
        if (msg.sender != liquidationEngine) revert Unauthorized(msg.sender);
        _totals.badDebt += amount;
        emit ShortfallReceived(amount);

        // 2. the buffer, 3. the stakers (paid into the pool at once)
        (uint256 fromBuffer, uint256 slashed) = _bufferThenStakers(amount);
        _totals.coveredByBuffer += fromBuffer;
        _totals.coveredByStakers += slashed;
        uint256 rest = amount - fromBuffer - slashed;
        if (rest == 0) return;

        // 4. the debt auction (5., the pool, only as its last resort: see `socialise`)
        _totals.sentToAuction += rest;
        IPoolReceivable(IPoolHolder(engine).pool()).addPoolReceivable(rest);
        emit SentToDebtAuction(rest);
        debtAuction.addDeficit(rest);
    }

    /// @notice Pays `keeper` up to `amount` out of the buffer (the liquidation engine only, after
    /// the shortfall of the same liquidation was covered: the buffer's first duty is bad debt).
    /// A transfer the token refuses waits in `claimable`, so a keeper cannot block the liquidation.
    function payKeeperReward(address keeper, uint256 amount) external nonReentrant returns (uint256 paid) {
        if (msg.sender != liquidationEngine) revert Unauthorized(msg.sender);
        uint256 available = buffer;
        paid = amount < available ? amount : available;
        if (paid == 0) return 0;
        buffer = available - paid;
        _totals.keeperRewards += paid;
        emit KeeperRewardPaid(keeper, paid, available - paid);
        _payOrCredit(keeper, paid);
    }

    function _paymentToken() internal view override returns (IERC20) {
        return token;
    }

    /// @notice Step 5, called by the debt auction as its last resort. The buffer (fees may have
    /// refilled it) and the stakers (whose window cap may have room again) pay what they can
    /// first; only the rest of the pool's receivable is written off (its share price falls).
    function socialise(uint256 amount) external nonReentrant {
        if (msg.sender != address(debtAuction)) revert Unauthorized(msg.sender);
        IPoolReceivable(IPoolHolder(engine).pool()).reducePoolReceivable(amount);
        (uint256 fromBuffer, uint256 slashed) = _bufferThenStakers(amount);
        uint256 rest = amount - fromBuffer - slashed;
        _totals.coveredBeforeSocialising += fromBuffer + slashed;
        if (rest == 0) return;
        _totals.socialised += rest;
        emit LossSocialised(rest);
    }

    /// @notice The debt auction reports what a bid raised (it pays it into the pool itself).
    function onAuctionProceeds(uint256 amount) external {
        if (msg.sender != address(debtAuction)) revert Unauthorized(msg.sender);
        _totals.coveredByAuction += amount;
        IPoolReceivable(IPoolHolder(engine).pool()).reducePoolReceivable(amount);
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

    /// @dev The buffer (its pending fee share claimed first), then the stakers pro rata through
    /// the share price within the vault's window cap; both paid into the pool.
    function _bufferThenStakers(uint256 amount) internal returns (uint256 fromBuffer, uint256 slashed) {
        _claim();
        uint256 available = buffer;
        fromBuffer = amount < available ? amount : available;
        if (fromBuffer != 0) {
            buffer = available - fromBuffer;
            emit BufferUsed(fromBuffer, available - fromBuffer);
        }
        uint256 rest = amount - fromBuffer;
        if (rest != 0) {
            slashed = stakingVault.slash(rest); // tokens arrive here
            if (slashed != 0) emit StakersSlashed(slashed, stakingVault.stakedBalance());
        }
        if (fromBuffer + slashed != 0) {
            address pool = IPoolHolder(engine).pool();
            token.forceApprove(pool, fromBuffer + slashed);
            IPoolCover(pool).coverLoss(fromBuffer + slashed);
        }
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
        t.outstanding = outstandingDeficit();
    }

    /// @notice Buffer, staking and `account`'s cooldown in one call (see FundState).
    function fundState(address account) external view returns (FundState memory s) {
        s.buffer = buffer;
        s.pendingBufferFees = IEngineFees(engine).insuranceFees();
        s.outstandingDeficit = outstandingDeficit();
        IStakingVault v = stakingVault;
        if (address(v) == address(0)) return s;
        s.maxSlash = v.maxSlash();
        s.slashWindow = v.slashWindow();
        s.slashedInWindow = v.slashedInWindow();
        s.slashableNow = v.slashableNow();
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

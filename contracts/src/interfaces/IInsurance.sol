// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LiquidationResult, IClaimable} from "./IPerpEngineLiquidation.sol";

/// @notice One position to liquidate.
struct LiquidationTarget {
    address trader;
    uint256 marketId;
}

/// @notice Insurance fund and staking state in one call. Token units unless noted.
struct FundState {
    /// @dev protocol-owned buffer held by the fund
    uint256 buffer;
    /// @dev insurance fees still held by the engine (claimable into the buffer)
    uint256 pendingBufferFees;
    /// @dev staking vault totalAssets (staked tokens + stakers' pending fees)
    uint256 stakedAssets;
    /// @dev staking vault totalSupply (shares, decimals = token decimals + 6)
    uint256 totalShares;
    /// @dev assets per 1e18 shares... expressed as convertToAssets(10**shareDecimals) (token units per whole share)
    uint256 sharePrice;
    /// @dev bad debt the debt auction still has to raise (the pool's receivable)
    uint256 outstandingDeficit;
    /// @dev max fraction of the vault slashed within one slash window (WAD)
    uint256 maxSlash;
    uint256 cooldownPeriod;
    uint256 unstakeWindow;
    /// @dev the account's shares, their value, and its cooldown
    uint256 accountShares;
    uint256 accountAssets;
    /// @dev redeemable shares fixed at cooldown (capped by the lowest balance since)
    uint256 cooldownShares;
    /// @dev their current value (slashing lowers it)
    uint256 cooldownAssets;
    /// @dev cooldown start (0 = none), window start and end (unix seconds)
    uint256 cooldownStart;
    uint256 windowStart;
    uint256 windowEnd;
    /// @dev rolling window of the slash cap (s); what was slashed in it; what may still be slashed now
    uint256 slashWindow;
    uint256 slashedInWindow;
    uint256 slashableNow;
}

/// @notice The staking vault's state and one account's (token units; share price = value of one
/// whole share, i.e. 10**decimals() share units).
struct StakeView {
    uint256 stakedAssets;
    uint256 totalShares;
    uint256 sharePrice;
    uint256 accountShares;
    uint256 accountAssets;
    uint256 cooldownShares;
    uint256 cooldownAssets;
    uint256 cooldownStart;
    uint256 windowStart;
    uint256 windowEnd;
}

/// @notice Cumulative loss-waterfall totals (token units).
struct WaterfallTotals {
    uint256 badDebt;
    uint256 coveredByBuffer;
    uint256 coveredByStakers;
    uint256 sentToAuction;
    uint256 coveredByAuction;
    uint256 socialised;
    /// @dev still owed to the pool (the debt auction's remaining deficit)
    uint256 outstanding;
    /// @dev minimum keeper rewards the buffer paid for liquidating positions of value ≤ 0 (not
    /// part of `badDebt`: a cost of clearing it)
    uint256 keeperRewards;
    /// @dev auction debt the buffer and stakers paid when the auction reached its last resort
    /// (sentToAuction = coveredByAuction + socialised + outstanding + coveredBeforeSocialising)
    uint256 coveredBeforeSocialising;
}

/// @notice Debt auction state in one call.
struct AuctionState {
    bool active;
    uint256 round;
    /// @dev settlement-token units per 1e18 RPT, now
    uint256 priceNow;
    uint256 startPrice;
    uint256 minPrice;
    uint256 remainingDeficit;
    uint256 roundStart;
    uint256 roundEnd;
    uint256 unfilledRounds;
    uint256 maxUnfilledRounds;
    /// @dev RPT minted in the token's current period and still mintable in it
    uint256 mintedThisPeriod;
    uint256 mintableNow;
    uint256 totalRaised;
    uint256 totalMinted;
    /// @dev this round's start and floor prices: the governed ones divided by (1 + lotGrowth)^k
    /// after k unfilled rounds (the lot grows)
    uint256 roundStartPrice;
    uint256 roundMinPrice;
    /// @dev lot growth per unfilled round (WAD) and the minimum time before socialising (s)
    uint256 lotGrowth;
    uint256 minAuctionTime;
    /// @dev start of the current sequence's first round, and the earliest socialisation (unix s; 0 = none)
    uint256 auctionStart;
    uint256 socialiseNotBefore;
}

/// @title ILiquidationEngine
interface ILiquidationEngine {
    /// @notice A parameter outside its hard bounds.
    error ParameterOutOfBounds(bytes32 parameter, uint256 value, uint256 min, uint256 max);
    /// @notice Caller is not the config owner.
    error NotOwner(address caller);
    /// @notice A batch item ran out of the gas this transaction forwarded to it. Reverting (instead
    /// of skipping it) makes gas estimation cover every target of `liquidateMany`.
    error InsufficientGas();

    /// @notice One liquidation, with every amount (token units) in `result`.
    /// (token units; size WAD). The full result, with the execution price (the accepted oracle
    /// price of that block), is `liquidate`'s return value.
    event Liquidated(
        address indexed trader,
        uint256 indexed marketId,
        address indexed liquidator,
        uint256 closedSize,
        uint256 penalty,
        uint256 keeperReward,
        uint256 payout,
        uint256 shortfall,
        bool full
    );
    /// @notice A batch item that could not be liquidated (healthy, no position, stale oracle…).
    event LiquidationSkipped(address indexed trader, uint256 indexed marketId, bytes4 reason);
    event ParametersSet(uint256 keeperShare, uint256 stakerShare, uint256 fullHealth, uint256 dustNotional);
    /// @notice The minimum reward (token units) for liquidating a position of value ≤ 0.
    event MinKeeperRewardSet(uint256 minKeeperReward);

    function liquidate(address trader, uint256 marketId) external returns (LiquidationResult memory);
    function liquidateMany(LiquidationTarget[] calldata targets) external returns (uint256 liquidated);
}

/// @title IInsuranceFund
/// @notice Its claimable balances hold minimum keeper rewards the token refused to deliver.
interface IInsuranceFund is IClaimable {
    error ParameterOutOfBounds(bytes32 parameter, uint256 value, uint256 min, uint256 max);
    error NotOwner(address caller);
    /// @notice Caller is not the contract allowed to call this hook.
    error Unauthorized(address caller);
    /// @notice Wiring done twice or with a zero address.
    error AlreadyWired();
    error ZeroAddress();
    /// @notice The collateral auction cannot sell the settlement token.
    error SettlementTokenNotCollateral();

    /// @notice Step 1: the position's collateral was spent; `amount` bad debt enters the waterfall.
    event ShortfallReceived(uint256 amount);
    /// @notice Step 2: the buffer paid `amount`.
    event BufferUsed(uint256 amount, uint256 bufferAfter);
    /// @notice Step 3: stakers were slashed `amount`.
    event StakersSlashed(uint256 amount, uint256 stakedAfter);
    /// @notice Step 4: `amount` handed to the debt auction.
    event SentToDebtAuction(uint256 amount);
    /// @notice Step 4 result: the auction raised `amount`.
    event AuctionProceeds(uint256 amount);
    /// @notice Step 5: `amount` socialised on the pool (what buffer and stakers could not pay at
    /// the auction's last resort).
    event LossSocialised(uint256 amount);
    event BufferCredited(address indexed from, uint256 amount, uint256 bufferAfter);
    /// @notice The buffer paid `keeper` the minimum reward for liquidating a position of value ≤ 0.
    event KeeperRewardPaid(address indexed keeper, uint256 amount, uint256 bufferAfter);
    event Wired(address liquidationEngine, address stakingVault, address debtAuction, address collateralAuction);

    function coverShortfall(uint256 amount) external;
    function payKeeperReward(address keeper, uint256 amount) external returns (uint256 paid);
    function socialise(uint256 amount) external;
    function onAuctionProceeds(uint256 amount) external;
    function addToBuffer(uint256 amount) external;
    function claimFees() external returns (uint256);
    function buffer() external view returns (uint256);
    function outstandingDeficit() external view returns (uint256);
}

/// @title IStakingVault
interface IStakingVault {
    error ParameterOutOfBounds(bytes32 parameter, uint256 value, uint256 min, uint256 max);
    error NotOwner(address caller);
    error Unauthorized(address caller);
    error AlreadyWired();
    /// @notice cooldown() with no shares.
    error NothingToCooldown();

    event CooldownStarted(address indexed staker, uint256 shares, uint256 assets, uint256 windowStart, uint256 windowEnd);
    /// @notice `amount` of staked tokens went to the insurance fund (which pays them into the pool).
    event Slashed(uint256 requested, uint256 amount, uint256 stakedAfter);
    event Harvested(uint256 amount);
    /// @notice Fees that accrued while nobody staked (and rounding dust the last redemption left)
    /// went to the insurance fund's buffer before the first deposit: no staker owned them.
    event UnownedYieldToBuffer(uint256 amount);
    event ParametersSet(uint256 cooldownPeriod, uint256 unstakeWindow, uint256 maxSlash);
    /// @notice The rolling window of the slash cap (seconds).
    event SlashWindowSet(uint256 slashWindow);

    function cooldown() external;
    function slash(uint256 amount) external returns (uint256 slashed);
    function harvest() external returns (uint256);
    function maxSlash() external view returns (uint256);
    function slashWindow() external view returns (uint256);
    function slashedInWindow() external view returns (uint256);
    function slashableNow() external view returns (uint256);
    function cooldownPeriod() external view returns (uint256);
    function unstakeWindow() external view returns (uint256);
    function stakedBalance() external view returns (uint256);
    function accountState(address account) external view returns (StakeView memory);
}

/// @title IDebtAuction
interface IDebtAuction {
    error ParameterOutOfBounds(bytes32 parameter, uint256 value, uint256 min, uint256 max);
    error NotOwner(address caller);
    error Unauthorized(address caller);
    /// @notice No round is running (none started, or it ended: call `restart`).
    error AuctionNotActive();
    /// @notice The round has not ended yet, or there is nothing to auction.
    error CannotRestart();
    /// @notice Current price above the bidder's limit.
    error PriceAboveLimit(uint256 price, uint256 maxPrice);
    /// @notice Nothing can be bought (zero payment, or the token's mint cap is used up).
    error NothingToBuy();

    event DeficitAdded(uint256 amount, uint256 deficit);
    event RoundStarted(uint256 indexed round, uint256 startPrice, uint256 deficit);
    event Bid(address indexed bidder, uint256 indexed round, uint256 price, uint256 paid, uint256 minted, uint256 deficitAfter);
    event RoundEndedUnfilled(uint256 indexed round, uint256 deficit, uint256 unfilledRounds);
    event AuctionSettled(uint256 indexed round);
    event ParametersSet(uint256 startPrice, uint256 minPrice, uint256 duration, uint256 maxUnfilledRounds);
    /// @notice Lot growth per unfilled round (WAD) and minimum time before socialising (s).
    event LotParametersSet(uint256 lotGrowth, uint256 minAuctionTime);

    function addDeficit(uint256 amount) external;
    function bid(uint256 maxPayment, uint256 maxPrice) external returns (uint256 paid, uint256 minted);
    function restart() external;
    function priceNow() external view returns (uint256);
    function roundPrices() external view returns (uint256 startPrice, uint256 minPrice);
    function canSocialise() external view returns (bool);
    function socialiseNotBefore() external view returns (uint256);
    function auctionState() external view returns (AuctionState memory);
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice What the liquidation engine passes to the perp engine for one liquidation. Ratios WAD.
struct LiquidationTerms {
    /// @dev who called `liquidate` (gets `keeperShare` of the penalty unless it is the trader)
    address keeper;
    /// @dev below this health (WAD) the position is closed in full
    uint256 fullHealth;
    /// @dev a remainder whose notional is below this (token units) is closed too
    uint256 dustNotional;
    /// @dev liquidator's share of the penalty (WAD); 0 for self-liquidation
    uint256 keeperShare;
    /// @dev stakers' share of the non-liquidator part of the penalty (WAD); the rest is buffer
    uint256 stakerShare;
}

/// @notice Outcome of one liquidation. Token units unless noted.
struct LiquidationResult {
    /// @dev base units closed (WAD, unsigned)
    uint256 closedSize;
    /// @dev execution price (WAD): the fresh accepted oracle price
    uint256 price;
    /// @dev penalty taken from equity (≤ what equity covers)
    uint256 penalty;
    /// @dev liquidator's part of the penalty, paid out; of the rest, `stakerShare` goes to
    /// stakerFees and the remainder to insuranceFees (LiquidationMath.split)
    uint256 keeperReward;
    /// @dev what the trader got back after a full liquidation
    uint256 payout;
    /// @dev bad debt: negative equity left after a full liquidation (the pool received all the
    /// collateral; the insurance waterfall pays this into the pool)
    uint256 shortfall;
    bool full;
}

/// @notice What the partial-size computation needs about one position (token units for
/// collateral and funding, WAD otherwise).
struct PartialQuote {
    int256 size;
    uint256 entryPrice;
    uint256 collateral;
    /// @dev funding owed in tokens (ceil; > 0 the trader pays)
    int256 funding;
    uint256 price;
    /// @dev initial margin ratio and penalty rate (WAD)
    uint256 im;
    uint256 penaltyRate;
}

/// @title ILiquidationPlanner
/// @notice Pure partial-liquidation maths, called back by the engine on the liquidation engine.
interface ILiquidationPlanner {
    /// @notice The smallest size (WAD) whose close restores initial margin on a non-dust rest,
    /// or 0 when the position should be closed in full.
    function partialCloseSize(PartialQuote calldata q) external view returns (uint256);
}

/// @title IClaimable
/// @notice Push with a fallback to pull: a payment to a user that the token refuses (a blocklist,
/// a paused token) waits in a claimable balance, so that no user can block a liquidation.
interface IClaimable {
    /// @notice Thrown by `claim` when the caller has nothing to claim.
    error NothingToClaim();

    /// @notice A payment to `account` was refused by the token; `amount` is claimable.
    event PayoutDeferred(address indexed account, uint256 amount);
    /// @notice `account` took its claimable balance.
    event Claimed(address indexed account, uint256 amount);

    /// @notice Sends the caller its whole claimable balance (only to itself: a blocked account
    /// stays blocked).
    function claim() external returns (uint256 amount);
    /// @notice Tokens waiting for `account` (token units).
    function claimable(address account) external view returns (uint256);
    /// @notice Sum of every claimable balance (token units): part of what the contract owes.
    function totalClaimable() external view returns (uint256);
}

/// @title IPerpEngineLiquidation
/// @notice The narrow liquidation and bad-debt seam of the perp engine.
interface IPerpEngineLiquidation is IClaimable {
    /// @notice Thrown when anyone but the liquidation engine calls the liquidation hook.
    error NotLiquidator(address caller);
    /// @notice Thrown when the liquidation engine is set a second time.
    error LiquidatorAlreadySet();
    /// @notice Thrown when the position's health is not below 1 (WAD).
    error NotLiquidatable(uint256 health);
    /// @notice Thrown by `close` (and `reduce` by the whole size) when the position's value
    /// (collateral + PnL − funding, in token units) is negative: that loss must go down the
    /// insurance waterfall, so the position is left to liquidation (it is liquidatable).
    error UnderwaterClose(int256 value);

    event LiquidatorSet(address indexed liquidator);

    function liquidator() external view returns (address);
    function setLiquidator(address liquidator_) external;
    function liquidatePosition(address trader, uint256 marketId, LiquidationTerms calldata terms)
        external
        returns (LiquidationResult memory);
}

/// @title IPoolReceivable
/// @notice What the debt auctions owe the liquidity pool (token units), implemented by the pool:
/// each fund's entry here (`receivableOf`, which the fund's `outstandingDeficit()` reads), their
/// sum in the engine (`IPerpEngine.poolReceivable`, inside the slot an open books fees in, so the
/// marked value reads no receivable of its own); both written in the one call, by the fund, in
/// the call that changes what its auction owes. Rule for re-pointing the fund
/// (`RiskConfig.setFeeRecipients`, 7 days): only the fund the config names now adds a deficit, and
/// any fund lowers only its own entry, so what an old fund's auction still owes stays counted until
/// that auction raises or socialises it (it neither vanishes nor counts twice: a new fund starts
/// at 0 and adds only what it sends to its own auction).
interface IPoolReceivable {
    /// @notice Thrown by `addPoolReceivable` when the caller is not `config.insuranceFund()`.
    error NotInsuranceFund(address caller);
    /// @notice Thrown by `reducePoolReceivable` when `amount` exceeds what the caller's auction owes.
    error ReceivableExceeded(address fund, uint256 amount, uint256 owed);

    /// @notice What `fund`'s debt auction still owes the pool.
    function receivableOf(address fund) external view returns (uint256);
    /// @notice New deficit sent to the caller's debt auction (the current insurance fund only).
    function addPoolReceivable(uint256 amount) external;
    /// @notice The caller's auction raised or socialised `amount` (at most the caller's entry).
    function reducePoolReceivable(uint256 amount) external;
}

/// @title IEngineFees
/// @notice The engine's fee accumulators and claims, as the insurance fund and the staking vault
/// use them (implemented by PerpEngine; not inherited, to keep its existing functions untouched).
interface IEngineFees {
    function insuranceFees() external view returns (uint128);
    function stakerFees() external view returns (uint128);
    function claimInsuranceFees() external returns (uint256);
    function claimStakerFees() external returns (uint256);
}

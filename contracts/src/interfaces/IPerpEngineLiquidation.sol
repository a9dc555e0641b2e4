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
    /// @dev size left (WAD, signed; 0 after a full liquidation)
    int256 remainingSize;
    /// @dev execution price (WAD): the fresh accepted oracle price
    uint256 price;
    /// @dev penalty taken from equity (≤ what equity covers)
    uint256 penalty;
    /// @dev liquidator's part of the penalty, paid out
    uint256 keeperReward;
    /// @dev stakers' part of the penalty (booked into stakerFees)
    uint256 toStakers;
    /// @dev insurance buffer's part of the penalty (booked into insuranceFees)
    uint256 toBuffer;
    /// @dev what the trader got back after a full liquidation
    uint256 payout;
    /// @dev bad debt: negative equity left after a full liquidation (the waterfall covers it)
    uint256 shortfall;
    bool full;
}

/// @title IPerpEngineLiquidation
/// @notice The narrow liquidation and bad-debt seam of the perp engine.
interface IPerpEngineLiquidation {
    /// @notice Thrown when anyone but the liquidation engine calls the liquidation hook.
    error NotLiquidator(address caller);
    /// @notice Thrown when the liquidation engine is set a second time.
    error LiquidatorAlreadySet();
    /// @notice Thrown when the position's health is not below 1 (WAD).
    error NotLiquidatable(address trader, uint256 marketId, uint256 health);
    /// @notice Thrown when repaying or socialising more than the outstanding deficit.
    error DeficitExceeded(uint256 amount, uint256 deficit);

    event LiquidatorSet(address indexed liquidator);
    /// @notice Bad debt booked as a receivable of the pool (the waterfall will cover it).
    event DeficitRecorded(address indexed trader, uint256 indexed marketId, uint256 amount, uint256 deficit);
    event DeficitRepaid(address indexed from, uint256 amount, uint256 deficit);
    /// @notice The last layer: the pool's assets written down by `amount`.
    event DeficitSocialised(uint256 amount, uint256 deficit);

    function liquidator() external view returns (address);
    function uncoveredDeficit() external view returns (uint128);
    function setLiquidator(address liquidator_) external;
    function liquidatePosition(address trader, uint256 marketId, LiquidationTerms calldata terms)
        external
        returns (LiquidationResult memory);
    function repayDeficit(uint256 amount) external;
    function socialiseDeficit(uint256 amount) external;
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

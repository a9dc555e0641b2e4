// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IOracleAggregator, OracleStatus} from "./IOracleAggregator.sol";
import {IRiskConfig} from "./IRiskConfig.sol";

/// @notice A position's full state, as the dashboard and keeper read it (one call, `IPerpLens`).
/// Sizes and prices WAD; USD amounts in settlement-token units unless marked WAD.
struct PositionView {
    address trader;
    uint256 marketId;
    /// @dev signed size (WAD base units; + long, - short); 0 = no position
    int256 size;
    /// @dev WAD
    uint256 entryPrice;
    /// @dev token units
    uint256 collateral;
    /// @dev price the numbers below use: the last accepted oracle price (WAD)
    uint256 markPrice;
    /// @dev N = ceil(|s|·P/WAD), WAD USD
    uint256 notional;
    /// @dev floor(U/scale), token units
    int256 unrealisedPnl;
    /// @dev ceil(F/scale), token units; > 0 means the trader owes
    int256 fundingOwed;
    /// @dev Q, token units
    int256 equity;
    /// @dev current maintenance margin ratio mm (WAD)
    uint256 maintenanceMarginRatio;
    /// @dev initial margin ratio im (WAD) of new risk (increase, collateral withdrawal): from
    /// max(current, target) maintenance margin (`MarketMath.newRiskInitialRatio`)
    uint256 initialMarginRatio;
    /// @dev token units
    uint256 mmr;
    /// @dev token units
    uint256 imr;
    /// @dev Q/MMR (WAD); type(uint256).max when no size
    uint256 health;
    /// @dev WAD; 0 when no price liquidates it
    uint256 liquidationPrice;
    /// @dev N/Q (WAD); type(uint256).max when Q ≤ 0
    uint256 leverage;
    /// @dev H < 1
    bool liquidatable;
}

/// @notice A market's full state (one call).
struct MarketView {
    uint256 marketId;
    string name;
    uint256 tierId;
    /// @dev last accepted oracle price (WAD)
    uint256 price;
    OracleStatus oracleStatus;
    /// @dev open interest in base units (WAD)
    uint256 longOpenInterest;
    uint256 shortOpenInterest;
    /// @dev open-interest cap per side, notional WAD USD (oiCapFraction · marked pool value)
    uint256 openInterestCap;
    /// @dev funding rate per second (WAD, signed; > 0 longs pay)
    int256 fundingRatePerSecond;
    /// @dev cumulative funding index (WAD USD per base unit)
    int256 fundingIndex;
    uint256 currentMaintenanceMargin;
    uint256 targetMaintenanceMargin;
    /// @dev annualised volatility σ·√(1 year) (WAD)
    uint256 volatility;
    /// @dev EWMA variance of log returns per second (WAD)
    uint256 variancePerSecond;
    uint256 maxLeverage;
    /// @dev initial margin ratio of new risk: from max(current, target) maintenance margin, so an
    /// open meets the measured volatility at once (`MarketMath.newRiskInitialRatio`)
    uint256 initialMarginRatio;
    uint256 takerFee;
    bool paused;
}

/// @notice (trader, market) key of a position. The engine does not enumerate them: the open set
/// is derived from `PositionOpened`, `PositionClosed` and full `Liquidated` events.
struct PositionKey {
    address trader;
    uint96 marketId;
}

/// @title IPerpEngine
/// @notice Isolated-margin perpetuals, priced by the oracle aggregator, with the liquidity pool as
/// counterparty. The engine holds every token of the protocol: trader collateral, the pool's
/// assets, the insurance buffer and stakers' pending rewards (all internal accounting).
interface IPerpEngine {
    /// @notice Thrown for a zero size or size change.
    error ZeroSize();
    /// @notice Thrown for a zero collateral or token amount.
    error ZeroAmount();
    /// @notice Thrown when opening where the trader already has a position.
    error PositionExists(address trader, uint256 marketId);
    /// @notice Thrown when the trader has no position in the market.
    error NoPosition(address trader, uint256 marketId);
    /// @notice Thrown when reducing by more than the position's size.
    error ReduceExceedsSize(uint256 sizeDelta, uint256 size);
    /// @notice Thrown when the result would exceed the tier's max leverage.
    error LeverageTooHigh(uint256 leverage, uint256 maxLeverage);
    /// @notice Thrown when the result would leave equity below the initial margin requirement.
    error BelowInitialMargin(int256 equity, uint256 imr);
    /// @notice Thrown when removing more collateral than the position holds, or when a reduce
    /// would leave no collateral (close instead).
    error InsufficientCollateral(int256 available, uint256 requested);
    /// @notice Thrown when the new open interest of a side would exceed its cap.
    error OpenInterestCapExceeded(uint256 marketId, uint256 notional, uint256 cap);
    /// @notice Thrown when new risk meets a stale oracle.
    error OracleStale(uint256 marketId);
    /// @notice Thrown when new risk meets a guarded oracle.
    error OracleGuarded(uint256 marketId);
    /// @notice Thrown when new risk is paused globally or for the market.
    error Paused(uint256 marketId);
    /// @notice Thrown when the pool cannot pay what it owes or what an LP withdraws.
    error InsufficientPoolAssets(uint256 requested, uint256 available);
    /// @notice Thrown when anyone but the liquidity pool calls a pool hook.
    error NotPool(address caller);
    /// @notice Thrown when the pool is set a second time.
    error PoolAlreadySet();
    /// @notice Thrown when the pool address is zero.
    error ZeroAddress();
    /// @notice Thrown when anyone but the config owner calls an owner function.
    error NotOwner(address caller);
    /// @notice Thrown when anyone but the configured recipient claims a fee accumulator.
    error NotFeeRecipient(address caller);

    event PositionOpened(
        address indexed trader, uint256 indexed marketId, int256 size, uint256 price, uint256 collateral, uint256 fee
    );
    event PositionIncreased(
        address indexed trader, uint256 indexed marketId, int256 size, uint256 entryPrice, uint256 collateral, uint256 fee
    );
    event PositionReduced(
        address indexed trader, uint256 indexed marketId, int256 size, uint256 price, int256 realisedPnl, uint256 fee
    );
    event PositionClosed(
        address indexed trader, uint256 indexed marketId, uint256 price, int256 realisedPnl, uint256 payout, uint256 fee
    );
    event CollateralAdded(address indexed trader, uint256 indexed marketId, uint256 amount, uint256 collateral);
    event CollateralRemoved(address indexed trader, uint256 indexed marketId, uint256 amount, uint256 collateral);
    event FundingSettled(address indexed trader, uint256 indexed marketId, int256 amount);
    event MarketAccrued(uint256 indexed marketId, int256 fundingIndex, int256 fundingRatePerSecond);
    event PoolSet(address indexed pool);
    event PoolCredited(uint256 assets);
    event PoolDebited(address indexed to, uint256 assets);
    event InsuranceFeesClaimed(address indexed to, uint256 amount);
    event StakerFeesClaimed(address indexed to, uint256 amount);

    function addCollateral(uint256 marketId, uint256 amount) external;
    function removeCollateral(uint256 marketId, uint256 amount) external;
    function poke(uint256 marketId) external;

    function creditPool(uint256 assets) external;
    function debitPool(address to, uint256 assets) external;
    function claimInsuranceFees() external returns (uint256);
    function claimStakerFees() external returns (uint256);

    /// @notice The pool moves its receivable (what the debt auctions owe it) by `delta` (pool only;
    /// its per-fund entries, `IPoolReceivable`, sum to `poolReceivable`).
    function adjustPoolReceivable(int256 delta) external;

    function poolAssets() external view returns (uint128);
    /// @notice What the debt auctions owe the pool (token units): Σ of the pool's per-fund entries.
    function poolReceivable() external view returns (uint256);
    function withdrawablePoolAssets() external view returns (uint256);

    function token() external view returns (IERC20);
    function config() external view returns (IRiskConfig);
    function oracle() external view returns (IOracleAggregator);
    /// @notice 10^(18 − token decimals): the WAD/token-unit conversion factor.
    function scale() external view returns (uint256);
    function pool() external view returns (address);
}

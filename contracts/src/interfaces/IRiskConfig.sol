// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IGovernedParameters} from "./IGovernedParameters.sol";
import {IRiskPausable} from "./IRiskPausable.sol";

/// @notice Risk tier: the margin, leverage and open-interest numbers shared by its markets.
/// All ratios are WAD fractions (1e18 = 100 %). Field order packs what every trade reads into
/// the first two slots.
struct TierParams {
    /// @dev base (floor) maintenance margin ratio
    uint64 mmBase;
    /// @dev ceiling of the dynamic maintenance margin ratio
    uint64 mmMax;
    /// @dev im = max(mm · imMultiplier, 1 / maxLeverage); WAD, ≥ 1e18
    uint64 imMultiplier;
    /// @dev open-interest cap per side, as a fraction of pool assets
    uint64 oiCapFraction;
    /// @dev max leverage (WAD, 20e18 = 20x)
    uint96 maxLeverage;
    /// @dev liquidation penalty on closed notional (used by the liquidation issue)
    uint64 liquidationPenalty;
    /// @dev z: volatility multiplier (WAD, e.g. 2.33e18)
    uint64 volMultiplier;
    /// @dev liquidation horizon in seconds (the √horizon of the volatility margin)
    uint32 horizon;
    /// @dev largest rise of the current maintenance margin per hour (WAD fraction per hour)
    uint64 maxMmRisePerHour;
}

/// @notice Per-market trading parameters.
struct MarketParams {
    /// @dev funding rate per second at full skew (WAD per second)
    uint64 fundingFactor;
    /// @dev base taker fee on notional (WAD fraction)
    uint64 takerFee;
    /// @dev size-dependent fee: extra fee rate = impactFactor · tradeNotional / poolAssets
    uint64 impactFactor;
}

/// @notice Per-market oracle aggregation parameters.
struct OracleParams {
    /// @dev a source older than this (seconds) is dropped; an aggregate older than this is stale
    uint32 maxAge;
    /// @dev fresh, non-deviating sources required
    uint8 minSources;
    /// @dev max distance of a source from the first median (WAD fraction)
    uint64 maxDeviation;
    /// @dev max move from the last accepted price before guarded mode (WAD fraction)
    uint64 maxJump;
    /// @dev seconds a new price level must hold before guarded mode lifts by itself
    uint32 recoveryPeriod;
    /// @dev EWMA decay per volatility observation (WAD, ≈ 0.94e18)
    uint64 ewmaLambda;
    /// @dev seconds past maxAge during which exits and liquidations of a stale market use the last
    /// accepted price; after it they use that price moved against the position by maxJump
    uint32 staleGrace;
    /// @dev longest a market stays guarded, in seconds from the first trip (later moves do not
    /// restart it); then `update` accepts the live median
    uint32 maxGuardDuration;
    /// @dev length of the volatility sampling grid in seconds: one observation per bucket
    uint32 volBucket;
}

/// @notice Everything the engine reads for one market per trade, in one call (4 slots).
struct MarketConfig {
    uint256 mmBase;
    uint256 mmMax;
    uint256 imMultiplier;
    uint256 oiCapFraction;
    uint256 maxLeverage;
    uint256 fundingFactor;
    uint256 takerFee;
    uint256 impactFactor;
    /// @dev share of trading fees credited to the insurance buffer (WAD)
    uint256 insuranceShare;
    /// @dev share of trading fees credited to stakers' pending rewards (WAD)
    uint256 stakerShare;
    /// @dev global pause or market pause: no new risk
    bool paused;
}

/// @notice A parameter's ramp as the dashboard shows it ("1.00 % -> 1.50 %, ramps over 1 h"):
/// `current` moves in a straight line from `from` at `start` to `target` at `end`. With no ramp
/// running, `from` = `current` = `target` and `start` = `end` = 0.
struct ParameterRamp {
    uint256 from;
    uint256 target;
    uint256 current;
    uint64 start;
    uint64 end;
}

/// @notice What a fee recipient (the insurance fund, the staking vault) must answer: the config
/// it serves (this one) and the engine it claims from (the config's engine). The pool counts the
/// insurance fund's `outstandingDeficit()` in its share price, so the config wires only contracts
/// built for this deployment.
interface IFeeRecipient {
    function config() external view returns (address);
    function engine() external view returns (address);
}

/// @title IRiskConfig
/// @notice The single configuration surface: every risk, fee and oracle parameter, each with hard
/// bounds, owned by the governance timelock, plus guardian pauses.
/// @dev Every numeric parameter is also a governed parameter (`IGovernedParameters`: listed by
/// `getParameters()`, written by `setParameter(id, value)` by the owner or the risk steward), and
/// the pause switches are the `IRiskPausable` seam driven by the `PauseGuardian`.
/// `ParameterOutOfBounds(bytes32, uint256, uint256, uint256)` (inherited) carries the parameter's
/// short name (e.g. "mmBase") when thrown by a structured setter and its id when thrown by
/// `setParameter`.
interface IRiskConfig is IGovernedParameters, IRiskPausable {
    /// @notice Thrown for a tier id that was never added.
    error UnknownTier(uint256 tierId);
    /// @notice Thrown for a market id that was never added.
    error UnknownMarket(uint256 marketId);
    /// @notice Thrown when a tier would get an id above 65,535.
    error TooManyTiers();
    /// @notice Thrown for an empty market name.
    error EmptyName();
    /// @notice Thrown when the funding engine is wired a second time or to the zero address.
    error EngineAlreadySet();
    /// @notice Raising a market's `minSources` above the `sources` its oracle has would make the
    /// market Stale at its next update (opens and liquidations blocked); nothing changed.
    error MinSourcesAboveSources(uint256 marketId, uint256 minSources, uint256 sources);
    /// @notice `recipient` is not a fee recipient of this deployment (no code, or its `config()` /
    /// `engine()` are not this config and its engine); nothing changed.
    error InvalidFeeRecipient(address recipient);
    /// @notice The fee recipients are wired once, like the rest of the insurance stack (the
    /// liquidation engine's fund, the engine's liquidator, the fund's vault and auctions, the
    /// token's minter): re-pointing the config alone would split the stack and stall bad-debt
    /// liquidations (docs/security.md row 35). Moving the stack is a new deployment; nothing changed.
    error FeeRecipientsAlreadySet(address insuranceFund, address stakingVault);
    /// @notice The gap-aware leverage cap: market `marketId` would let a position open so close to
    /// liquidation that one step the oracle accepts (`maxJump`) plus the liquidation penalty and
    /// the taker fee turn it into bad debt. Requires 1 / maxLeverage ≥ maxJump + penalty + takerFee,
    /// i.e. `maxLeverage ≤ maxSafeLeverage` (WAD, floor); checked on every change of either side
    /// (tier, market, oracle parameters, a market's tier); nothing changed.
    error LeverageAboveOracleGap(uint256 marketId, uint256 maxLeverage, uint256 maxSafeLeverage);
    /// @notice `value` of tier field `parameter` (its short name from `setTier`/`addTier`, its
    /// registry id from `setParameter`) is not a whole number of `step`, the unit RiskConfig stores
    /// the field in (`oiCapFraction`: 1e9 wei = 1e-9; `maxLeverage`: 1e12 wei = 0.000001x), so
    /// that every field a trade reads fits one storage slot. Bounds are unchanged; nothing changed.
    error UnrepresentableValue(bytes32 parameter, uint256 value, uint256 step);

    event TierSet(uint256 indexed tierId, TierParams params);
    event MarketAdded(uint256 indexed marketId, string name, uint256 indexed tierId);
    event MarketParamsSet(uint256 indexed marketId, MarketParams params);
    event OracleParamsSet(uint256 indexed marketId, OracleParams params);
    event FeeSplitSet(uint64 insuranceShare, uint64 stakerShare);
    event FeeRecipientsSet(address indexed insuranceFund, address indexed stakingVault);
    /// @notice A risk-increasing change of parameter `id` ramps from `from` (in force now) to `to`
    /// between `start` and `end`.
    event ParameterRampStarted(bytes32 indexed id, uint256 from, uint256 to, uint256 start, uint256 end);
    /// @notice The engine whose funding a market-parameter change accrues first (set once).
    event EngineSet(address indexed engine);

    function marketCount() external view returns (uint256);
    function tierCount() external view returns (uint256);
    function marketName(uint256 marketId) external view returns (string memory);
    function marketTier(uint256 marketId) external view returns (uint256);
    function tier(uint256 tierId) external view returns (TierParams memory);
    /// @notice The volatility multiplier and horizon the aggregator's fast catch-up of the current
    /// margin may use: the targets, except while a raise of either ramps, when it is the value
    /// before the raise (the volatility target itself, hence new risk's initial margin, uses the
    /// new value at once; open positions' margins rise to it at the tier's rise rate).
    function catchUpInputs(uint256 tierId) external view returns (uint256 volMultiplier, uint256 horizon);
    function marketParams(uint256 marketId) external view returns (MarketParams memory);
    function oracleParams(uint256 marketId) external view returns (OracleParams memory);
    function marketConfig(uint256 marketId) external view returns (MarketConfig memory);
    function insuranceFund() external view returns (address);
    /// @notice The engine poked (funding accrued at the old rate) before a market parameter
    /// changes; zero until wired.
    function engine() external view returns (address);
    function stakingVault() external view returns (address);
    function owner() external view returns (address);
    // The fee split: `marketConfig(m).insuranceShare`/`.stakerShare`, or the registry's
    // `parameterValue(ParameterKeys.global("insuranceShare"))` (no getters of their own: code size).

    /// @notice The ramp of parameter `id` (see `ParameterRamp`); reverts `UnknownParameter`.
    function parameterRamp(bytes32 id) external view returns (ParameterRamp memory);
    /// @notice How long setting `id` to `value` now would ramp, in seconds (0: at once).
    function rampDuration(bytes32 id, uint256 value) external view returns (uint256);
}

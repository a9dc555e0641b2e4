// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {
    IRiskConfig, TierParams, MarketParams, OracleParams, MarketConfig
} from "../interfaces/IRiskConfig.sol";

/// @title RiskConfig
/// @notice Every protocol parameter, each inside hard bounds that no admin (later: the governance
/// timelock) can cross. The guardian may only pause new risk; the owner pauses and unpauses.
contract RiskConfig is IRiskConfig, Ownable2Step {
    uint256 internal constant WAD = 1e18;

    // Hard bounds. Wide enough for governance to tune, narrow enough that no value breaks the maths
    // (mm < 100 %, im ≥ mm, fees below 1 %, shares summing to ≤ 100 %).
    uint256 public constant MIN_MM_BASE = 0.001e18;
    uint256 public constant MAX_MM_BASE = 0.5e18;
    uint256 public constant MAX_MM_MAX = 0.9e18;
    uint256 public constant MAX_VOL_MULTIPLIER = 10e18;
    uint256 public constant MIN_MM_RISE_PER_HOUR = 0.0001e18;
    uint256 public constant MAX_MM_RISE_PER_HOUR = 1e18;
    uint256 public constant MIN_MAX_LEVERAGE = 1e18;
    uint256 public constant MAX_MAX_LEVERAGE = 100e18;
    uint256 public constant MIN_IM_MULTIPLIER = 1e18;
    uint256 public constant MAX_IM_MULTIPLIER = 5e18;
    uint256 public constant MAX_LIQUIDATION_PENALTY = 0.2e18;
    uint256 public constant MAX_OI_CAP_FRACTION = 2e18;
    uint256 public constant MIN_HORIZON = 1 minutes;
    uint256 public constant MAX_HORIZON = 7 days;
    uint256 public constant MAX_FUNDING_FACTOR = 1e13; // 1e-5 per second = 3.6 % per hour at full skew
    uint256 public constant MAX_TAKER_FEE = 0.01e18;
    uint256 public constant MAX_IMPACT_FACTOR = 0.1e18;
    uint256 public constant MIN_MAX_AGE = 10 seconds;
    uint256 public constant MAX_MAX_AGE = 1 days;
    uint256 public constant MIN_MIN_SOURCES = 1;
    uint256 public constant MAX_MIN_SOURCES = 8;
    uint256 public constant MIN_MAX_DEVIATION = 0.001e18;
    uint256 public constant MAX_MAX_DEVIATION = 0.2e18;
    uint256 public constant MIN_MAX_JUMP = 0.005e18;
    uint256 public constant MAX_MAX_JUMP = 0.5e18;
    uint256 public constant MAX_RECOVERY_PERIOD = 1 days;
    uint256 public constant MIN_EWMA_LAMBDA = 0.5e18;
    uint256 public constant MAX_EWMA_LAMBDA = 0.999e18;
    uint256 public constant MAX_FEE_SHARE = 0.5e18;

    /// @dev One slot: what the engine reads per trade besides the tier.
    struct Market {
        uint64 fundingFactor;
        uint64 takerFee;
        uint64 impactFactor;
        uint32 tierId;
        bool paused;
    }

    /// @dev One slot: fee split, global pause and the counts that bound ids.
    struct Globals {
        uint64 insuranceShare;
        uint64 stakerShare;
        bool globalPaused;
        uint32 marketCount;
        uint32 tierCount;
    }

    Globals internal _g;
    mapping(uint256 tierId => TierParams params) internal _tiers;
    mapping(uint256 marketId => Market market) internal _markets;
    mapping(uint256 marketId => string name) internal _names;
    mapping(uint256 marketId => OracleParams params) internal _oracle;

    address public guardian;
    /// @notice Seam for the liquidation issue: the insurance fund may claim the insurance buffer.
    address public insuranceFund;
    /// @notice Seam for the liquidation issue: the staking vault may claim stakers' pending rewards.
    address public stakingVault;

    constructor(address admin) Ownable(admin) {}

    // ---------------------------------------------------------------- admin

    function addTier(TierParams calldata params) external onlyOwner returns (uint256 tierId) {
        _checkTier(params);
        tierId = _g.tierCount++;
        _tiers[tierId] = params;
        emit TierSet(tierId, params);
    }

    function setTier(uint256 tierId, TierParams calldata params) external onlyOwner {
        _requireTier(tierId);
        _checkTier(params);
        _tiers[tierId] = params;
        emit TierSet(tierId, params);
    }

    function addMarket(
        string calldata name,
        uint256 tierId,
        MarketParams calldata params,
        OracleParams calldata oracle
    ) external onlyOwner returns (uint256 marketId) {
        if (bytes(name).length == 0) revert EmptyName();
        _requireTier(tierId);
        _checkMarketParams(params);
        _checkOracleParams(oracle);
        marketId = _g.marketCount++;
        _names[marketId] = name;
        _oracle[marketId] = oracle;
        _setParams(marketId, params);
        _markets[marketId].tierId = uint32(tierId);
        emit MarketAdded(marketId, name, tierId);
        emit MarketParamsSet(marketId, params);
        emit OracleParamsSet(marketId, oracle);
    }

    function setMarketTier(uint256 marketId, uint256 tierId) external onlyOwner {
        _requireMarket(marketId);
        _requireTier(tierId);
        _markets[marketId].tierId = uint32(tierId);
        emit MarketTierSet(marketId, tierId);
    }

    function setMarketParams(uint256 marketId, MarketParams calldata params) external onlyOwner {
        _requireMarket(marketId);
        _checkMarketParams(params);
        _setParams(marketId, params);
        emit MarketParamsSet(marketId, params);
    }

    /// @notice Takes effect for the aggregator at the market's next oracle update.
    function setOracleParams(uint256 marketId, OracleParams calldata oracle) external onlyOwner {
        _requireMarket(marketId);
        _checkOracleParams(oracle);
        _oracle[marketId] = oracle;
        emit OracleParamsSet(marketId, oracle);
    }

    /// @notice Shares of trading fees for the insurance buffer and stakers; the pool gets the rest.
    function setFeeSplit(uint64 insurance, uint64 stakers) external onlyOwner {
        _bound("insuranceShare", insurance, 0, MAX_FEE_SHARE);
        _bound("stakerShare", stakers, 0, MAX_FEE_SHARE);
        _g.insuranceShare = insurance;
        _g.stakerShare = stakers;
        emit FeeSplitSet(insurance, stakers);
    }

    function setGuardian(address guardian_) external onlyOwner {
        guardian = guardian_;
        emit GuardianSet(guardian_);
    }

    function setFeeRecipients(address insuranceFund_, address stakingVault_) external onlyOwner {
        insuranceFund = insuranceFund_;
        stakingVault = stakingVault_;
        emit FeeRecipientsSet(insuranceFund_, stakingVault_);
    }

    /// @notice The owner or the guardian may pause; only the owner may unpause.
    function setGlobalPause(bool paused) external {
        _checkPauser(paused);
        _g.globalPaused = paused;
        emit GlobalPauseSet(paused);
    }

    /// @notice The owner or the guardian may pause; only the owner may unpause.
    function setMarketPause(uint256 marketId, bool paused) external {
        _checkPauser(paused);
        _requireMarket(marketId);
        _markets[marketId].paused = paused;
        emit MarketPauseSet(marketId, paused);
    }

    // ---------------------------------------------------------------- views

    function owner() public view override(IRiskConfig, Ownable) returns (address) {
        return Ownable.owner();
    }

    function marketCount() external view returns (uint256) {
        return _g.marketCount;
    }

    function tierCount() external view returns (uint256) {
        return _g.tierCount;
    }

    function insuranceShare() external view returns (uint64) {
        return _g.insuranceShare;
    }

    function stakerShare() external view returns (uint64) {
        return _g.stakerShare;
    }

    function globalPaused() external view returns (bool) {
        return _g.globalPaused;
    }

    function marketName(uint256 marketId) external view returns (string memory) {
        _requireMarket(marketId);
        return _names[marketId];
    }

    function marketTier(uint256 marketId) external view returns (uint256) {
        _requireMarket(marketId);
        return _markets[marketId].tierId;
    }

    function tier(uint256 tierId) external view returns (TierParams memory) {
        _requireTier(tierId);
        return _tiers[tierId];
    }

    function marketParams(uint256 marketId) external view returns (MarketParams memory) {
        _requireMarket(marketId);
        Market memory m = _markets[marketId];
        return MarketParams({fundingFactor: m.fundingFactor, takerFee: m.takerFee, impactFactor: m.impactFactor});
    }

    function oracleParams(uint256 marketId) external view returns (OracleParams memory) {
        _requireMarket(marketId);
        return _oracle[marketId];
    }

    function marketPaused(uint256 marketId) external view returns (bool) {
        _requireMarket(marketId);
        return _markets[marketId].paused;
    }

    /// @notice Everything the engine needs per trade: 4 storage slots.
    function marketConfig(uint256 marketId) external view returns (MarketConfig memory cfg) {
        Globals memory g = _g;
        if (marketId >= g.marketCount) revert UnknownMarket(marketId);
        Market memory m = _markets[marketId];
        TierParams storage t = _tiers[m.tierId];
        cfg.mmBase = t.mmBase;
        cfg.mmMax = t.mmMax;
        cfg.imMultiplier = t.imMultiplier;
        cfg.oiCapFraction = t.oiCapFraction;
        cfg.maxLeverage = t.maxLeverage;
        cfg.fundingFactor = m.fundingFactor;
        cfg.takerFee = m.takerFee;
        cfg.impactFactor = m.impactFactor;
        cfg.insuranceShare = g.insuranceShare;
        cfg.stakerShare = g.stakerShare;
        cfg.paused = g.globalPaused || m.paused;
    }

    function _setParams(uint256 marketId, MarketParams calldata params) internal {
        Market storage m = _markets[marketId];
        m.fundingFactor = params.fundingFactor;
        m.takerFee = params.takerFee;
        m.impactFactor = params.impactFactor;
    }

    // ---------------------------------------------------------------- checks

    function _checkTier(TierParams calldata p) internal pure {
        _bound("mmBase", p.mmBase, MIN_MM_BASE, MAX_MM_BASE);
        _bound("mmMax", p.mmMax, p.mmBase, MAX_MM_MAX);
        _bound("volMultiplier", p.volMultiplier, 0, MAX_VOL_MULTIPLIER);
        _bound("maxMmRisePerHour", p.maxMmRisePerHour, MIN_MM_RISE_PER_HOUR, MAX_MM_RISE_PER_HOUR);
        _bound("maxLeverage", p.maxLeverage, MIN_MAX_LEVERAGE, MAX_MAX_LEVERAGE);
        _bound("imMultiplier", p.imMultiplier, MIN_IM_MULTIPLIER, MAX_IM_MULTIPLIER);
        _bound("liquidationPenalty", p.liquidationPenalty, 0, MAX_LIQUIDATION_PENALTY);
        _bound("oiCapFraction", p.oiCapFraction, 0, MAX_OI_CAP_FRACTION);
        _bound("horizon", p.horizon, MIN_HORIZON, MAX_HORIZON);
    }

    function _checkMarketParams(MarketParams calldata p) internal pure {
        _bound("fundingFactor", p.fundingFactor, 0, MAX_FUNDING_FACTOR);
        _bound("takerFee", p.takerFee, 0, MAX_TAKER_FEE);
        _bound("impactFactor", p.impactFactor, 0, MAX_IMPACT_FACTOR);
    }

    function _checkOracleParams(OracleParams calldata p) internal pure {
        _bound("maxAge", p.maxAge, MIN_MAX_AGE, MAX_MAX_AGE);
        _bound("minSources", p.minSources, MIN_MIN_SOURCES, MAX_MIN_SOURCES);
        _bound("maxDeviation", p.maxDeviation, MIN_MAX_DEVIATION, MAX_MAX_DEVIATION);
        _bound("maxJump", p.maxJump, MIN_MAX_JUMP, MAX_MAX_JUMP);
        _bound("recoveryPeriod", p.recoveryPeriod, 0, MAX_RECOVERY_PERIOD);
        _bound("ewmaLambda", p.ewmaLambda, MIN_EWMA_LAMBDA, MAX_EWMA_LAMBDA);
    }

    function _bound(bytes32 name, uint256 value, uint256 min, uint256 max) internal pure {
        if (value < min || value > max) revert ParameterOutOfBounds(name, value, min, max);
    }

    function _checkPauser(bool paused) internal view {
        if (msg.sender == owner()) return;
        if (paused && msg.sender == guardian) return;
        revert NotGuardian(msg.sender);
    }

    function _requireTier(uint256 tierId) internal view {
        if (tierId >= _g.tierCount) revert UnknownTier(tierId);
    }

    function _requireMarket(uint256 marketId) internal view {
        if (marketId >= _g.marketCount) revert UnknownMarket(marketId);
    }
}

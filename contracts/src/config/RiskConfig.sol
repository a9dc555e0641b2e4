// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {
    IRiskConfig, TierParams, MarketParams, OracleParams, MarketConfig
} from "../interfaces/IRiskConfig.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {GovernedParameters} from "../governance/GovernedParameters.sol";
import {ParameterKeys} from "../libraries/ParameterKeys.sol";

/// @dev The one engine call the config makes.
interface IFundingAccrual {
    function poke(uint256 marketId) external;
}

/// @title RiskConfig
/// @notice Every protocol parameter, each inside hard bounds that no admin (the governance
/// timelock) can cross. The guardian (the `PauseGuardian`) may pause and unpause new risk per
/// market or globally through the `IRiskPausable` calls; it cannot change parameters.
/// @dev Governed parameters: every numeric tier, market, oracle and fee-split field is registered
/// in `GovernedParameters` when its tier or market is added (the fee split in the constructor),
/// with the hard bounds below, so `getParameters()` lists them all and `setParameter(id, value)`
/// (owner or risk steward) changes them. The packed structs stay the source of truth for the
/// typed getters the engine and the aggregator read (`marketConfig` is still 4 slots): the
/// registry's value is a mirror, written by `setParameter` (which writes the struct field in
/// `_beforeParameterSet`) and by every structured setter (`_sync`). Ids: see `ParameterKeys`
/// (`tier(name, tierId)`, `market(name, marketId)` for market and oracle fields, `global(name)`).
contract RiskConfig is IRiskConfig, GovernedParameters, Ownable2Step {
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
    uint256 public constant MAX_STALE_GRACE = 1 days;
    uint256 public constant MIN_MAX_GUARD_DURATION = 1 minutes;
    uint256 public constant MAX_MAX_GUARD_DURATION = 1 days;
    uint256 public constant MIN_VOL_BUCKET = 10 seconds;
    uint256 public constant MAX_VOL_BUCKET = 1 hours;
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
    /// @notice The engine that accrues a market's funding before its parameters change: the
    /// funding factor is read lazily, so without this a new factor would also price the time
    /// since the market's last accrual.
    address public engine;

    /// @dev Where a governed parameter lives: kind (top byte), field (next byte), tier or market id.
    uint256 internal constant KIND_TIER = 1;
    uint256 internal constant KIND_MARKET = 2;
    uint256 internal constant KIND_ORACLE = 3;
    uint256 internal constant KIND_GLOBAL = 4;
    uint256 internal constant TIER_FIELDS = 9;
    uint256 internal constant MARKET_FIELDS = 3;
    uint256 internal constant ORACLE_FIELDS = 9;

    mapping(bytes32 id => uint256 ref) internal _refs;

    constructor(address admin) Ownable(admin) {
        _registerParameter(ParameterKeys.global("insuranceShare"), "insurance share of fees", "wad", 0, MAX_FEE_SHARE, 0);
        _registerParameter(ParameterKeys.global("stakerShare"), "staker share of fees", "wad", 0, MAX_FEE_SHARE, 0);
        _refs[ParameterKeys.global("insuranceShare")] = _ref(KIND_GLOBAL, 0, 0);
        _refs[ParameterKeys.global("stakerShare")] = _ref(KIND_GLOBAL, 1, 0);
    }

    // ---------------------------------------------------------------- admin

    function addTier(TierParams calldata params) external onlyOwner returns (uint256 tierId) {
        _checkTier(params);
        tierId = _g.tierCount++;
        _tiers[tierId] = params;
        uint256[TIER_FIELDS] memory v = _tierValues(params);
        for (uint256 f; f < TIER_FIELDS; ++f) {
            _registerTierField(tierId, f, v[f]);
        }
        emit TierSet(tierId, params);
    }

    function setTier(uint256 tierId, TierParams calldata params) external onlyOwner {
        _requireTier(tierId);
        _checkTier(params);
        _tiers[tierId] = params;
        uint256[TIER_FIELDS] memory v = _tierValues(params);
        for (uint256 f; f < TIER_FIELDS; ++f) {
            (string memory key,,,,) = _tierField(f);
            _sync(ParameterKeys.tier(key, tierId), v[f]);
        }
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
        _registerMarket(marketId, name, params, oracle);
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
        _accrueFunding(marketId);
        _setParams(marketId, params);
        uint256[MARKET_FIELDS] memory v = _marketValues(params);
        for (uint256 f; f < MARKET_FIELDS; ++f) {
            (string memory key,,,,) = _marketField(f);
            _sync(ParameterKeys.market(key, marketId), v[f]);
        }
        emit MarketParamsSet(marketId, params);
    }

    /// @notice Takes effect for the aggregator at the market's next oracle update.
    function setOracleParams(uint256 marketId, OracleParams calldata oracle) external onlyOwner {
        _requireMarket(marketId);
        _checkOracleParams(oracle);
        _oracle[marketId] = oracle;
        uint256[ORACLE_FIELDS] memory v = _oracleValues(oracle);
        for (uint256 f; f < ORACLE_FIELDS; ++f) {
            (string memory key,,,,) = _oracleField(f);
            _sync(ParameterKeys.market(key, marketId), v[f]);
        }
        emit OracleParamsSet(marketId, oracle);
    }

    /// @notice Shares of trading fees for the insurance buffer and stakers; the pool gets the rest.
    function setFeeSplit(uint64 insurance, uint64 stakers) external onlyOwner {
        _bound("insuranceShare", insurance, 0, MAX_FEE_SHARE);
        _bound("stakerShare", stakers, 0, MAX_FEE_SHARE);
        _g.insuranceShare = insurance;
        _g.stakerShare = stakers;
        _sync(ParameterKeys.global("insuranceShare"), insurance);
        _sync(ParameterKeys.global("stakerShare"), stakers);
        emit FeeSplitSet(insurance, stakers);
    }

    /// @notice Replaces the guardian (the `PauseGuardian` contract); zero revokes it. Owner only.
    function setGuardian(address guardian_) external onlyOwner {
        emit GuardianSet(guardian, guardian_);
        guardian = guardian_;
    }

    /// @notice One-time wiring of the engine whose funding is accrued before a market parameter
    /// changes (see `engine`).
    function setEngine(address engine_) external onlyOwner {
        if (engine != address(0) || engine_ == address(0)) revert EngineAlreadySet();
        engine = engine_;
        emit EngineSet(engine_);
    }

    function setFeeRecipients(address insuranceFund_, address stakingVault_) external onlyOwner {
        insuranceFund = insuranceFund_;
        stakingVault = stakingVault_;
        emit FeeRecipientsSet(insuranceFund_, stakingVault_);
    }

    /// @notice Legacy switch: the owner or the guardian may pause; only the owner may unpause
    /// here (the guardian unpauses with `unpauseAll`, the `IRiskPausable` call).
    function setGlobalPause(bool paused) external {
        _checkPauser(paused);
        _setGlobalPause(paused);
    }

    /// @notice Legacy switch: the owner or the guardian may pause; only the owner may unpause
    /// here (the guardian unpauses with `unpauseMarket`, the `IRiskPausable` call).
    function setMarketPause(uint256 marketId, bool paused) external {
        _checkPauser(paused);
        _setMarketPause(marketId, paused);
    }

    // ---------------------------------------------------------------- IRiskPausable

    /// @notice Pauses new risk (open, increase) in one market. Guardian or owner.
    function pauseMarket(uint256 marketId) external {
        _checkGuardianOrOwner();
        _setMarketPause(marketId, true);
    }

    /// @notice Lifts the market's pause (a global pause still applies). Guardian or owner.
    function unpauseMarket(uint256 marketId) external {
        _checkGuardianOrOwner();
        _setMarketPause(marketId, false);
    }

    /// @notice Pauses new risk in every market. Guardian or owner.
    function pauseAll() external {
        _checkGuardianOrOwner();
        _setGlobalPause(true);
    }

    /// @notice Lifts the global pause (market pauses still apply). Guardian or owner.
    function unpauseAll() external {
        _checkGuardianOrOwner();
        _setGlobalPause(false);
    }

    /// @notice Whether new risk in `marketId` is paused, by market or globally.
    function isPaused(uint256 marketId) external view returns (bool) {
        return _g.globalPaused || _markets[marketId].paused;
    }

    function _setGlobalPause(bool paused) internal {
        _g.globalPaused = paused;
        emit GlobalPauseSet(paused, msg.sender);
    }

    function _setMarketPause(uint256 marketId, bool paused) internal {
        _requireMarket(marketId);
        _markets[marketId].paused = paused;
        emit MarketPauseSet(marketId, paused, msg.sender);
    }

    function _checkGuardianOrOwner() internal view {
        if (msg.sender != owner() && msg.sender != guardian) revert NotGuardianOrOwner(msg.sender);
    }

    // ---------------------------------------------------------------- views

    function owner() public view override(IRiskConfig, Ownable) returns (address) {
        return Ownable.owner();
    }

    function transferOwnership(address newOwner) public override(Ownable, Ownable2Step) onlyOwner {
        super.transferOwnership(newOwner);
    }

    function _transferOwnership(address newOwner) internal override(Ownable, Ownable2Step) {
        super._transferOwnership(newOwner);
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

    // ---------------------------------------------------------------- governed parameters

    function _registerMarket(
        uint256 marketId,
        string calldata name,
        MarketParams calldata params,
        OracleParams calldata oracle
    ) internal {
        uint256[MARKET_FIELDS] memory mv = _marketValues(params);
        for (uint256 f; f < MARKET_FIELDS; ++f) {
            _registerMarketField(marketId, name, KIND_MARKET, f, mv[f]);
        }
        uint256[ORACLE_FIELDS] memory ov = _oracleValues(oracle);
        for (uint256 f; f < ORACLE_FIELDS; ++f) {
            _registerMarketField(marketId, name, KIND_ORACLE, f, ov[f]);
        }
    }

    function _registerMarketField(uint256 marketId, string calldata name, uint256 kind, uint256 f, uint256 value)
        internal
    {
        (string memory key, string memory label, string memory unit, uint256 lo, uint256 hi) =
            kind == KIND_MARKET ? _marketField(f) : _oracleField(f);
        bytes32 id = ParameterKeys.market(key, marketId);
        _registerParameter(id, string.concat(name, " ", label), unit, lo, hi, value);
        _refs[id] = _ref(kind, f, marketId);
    }

    function _registerTierField(uint256 tierId, uint256 f, uint256 value) internal {
        (string memory key, string memory label, string memory unit, uint256 lo, uint256 hi) = _tierField(f);
        bytes32 id = ParameterKeys.tier(key, tierId);
        _registerParameter(id, string.concat("tier ", Strings.toString(tierId), " ", label), unit, lo, hi, value);
        _refs[id] = _ref(KIND_TIER, f, tierId);
    }

    /// @dev `setParameter` path (owner or steward), after the registry's hard-bounds check:
    /// re-checks the cross-field bounds (mmBase ≤ mmMax) and writes the struct field the typed
    /// getters read. Every value has passed its registered bounds, which fit the field's type.
    function _beforeParameterSet(bytes32 id, uint256, uint256 value) internal override {
        uint256 ref = _refs[id];
        uint256 kind = ref >> 248;
        uint256 field = (ref >> 240) & 0xff;
        uint256 scope = ref & type(uint240).max;
        if (kind == KIND_TIER) {
            TierParams storage t = _tiers[scope];
            if (field == 0) {
                if (value > t.mmMax) revert ParameterOutOfBounds(id, value, MIN_MM_BASE, t.mmMax);
                t.mmBase = uint64(value);
            } else if (field == 1) {
                if (value < t.mmBase) revert ParameterOutOfBounds(id, value, t.mmBase, MAX_MM_MAX);
                t.mmMax = uint64(value);
            } else if (field == 2) {
                t.volMultiplier = uint64(value);
            } else if (field == 3) {
                t.maxMmRisePerHour = uint64(value);
            } else if (field == 4) {
                t.maxLeverage = uint96(value);
            } else if (field == 5) {
                t.imMultiplier = uint64(value);
            } else if (field == 6) {
                t.liquidationPenalty = uint64(value);
            } else if (field == 7) {
                t.oiCapFraction = uint64(value);
            } else {
                t.horizon = uint32(value);
            }
            emit TierSet(scope, t);
        } else if (kind == KIND_MARKET) {
            _accrueFunding(scope);
            Market storage m = _markets[scope];
            if (field == 0) m.fundingFactor = uint64(value);
            else if (field == 1) m.takerFee = uint64(value);
            else m.impactFactor = uint64(value);
            emit MarketParamsSet(
                scope, MarketParams({fundingFactor: m.fundingFactor, takerFee: m.takerFee, impactFactor: m.impactFactor})
            );
        } else if (kind == KIND_ORACLE) {
            OracleParams storage o = _oracle[scope];
            if (field == 0) o.maxAge = uint32(value);
            else if (field == 1) o.minSources = uint8(value);
            else if (field == 2) o.maxDeviation = uint64(value);
            else if (field == 3) o.maxJump = uint64(value);
            else if (field == 4) o.recoveryPeriod = uint32(value);
            else if (field == 5) o.ewmaLambda = uint64(value);
            else if (field == 6) o.staleGrace = uint32(value);
            else if (field == 7) o.maxGuardDuration = uint32(value);
            else o.volBucket = uint32(value);
            emit OracleParamsSet(scope, o);
        } else {
            if (field == 0) _g.insuranceShare = uint64(value);
            else _g.stakerShare = uint64(value);
            emit FeeSplitSet(_g.insuranceShare, _g.stakerShare);
        }
    }

    /// @dev Funding accrued to now at the parameters in force until now (the engine's `poke`).
    function _accrueFunding(uint256 marketId) internal {
        address e = engine;
        if (e != address(0)) IFundingAccrual(e).poke(marketId);
    }

    /// @dev Mirrors a structured setter's write into the registry (same event as `setParameter`).
    function _sync(bytes32 id, uint256 value) internal {
        Parameter storage p = _parameters[id];
        uint256 old = p.value;
        if (old == value) return;
        p.value = value;
        p.updatedAt = uint64(block.timestamp);
        emit ParameterSet(id, old, value, msg.sender);
    }

    function _ref(uint256 kind, uint256 field, uint256 scope) internal pure returns (uint256) {
        return (kind << 248) | (field << 240) | scope;
    }

    /// @dev Tier fields in registration order: key, human label, unit, hard bounds. mmMax is
    /// further bounded below by the tier's mmBase and mmBase above by mmMax (checked on write).
    function _tierField(uint256 f)
        internal
        pure
        returns (string memory key, string memory label, string memory unit, uint256 lo, uint256 hi)
    {
        if (f == 0) return ("mmBase", "maintenance margin base", "wad", MIN_MM_BASE, MAX_MM_BASE);
        if (f == 1) return ("mmMax", "maintenance margin max", "wad", MIN_MM_BASE, MAX_MM_MAX);
        if (f == 2) return ("volMultiplier", "volatility multiplier", "wad", 0, MAX_VOL_MULTIPLIER);
        if (f == 3) {
            return ("maxMmRisePerHour", "max margin rise per hour", "wad", MIN_MM_RISE_PER_HOUR, MAX_MM_RISE_PER_HOUR);
        }
        if (f == 4) return ("maxLeverage", "max leverage", "wad", MIN_MAX_LEVERAGE, MAX_MAX_LEVERAGE);
        if (f == 5) return ("imMultiplier", "initial margin multiplier", "wad", MIN_IM_MULTIPLIER, MAX_IM_MULTIPLIER);
        if (f == 6) return ("liquidationPenalty", "liquidation penalty", "wad", 0, MAX_LIQUIDATION_PENALTY);
        if (f == 7) return ("oiCapFraction", "open interest cap", "wad", 0, MAX_OI_CAP_FRACTION);
        return ("horizon", "liquidation horizon", "seconds", MIN_HORIZON, MAX_HORIZON);
    }

    function _tierValues(TierParams calldata p) internal pure returns (uint256[TIER_FIELDS] memory) {
        return [
            uint256(p.mmBase),
            p.mmMax,
            p.volMultiplier,
            p.maxMmRisePerHour,
            p.maxLeverage,
            p.imMultiplier,
            p.liquidationPenalty,
            p.oiCapFraction,
            p.horizon
        ];
    }

    function _marketField(uint256 f)
        internal
        pure
        returns (string memory key, string memory label, string memory unit, uint256 lo, uint256 hi)
    {
        if (f == 0) return ("fundingFactor", "funding factor", "wad/s", 0, MAX_FUNDING_FACTOR);
        if (f == 1) return ("takerFee", "taker fee", "wad", 0, MAX_TAKER_FEE);
        return ("impactFactor", "price impact factor", "wad", 0, MAX_IMPACT_FACTOR);
    }

    function _marketValues(MarketParams calldata p) internal pure returns (uint256[MARKET_FIELDS] memory) {
        return [uint256(p.fundingFactor), p.takerFee, p.impactFactor];
    }

    function _oracleField(uint256 f)
        internal
        pure
        returns (string memory key, string memory label, string memory unit, uint256 lo, uint256 hi)
    {
        if (f == 0) return ("maxAge", "oracle max age", "seconds", MIN_MAX_AGE, MAX_MAX_AGE);
        if (f == 1) return ("minSources", "oracle min sources", "count", MIN_MIN_SOURCES, MAX_MIN_SOURCES);
        if (f == 2) return ("maxDeviation", "oracle max deviation", "wad", MIN_MAX_DEVIATION, MAX_MAX_DEVIATION);
        if (f == 3) return ("maxJump", "oracle max jump", "wad", MIN_MAX_JUMP, MAX_MAX_JUMP);
        if (f == 4) return ("recoveryPeriod", "oracle recovery period", "seconds", 0, MAX_RECOVERY_PERIOD);
        if (f == 5) return ("ewmaLambda", "oracle EWMA lambda", "wad", MIN_EWMA_LAMBDA, MAX_EWMA_LAMBDA);
        if (f == 6) return ("staleGrace", "oracle stale grace", "seconds", 0, MAX_STALE_GRACE);
        if (f == 7) {
            return ("maxGuardDuration", "oracle max guard duration", "seconds", MIN_MAX_GUARD_DURATION, MAX_MAX_GUARD_DURATION);
        }
        return ("volBucket", "oracle volatility bucket", "seconds", MIN_VOL_BUCKET, MAX_VOL_BUCKET);
    }

    function _oracleValues(OracleParams calldata p) internal pure returns (uint256[ORACLE_FIELDS] memory) {
        return [
            uint256(p.maxAge),
            p.minSources,
            p.maxDeviation,
            p.maxJump,
            p.recoveryPeriod,
            p.ewmaLambda,
            p.staleGrace,
            p.maxGuardDuration,
            p.volBucket
        ];
    }

    // ---------------------------------------------------------------- checks

    /// @dev Every field against its bounds from the one table (`_tierField`); mmMax is further
    /// bounded below by the tier's own mmBase (checked first).
    function _checkTier(TierParams calldata p) internal pure {
        uint256[TIER_FIELDS] memory v = _tierValues(p);
        for (uint256 f; f < TIER_FIELDS; ++f) {
            (string memory key,,, uint256 lo, uint256 hi) = _tierField(f);
            if (f == 1) lo = p.mmBase;
            _bound(bytes32(bytes(key)), v[f], lo, hi);
        }
    }

    function _checkMarketParams(MarketParams calldata p) internal pure {
        uint256[MARKET_FIELDS] memory v = _marketValues(p);
        for (uint256 f; f < MARKET_FIELDS; ++f) {
            (string memory key,,, uint256 lo, uint256 hi) = _marketField(f);
            _bound(bytes32(bytes(key)), v[f], lo, hi);
        }
    }

    function _checkOracleParams(OracleParams calldata p) internal pure {
        uint256[ORACLE_FIELDS] memory v = _oracleValues(p);
        for (uint256 f; f < ORACLE_FIELDS; ++f) {
            (string memory key,,, uint256 lo, uint256 hi) = _oracleField(f);
            _bound(bytes32(bytes(key)), v[f], lo, hi);
        }
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

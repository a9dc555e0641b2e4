// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {
    IRiskConfig,
    TierParams,
    MarketParams,
    OracleParams,
    MarketConfig,
    ParameterRamp,
    IFeeRecipient
} from "../interfaces/IRiskConfig.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {GovernedParameters} from "../governance/GovernedParameters.sol";
import {ParameterKeys} from "../libraries/ParameterKeys.sol";
import {ParameterKinds} from "../libraries/ParameterKinds.sol";
import {ParameterRamps} from "../libraries/ParameterRamps.sol";
import {PauseWindows} from "../libraries/PauseWindows.sol";
import {
    RiskParameterTable as Table,
    StoredTier,
    TIER_FIELDS,
    MARKET_FIELDS,
    ORACLE_FIELDS
} from "../libraries/RiskParameterTable.sol";

/// @dev The engine calls the config makes: accrue funding before a market parameter changes, and
/// find the oracle whose sources bound `minSources`.
interface IConfigEngine {
    function poke(uint256 marketId) external;
    function oracle() external view returns (ISourceList);
}

interface ISourceList {
    function getSources(uint256 marketId) external view returns (address[] memory);
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
/// Limits no vote can break (issue 12): a margin increase (mmBase, mmMax, the margin rise rate)
/// ramps in, and the typed getters return the value in force (`ParameterRamps`), while the
/// registry holds the target; `minSources` cannot exceed the market's oracle sources; caps have a
/// non-zero floor; fee recipients must be this deployment's and are wired once (like the rest of
/// the insurance stack); guardian pauses expire (`PauseWindows`).
contract RiskConfig is IRiskConfig, GovernedParameters, Ownable2Step {
    uint256 internal constant WAD = 1e18;

    // Hard bounds: `RiskParameterTable` (one table for registration, checks and the listing).

    /// @notice A faster margin rise rate (`maxMmRisePerHour` up) comes in over a day, so a proposal
    /// cannot speed up the ramp of the margin increase it carries.
    uint256 public constant RISE_RATE_RAMP = 1 days;

    /// @dev One slot: what the engine reads per trade besides the tier.
    struct Market {
        uint64 fundingFactor;
        uint64 takerFee;
        uint64 impactFactor;
        uint16 tierId;
        /// @dev when the market's pause ends (`PauseWindows`)
        uint40 pausedUntil;
    }

    /// @dev One slot: fee split, global pause, the counts that bound ids, and the end of the last
    /// ramp (no ramp slot is read once it has passed).
    struct Globals {
        uint64 insuranceShare;
        uint64 stakerShare;
        uint40 pausedUntil;
        uint32 marketCount;
        uint16 tierCount;
        uint40 rampsEndAt;
    }

    Globals internal _g;
    /// @dev two slots; the first holds everything `marketConfig` reads (see `StoredTier`)
    mapping(uint256 tierId => StoredTier params) internal _tiers;
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

    mapping(bytes32 id => uint256 ref) internal _refs;
    /// @dev Running ramps of the ramped tier fields, by ref (`_ref(KIND_TIER, field, tierId)`).
    mapping(uint256 ref => ParameterRamps.Ramp) internal _ramps;

    /// @dev Tier fields whose increase ramps in: mmBase, mmMax, maxMmRisePerHour along a line;
    /// volMultiplier and horizon as a delayed catch-up (`catchUpInputs`).
    uint256 internal constant F_MM_BASE = 0;
    uint256 internal constant F_MM_MAX = 1;
    uint256 internal constant F_VOL_MULTIPLIER = 2;
    uint256 internal constant F_RISE_RATE = 3;
    uint256 internal constant F_HORIZON = 8;

    constructor(address admin) Ownable(admin) {
        _registerGlobal(
            "insuranceShare", "insurance share of fees", "wad", ParameterKinds.FEE_SPLIT, 0, Table.MAX_FEE_SHARE, 0, 0
        );
        _registerGlobal(
            "stakerShare", "staker share of fees", "wad", ParameterKinds.FEE_SPLIT, 0, Table.MAX_FEE_SHARE, 0, 1
        );
        _registerGlobal(
            "guardianPauseDuration",
            "guardian pause duration",
            "seconds",
            ParameterKinds.GUARDIAN,
            PauseWindows.MIN_DURATION,
            PauseWindows.MAX_DURATION,
            PauseWindows.DEFAULT_DURATION,
            2
        );
    }

    // ---------------------------------------------------------------- admin

    function addTier(TierParams calldata params) external onlyOwner returns (uint256 tierId) {
        StoredTier memory packed = Table.packTier(params);
        if (_g.tierCount == type(uint16).max) revert TooManyTiers();
        tierId = _g.tierCount++;
        _tiers[tierId] = packed;
        uint256[TIER_FIELDS] memory v = Table.tierValues(params);
        for (uint256 f; f < TIER_FIELDS; ++f) {
            _registerTierField(tierId, f, v[f]);
        }
        emit TierSet(tierId, params);
    }

    /// @notice Replaces a tier; increases of mmBase, mmMax and the margin rise rate ramp in, the
    /// margins at the rise rate in force before this call.
    function setTier(uint256 tierId, TierParams calldata params) external onlyOwner {
        _requireTier(tierId);
        StoredTier memory packed = Table.packTier(params);
        // ramped fields in field order: a rise rate raised here still ramps, so the margins, the
        // multiplier and the horizon ramp at the rate in force before this call
        uint256[TIER_FIELDS] memory was = Table.tierValues(_tierParams(_tiers[tierId]));
        uint256[TIER_FIELDS] memory v = Table.tierValues(params);
        for (uint256 f; f < TIER_FIELDS; ++f) {
            if (_isRamped(f)) _rampTierField(_tierFieldId(f, tierId), tierId, f, was[f], v[f]);
        }
        _tiers[tierId] = packed;
        _checkLeverageGaps();
        for (uint256 f; f < TIER_FIELDS; ++f) {
            _syncParameter(_tierFieldId(f, tierId), v[f]);
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
        Table.checkMarketParams(params);
        Table.checkOracleParams(oracle);
        marketId = _g.marketCount++;
        _names[marketId] = name;
        _oracle[marketId] = oracle;
        _setParams(marketId, params);
        _markets[marketId].tierId = uint16(tierId);
        _checkLeverageGaps();
        _registerMarket(marketId, name, params, oracle);
        emit MarketAdded(marketId, name, tierId);
        emit MarketParamsSet(marketId, params);
        emit OracleParamsSet(marketId, oracle);
    }

    function setMarketParams(uint256 marketId, MarketParams calldata params) external onlyOwner {
        _requireMarket(marketId);
        Table.checkMarketParams(params);
        _accrueFunding(marketId);
        _setParams(marketId, params);
        _checkLeverageGaps();
        uint256[MARKET_FIELDS] memory v = Table.marketValues(params);
        for (uint256 f; f < MARKET_FIELDS; ++f) {
            (string memory key,,,,) = Table.marketField(f);
            _syncParameter(ParameterKeys.market(key, marketId), v[f]);
        }
        emit MarketParamsSet(marketId, params);
    }

    /// @notice Takes effect for the aggregator at the market's next oracle update.
    function setOracleParams(uint256 marketId, OracleParams calldata oracle) external onlyOwner {
        _requireMarket(marketId);
        Table.checkOracleParams(oracle);
        if (oracle.minSources > _oracle[marketId].minSources) _checkSources(marketId, oracle.minSources);
        _oracle[marketId] = oracle;
        _checkLeverageGaps();
        uint256[ORACLE_FIELDS] memory v = Table.oracleValues(oracle);
        for (uint256 f; f < ORACLE_FIELDS; ++f) {
            (string memory key,,,,) = Table.oracleField(f);
            _syncParameter(ParameterKeys.market(key, marketId), v[f]);
        }
        emit OracleParamsSet(marketId, oracle);
    }

    /// @notice Shares of trading fees for the insurance buffer and stakers; the pool gets the rest.
    function setFeeSplit(uint64 insurance, uint64 stakers) external onlyOwner {
        Table.bound("insuranceShare", insurance, 0, Table.MAX_FEE_SHARE);
        Table.bound("stakerShare", stakers, 0, Table.MAX_FEE_SHARE);
        _g.insuranceShare = insurance;
        _g.stakerShare = stakers;
        _syncParameter(ParameterKeys.global("insuranceShare"), insurance);
        _syncParameter(ParameterKeys.global("stakerShare"), stakers);
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

    /// @notice Wires the insurance fund and the staking vault, once. Both must be this deployment's
    /// (`IFeeRecipient`: their `config()` is this config, their `engine()` its engine). A second
    /// call reverts `FeeRecipientsAlreadySet`: the liquidation engine's fund is immutable and the
    /// engine's liquidator, the fund's wiring and the token's minter are set once, so a vote that
    /// moved only these pointers would split the stack (docs/security.md, issue 12 row 25 and row 35).
    function setFeeRecipients(address insuranceFund_, address stakingVault_) external onlyOwner {
        if (insuranceFund != address(0) || stakingVault != address(0)) {
            revert FeeRecipientsAlreadySet(insuranceFund, stakingVault);
        }
        _checkFeeRecipient(insuranceFund_);
        _checkFeeRecipient(stakingVault_);
        insuranceFund = insuranceFund_;
        stakingVault = stakingVault_;
        emit FeeRecipientsSet(insuranceFund_, stakingVault_);
    }

    /// @dev A check call, not a proof of honesty: it stops a wrong address (an EOA, another
    /// deployment's fund) before the one wiring.
    function _checkFeeRecipient(address recipient) internal view {
        if (
            !_answers(recipient, IFeeRecipient.config.selector, address(this))
                || (engine != address(0) && !_answers(recipient, IFeeRecipient.engine.selector, engine))
        ) revert InvalidFeeRecipient(recipient);
    }

    /// @dev Whether `target` answers the address getter `selector` with `expected`.
    function _answers(address target, bytes4 selector, address expected) internal view returns (bool) {
        if (target.code.length == 0) return false;
        (bool ok, bytes memory data) = target.staticcall(abi.encodeWithSelector(selector));
        return ok && data.length == 32 && abi.decode(data, (address)) == expected;
    }

    // ---------------------------------------------------------------- IRiskPausable

    /// @notice Pauses new risk (open, increase) in one market: the owner until lifted, the
    /// guardian for `guardianPauseDuration` and only where no pause runs.
    function pauseMarket(uint256 marketId) external {
        _checkGuardianOrOwner();
        _requireMarket(marketId);
        Market storage m = _markets[marketId];
        uint40 until = PauseWindows.pause(m.pausedUntil, msg.sender == owner(), guardianPauseDuration(), marketId);
        m.pausedUntil = until;
        emit MarketPauseSet(marketId, until, msg.sender);
    }

    /// @notice Lifts the market's pause (a global pause still applies): the owner any, the
    /// guardian only its own.
    function unpauseMarket(uint256 marketId) external {
        _checkGuardianOrOwner();
        _requireMarket(marketId);
        Market storage m = _markets[marketId];
        uint40 until = PauseWindows.lift(m.pausedUntil, msg.sender == owner(), marketId);
        m.pausedUntil = until;
        emit MarketPauseSet(marketId, until, msg.sender);
    }

    /// @notice Pauses new risk in every market (same rules as `pauseMarket`).
    function pauseAll() external {
        _checkGuardianOrOwner();
        uint40 until = PauseWindows.pause(
            _g.pausedUntil, msg.sender == owner(), guardianPauseDuration(), PauseWindows.ALL_MARKETS
        );
        _g.pausedUntil = until;
        emit GlobalPauseSet(until, msg.sender);
    }

    /// @notice Lifts the global pause (market pauses still apply; same rules as `unpauseMarket`).
    function unpauseAll() external {
        _checkGuardianOrOwner();
        uint40 until = PauseWindows.lift(_g.pausedUntil, msg.sender == owner(), PauseWindows.ALL_MARKETS);
        _g.pausedUntil = until;
        emit GlobalPauseSet(until, msg.sender);
    }

    /// @notice Whether new risk in `marketId` is paused, by market or globally.
    function isPaused(uint256 marketId) external view returns (bool) {
        return PauseWindows.active(_g.pausedUntil) || PauseWindows.active(_markets[marketId].pausedUntil);
    }

    /// @notice When the market's own pause and the global pause end (see `IRiskPausable`).
    function pausedUntil(uint256 marketId) external view returns (uint256, uint256) {
        return (_markets[marketId].pausedUntil, _g.pausedUntil);
    }

    /// @notice How long a guardian pause lasts: the governed parameter "guardianPauseDuration"
    /// (vote only, [1 hour, 30 days], 7 days at deploy).
    function guardianPauseDuration() public view returns (uint256) {
        return _parameter(ParameterKeys.global("guardianPauseDuration"));
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

    function marketName(uint256 marketId) external view returns (string memory) {
        _requireMarket(marketId);
        return _names[marketId];
    }

    function marketTier(uint256 marketId) external view returns (uint256) {
        _requireMarket(marketId);
        return _markets[marketId].tierId;
    }

    /// @notice The tier's parameters in force now: mmBase, mmMax and maxMmRisePerHour along their
    /// ramps (the registry holds the targets); volMultiplier and horizon are the targets (see
    /// `catchUpInputs`).
    function tier(uint256 tierId) external view returns (TierParams memory t) {
        _requireTier(tierId);
        t = _tierParams(_tiers[tierId]);
        if (block.timestamp < _g.rampsEndAt) {
            (uint256 base, uint256 max) = _marginsInForce(tierId, t.mmBase, t.mmMax);
            (t.mmBase, t.mmMax) = (uint64(base), uint64(max)); // ≤ the targets, which are uint64
            t.maxMmRisePerHour = uint64(_rampedTierField(tierId, F_RISE_RATE, t.maxMmRisePerHour));
        }
    }

    /// @inheritdoc IRiskConfig
    function catchUpInputs(uint256 tierId) external view returns (uint256 volMultiplier, uint256 horizon) {
        _requireTier(tierId);
        return _catchUp(tierId, _tiers[tierId]);
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

    /// @notice Everything the engine needs per trade: 4 storage slots (plus two while a margin
    /// ramp runs), with the margins in force now.
    function marketConfig(uint256 marketId) external view returns (MarketConfig memory cfg) {
        Globals memory g = _g;
        if (marketId >= g.marketCount) revert UnknownMarket(marketId);
        Market memory m = _markets[marketId];
        StoredTier storage t = _tiers[m.tierId];
        (cfg.mmBase, cfg.mmMax) = block.timestamp < g.rampsEndAt
            ? _marginsInForce(m.tierId, t.mmBase, t.mmMax)
            : (uint256(t.mmBase), uint256(t.mmMax));
        cfg.imMultiplier = t.imMultiplier;
        cfg.oiCapFraction = uint256(t.oiCapSteps) * Table.OI_CAP_STEP;
        cfg.maxLeverage = uint256(t.leverageSteps) * Table.LEVERAGE_STEP;
        cfg.fundingFactor = m.fundingFactor;
        cfg.takerFee = m.takerFee;
        cfg.impactFactor = m.impactFactor;
        cfg.insuranceShare = g.insuranceShare;
        cfg.stakerShare = g.stakerShare;
        cfg.paused = PauseWindows.active(g.pausedUntil) || PauseWindows.active(m.pausedUntil);
    }

    /// @inheritdoc IRiskConfig
    function parameterRamp(bytes32 id) external view returns (ParameterRamp memory r) {
        r.target = _parameter(id);
        r.from = r.target;
        r.current = r.target;
        (bool ramped, uint256 tierId, uint256 field) = _rampedField(id);
        if (!ramped) return r;
        ParameterRamps.Ramp memory ramp = _ramps[_ref(KIND_TIER, field, tierId)];
        if (block.timestamp >= ramp.end) return r;
        (r.from, r.start, r.end) = (ramp.from, ramp.start, ramp.end);
        r.current = _rampStart(ramp, field, r.target);
    }

    /// @inheritdoc IRiskConfig
    function rampDuration(bytes32 id, uint256 value) external view returns (uint256) {
        uint256 target = _parameter(id);
        (bool ramped, uint256 tierId, uint256 field) = _rampedField(id);
        return ramped ? _rampDuration(tierId, field, _rampStart(_ramps[_ref(KIND_TIER, field, tierId)], field, target), value) : 0;
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
        uint256[MARKET_FIELDS] memory mv = Table.marketValues(params);
        for (uint256 f; f < MARKET_FIELDS; ++f) {
            _registerMarketField(marketId, name, KIND_MARKET, f, mv[f]);
        }
        uint256[ORACLE_FIELDS] memory ov = Table.oracleValues(oracle);
        for (uint256 f; f < ORACLE_FIELDS; ++f) {
            _registerMarketField(marketId, name, KIND_ORACLE, f, ov[f]);
        }
    }

    function _registerMarketField(uint256 marketId, string calldata name, uint256 kind, uint256 f, uint256 value)
        internal
    {
        (string memory key, string memory label, string memory unit, uint256 lo, uint256 hi) =
            kind == KIND_MARKET ? Table.marketField(f) : Table.oracleField(f);
        // funding factor: funding; taker fee, impact factor: fees; every oracle field: oracle wiring
        uint8 pk = kind == KIND_ORACLE ? ParameterKinds.ORACLE : f == 0 ? ParameterKinds.FUNDING : ParameterKinds.FEE;
        bytes32 id = ParameterKeys.market(key, marketId);
        _registerParameter(id, string.concat(name, " ", label), unit, pk, lo, hi, value);
        _refs[id] = _ref(kind, f, marketId);
    }

    function _tierFieldId(uint256 f, uint256 tierId) internal pure returns (bytes32) {
        (string memory key,,,,) = Table.tierField(f);
        return ParameterKeys.tier(key, tierId);
    }

    function _registerTierField(uint256 tierId, uint256 f, uint256 value) internal {
        (string memory key, string memory label, string memory unit, uint256 lo, uint256 hi) = Table.tierField(f);
        uint8 pk = f == 7 ? ParameterKinds.OPEN_INTEREST : ParameterKinds.MARGIN; // 7: oiCapFraction
        bytes32 id = ParameterKeys.tier(key, tierId);
        _registerParameter(id, string.concat("tier ", Strings.toString(tierId), " ", label), unit, pk, lo, hi, value);
        _refs[id] = _ref(KIND_TIER, f, tierId);
    }

    function _registerGlobal(
        string memory key,
        string memory label,
        string memory unit,
        uint8 kind,
        uint256 lo,
        uint256 hi,
        uint256 value,
        uint256 field
    ) internal {
        bytes32 id = ParameterKeys.global(key);
        _registerParameter(id, label, unit, kind, lo, hi, value);
        _refs[id] = _ref(KIND_GLOBAL, field, 0);
    }

    /// @dev `setParameter` path (owner or steward), after the registry's hard-bounds check:
    /// re-checks the cross-field bounds (mmBase ≤ mmMax on the targets, minSources ≤ sources),
    /// starts the ramp of a margin increase, and writes the struct field the typed getters read
    /// (the target). Every value has passed its registered bounds, which fit the field's type.
    function _beforeParameterSet(bytes32 id, uint256 oldValue, uint256 value) internal override {
        uint256 ref = _refs[id];
        uint256 kind = ref >> 248;
        uint256 field = (ref >> 240) & 0xff;
        uint256 scope = ref & type(uint240).max;
        if (kind == KIND_TIER) {
            StoredTier storage t = _tiers[scope];
            if (_isRamped(field)) _rampTierField(id, scope, field, oldValue, value);
            if (field == F_MM_BASE) {
                if (value > t.mmMax) revert ParameterOutOfBounds(id, value, Table.MIN_MM_BASE, t.mmMax);
                t.mmBase = uint64(value);
            } else if (field == F_MM_MAX) {
                if (value < t.mmBase) revert ParameterOutOfBounds(id, value, t.mmBase, Table.MAX_MM_MAX);
                t.mmMax = uint64(value);
            } else if (field == 2) {
                t.volMultiplier = uint64(value);
            } else if (field == F_RISE_RATE) {
                t.maxMmRisePerHour = uint64(value);
            } else if (field == 4) {
                t.leverageSteps = Table.toSteps(id, value, Table.LEVERAGE_STEP);
                _checkLeverageGaps();
            } else if (field == 5) {
                t.imMultiplier = uint64(value);
            } else if (field == 6) {
                t.liquidationPenalty = uint64(value);
                _checkLeverageGaps();
            } else if (field == 7) {
                t.oiCapSteps = Table.toSteps(id, value, Table.OI_CAP_STEP);
            } else {
                t.horizon = uint32(value);
            }
            emit TierSet(scope, _tierParams(t));
        } else if (kind == KIND_MARKET) {
            _accrueFunding(scope);
            Market storage m = _markets[scope];
            if (field == 0) m.fundingFactor = uint64(value);
            else if (field == 1) m.takerFee = uint64(value);
            else m.impactFactor = uint64(value);
            if (field == 1) _checkLeverageGaps();
            emit MarketParamsSet(
                scope, MarketParams({fundingFactor: m.fundingFactor, takerFee: m.takerFee, impactFactor: m.impactFactor})
            );
        } else if (kind == KIND_ORACLE) {
            OracleParams storage o = _oracle[scope];
            if (field == 1 && value > oldValue) _checkSources(scope, value);
            if (field == 0) o.maxAge = uint32(value);
            else if (field == 1) o.minSources = uint8(value);
            else if (field == 2) o.maxDeviation = uint64(value);
            else if (field == 3) o.maxJump = uint64(value);
            else if (field == 4) o.recoveryPeriod = uint32(value);
            else if (field == 5) o.ewmaLambda = uint64(value);
            else if (field == 6) o.staleGrace = uint32(value);
            else if (field == 7) o.maxGuardDuration = uint32(value);
            else o.volBucket = uint32(value);
            if (field == 3) _checkLeverageGaps();
            emit OracleParamsSet(scope, o);
        } else if (field < 2) {
            if (field == 0) _g.insuranceShare = uint64(value);
            else _g.stakerShare = uint64(value);
            emit FeeSplitSet(_g.insuranceShare, _g.stakerShare);
        }
        // global field 2 (guardianPauseDuration) lives in the registry only
    }

    // ---------------------------------------------------------------- ramps

    /// @dev mmBase and mmMax in force for a tier with targets `mmBase`, `mmMax`: each along its
    /// ramp, mmMax never below mmBase (ramps started at different rise rates could cross).
    function _marginsInForce(uint256 tierId, uint256 mmBase, uint256 mmMax)
        internal
        view
        returns (uint256 base, uint256 max)
    {
        base = _rampedTierField(tierId, F_MM_BASE, mmBase);
        max = _rampedTierField(tierId, F_MM_MAX, mmMax);
        if (max < base) max = base;
    }

    /// @dev The value in force of a ramped tier field whose target is `target`.
    function _rampedTierField(uint256 tierId, uint256 field, uint256 target) internal view returns (uint256) {
        return ParameterRamps.valueAt(_ramps[_ref(KIND_TIER, field, tierId)], target);
    }

    /// @dev A ramped field is about to go from target `oldTarget` to `newTarget`: an increase over
    /// what is in force now starts a ramp from there; anything else applies at once; the same
    /// target leaves a running ramp as it is.
    function _rampTierField(bytes32 id, uint256 tierId, uint256 field, uint256 oldTarget, uint256 newTarget) internal {
        if (newTarget == oldTarget) return;
        uint256 ref = _ref(KIND_TIER, field, tierId);
        uint256 inForce = _rampStart(_ramps[ref], field, oldTarget);
        uint256 duration = _rampDuration(tierId, field, inForce, newTarget);
        if (duration == 0) {
            delete _ramps[ref];
            return;
        }
        // inForce ≤ the field's hard maximum (< 2^64); start + duration fits 40 bits
        uint40 end = uint40(block.timestamp + duration);
        _ramps[ref] = ParameterRamps.Ramp(uint64(inForce), uint40(block.timestamp), end);
        if (end > _g.rampsEndAt) _g.rampsEndAt = end;
        emit ParameterRampStarted(id, inForce, newTarget, block.timestamp, end);
    }

    /// @dev How long a ramped tier field takes from `from` (in force) to `to`: margins rise at the
    /// tier's rise rate in force now (a rate raised in the same proposal is still ramping, so the
    /// old one applies); a faster rise rate comes in over `RISE_RATE_RAMP`; a raise of
    /// volMultiplier or horizon reaches the catch-up after the time that rate needs to carry a
    /// margin from the floor in force to the hard maximum (so, whatever mmMax does meanwhile, the
    /// current margin has had the time to rise to the new target at the rate). 0 for a decrease.
    function _rampDuration(uint256 tierId, uint256 field, uint256 from, uint256 to) internal view returns (uint256) {
        if (to <= from) return 0;
        if (field == F_RISE_RATE) return RISE_RATE_RAMP;
        uint256 rate = _rampedTierField(tierId, F_RISE_RATE, _tiers[tierId].maxMmRisePerHour);
        if (field == F_VOL_MULTIPLIER || field == F_HORIZON) {
            from = _rampedTierField(tierId, F_MM_BASE, _tiers[tierId].mmBase);
            to = Table.MAX_MM_MAX;
        }
        return ParameterRamps.riseDuration(from, to, rate);
    }

    /// @dev The value a ramped field starts a new ramp from, i.e. the one in force now: along the
    /// line for the margins and the rise rate; for volMultiplier and horizon the value before the
    /// raise until its ramp ends (the catch-up uses it; the target uses the new one at once).
    function _rampStart(ParameterRamps.Ramp memory r, uint256 field, uint256 target) internal view returns (uint256) {
        if (field == F_VOL_MULTIPLIER || field == F_HORIZON) return block.timestamp < r.end ? r.from : target;
        return ParameterRamps.valueAt(r, target);
    }

    /// @dev volMultiplier and horizon for the aggregator's catch-up (see `catchUpInputs`).
    function _catchUp(uint256 tierId, StoredTier storage t) internal view returns (uint256 z, uint256 h) {
        (z, h) = (t.volMultiplier, t.horizon);
        if (block.timestamp < _g.rampsEndAt) {
            z = _rampStart(_ramps[_ref(KIND_TIER, F_VOL_MULTIPLIER, tierId)], F_VOL_MULTIPLIER, z);
            h = _rampStart(_ramps[_ref(KIND_TIER, F_HORIZON, tierId)], F_HORIZON, h);
        }
    }

    /// @dev The stored tier in the public units (WAD, seconds).
    function _tierParams(StoredTier storage s) internal view returns (TierParams memory) {
        return TierParams({
            mmBase: s.mmBase,
            mmMax: s.mmMax,
            imMultiplier: s.imMultiplier,
            oiCapFraction: uint64(s.oiCapSteps * Table.OI_CAP_STEP),
            maxLeverage: uint96(s.leverageSteps * Table.LEVERAGE_STEP),
            liquidationPenalty: s.liquidationPenalty,
            volMultiplier: s.volMultiplier,
            horizon: s.horizon,
            maxMmRisePerHour: s.maxMmRisePerHour
        });
    }

    function _isRamped(uint256 field) internal pure returns (bool) {
        return field <= F_RISE_RATE || field == F_HORIZON;
    }

    /// @dev Whether `id` is a ramped tier field, and which.
    function _rampedField(bytes32 id) internal view returns (bool ramped, uint256 tierId, uint256 field) {
        uint256 ref = _refs[id];
        field = (ref >> 240) & 0xff;
        tierId = ref & type(uint240).max;
        ramped = ref >> 248 == KIND_TIER && _isRamped(field);
    }

    /// @dev The gap-aware leverage cap (`RiskParameterTable.checkLeverageGap`) on every market,
    /// after a write that moves either side of it (tier max leverage or penalty, a market's
    /// taker fee, oracle maxJump or tier). Admin paths only: no gas on trades.
    function _checkLeverageGaps() internal view {
        uint256 n = _g.marketCount;
        for (uint256 m; m < n; ++m) {
            Market storage mk = _markets[m];
            StoredTier storage t = _tiers[mk.tierId];
            Table.checkLeverageGap(
                m, uint256(t.leverageSteps) * Table.LEVERAGE_STEP, t.liquidationPenalty, _oracle[m].maxJump, mk.takerFee
            );
        }
    }

    /// @dev Raising `minSources` above the market's oracle sources would make it Stale at its next
    /// update. Unchecked before the engine (and with it the oracle) is wired: a new market gets its
    /// sources after it is added.
    function _checkSources(uint256 marketId, uint256 minSources) internal view {
        address e = engine;
        if (e == address(0)) return;
        uint256 n = IConfigEngine(e).oracle().getSources(marketId).length;
        if (minSources > n) revert MinSourcesAboveSources(marketId, minSources, n);
    }

    /// @dev Funding accrued to now at the parameters in force until now (the engine's `poke`).
    function _accrueFunding(uint256 marketId) internal {
        address e = engine;
        if (e != address(0)) IConfigEngine(e).poke(marketId);
    }

    function _ref(uint256 kind, uint256 field, uint256 scope) internal pure returns (uint256) {
        return (kind << 248) | (field << 240) | scope;
    }

    function _requireTier(uint256 tierId) internal view {
        if (tierId >= _g.tierCount) revert UnknownTier(tierId);
    }

    function _requireMarket(uint256 marketId) internal view {
        if (marketId >= _g.marketCount) revert UnknownMarket(marketId);
    }
}

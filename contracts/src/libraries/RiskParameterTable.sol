// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskConfig, TierParams, MarketParams, OracleParams} from "../interfaces/IRiskConfig.sol";
import {IGovernedParameters} from "../interfaces/IGovernedParameters.sol";

/// @dev RiskConfig's storage of a tier: two slots, the first holding every field a trade reads
/// (`marketConfig`: one tier slot per trade). `oiCapFraction` and `maxLeverage` are stored as whole
/// numbers of `OI_CAP_STEP` and `LEVERAGE_STEP` (their bounds, 2e18 and 100e18, fit 32 bits);
/// every other field as given (WAD or seconds).
struct StoredTier {
    uint64 mmBase;
    uint64 mmMax;
    uint64 imMultiplier;
    uint32 oiCapSteps;
    uint32 leverageSteps;
    uint64 liquidationPenalty;
    uint64 volMultiplier;
    uint32 horizon;
    uint64 maxMmRisePerHour;
}

// Field counts (file-level: array lengths must be plain constants).
uint256 constant TIER_FIELDS = 9;
uint256 constant MARKET_FIELDS = 3;
uint256 constant ORACLE_FIELDS = 9;

/// @title RiskParameterTable
/// @notice RiskConfig's hard bounds and field tables: one table for registration (key, label,
/// unit, bounds), the structured setters' checks and the registry sync. Hard bounds are wide
/// enough for governance to tune, narrow enough that no value breaks the maths (mm < 100 %,
/// im ≥ mm, fees below 1 %, shares summing to ≤ 100 %, caps above a floor).
/// @dev An external library (public functions, linked): the strings and loops live here, outside
/// RiskConfig's 24 KB of code; only admin paths call it.
library RiskParameterTable {
    uint256 internal constant MIN_MM_BASE = 0.001e18;
    uint256 internal constant MAX_MM_BASE = 0.5e18;
    uint256 internal constant MAX_MM_MAX = 0.9e18;
    uint256 internal constant MAX_VOL_MULTIPLIER = 10e18;
    uint256 internal constant MIN_MM_RISE_PER_HOUR = 0.0001e18;
    uint256 internal constant MAX_MM_RISE_PER_HOUR = 1e18;
    uint256 internal constant MIN_MAX_LEVERAGE = 1e18;
    uint256 internal constant MAX_MAX_LEVERAGE = 100e18;
    uint256 internal constant MIN_IM_MULTIPLIER = 1e18;
    uint256 internal constant MAX_IM_MULTIPLIER = 5e18;
    uint256 internal constant MAX_LIQUIDATION_PENALTY = 0.2e18;
    /// @dev A cap of 0 (or near it) holds back every LP withdrawal while any position is open
    /// (the pool keeps open interest / cap); below 5 % of the pool, pause the market instead.
    uint256 internal constant MIN_OI_CAP_FRACTION = 0.05e18;
    uint256 internal constant MAX_OI_CAP_FRACTION = 2e18;
    uint256 internal constant MIN_HORIZON = 1 minutes;
    uint256 internal constant MAX_HORIZON = 7 days;
    uint256 internal constant MAX_FUNDING_FACTOR = 1e13; // 1e-5 per second = 3.6 % per hour at full skew
    uint256 internal constant MAX_TAKER_FEE = 0.01e18;
    uint256 internal constant MAX_IMPACT_FACTOR = 0.1e18;
    uint256 internal constant MIN_MAX_AGE = 10 seconds;
    uint256 internal constant MAX_MAX_AGE = 1 days;
    uint256 internal constant MIN_MIN_SOURCES = 1;
    uint256 internal constant MAX_MIN_SOURCES = 8;
    uint256 internal constant MIN_MAX_DEVIATION = 0.001e18;
    uint256 internal constant MAX_MAX_DEVIATION = 0.2e18;
    uint256 internal constant MIN_MAX_JUMP = 0.005e18;
    uint256 internal constant MAX_MAX_JUMP = 0.5e18;
    uint256 internal constant MAX_RECOVERY_PERIOD = 1 days;
    uint256 internal constant MIN_EWMA_LAMBDA = 0.5e18;
    uint256 internal constant MAX_EWMA_LAMBDA = 0.999e18;
    uint256 internal constant MAX_STALE_GRACE = 1 days;
    uint256 internal constant MIN_MAX_GUARD_DURATION = 1 minutes;
    uint256 internal constant MAX_MAX_GUARD_DURATION = 1 days;
    uint256 internal constant MIN_VOL_BUCKET = 10 seconds;
    uint256 internal constant MAX_VOL_BUCKET = 1 hours;
    uint256 internal constant MAX_FEE_SHARE = 0.5e18;
    /// @dev Storage units of the two coarser tier fields (see `StoredTier`): 1e-9 of the pool for
    /// the open-interest cap, 0.000001x for the leverage.
    uint256 internal constant OI_CAP_STEP = 1e9;
    uint256 internal constant LEVERAGE_STEP = 1e12;

    /// @notice Tier fields in registration order: key, human label, unit, hard bounds. mmMax is
    /// further bounded below by the tier's mmBase and mmBase above by mmMax (checked on write).
    function tierField(uint256 f)
        public
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
        if (f == 7) return ("oiCapFraction", "open interest cap", "wad", MIN_OI_CAP_FRACTION, MAX_OI_CAP_FRACTION);
        return ("horizon", "liquidation horizon", "seconds", MIN_HORIZON, MAX_HORIZON);
    }

    /// @notice Market fields in registration order (see `tierField`).
    function marketField(uint256 f)
        public
        pure
        returns (string memory key, string memory label, string memory unit, uint256 lo, uint256 hi)
    {
        if (f == 0) return ("fundingFactor", "funding factor", "wad/s", 0, MAX_FUNDING_FACTOR);
        if (f == 1) return ("takerFee", "taker fee", "wad", 0, MAX_TAKER_FEE);
        return ("impactFactor", "price impact factor", "wad", 0, MAX_IMPACT_FACTOR);
    }

    /// @notice Oracle fields in registration order (see `tierField`).
    function oracleField(uint256 f)
        public
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
            return (
                "maxGuardDuration",
                "oracle max guard duration",
                "seconds",
                MIN_MAX_GUARD_DURATION,
                MAX_MAX_GUARD_DURATION
            );
        }
        return ("volBucket", "oracle volatility bucket", "seconds", MIN_VOL_BUCKET, MAX_VOL_BUCKET);
    }

    /// @notice Every tier field against its bounds; mmMax further bounded below by the tier's own
    /// mmBase. Reverts `ParameterOutOfBounds(shortName, value, min, max)`.
    function checkTier(TierParams memory p) public pure {
        uint256[TIER_FIELDS] memory v = tierValues(p);
        for (uint256 f; f < TIER_FIELDS; ++f) {
            (string memory key,,, uint256 lo, uint256 hi) = tierField(f);
            if (f == 1) lo = p.mmBase;
            bound(bytes32(bytes(key)), v[f], lo, hi);
        }
    }

    /// @notice `checkTier`, then the tier as RiskConfig stores it; reverts `UnrepresentableValue`
    /// for an open-interest cap or a leverage that is not a whole number of its step.
    function packTier(TierParams memory p) public pure returns (StoredTier memory) {
        checkTier(p);
        return StoredTier({
            mmBase: p.mmBase,
            mmMax: p.mmMax,
            imMultiplier: p.imMultiplier,
            oiCapSteps: toSteps("oiCapFraction", p.oiCapFraction, OI_CAP_STEP),
            leverageSteps: toSteps("maxLeverage", p.maxLeverage, LEVERAGE_STEP),
            liquidationPenalty: p.liquidationPenalty,
            volMultiplier: p.volMultiplier,
            horizon: p.horizon,
            maxMmRisePerHour: p.maxMmRisePerHour
        });
    }

    /// @notice `value` in whole `step`s (a value within the field's bounds: it fits 32 bits), or
    /// `UnrepresentableValue(name, value, step)`.
    function toSteps(bytes32 name, uint256 value, uint256 step) internal pure returns (uint32) {
        if (value % step != 0) revert IRiskConfig.UnrepresentableValue(name, value, step);
        return uint32(value / step);
    }

    function checkMarketParams(MarketParams memory p) public pure {
        uint256[MARKET_FIELDS] memory v = marketValues(p);
        for (uint256 f; f < MARKET_FIELDS; ++f) {
            (string memory key,,, uint256 lo, uint256 hi) = marketField(f);
            bound(bytes32(bytes(key)), v[f], lo, hi);
        }
    }

    function checkOracleParams(OracleParams memory p) public pure {
        uint256[ORACLE_FIELDS] memory v = oracleValues(p);
        for (uint256 f; f < ORACLE_FIELDS; ++f) {
            (string memory key,,, uint256 lo, uint256 hi) = oracleField(f);
            bound(bytes32(bytes(key)), v[f], lo, hi);
        }
    }

    /// @notice The gap-aware leverage cap of one market: WAD² / maxLeverage ≥ maxJump + penalty +
    /// takerFee (a position opened at max leverage, after one accepted oracle step against it,
    /// still covers the liquidation penalty and the closing fee). Reverts
    /// `LeverageAboveOracleGap(marketId, maxLeverage, floor(WAD² / (maxJump + penalty + takerFee)))`.
    function checkLeverageGap(uint256 marketId, uint256 maxLeverage, uint256 penalty, uint256 maxJump, uint256 takerFee)
        public
        pure
    {
        // every term is bounded (maxJump ≤ 50 %, penalty ≤ 20 %, fee ≤ 1 %): the sum is positive
        uint256 gap = maxJump + penalty + takerFee;
        if (1e36 / maxLeverage < gap) revert IRiskConfig.LeverageAboveOracleGap(marketId, maxLeverage, 1e36 / gap);
    }

    function bound(bytes32 name, uint256 value, uint256 min, uint256 max) internal pure {
        if (value < min || value > max) revert IGovernedParameters.ParameterOutOfBounds(name, value, min, max);
    }

    function tierValues(TierParams memory p) internal pure returns (uint256[TIER_FIELDS] memory) {
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

    function marketValues(MarketParams memory p) internal pure returns (uint256[MARKET_FIELDS] memory) {
        return [uint256(p.fundingFactor), p.takerFee, p.impactFactor];
    }

    function oracleValues(OracleParams memory p) internal pure returns (uint256[ORACLE_FIELDS] memory) {
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
}

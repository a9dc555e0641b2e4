// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {ParameterInfo} from "../../src/interfaces/IGovernedParameters.sol";
import {
    TierParams,
    MarketParams,
    OracleParams,
    MarketConfig,
    ParameterRamp
} from "../../src/interfaces/IRiskConfig.sol";
import {RiskConfig} from "../../src/config/RiskConfig.sol";
import {RiskSteward} from "../../src/governance/RiskSteward.sol";
import {ParameterKeys} from "../../src/libraries/ParameterKeys.sol";
import {GovernanceConfig} from "../../src/libraries/GovernanceConfig.sol";
import {RiskParameterTable} from "../../src/libraries/RiskParameterTable.sol";
import {DevnetParams} from "../../script/DevnetParams.sol";

/// @dev Drives the real RiskConfig through any sequence of governance writes (the owner is the
/// timelock's stand-in: every executed proposal is an owner call), through both write paths
/// (`setParameter` and the structured setters), steward updates and time jumps.
contract RiskConfigHandler is Test {
    RiskConfig public config;
    RiskSteward public steward;
    address public owner;
    address public council;
    bytes32[] internal ids;

    uint256 public successes;
    uint256 public rejected;
    /// @dev Writes that raised a margin in force (mmBase, mmMax, the rise rate) at the moment they
    /// executed: a risk-increasing change must ramp in.
    uint256 public jumps;

    /// @dev The ramped fields in force of both tiers before and after a write (margins, rise rate,
    /// and the catch-up's volatility multiplier and horizon): none may rise.
    modifier noJump() {
        uint256[10] memory before = _inForce();
        _;
        uint256[10] memory after_ = _inForce();
        for (uint256 i; i < 10; ++i) {
            if (after_[i] > before[i]) ++jumps;
        }
    }

    function _inForce() internal view returns (uint256[10] memory v) {
        for (uint256 t; t < 2; ++t) {
            TierParams memory p = config.tier(t);
            (v[5 * t], v[5 * t + 1], v[5 * t + 2]) = (p.mmBase, p.mmMax, p.maxMmRisePerHour);
            (v[5 * t + 3], v[5 * t + 4]) = config.catchUpInputs(t);
        }
    }

    constructor(RiskConfig config_, RiskSteward steward_, address owner_, address council_) {
        config = config_;
        steward = steward_;
        owner = owner_;
        council = council_;
        for (uint256 i; i < config.parameterCount(); ++i) {
            ids.push(config.parameterIdAt(i));
        }
    }

    function _count(bool ok) internal {
        if (ok) ++successes;
        else ++rejected;
    }

    /// @dev A proposal `setParameter(id, value)`: mostly near the bounds, sometimes anything.
    function ownerSet(uint256 idSeed, uint256 value) external noJump {
        bytes32 id = ids[idSeed % ids.length];
        ParameterInfo memory p = config.getParameter(id);
        if (value % 4 != 0) value = bound(value, p.minValue / 2, p.maxValue * 2 + 1);
        vm.prank(owner);
        try config.setParameter(id, value) {
            _count(true);
        } catch {
            _count(false);
        }
    }

    function stewardSet(uint256 idSeed, uint256 stepSeed, bool up) external noJump {
        bytes32 id = ids[idSeed % ids.length];
        uint256 v = config.parameterValue(id);
        uint256 step = bound(stepSeed, 1, v / 8 + 1); // sometimes beyond the 10 % limit
        uint256 next = up ? v + step : (v > step ? v - step : 0);
        vm.prank(council);
        try steward.updateParameter(config, id, next) {
            _count(true);
        } catch {
            _count(false);
        }
    }

    function ownerSetTier(uint256 tierSeed, uint64 mmBase, uint64 mmMax, uint96 lev, uint32 horizon) external noJump {
        uint256 tierId = tierSeed % config.tierCount();
        TierParams memory t = config.tier(tierId);
        t.mmBase = uint64(bound(mmBase, 0, 0.6e18));
        t.mmMax = uint64(bound(mmMax, 0, 1e18));
        // three in four on RiskConfig's 1e12-wei leverage step (so valid writes stay reachable), the
        // rest anywhere (UnrepresentableValue)
        uint256 l = bound(lev, 0, 120e18);
        t.maxLeverage = uint96(lev % 4 == 0 ? l : l / 1e12 * 1e12);
        t.horizon = uint32(bound(horizon, 0, 8 days));
        vm.prank(owner);
        try config.setTier(tierId, t) {
            _count(true);
        } catch {
            _count(false);
        }
    }

    function ownerSetMarket(uint256 marketSeed, uint64 funding, uint64 taker, uint64 impact) external {
        uint256 m = marketSeed % config.marketCount();
        MarketParams memory p = MarketParams({
            fundingFactor: uint64(bound(funding, 0, 2e13)),
            takerFee: uint64(bound(taker, 0, 0.02e18)),
            impactFactor: uint64(bound(impact, 0, 0.2e18))
        });
        vm.prank(owner);
        try config.setMarketParams(m, p) {
            _count(true);
        } catch {
            _count(false);
        }
    }

    function ownerSetOracle(uint256 marketSeed, uint32 maxAge, uint8 minSources, uint64 lambda) external {
        uint256 m = marketSeed % config.marketCount();
        OracleParams memory o = config.oracleParams(m);
        o.maxAge = uint32(bound(maxAge, 0, 2 days));
        o.minSources = uint8(bound(minSources, 0, 10));
        o.ewmaLambda = uint64(bound(lambda, 0.4e18, 1e18));
        vm.prank(owner);
        try config.setOracleParams(m, o) {
            _count(true);
        } catch {
            _count(false);
        }
    }

    function ownerSetFeeSplit(uint64 insurance, uint64 stakers) external {
        vm.prank(owner);
        try config.setFeeSplit(uint64(bound(insurance, 0, 0.6e18)), uint64(bound(stakers, 0, 0.6e18))) {
            _count(true);
        } catch {
            _count(false);
        }
    }

    function warp(uint256 dt) external {
        vm.warp(vm.getBlockTimestamp() + bound(dt, 1, 2 days));
    }
}

/// @notice Parameters stay within their hard bounds whatever governance does (protocol.md), on
/// the real RiskConfig; and the governed-parameter registry never disagrees with the typed
/// getters the engine and the aggregator read.
contract RiskConfigGovernanceInvariantTest is Test, DevnetParams {
    RiskConfig internal config;
    RiskSteward internal steward;
    RiskConfigHandler internal handler;
    address internal owner = makeAddr("timelock");
    address internal council = makeAddr("council");

    string[9] internal tierKeys = [
        "mmBase",
        "mmMax",
        "volMultiplier",
        "maxMmRisePerHour",
        "maxLeverage",
        "imMultiplier",
        "liquidationPenalty",
        "oiCapFraction",
        "horizon"
    ];

    function setUp() public {
        vm.warp(1_700_000_000);
        config = new RiskConfig(address(this));
        config.addTier(blueChipTier());
        config.addTier(highVolTier());
        config.addMarket("ETH-USD", 0, marketParams(), devnetOracleParams());
        config.addMarket("SOL-USD", 1, marketParams(), devnetOracleParams());
        config.setFeeSplit(0.2e18, 0.2e18);
        steward = new RiskSteward(owner, council, 10 minutes, GovernanceConfig.stewardKindLimits());
        config.setSteward(address(steward));
        config.transferOwnership(owner);
        vm.prank(owner);
        config.acceptOwnership();

        handler = new RiskConfigHandler(config, steward, owner, council);
        targetContract(address(handler));
    }

    function invariant_everyParameterWithinHardBounds() public view {
        ParameterInfo[] memory ps = config.getParameters();
        assertEq(ps.length, 3 + 2 * 9 + 2 * (3 + 9));
        for (uint256 i; i < ps.length; ++i) {
            assertGe(ps[i].value, ps[i].minValue, ps[i].name);
            assertLe(ps[i].value, ps[i].maxValue, ps[i].name);
        }
        for (uint256 t; t < 2; ++t) {
            TierParams memory p = config.tier(t);
            assertLe(p.mmBase, p.mmMax, "mmBase <= mmMax");
            assertGe(p.mmBase, RiskParameterTable.MIN_MM_BASE);
            assertLe(p.mmMax, RiskParameterTable.MAX_MM_MAX);
        }
        assertLe(config.parameterValue(ParameterKeys.global("insuranceShare")) + config.parameterValue(ParameterKeys.global("stakerShare")), 1e18);
    }

    function invariant_registryMirrorsTypedGetters() public view {
        for (uint256 t; t < 2; ++t) {
            TierParams memory p = config.tier(t);
            uint256[9] memory v = [
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
            (uint256 zCatchUp, uint256 hCatchUp) = config.catchUpInputs(t);
            for (uint256 f; f < 9; ++f) {
                bytes32 id = ParameterKeys.tier(tierKeys[f], t);
                // The ramped fields (mmBase, mmMax, rise rate): the registry holds the target, the
                // typed getter the value in force on the ramp, never above the target.
                // volMultiplier and horizon: the typed getter holds the target (the volatility
                // target uses it at once), the ramp's current is the catch-up's value.
                ParameterRamp memory r = config.parameterRamp(id);
                assertEq(config.parameterValue(id), r.target, tierKeys[f]);
                assertLe(r.current, r.target, tierKeys[f]);
                if (f == 1) assertEq(v[f], r.current > p.mmBase ? r.current : p.mmBase, "mmMax in force");
                else if (f == 2 || f == 8) assertEq(v[f], r.target, tierKeys[f]);
                else assertEq(v[f], r.current, tierKeys[f]);
                if (f == 2) assertEq(zCatchUp, r.current, "catch-up multiplier");
                if (f == 8) assertEq(hCatchUp, r.current, "catch-up horizon");
                if (f > 3 && f != 8) assertEq(r.current, r.target, "only margin inputs ramp");
            }
        }
        for (uint256 m; m < 2; ++m) {
            MarketParams memory mp = config.marketParams(m);
            assertEq(config.parameterValue(ParameterKeys.market("fundingFactor", m)), mp.fundingFactor);
            assertEq(config.parameterValue(ParameterKeys.market("takerFee", m)), mp.takerFee);
            assertEq(config.parameterValue(ParameterKeys.market("impactFactor", m)), mp.impactFactor);
            OracleParams memory o = config.oracleParams(m);
            assertEq(config.parameterValue(ParameterKeys.market("maxAge", m)), o.maxAge);
            assertEq(config.parameterValue(ParameterKeys.market("minSources", m)), o.minSources);
            assertEq(config.parameterValue(ParameterKeys.market("maxDeviation", m)), o.maxDeviation);
            assertEq(config.parameterValue(ParameterKeys.market("maxJump", m)), o.maxJump);
            assertEq(config.parameterValue(ParameterKeys.market("recoveryPeriod", m)), o.recoveryPeriod);
            assertEq(config.parameterValue(ParameterKeys.market("ewmaLambda", m)), o.ewmaLambda);
            // What the engine reads per trade agrees with both.
            MarketConfig memory c = config.marketConfig(m);
            TierParams memory t = config.tier(config.marketTier(m));
            assertEq(c.mmBase, t.mmBase);
            assertEq(c.mmMax, t.mmMax);
            assertEq(c.maxLeverage, t.maxLeverage);
            assertEq(c.takerFee, mp.takerFee);
            assertEq(c.insuranceShare, config.parameterValue(ParameterKeys.global("insuranceShare")));
            assertEq(c.stakerShare, config.parameterValue(ParameterKeys.global("stakerShare")));
        }
    }

    /// @dev Issue 13: whatever the owner and the steward did, no market's tier allows a leverage
    /// one accepted oracle step (plus penalty and taker fee) turns into bad debt.
    function invariant_leverageGapHolds() public view {
        for (uint256 m; m < config.marketCount(); ++m) {
            TierParams memory t = config.tier(config.marketTier(m));
            uint256 gap = config.oracleParams(m).maxJump + t.liquidationPenalty + config.marketParams(m).takerFee;
            assertGe(uint256(1e36) / t.maxLeverage, gap, "leverage above the oracle gap");
        }
    }

    /// @dev A raise of a margin (or of the rate it rises at, or of the catch-up's multiplier or
    /// horizon) never takes effect at once.
    function invariant_marginIncreasesRampIn() public view {
        assertEq(handler.jumps(), 0);
    }

    /// @dev The handler is not vacuous: fixed calls through every path both land and get rejected.
    function test_handler_reachesBothOutcomes() public {
        // three globals first (fee split, guardian pause duration), then tier 0: mmBase, mmMax, ...
        uint256 mmMaxIndex = 3 + 1;
        handler.ownerSet(mmMaxIndex, 0.04e18 + 1); // in bounds (value % 4 != 0 → bounded)
        handler.ownerSet(3, 0); // mmBase 0: below the hard floor
        handler.stewardSet(3, 1, true);
        handler.ownerSetTier(0, 0.02e18, 0.03e18, 8e18, 2 hours);
        handler.ownerSetTier(0, 0.05e18, 0.03e18, 8e18, 2 hours); // mmBase > mmMax
        handler.ownerSetTier(0, 0.02e18, 0.03e18, 20e18, 2 hours); // above the oracle gap
        handler.ownerSetFeeSplit(0.1e18, 0.1e18);
        assertGe(handler.successes(), 4);
        assertGe(handler.rejected(), 3);
        invariant_everyParameterWithinHardBounds();
        invariant_registryMirrorsTypedGetters();
        invariant_marginIncreasesRampIn();
        invariant_leverageGapHolds();
        assertEq(config.tier(0).maxLeverage, 8e18);
        assertEq(config.parameterValue(ParameterKeys.tier("mmBase", 0)), 0.02e18);
        assertLt(config.tier(0).mmBase, 0.02e18); // ramping in at 0.5 %/h
        assertEq(config.tier(0).horizon, 2 hours);
        handler.warp(2 days);
        assertEq(config.tier(0).mmBase, 0.02e18);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {DevnetPriceSource} from "../../src/devnet/DevnetPriceSource.sol";
import {RiskConfig} from "../../src/config/RiskConfig.sol";
import {OracleAggregator} from "../../src/oracle/OracleAggregator.sol";
import {TierParams, MarketParams, OracleParams} from "../../src/interfaces/IRiskConfig.sol";

/// @notice The oracle alone (config, aggregator, three sources on each of two blue-chip markets),
/// without the engine: oracle tests build in seconds instead of through the engine's IR compile.
/// Parameters match `Fixture`.
abstract contract OracleFixture is Test {
    uint256 internal constant ETH = 0;
    uint256 internal constant BTC = 1;
    uint256 internal constant WAD = 1e18;

    RiskConfig internal config;
    OracleAggregator internal oracle;
    DevnetPriceSource[3][2] internal sources;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        config = new RiskConfig(address(this));
        config.addTier(blueChipTier());
        config.addMarket("ETH-USD", 0, marketParams(), oracleParams());
        config.addMarket("BTC-USD", 0, marketParams(), oracleParams());
        oracle = new OracleAggregator(config);
        int256[2] memory initial = [int256(3000e8), int256(60_000e8)];
        for (uint256 m; m < 2; ++m) {
            for (uint256 i; i < 3; ++i) {
                sources[m][i] = new DevnetPriceSource("src", address(this), initial[m]);
                oracle.addSource(m, sources[m][i]);
            }
            oracle.update(m);
        }
    }

    function blueChipTier() internal pure returns (TierParams memory) {
        return TierParams({
            mmBase: 0.01e18,
            mmMax: 0.05e18,
            imMultiplier: 2e18,
            oiCapFraction: 0.5e18,
            maxLeverage: 20e18,
            liquidationPenalty: 0.01e18,
            volMultiplier: 2.33e18,
            horizon: 1 hours,
            maxMmRisePerHour: 0.005e18
        });
    }

    function marketParams() internal pure returns (MarketParams memory) {
        return MarketParams({fundingFactor: 1e11, takerFee: 0.0005e18, impactFactor: 0.001e18});
    }

    function oracleParams() internal pure returns (OracleParams memory) {
        return OracleParams({
            maxAge: 300,
            minSources: 2,
            maxDeviation: 0.02e18,
            maxJump: 0.1e18,
            recoveryPeriod: 600,
            ewmaLambda: 0.94e18,
            staleGrace: 300,
            maxGuardDuration: 600,
            volBucket: 60
        });
    }

    function _now() internal view returns (uint256) {
        return vm.getBlockTimestamp();
    }

    function _warp(uint256 dt) internal {
        vm.warp(vm.getBlockTimestamp() + dt);
    }

    function _push3(uint256 m, int256 price8) internal {
        for (uint256 i; i < 3; ++i) {
            sources[m][i].updateAnswer(price8);
        }
    }
}

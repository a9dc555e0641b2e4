// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {DevnetPriceSource} from "../../src/devnet/DevnetPriceSource.sol";
import {RiskConfig} from "../../src/config/RiskConfig.sol";
import {OracleAggregator} from "../../src/oracle/OracleAggregator.sol";
import {TestParams} from "./TestParams.sol";

/// @notice The oracle alone (config, aggregator, three sources on each of two blue-chip markets),
/// without the engine: oracle tests build in seconds instead of through the engine's IR compile.
/// Parameters: `TestParams`, as `Fixture`.
abstract contract OracleFixture is Test, TestParams {
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

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineTradingBase} from "../unit/EngineTradingBase.sol";

/// @notice Gas of the router-driven trade hooks (a stand-in router filling at the accepted price,
/// and a stand-in `poolValue` summing `traderNetPnl` over the three markets), recorded under
/// contracts/snapshots/. State prepared as in EngineGasTest: other positions exist, accumulators
/// are non-zero, the measured call starts cold.
contract EngineTradingGasTest is EngineTradingBase {
    function setUp() public override {
        super.setUp();
        router.open(bob, ETH, -1e18, 1000e6, 3000e18);
        router.open(bob, BTC, 0.1e18, 1000e6, 60_000e18);
        router.open(alice, BTC, -0.1e18, 1000e6, 60_000e18);
        vm.warp(vm.getBlockTimestamp() + 60);
        for (uint256 m; m < 3; ++m) {
            (, int256 answer,,,) = sources[m][0].latestRoundData();
            _setPrice(m, answer);
        }
    }

    function test_gas_openFor() public {
        router.open(alice, ETH, 2e18, 1000e6, 3000e18);
        vm.snapshotGasLastCall("openFor");
    }

    function test_gas_increaseFor() public {
        router.increase(alice, BTC, 0.05e18, 500e6, 60_000e18);
        vm.snapshotGasLastCall("increaseFor");
    }

    function test_gas_reduceFor() public {
        router.reduce(alice, BTC, 0.05e18, 60_000e18);
        vm.snapshotGasLastCall("reduceFor");
    }

    function test_gas_closeFor() public {
        router.close(alice, BTC, 60_000e18);
        vm.snapshotGasLastCall("closeFor");
    }

    /// @dev What openFor and increaseFor spend in the stand-in pool's `poolValue` (3 markets).
    function test_gas_poolValueStub() public {
        pool.poolValue();
        vm.snapshotGasLastCall("poolValueStub");
    }

    function test_gas_traderNetPnl() public {
        engine.traderNetPnl(ETH, 3100e18);
        vm.snapshotGasLastCall("traderNetPnl");
    }

    /// @dev The update LiquidationEngine.liquidate now makes first, when the sources have nothing
    /// new (same second as the last acceptance: the cheapest path, what a keeper racing the
    /// feeder meets) and after a new round in a new volatility bucket (the dearest).
    function test_gas_oracleUpdate_noNewData() public {
        oracle.update(ETH);
        vm.snapshotGasLastCall("liquidationOracleUpdate_sameSecond");
    }

    function test_gas_oracleUpdate_newBucket() public {
        vm.warp(vm.getBlockTimestamp() + 60);
        for (uint256 i; i < 3; ++i) {
            sources[ETH][i].updateAnswer(int256(3010e8 + i * 1e8));
        }
        oracle.update(ETH);
        vm.snapshotGasLastCall("liquidationOracleUpdate_newBucket");
    }
}

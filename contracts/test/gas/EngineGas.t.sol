// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Fixture} from "../utils/Fixture.sol";

/// @notice Gas of isolated calls, recorded under contracts/snapshots/. The state is prepared in
/// setUp (a separate transaction, so the measured call starts cold) and is warm the way a live
/// market is: other positions exist, accumulators are non-zero, the trader holds a position.
contract EngineGasTest is Fixture {
    uint256 internal constant OPEN_BUDGET = 150_000;

    function setUp() public override {
        super.setUp();
        vm.prank(bob);
        engine.open(ETH, -1e18, 1000e6);
        vm.prank(bob);
        engine.open(BTC, 0.1e18, 1000e6);
        vm.prank(alice);
        engine.open(BTC, -0.1e18, 1000e6);
        _skip(60);
    }

    /// @dev A first position in ETH for alice (new position slots and a new enumeration key).
    function test_gas_open() public {
        vm.prank(alice);
        engine.open(ETH, 2e18, 1000e6);
        uint256 used = vm.snapshotGasLastCall("open");
        assertLe(used, OPEN_BUDGET, "open over budget");
    }

    function test_gas_increase() public {
        vm.prank(alice);
        engine.increase(BTC, 0.05e18, 500e6);
        vm.snapshotGasLastCall("increase");
    }

    function test_gas_reduce() public {
        vm.prank(alice);
        engine.reduce(BTC, 0.05e18);
        vm.snapshotGasLastCall("reduce");
    }

    function test_gas_close() public {
        vm.prank(alice);
        engine.close(BTC);
        vm.snapshotGasLastCall("close");
    }

    function test_gas_addCollateral() public {
        vm.prank(alice);
        engine.addCollateral(BTC, 100e6);
        vm.snapshotGasLastCall("addCollateral");
    }

    function test_gas_removeCollateral() public {
        vm.prank(alice);
        engine.removeCollateral(BTC, 100e6);
        vm.snapshotGasLastCall("removeCollateral");
    }

    /// @dev Three sources moved by the feeder, then one aggregation with a new observation (the
    /// first update in a new 60 s volatility bucket: the dearer path).
    function test_gas_oracleUpdate() public {
        vm.warp(vm.getBlockTimestamp() + 60);
        for (uint256 i; i < 3; ++i) {
            sources[ETH][i].updateAnswer(int256(3010e8 + i * 1e8));
        }
        oracle.update(ETH);
        vm.snapshotGasLastCall("oracleUpdate");
    }
}

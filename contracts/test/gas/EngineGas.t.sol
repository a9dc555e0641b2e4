// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LiquidationFixture} from "../utils/LiquidationFixture.sol";

/// @notice Gas of isolated calls, recorded under contracts/snapshots/. The state is prepared in
/// setUp (a separate transaction, so the measured call starts cold) and is warm the way a live
/// market is: other positions exist, accumulators are non-zero, the trader holds a position.
/// The trade hooks are measured as the router calls them (`openFor` … `closeFor`, the router
/// holding the collateral), so the figures are the engine's own, without the test harness's token
/// pull or the real router's request bookkeeping (measured in the router's own gas tests).
contract EngineGasTest is LiquidationFixture {
    /// @dev Was 150k. Since issue 10 an open reads the pool's marked value (every market's trader
    /// PnL: the other markets' state and prices) for its cap and impact fee, and checks margin at
    /// the fill and at the exit price: 180.1k; 134.1k after the gas work (no on-chain enumeration,
    /// one net K slot, staker fees beside the router address). A ceiling against regressions: the
    /// measured figure plus a little (docs/contracts.md, Gas).
    uint256 internal constant OPEN_BUDGET = 135_000;

    function setUp() public override {
        super.setUp();
        vm.prank(bob);
        direct.open(ETH, -1e18, 1000e6);
        vm.prank(bob);
        direct.open(BTC, 0.1e18, 1000e6);
        vm.prank(alice);
        direct.open(BTC, -0.1e18, 1000e6);
        _skip(60);
        usd.mint(address(direct), 10_000e6); // collateral the "router" hands to the engine
    }

    function _price(uint256 m) internal view returns (uint256) {
        return oracle.latest(m).price;
    }

    /// @dev A first position in ETH for alice (new position slots and a new enumeration key).
    function test_gas_open() public {
        uint256 price = _price(ETH);
        vm.prank(address(direct));
        engine.openFor(alice, ETH, 2e18, 1000e6, price);
        uint256 used = vm.snapshotGasLastCall("open");
        assertLe(used, OPEN_BUDGET, "open over budget");
    }

    function test_gas_increase() public {
        uint256 price = _price(BTC);
        vm.prank(address(direct));
        engine.increaseFor(alice, BTC, 0.05e18, 500e6, price);
        vm.snapshotGasLastCall("increase");
    }

    function test_gas_reduce() public {
        uint256 price = _price(BTC);
        vm.prank(address(direct));
        engine.reduceFor(alice, BTC, 0.05e18, price);
        vm.snapshotGasLastCall("reduce");
    }

    function test_gas_close() public {
        uint256 price = _price(BTC);
        vm.prank(address(direct));
        engine.closeFor(alice, BTC, price);
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

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Fixture} from "../utils/Fixture.sol";
import {IPerpEngine} from "../../src/interfaces/IPerpEngine.sol";
import {PoolValue} from "../../src/interfaces/ILiquidityPool.sol";

/// @notice The marked pool value computed inside the engine (no call to the pool on an open) is the
/// pool's `poolValue().value` to the wei, profit cap included, and the profit cap has one copy:
/// the engine's, written by the pool's `setParameters` in the same call.
contract EnginePoolValueTest is Fixture {
    uint256 internal constant WAD = 1e18;

    /// @dev The open fee with the impact part on `poolValue` (token units), as docs/contracts.md.
    function _fee(uint256 notionalWad, uint256 poolValue) internal pure returns (uint256) {
        uint256 poolWad = poolValue * 1e12;
        uint256 rate = 5e14 + (1e15 * notionalWad + poolWad - 1) / poolWad;
        uint256 feeWad = (notionalWad * rate + WAD - 1) / WAD;
        return (feeWad + 1e12 - 1) / 1e12;
    }

    /// @dev Steps a market's price by at most 9 % per update (under the guard's maxJump).
    function _walk(uint256 m, int256 from8, int256 to8) internal {
        int256 p = from8;
        while (p != to8) {
            int256 step = p * 9 / 100;
            if (to8 > p) p = p + step > to8 ? to8 : p + step;
            else p = p - step < to8 ? to8 : p - step;
            _skip(60);
            _setPrice(m, p);
        }
    }

    function test_setParameters_writesTheEnginesFraction() public {
        assertEq(engine.maxPnlFraction(), POOL_MAX_PNL_FRACTION);
        pool.setParameters(POOL_MIN_DELAY, POOL_MAX_REQUEST_AGE, POOL_EXECUTION_FEE, POOL_MIN_HOLD_TIME, 0.3e18);
        assertEq(engine.maxPnlFraction(), 0.3e18, "the engine's copy is the one written");
        assertEq(pool.maxPnlFraction(), 0.3e18, "the pool reads it from the engine");
    }

    function test_setMaxPnlFraction_onlyPool() public {
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NotPool.selector, address(this)));
        engine.setMaxPnlFraction(1e18);
        assertEq(engine.maxPnlFraction(), POOL_MAX_PNL_FRACTION);
    }

    /// @dev Traders far in profit (the cap binds), after the fraction was cut by governance: the
    /// engine's value and the pool's agree, and the next open's impact fee uses exactly it.
    function test_cappedProfit_sameValueInEngineAndPool_andTheOpenFeeUsesIt() public {
        // 480k USD of ETH longs (under the 50 % cap of a 1M pool), then ETH +30 %: ~144k of profit
        vm.prank(alice);
        direct.open(ETH, 160e18, 100_000e6);
        _walk(ETH, 3000e8, 3900e8);
        pool.setParameters(POOL_MIN_DELAY, POOL_MAX_REQUEST_AGE, POOL_EXECUTION_FEE, POOL_MIN_HOLD_TIME, 0.1e18);
        PoolValue memory v = pool.poolValue();
        assertGt(v.traderPnl, v.countedTraderPnl, "the profit cap binds");
        assertEq(engine.markedPoolValue(), v.value, "engine and pool: one value");

        uint256 fee = _fee(30_000e18, v.value);
        vm.expectEmit(address(engine));
        emit IPerpEngine.PositionOpened(bob, BTC, 0.5e18, 60_000e18, 5000e6 - fee, fee);
        vm.prank(bob);
        direct.open(BTC, 0.5e18, 5000e6);
    }

    /// @dev Random moves on two markets with positions both ways: the engine's view, the value an
    /// open uses (through its fee) and the pool's value are the same number.
    function testFuzz_markedValueMatchesPool(int256 ethBps, int256 solBps, uint256 dt) public {
        vm.prank(alice);
        direct.open(ETH, 20e18, 20_000e6);
        vm.prank(bob);
        direct.open(SOL, -500e18, 20_000e6);
        vm.warp(vm.getBlockTimestamp() + bound(dt, 1, 1 days));
        _setPrice(ETH, 3000e8 + 3000e8 * bound(ethBps, -900, 900) / 10_000);
        _setPrice(SOL, 150e8 + 150e8 * bound(solBps, -900, 900) / 10_000);
        _setPrice(BTC, 60_000e8);
        uint256 value = pool.poolValue().value;
        assertEq(engine.markedPoolValue(), value);
        // the open's own market carries a position, so its term comes from the loaded state
        uint256 px = oracle.latest(ETH).price;
        uint256 fee = _fee(2 * px, value); // notional of 2 ETH at the fill (the accepted price)
        vm.expectEmit(address(engine));
        emit IPerpEngine.PositionOpened(bob, ETH, 2e18, px, 1000e6 - fee, fee);
        vm.prank(bob);
        direct.open(ETH, 2e18, 1000e6);
    }
}

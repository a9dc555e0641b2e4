// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Fixture} from "../utils/Fixture.sol";
import {IPerpEngine, MarketView, PositionView} from "../../src/interfaces/IPerpEngine.sol";
import {LatestPrice} from "../../src/interfaces/IOracleAggregator.sol";

/// @notice Issue 13: new risk (open, increase, collateral withdrawal) is priced at the volatility
/// target at once, while open positions' maintenance margin keeps its gradual rise.
contract NewRiskMarginTest is Fixture {
    /// @dev SOL (tier 1: mmBase 2.5 %, mmMax 15 %, 8x) swings ±5 % a minute for `minutes_`
    /// minutes: the target reaches its 15 % ceiling long before the current margin.
    function _volatileSol(uint256 minutes_) internal {
        int256 price = 150e8;
        for (uint256 i; i < minutes_; ++i) {
            price = i % 2 == 0 ? price * 105 / 100 : price * 100 / 105;
            vm.warp(vm.getBlockTimestamp() + 60);
            for (uint256 m; m < 3; ++m) {
                if (m == SOL) {
                    _setPrice(m, price);
                } else {
                    (, int256 answer,,,) = sources[m][0].latestRoundData();
                    _setPrice(m, answer);
                }
            }
        }
    }

    function test_latestCarriesTheTarget() public {
        _volatileSol(5);
        LatestPrice memory px = oracle.latest(SOL);
        (uint256 current, uint256 target,) = oracle.margin(SOL);
        assertEq(px.mmCurrent, current);
        assertEq(px.mmTarget, target);
        assertGt(target, current, "target ahead of the gradual current margin");
    }

    /// @dev Before issue 13 this open succeeded: initial margin came from the current margin
    /// (about 3 %: im = max(2·3 %, 1/8) = 12.5 %), not the 15 % target (im 30 %).
    function test_open_initialMarginFollowsTargetAtOnce() public {
        _volatileSol(5);
        MarketView memory m = lens.getMarket(SOL);
        emit log_named_decimal_uint("current maintenance margin (%)", m.currentMaintenanceMargin * 100, 18);
        emit log_named_decimal_uint("target maintenance margin (%)", m.targetMaintenanceMargin * 100, 18);
        assertEq(m.targetMaintenanceMargin, 0.15e18, "target at the tier's ceiling");
        assertLt(m.currentMaintenanceMargin, 0.05e18, "current still rising");
        assertEq(m.initialMarginRatio, 0.3e18, "new risk: 2 x the target");

        // 6x: within the tier's 8x and the current margin's initial ratio, not the target's
        uint256 notional = 100e18 * oracle.latest(SOL).price / 1e18;
        uint256 collateral = notional / 6 / 1e12;
        vm.prank(alice);
        vm.expectPartialRevert(IPerpEngine.BelowInitialMargin.selector);
        direct.open(SOL, 100e18, collateral);
        // 3x opens (im 30 % ≤ 1/3 after fees)
        vm.prank(alice);
        direct.open(SOL, 100e18, notional / 3 / 1e12 + 100e6);
        PositionView memory p = lens.getPosition(alice, SOL);
        assertEq(p.maintenanceMarginRatio, m.currentMaintenanceMargin, "open positions keep the gradual margin");
        assertEq(p.initialMarginRatio, 0.3e18);
    }

    /// @dev Increase and collateral withdrawal are new risk too.
    function test_increaseAndWithdraw_initialMarginFollowsTarget() public {
        vm.prank(alice);
        direct.open(SOL, 100e18, 4000e6); // ~3.8x at 150 in a calm market
        _volatileSol(5);
        vm.prank(alice);
        vm.expectPartialRevert(IPerpEngine.BelowInitialMargin.selector);
        direct.increase(SOL, 50e18, 0);
        vm.prank(alice);
        vm.expectPartialRevert(IPerpEngine.BelowInitialMargin.selector);
        engine.removeCollateral(SOL, 1500e6);
        assertFalse(lens.getPosition(alice, SOL).liquidatable, "the position itself is healthy");
    }
}

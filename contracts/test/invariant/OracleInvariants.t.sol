// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {OracleFixture} from "../utils/OracleFixture.sol";
import {HostileFeed} from "../utils/HostileFeed.sol";
import {DevnetPriceSource} from "../../src/devnet/DevnetPriceSource.sol";
import {OracleAggregator} from "../../src/oracle/OracleAggregator.sol";
import {OracleStatus, OracleView} from "../../src/interfaces/IOracleAggregator.sol";
import {MarketConfig, OracleParams} from "../../src/interfaces/IRiskConfig.sol";

/// @notice Drives one market's sources (walks, crashes, a fourth source turning hostile) and calls
/// `update` at random times; records what must never happen.
contract OracleHandler is Test {
    OracleAggregator internal oracle;
    DevnetPriceSource[3] internal sources;
    HostileFeed internal hostile;
    uint256 internal immutable maxGuardDuration;

    uint256 public updateReverts;
    uint256 public guardOverstays;
    uint256 public updates;
    int256 internal price = 3000e8;

    constructor(OracleAggregator oracle_, DevnetPriceSource[3] memory sources_, HostileFeed hostile_, uint256 maxGuard) {
        oracle = oracle_;
        sources = sources_;
        hostile = hostile_;
        maxGuardDuration = maxGuard;
    }

    /// @dev Moves the price by -40 % … +40 % (beyond maxJump sometimes) and pushes some sources.
    function move(int256 bps, uint256 which) external {
        bps = bound(bps, -4000, 4000);
        int256 next = price * (10000 + bps) / 10000;
        if (next <= 0) next = 1;
        price = next;
        which = bound(which, 1, 7);
        for (uint256 i; i < 3; ++i) {
            if (which & (1 << i) != 0) sources[i].updateAnswer(price);
        }
        hostile.push(price);
    }

    function turnHostile(uint8 mode) external {
        hostile.setMode(HostileFeed.Mode(bound(mode, 0, uint256(type(HostileFeed.Mode).max))));
    }

    function warp(uint256 dt) external {
        vm.warp(vm.getBlockTimestamp() + bound(dt, 0, 900));
    }

    function update() external {
        updates++;
        try oracle.update(0) returns (OracleStatus s) {
            if (s == OracleStatus.Guarded) {
                OracleView memory v = oracle.getOracleState(0);
                if (vm.getBlockTimestamp() >= v.guardedSince + maxGuardDuration) guardOverstays++;
            }
        } catch {
            updateReverts++;
        }
    }
}

contract OracleInvariantsTest is StdInvariant, OracleFixture {
    OracleHandler internal handler;

    function setUp() public override {
        super.setUp();
        HostileFeed hostile = new HostileFeed(3000e8);
        oracle.addSource(ETH, hostile);
        OracleParams memory p = config.oracleParams(ETH);
        handler = new OracleHandler(oracle, sources[ETH], hostile, p.maxGuardDuration);
        // the handler pushes the sources
        for (uint256 i; i < 3; ++i) {
            sources[ETH][i].setUpdater(address(handler));
        }
        targetContract(address(handler));
    }

    function invariant_updateNeverReverts() public view {
        assertEq(handler.updateReverts(), 0);
    }

    function invariant_guardNeverOutlastsItsMaximum() public view {
        assertEq(handler.guardOverstays(), 0);
    }

    /// @dev mmBase ≤ mmCurrent ≤ mmMax and mmTarget likewise, variance ≤ ln(2)² per second.
    function invariant_marginWithinTierBounds() public view {
        (uint256 current, uint256 target, uint256 variance) = oracle.margin(ETH);
        MarketConfig memory cfg = config.marketConfig(ETH);
        assertGe(current, cfg.mmBase);
        assertLe(current, cfg.mmMax);
        assertGe(target, cfg.mmBase);
        assertLe(target, cfg.mmMax);
        assertLe(variance, 0.4805e18);
    }

    function invariant_acceptedPriceInRange() public view {
        uint256 p = oracle.latest(ETH).price;
        assertGt(p, 0);
        assertLe(p, oracle.MAX_PRICE());
    }
}

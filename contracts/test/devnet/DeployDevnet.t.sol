// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test, Vm} from "forge-std/Test.sol";
import {DeployDevnet} from "../../script/DeployDevnet.s.sol";
import {GovernanceDeployment} from "../../script/DeployGovernance.s.sol";
import {IOrderRouter, Order} from "../../src/interfaces/IOrderRouter.sol";
import {ILiquidityPool, LpRequest} from "../../src/interfaces/ILiquidityPool.sol";
import {PositionView, PositionKey} from "../../src/interfaces/IPerpEngine.sol";

/// @dev Runs the devnet deploy (without writing the JSON) and does what the TypeScript deploy
/// does after it: one second later, prices re-pushed and accepted, the LP seed request executed
/// first, then the demo open requests.
contract DeployDevnetTest is Test {
    DeployDevnet internal script;
    DeployDevnet.Deployed internal d;
    uint256[] internal lpIds;
    LpRequest[] internal lpRequests;
    uint256[] internal orderIds;
    Order[] internal orders;

    function setUp() public {
        vm.warp(1_700_000_000);
        script = new DeployDevnet();
        vm.recordLogs();
        (DeployDevnet.Deployed memory deployed,) = script.deploy();
        d = deployed;
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == ILiquidityPool.LpRequested.selector) {
                lpIds.push(uint256(logs[i].topics[1]));
                lpRequests.push(abi.decode(logs[i].data, (LpRequest)));
            } else if (logs[i].topics[0] == IOrderRouter.OrderRequested.selector) {
                orderIds.push(uint256(logs[i].topics[1]));
                orders.push(abi.decode(logs[i].data, (Order)));
            }
        }
    }

    function test_wiring_routerLensParameters() public view {
        assertEq(d.engine.router(), address(d.router));
        assertEq(address(d.lens) != address(0), true);
        assertEq(d.router.minDelay(), 1);
        assertEq(d.router.maxOrderAge(), 10 minutes);
        assertEq(d.router.executionFee(), 0.5e6);
        assertEq(d.router.minPositionNotional(), 10e18);
        assertEq(d.pool.minDelay(), 1);
        assertEq(d.pool.maxRequestAge(), 10 minutes);
        assertEq(d.pool.executionFee(), 0.5e6);
        assertEq(d.pool.minHoldTime(), 10 minutes);
        assertEq(d.pool.maxPnlFraction(), 0.5e18);
    }

    /// @dev Open positions among the seed orders' (trader, market) keys, in one lens call.
    function _openCount() internal view returns (uint256 n) {
        PositionKey[] memory keys = new PositionKey[](orders.length);
        for (uint256 j; j < orders.length; ++j) {
            keys[j] = PositionKey(orders[j].trader, uint96(orders[j].marketId));
        }
        PositionView[] memory ps = d.lens.getPositions(keys);
        for (uint256 j; j < ps.length; ++j) {
            if (ps[j].size != 0) ++n;
        }
    }

    function test_seed_leavesRequests() public view {
        assertEq(lpRequests.length, 1, "one LP deposit request");
        assertEq(lpRequests[0].amount, 1_000_000e6);
        assertEq(orders.length, 7, "seven open requests");
        assertEq(d.engine.poolAssets(), 0, "nothing executed yet");
        assertEq(_openCount(), 0);
        assertEq(d.router.escrowedCollateral(), 25_000e6);
        assertEq(d.router.feesHeld(), 7 * 0.5e6);
    }

    function test_seedRequests_executeAfterTheDelay() public {
        vm.warp(vm.getBlockTimestamp() + 1);
        for (uint256 m; m < 3; ++m) {
            for (uint256 i; i < 3; ++i) {
                (, int256 answer,,,) = d.sources[m][i].latestRoundData();
                vm.prank(d.sources[m][i].updater());
                d.sources[m][i].updateAnswer(answer);
            }
            d.oracle.update(m);
        }
        address keeper = makeAddr("keeper");
        // the LP deposit first: the open-interest caps are a fraction of the pool
        uint256[] memory idx = new uint256[](3);
        for (uint256 m; m < 3; ++m) {
            (bool found, uint256 k,) = d.oracle.findFirstQualifying(m, lpRequests[0].createdAt, d.pool.minDelay());
            assertTrue(found);
            idx[m] = k;
        }
        vm.prank(keeper);
        d.pool.executeRequest(lpIds[0], lpRequests[0], idx);
        assertEq(d.engine.poolAssets(), 1_000_000e6);
        for (uint256 j; j < orders.length; ++j) {
            (bool found, uint256 k,) = d.oracle.findFirstQualifying(orders[j].marketId, orders[j].createdAt, d.router.minDelay());
            assertTrue(found);
            vm.prank(keeper);
            d.router.executeOrder(orderIds[j], orders[j], k);
            PositionView memory p = d.lens.getPosition(orders[j].trader, orders[j].marketId);
            assertEq(p.size, orders[j].size, "demo position opened");
        }
        assertEq(_openCount(), 7);
        assertEq(d.router.escrowedCollateral(), 0);
        // the pool pays its fee, the router credits its seven
        assertEq(d.usd.balanceOf(keeper), 0.5e6, "the pool paid the executor");
        assertEq(d.router.claimable(keeper), 7 * 0.5e6, "the router credited the executor every fee");
        vm.prank(keeper);
        assertEq(d.router.claim(), 7 * 0.5e6);
        assertEq(d.usd.balanceOf(keeper), 8 * 0.5e6, "the executor collected every fee");
        assertEq(d.router.feesHeld(), 0);
    }
}

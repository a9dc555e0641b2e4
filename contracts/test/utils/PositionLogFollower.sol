// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test, Vm} from "forge-std/Test.sol";
import {IPerpEngine} from "../../src/interfaces/IPerpEngine.sol";
import {ILiquidationEngine} from "../../src/interfaces/IInsurance.sol";

/// @notice The open set as the keeper and the dashboard derive it (lib/positions/openSet.ts): from
/// the logs only, `PositionOpened` adds a key, `PositionClosed` and a `Liquidated` with `full`
/// remove it. The engine keeps no list of open positions, so an invariant comparing this set with
/// the engine's positions proves every path that opens or closes one emits what they follow.
abstract contract PositionLogFollower is Test {
    mapping(address trader => mapping(uint256 marketId => bool)) public openByLogs;

    /// @dev Start recording before an action that may open or close positions.
    function _recordPositionLogs() internal {
        vm.recordLogs();
    }

    /// @dev Applies the recorded logs, in order, to the set.
    function _followPositionLogs(address engine, address liquidator) internal {
        Vm.Log[] memory logs = vm.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            Vm.Log memory l = logs[i];
            if (l.topics.length < 3) continue;
            address trader = address(uint160(uint256(l.topics[1])));
            uint256 marketId = uint256(l.topics[2]);
            if (l.emitter == engine && l.topics[0] == IPerpEngine.PositionOpened.selector) {
                openByLogs[trader][marketId] = true;
            } else if (l.emitter == engine && l.topics[0] == IPerpEngine.PositionClosed.selector) {
                openByLogs[trader][marketId] = false;
            } else if (l.emitter == liquidator && l.topics[0] == ILiquidationEngine.Liquidated.selector) {
                (,,,,, bool full) = abi.decode(l.data, (uint256, uint256, uint256, uint256, uint256, bool));
                if (full) openByLogs[trader][marketId] = false;
            }
        }
    }
}

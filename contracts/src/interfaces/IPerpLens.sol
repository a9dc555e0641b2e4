// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PositionView, MarketView, PositionKey} from "./IPerpEngine.sol";

/// @title IPerpLens
/// @notice Read-only views of the engine for the dashboard and the keeper: each position and
/// market in one call, derived from the engine's raw state with the same library maths the engine
/// trades with (so a view never disagrees with what a trade or a liquidation would do).
interface IPerpLens {
    function getPosition(address trader, uint256 marketId) external view returns (PositionView memory);
    function getMarket(uint256 marketId) external view returns (MarketView memory);
    /// @notice `getPosition` for each key, in order (size 0 where there is none). The engine keeps
    /// no list of open positions: callers derive the keys from `PositionOpened`, `PositionClosed`
    /// and full `Liquidated` events and read them here in one call.
    function getPositions(PositionKey[] calldata keys) external view returns (PositionView[] memory positions);
}

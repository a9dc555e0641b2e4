// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PositionView, MarketView} from "./IPerpEngine.sol";

/// @title IPerpLens
/// @notice Read-only views of the engine for the dashboard and the keeper: each position and
/// market in one call, derived from the engine's raw state with the same library maths the engine
/// trades with (so a view never disagrees with what a trade or a liquidation would do).
interface IPerpLens {
    function getPosition(address trader, uint256 marketId) external view returns (PositionView memory);
    function getMarket(uint256 marketId) external view returns (MarketView memory);
    /// @notice Open positions `offset` … `offset + limit − 1` (in key order) and the total count.
    function getOpenPositions(uint256 offset, uint256 limit)
        external
        view
        returns (PositionView[] memory positions, uint256 total);
}

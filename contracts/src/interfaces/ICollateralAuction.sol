// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice One lot of a non-settlement asset for sale.
struct CollateralLot {
    IERC20 asset;
    /// @dev asset base units left
    uint256 remaining;
    /// @dev settlement-token units per 1e18 asset base units, at start and floor
    uint256 startPrice;
    uint256 minPrice;
    uint256 start;
    uint256 duration;
}

/// @title ICollateralAuction
interface ICollateralAuction {
    error NotFund(address caller);
    error ParameterOutOfBounds(bytes32 parameter, uint256 value, uint256 min, uint256 max);
    /// @notice The lot is sold out or its round ended (restart it).
    error LotNotActive(uint256 lotId);
    /// @notice Restart before the round ended, or of a sold-out lot.
    error CannotRestart(uint256 lotId);
    error PriceAboveLimit(uint256 price, uint256 maxPrice);
    error NothingToBuy();

    event LotStarted(uint256 indexed lotId, address indexed asset, uint256 amount, uint256 startPrice, uint256 minPrice, uint256 duration);
    event LotBid(uint256 indexed lotId, address indexed bidder, uint256 amount, uint256 price, uint256 paid);
    event LotRestarted(uint256 indexed lotId);

    function start(IERC20 asset, uint256 amount, uint256 startPrice, uint256 minPrice, uint256 duration)
        external
        returns (uint256 lotId);
    function bid(uint256 lotId, uint256 maxAmount, uint256 maxPrice) external returns (uint256 amount, uint256 paid);
    function restart(uint256 lotId) external;
    function priceOf(uint256 lotId) external view returns (uint256);
}

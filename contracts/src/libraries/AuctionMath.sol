// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMath} from "./FixedPointMath.sol";

/// @title AuctionMath
/// @notice Dutch-auction pricing shared by the debt and collateral auctions. Prices are
/// settlement-token units per 1e18 base units of the asset sold.
library AuctionMath {
    using FixedPointMath for uint256;

    /// @notice Linear decay from `startPrice` at `start` to `minPrice` at `start + duration`,
    /// then held at `minPrice` (rounded up: the protocol never sells below the line).
    function linearPrice(uint256 startPrice, uint256 minPrice, uint256 start, uint256 duration, uint256 nowTs)
        internal
        pure
        returns (uint256)
    {
        uint256 elapsed = nowTs - start;
        if (elapsed >= duration) return minPrice;
        return startPrice - (startPrice - minPrice).mulDivDown(elapsed, duration);
    }

    /// @notice Settlement tokens accepted: min(maxPayment, deficit, what `mintable` tokens cost).
    function payment(uint256 maxPayment, uint256 deficit, uint256 mintable, uint256 price)
        internal
        pure
        returns (uint256 paid)
    {
        paid = maxPayment < deficit ? maxPayment : deficit;
        uint256 capValue = mintable.mulDivDown(price, 1e18);
        if (paid > capValue) paid = capValue;
    }

    /// @notice Tokens for `paid` at `price`: floor(paid · 1e18 / price).
    function tokensFor(uint256 paid, uint256 price) internal pure returns (uint256) {
        return paid.mulDivDown(1e18, price);
    }

    /// @notice The round's prices after the lot grew: `startPrice` and `minPrice` divided by
    /// `divisor` (WAD, = (1 + lotGrowth)^k), rounded up (the protocol never sells below the
    /// line), the floor at least 1 unit and the start at least the floor.
    function grownLotPrices(uint256 startPrice, uint256 minPrice, uint256 divisor)
        internal
        pure
        returns (uint256 sp, uint256 mp)
    {
        mp = minPrice.mulDivUp(1e18, divisor);
        if (mp == 0) mp = 1;
        sp = startPrice.mulDivUp(1e18, divisor);
        if (sp < mp) sp = mp;
    }
}

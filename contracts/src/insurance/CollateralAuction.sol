// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IInsuranceFund} from "../interfaces/IInsurance.sol";
import {ICollateralAuction, CollateralLot} from "../interfaces/ICollateralAuction.sol";
import {AuctionMath} from "../libraries/AuctionMath.sol";
import {FixedPointMath} from "../libraries/FixedPointMath.sol";

/// @title CollateralAuction
/// @notice Sells non-settlement assets the insurance fund holds in Dutch auctions; every
/// settlement token paid goes into the fund's buffer. A lot whose round ended unsold restarts at
/// its start price (anyone may call `restart`).
contract CollateralAuction is ICollateralAuction, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using FixedPointMath for uint256;

    uint256 public constant MIN_DURATION = 1 minutes;
    uint256 public constant MAX_DURATION = 7 days;

    IERC20 public immutable usd;
    IInsuranceFund public immutable fund;

    uint256 public lotCount;
    mapping(uint256 lotId => CollateralLot lot) public lots;

    constructor(IERC20 usd_, IInsuranceFund fund_) {
        usd = usd_;
        fund = fund_;
    }

    /// @notice The fund puts `amount` of `asset` up for sale (pulled from the fund).
    function start(IERC20 asset, uint256 amount, uint256 startPrice, uint256 minPrice, uint256 duration)
        external
        nonReentrant
        returns (uint256 lotId)
    {
        if (msg.sender != address(fund)) revert NotFund(msg.sender);
        if (amount == 0) revert NothingToBuy();
        if (minPrice == 0 || minPrice > startPrice) revert ParameterOutOfBounds("minPrice", minPrice, 1, startPrice);
        if (duration < MIN_DURATION || duration > MAX_DURATION) {
            revert ParameterOutOfBounds("duration", duration, MIN_DURATION, MAX_DURATION);
        }
        lotId = lotCount++;
        lots[lotId] = CollateralLot(asset, amount, startPrice, minPrice, block.timestamp, duration);
        asset.safeTransferFrom(msg.sender, address(this), amount);
        emit LotStarted(lotId, address(asset), amount, startPrice, minPrice, duration);
    }

    /// @notice Buys up to `maxAmount` of the lot at the current price (≤ `maxPrice`); pays
    /// ceil(amount · price / 1e18) settlement tokens into the fund's buffer.
    function bid(uint256 lotId, uint256 maxAmount, uint256 maxPrice)
        external
        nonReentrant
        returns (uint256 amount, uint256 paid)
    {
        CollateralLot storage lot = lots[lotId];
        if (lot.remaining == 0 || block.timestamp >= lot.start + lot.duration) revert LotNotActive(lotId);
        uint256 price = priceOf(lotId);
        if (price > maxPrice) revert PriceAboveLimit(price, maxPrice);
        amount = maxAmount < lot.remaining ? maxAmount : lot.remaining;
        paid = amount.mulDivUp(price, 1e18);
        if (amount == 0 || paid == 0) revert NothingToBuy();
        lot.remaining -= amount;
        usd.safeTransferFrom(msg.sender, address(this), paid);
        usd.forceApprove(address(fund), paid);
        fund.addToBuffer(paid);
        lot.asset.safeTransfer(msg.sender, amount);
        emit LotBid(lotId, msg.sender, amount, price, paid);
    }

    /// @notice Restarts a lot whose round ended with some of it unsold.
    function restart(uint256 lotId) external {
        CollateralLot storage lot = lots[lotId];
        if (lot.remaining == 0 || block.timestamp < lot.start + lot.duration) revert CannotRestart(lotId);
        lot.start = block.timestamp;
        emit LotRestarted(lotId);
    }

    function priceOf(uint256 lotId) public view returns (uint256) {
        CollateralLot memory lot = lots[lotId];
        if (lot.remaining == 0) return 0;
        return AuctionMath.linearPrice(lot.startPrice, lot.minPrice, lot.start, lot.duration, block.timestamp);
    }
}

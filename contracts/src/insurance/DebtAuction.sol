// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IRiskConfig} from "../interfaces/IRiskConfig.sol";
import {IInsuranceFund, IDebtAuction, AuctionState} from "../interfaces/IInsurance.sol";
import {RampartToken} from "../governance/RampartToken.sol";
import {AuctionMath} from "../libraries/AuctionMath.sol";

/// @title DebtAuction
/// @notice Step 4 of the loss waterfall: a descending-price (Dutch) auction that mints RPT (as
/// the token's minter, within the token's per-period mint cap) for settlement tokens until the
/// deficit is covered. Price: linear from `startPrice` to `minPrice` over `duration`, then held at
/// `minPrice` until the round ends. A round that ends with deficit left is restarted by anyone
/// (`restart`); after `maxUnfilledRounds` such rounds the auction gives up and the remaining
/// deficit is socialised on the pool (step 5). Prices: settlement-token units per 1e18 RPT.
interface IPoolHolderA {
    function pool() external view returns (address);
}

interface IPoolCoverA {
    function coverLoss(uint256 amount) external;
}

contract DebtAuction is IDebtAuction, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 internal constant WAD = 1e18;
    uint256 public constant MIN_DURATION = 1 minutes;
    uint256 public constant MAX_DURATION = 7 days;
    uint256 public constant MAX_ROUNDS = 20;
    uint256 public constant MAX_PRICE = 1e30;

    IERC20 public immutable usd;
    RampartToken public immutable rpt;
    IRiskConfig public immutable config;
    address public immutable engine;
    IInsuranceFund public immutable fund;

    uint256 public startPrice;
    uint256 public minPrice;
    uint256 public duration;
    uint256 public maxUnfilledRounds;

    uint256 public deficit;
    uint256 public round;
    uint256 public roundStart;
    uint256 public unfilledRounds;
    uint256 public totalRaised;
    uint256 public totalMinted;

    constructor(
        IERC20 usd_,
        RampartToken rpt_,
        IRiskConfig config_,
        address engine_,
        IInsuranceFund fund_,
        uint256 startPrice_,
        uint256 minPrice_,
        uint256 duration_,
        uint256 maxUnfilledRounds_
    ) {
        usd = usd_;
        rpt = rpt_;
        config = config_;
        engine = engine_;
        fund = fund_;
        _set(startPrice_, minPrice_, duration_, maxUnfilledRounds_);
    }

    function setParameters(uint256 startPrice_, uint256 minPrice_, uint256 duration_, uint256 maxUnfilledRounds_)
        external
    {
        if (msg.sender != config.owner()) revert NotOwner(msg.sender);
        _set(startPrice_, minPrice_, duration_, maxUnfilledRounds_);
    }

    /// @notice The insurance fund hands over what buffer and stakers could not cover; starts a
    /// round when none is running.
    function addDeficit(uint256 amount) external nonReentrant {
        if (msg.sender != address(fund)) revert Unauthorized(msg.sender);
        deficit += amount;
        emit DeficitAdded(amount, deficit);
        if (roundStart == 0) _startRound();
    }

    /// @notice Pays up to `maxPayment` settlement tokens at the current price (≤ `maxPrice`) for
    /// newly minted RPT. Payment is capped by the deficit and by what the token may still mint
    /// this period; RPT minted = floor(paid · 1e18 / price).
    function bid(uint256 maxPayment, uint256 maxPrice) external nonReentrant returns (uint256 paid, uint256 minted) {
        if (!_active()) revert AuctionNotActive();
        uint256 price = priceNow();
        if (price > maxPrice) revert PriceAboveLimit(price, maxPrice);
        paid = AuctionMath.payment(maxPayment, deficit, rpt.mintableNow(), price);
        if (paid == 0) revert NothingToBuy();
        minted = AuctionMath.tokensFor(paid, price);
        if (minted == 0) revert NothingToBuy();

        deficit -= paid;
        totalRaised += paid;
        totalMinted += minted;
        usd.safeTransferFrom(msg.sender, address(this), paid);
        fund.onAuctionProceeds(paid);
        address pool = IPoolHolderA(engine).pool();
        usd.forceApprove(pool, paid);
        IPoolCoverA(pool).coverLoss(paid);
        rpt.mint(msg.sender, minted);
        emit Bid(msg.sender, round, price, paid, minted, deficit);
        if (deficit == 0) _settle();
    }

    /// @notice Restarts a round that ended with deficit left (anyone); after `maxUnfilledRounds`
    /// unfilled rounds the rest is socialised on the pool instead.
    function restart() external nonReentrant {
        if (deficit == 0 || roundStart == 0 || block.timestamp < roundStart + duration) revert CannotRestart();
        ++unfilledRounds;
        emit RoundEndedUnfilled(round, deficit, unfilledRounds);
        if (unfilledRounds >= maxUnfilledRounds) {
            uint256 amount = deficit;
            deficit = 0;
            _settle();
            fund.socialise(amount);
        } else {
            _startRound();
        }
    }

    /// @notice Current price (settlement-token units per 1e18 RPT); 0 when no round is running.
    function priceNow() public view returns (uint256) {
        if (roundStart == 0) return 0;
        return AuctionMath.linearPrice(startPrice, minPrice, roundStart, duration, block.timestamp);
    }

    function auctionState() external view returns (AuctionState memory s) {
        s.active = _active();
        s.round = round;
        s.priceNow = priceNow();
        s.startPrice = startPrice;
        s.minPrice = minPrice;
        s.remainingDeficit = deficit;
        s.roundStart = roundStart;
        s.roundEnd = roundStart == 0 ? 0 : roundStart + duration;
        s.unfilledRounds = unfilledRounds;
        s.maxUnfilledRounds = maxUnfilledRounds;
        s.mintableNow = rpt.mintableNow();
        s.mintedThisPeriod = block.timestamp >= rpt.periodStart() + rpt.mintPeriod() ? 0 : rpt.mintedInPeriod();
        s.totalRaised = totalRaised;
        s.totalMinted = totalMinted;
    }

    function _active() internal view returns (bool) {
        return roundStart != 0 && deficit != 0 && block.timestamp < roundStart + duration;
    }

    function _startRound() internal {
        ++round;
        roundStart = block.timestamp;
        emit RoundStarted(round, startPrice, deficit);
    }

    function _settle() internal {
        emit AuctionSettled(round);
        roundStart = 0;
        unfilledRounds = 0;
    }

    function _set(uint256 sp, uint256 mp, uint256 d, uint256 r) internal {
        _bound("minPrice", mp, 1, MAX_PRICE);
        _bound("startPrice", sp, mp, MAX_PRICE);
        _bound("duration", d, MIN_DURATION, MAX_DURATION);
        _bound("maxUnfilledRounds", r, 1, MAX_ROUNDS);
        (startPrice, minPrice, duration, maxUnfilledRounds) = (sp, mp, d, r);
        emit ParametersSet(sp, mp, d, r);
    }

    function _bound(bytes32 name, uint256 v, uint256 lo, uint256 hi) internal pure {
        if (v < lo || v > hi) revert ParameterOutOfBounds(name, v, lo, hi);
    }
}

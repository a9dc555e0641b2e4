// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IRiskConfig} from "../interfaces/IRiskConfig.sol";
import {IInsuranceFund, IDebtAuction, AuctionState} from "../interfaces/IInsurance.sol";
import {RampartToken} from "../governance/RampartToken.sol";
import {AuctionMath} from "../libraries/AuctionMath.sol";
import {FixedPointMath} from "../libraries/FixedPointMath.sol";

/// @title DebtAuction
/// @notice Step 4 of the loss waterfall: a descending-price (Dutch) auction that mints RPT (as
/// the token's minter, within the token's per-period mint cap) for settlement tokens until the
/// deficit is covered. In round k of a sequence (k = rounds that already ended unfilled) the price
/// runs linearly from `startPrice / (1 + lotGrowth)^k` to `minPrice / (1 + lotGrowth)^k` over
/// `duration`, then holds: the lot of RPT per settlement token grows each unfilled round, as in
/// Maker's flop. New deficit always joins the running round or starts one at once. Socialising on
/// the pool (step 5) is the last resort: `restart` does it only when at least
/// `maxUnfilledRounds` rounds ended unfilled, `minAuctionTime` has passed since the sequence's
/// first round, and the newest deficit was offered for a whole round. Prices: settlement-token
/// units per 1e18 RPT.
interface IPoolHolderA {
    function pool() external view returns (address);
}

interface IPoolCoverA {
    function coverLoss(uint256 amount) external;
}

contract DebtAuction is IDebtAuction, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using FixedPointMath for uint256;

    uint256 internal constant WAD = 1e18;
    uint256 public constant MIN_DURATION = 1 minutes;
    uint256 public constant MAX_DURATION = 7 days;
    uint256 public constant MAX_ROUNDS = 20;
    uint256 public constant MAX_PRICE = 1e30;
    /// @notice Lot growth per unfilled round: 1 %–100 % (WAD).
    uint256 public constant MIN_LOT_GROWTH = 0.01e18;
    uint256 public constant MAX_LOT_GROWTH = 1e18;
    /// @notice Minimum time before socialising: 1 hour–30 days.
    uint256 public constant MIN_AUCTION_TIME_FLOOR = 1 hours;
    uint256 public constant MIN_AUCTION_TIME_CEILING = 30 days;
    /// @notice Live-network defaults (constructor); deploy scripts set the devnet's.
    uint256 public constant LIVE_LOT_GROWTH = 0.2e18;
    uint256 public constant LIVE_MIN_AUCTION_TIME = 3 days;
    /// @dev The price divisor stops growing here (prices are then 1e-12 of the governed ones).
    uint256 internal constant MAX_DIVISOR = 1e30;

    IERC20 public immutable usd;
    RampartToken public immutable rpt;
    IRiskConfig public immutable config;
    address public immutable engine;
    IInsuranceFund public immutable fund;

    uint256 public startPrice;
    uint256 public minPrice;
    uint256 public duration;
    uint256 public maxUnfilledRounds;
    /// @notice Growth of the lot per unfilled round (WAD): prices are divided by 1 + lotGrowth.
    uint256 public lotGrowth;
    /// @notice Minimum time from the first round of a sequence before its deficit may be socialised.
    uint256 public minAuctionTime;

    uint256 public deficit;
    uint256 public round;
    uint256 public roundStart;
    uint256 public unfilledRounds;
    uint256 public totalRaised;
    uint256 public totalMinted;
    /// @notice Start of the current sequence's first round (0 = none).
    uint256 public auctionStart;
    /// @notice When deficit was last added.
    uint256 public lastDeficitAt;
    /// @notice (1 + lotGrowth)^k for the current round (WAD): the governed prices are divided by it.
    uint256 public priceDivisor;

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
        _set(startPrice_, minPrice_, duration_, maxUnfilledRounds_, LIVE_LOT_GROWTH, LIVE_MIN_AUCTION_TIME);
    }

    /// @notice Sets every auction parameter within its bounds (config owner only).
    function setParameters(
        uint256 startPrice_,
        uint256 minPrice_,
        uint256 duration_,
        uint256 maxUnfilledRounds_,
        uint256 lotGrowth_,
        uint256 minAuctionTime_
    ) external {
        if (msg.sender != config.owner()) revert NotOwner(msg.sender);
        _set(startPrice_, minPrice_, duration_, maxUnfilledRounds_, lotGrowth_, minAuctionTime_);
    }

    /// @notice The insurance fund hands over what buffer and stakers could not cover. It joins
    /// the running round; when none runs (none started, or the last one ended and nobody
    /// restarted it yet) a round starts at once, so no deficit can wait outside an auction.
    function addDeficit(uint256 amount) external nonReentrant {
        if (msg.sender != address(fund)) revert Unauthorized(msg.sender);
        deficit += amount;
        lastDeficitAt = block.timestamp;
        emit DeficitAdded(amount, deficit);
        if (roundStart == 0) {
            auctionStart = block.timestamp;
            priceDivisor = WAD;
            _startRound();
        } else if (block.timestamp >= roundStart + duration) {
            _endUnfilled();
            _startRound();
        }
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

    /// @notice Ends a round that ran out with deficit left (anyone) and starts the next, with a
    /// larger lot. Socialises the rest on the pool instead only as the last resort (see
    /// `canSocialise`).
    function restart() external nonReentrant {
        if (deficit == 0 || roundStart == 0 || block.timestamp < roundStart + duration) revert CannotRestart();
        bool last = _socialisable();
        _endUnfilled();
        if (last) {
            uint256 amount = deficit;
            deficit = 0;
            _settle();
            fund.socialise(amount);
        } else {
            _startRound();
        }
    }

    /// @notice Whether a `restart` now would socialise the deficit: the round ended, at least
    /// `maxUnfilledRounds` rounds (this one included) ended unfilled, `minAuctionTime` passed
    /// since the sequence's first round and the newest deficit was there for this whole round.
    function canSocialise() external view returns (bool) {
        return deficit != 0 && roundStart != 0 && block.timestamp >= roundStart + duration && _socialisable();
    }

    /// @notice Earliest time the current sequence may be socialised (0 = no sequence).
    function socialiseNotBefore() public view returns (uint256) {
        return auctionStart == 0 ? 0 : auctionStart + minAuctionTime;
    }

    /// @notice Current price (settlement-token units per 1e18 RPT); 0 when no round is running.
    function priceNow() public view returns (uint256) {
        if (roundStart == 0) return 0;
        (uint256 sp, uint256 mp) = roundPrices();
        return AuctionMath.linearPrice(sp, mp, roundStart, duration, block.timestamp);
    }

    /// @notice This round's start and floor prices: the governed ones divided by
    /// (1 + lotGrowth)^k after k unfilled rounds (the floor at least 1 unit, the start at least
    /// the floor).
    function roundPrices() public view returns (uint256 sp, uint256 mp) {
        uint256 d = priceDivisor == 0 ? WAD : priceDivisor;
        return AuctionMath.grownLotPrices(startPrice, minPrice, d);
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
        (s.roundStartPrice, s.roundMinPrice) = roundPrices();
        s.lotGrowth = lotGrowth;
        s.minAuctionTime = minAuctionTime;
        s.auctionStart = auctionStart;
        s.socialiseNotBefore = socialiseNotBefore();
    }

    function _active() internal view returns (bool) {
        return roundStart != 0 && deficit != 0 && block.timestamp < roundStart + duration;
    }

    function _startRound() internal {
        ++round;
        roundStart = block.timestamp;
        (uint256 sp,) = roundPrices();
        emit RoundStarted(round, sp, deficit);
    }

    /// @dev The round ended with deficit left: one more unfilled round, a larger lot next.
    function _endUnfilled() internal {
        ++unfilledRounds;
        uint256 d = priceDivisor.mulDivUp(WAD + lotGrowth, WAD);
        priceDivisor = d > MAX_DIVISOR ? MAX_DIVISOR : d;
        emit RoundEndedUnfilled(round, deficit, unfilledRounds);
    }

    /// @dev The round in progress (ended or not) is the last resort: enough unfilled rounds, the
    /// minimum time, and the newest deficit offered since this round's start.
    function _socialisable() internal view returns (bool) {
        return unfilledRounds + 1 >= maxUnfilledRounds && block.timestamp >= auctionStart + minAuctionTime
            && lastDeficitAt <= roundStart;
    }

    function _settle() internal {
        emit AuctionSettled(round);
        roundStart = 0;
        unfilledRounds = 0;
        auctionStart = 0;
        priceDivisor = WAD;
    }

    function _set(uint256 sp, uint256 mp, uint256 d, uint256 r, uint256 g, uint256 t) internal {
        _bound("minPrice", mp, 1, MAX_PRICE);
        _bound("startPrice", sp, mp, MAX_PRICE);
        _bound("duration", d, MIN_DURATION, MAX_DURATION);
        _bound("maxUnfilledRounds", r, 1, MAX_ROUNDS);
        _bound("lotGrowth", g, MIN_LOT_GROWTH, MAX_LOT_GROWTH);
        _bound("minAuctionTime", t, MIN_AUCTION_TIME_FLOOR, MIN_AUCTION_TIME_CEILING);
        (startPrice, minPrice, duration, maxUnfilledRounds, lotGrowth, minAuctionTime) = (sp, mp, d, r, g, t);
        emit ParametersSet(sp, mp, d, r);
        emit LotParametersSet(g, t);
    }

    function _bound(bytes32 name, uint256 v, uint256 lo, uint256 hi) internal pure {
        if (v < lo || v > hi) revert ParameterOutOfBounds(name, v, lo, hi);
    }
}

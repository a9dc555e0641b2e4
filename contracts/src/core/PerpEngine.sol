// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {PullPayments} from "../payments/PullPayments.sol";
import {IPerpEngine} from "../interfaces/IPerpEngine.sol";
import {IPerpEngineTrading, StoredPosition, StoredMarket} from "../interfaces/IPerpEngineTrading.sol";
import {ILiquidityPool} from "../interfaces/ILiquidityPool.sol";
import {IOracleHistory} from "../interfaces/IOracleHistory.sol";
import {MarketMath} from "../libraries/MarketMath.sol";
import {PoolMath} from "../libraries/PoolMath.sol";
import {
    IPerpEngineLiquidation,
    ILiquidationPlanner,
    LiquidationTerms,
    LiquidationResult,
    PartialQuote
} from "../interfaces/IPerpEngineLiquidation.sol";
import {LiquidationMath} from "../libraries/LiquidationMath.sol";
import {IRiskConfig, MarketConfig} from "../interfaces/IRiskConfig.sol";
import {IOracleAggregator, OracleStatus, LatestPrice} from "../interfaces/IOracleAggregator.sol";
import {PositionMath} from "../libraries/PositionMath.sol";
import {FixedPointMath} from "../libraries/FixedPointMath.sol";
import {Units} from "../libraries/Units.sol";

/// @title PerpEngine
/// @notice Isolated-margin positions per (trader, market), priced by the oracle aggregator, with
/// the liquidity pool as counterparty. Holds every token of the protocol; the pool's assets, the
/// insurance buffer and stakers' pending rewards are internal balances, so trades settle without
/// token transfers between protocol contracts.
contract PerpEngine is IPerpEngine, IPerpEngineTrading, IPerpEngineLiquidation, PullPayments {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using SafeCast for int256;
    using FixedPointMath for uint256;

    uint256 internal constant WAD = 1e18;
    /// @dev The pool's live default profit cap (LiquidityPool's constructor default).
    uint64 internal constant DEFAULT_MAX_PNL_FRACTION = 0.5e18;

    /// @dev Two slots. `size` 0 means no position, whatever the other fields hold: a close writes
    /// only `size` and leaves the rest as it was (a "dirty" slot pair: the entry price is never 0),
    /// so reopening the same (trader, market) rewrites two live slots (2.9k each) instead of
    /// creating two (22.1k each). Every path reads a position through `size` first.
    struct Position {
        int96 size;
        uint96 entryPrice;
        uint128 collateral;
        int128 fundingIndex;
    }

    /// @dev Three slots. `netEntryFundingSum` = K_L − K_S with a side's K = Σ |s|·(E − I_pos) (WAD²,
    /// exact): it marks the pool (traderNetPnl), which needs only the difference. One slot instead
    /// of one per side: one cold read less per market. `touched` (1 once the market was written)
    /// keeps that slot non-zero when the sum is exactly 0 (an empty market, or sides that cancel
    /// out), so the next trade rewrites a live slot (2.9k) instead of creating one (20k). int248
    /// holds any reachable sum: each term is below 2^224 (|s| < 2^95, |E − I| < 2^129).
    struct MarketState {
        uint128 longOpenInterest;
        uint128 shortOpenInterest;
        int128 fundingIndex;
        uint40 lastAccrual;
        int248 netEntryFundingSum;
        uint8 touched;
    }

    /// @dev What one operation needs about its market, loaded once.
    struct Ctx {
        uint256 marketId;
        MarketConfig cfg;
        LatestPrice px;
        MarketState ms;
        uint256 mm;
        /// @dev marked pool value (token units); loaded for new risk only
        uint256 poolValue;
    }

    /// @dev The pool's address and its `maxPnlFraction` (WAD; the profit cap of the marked value)
    /// share a slot: an open computes the marked value here (`_markedValue`) with no call to the
    /// pool. This is the fraction's only copy: the pool's setter writes it here
    /// (`setMaxPnlFraction`) and its view reads it from here.
    struct PoolLink {
        address pool;
        uint64 maxPnlFraction;
    }

    IERC20 public immutable token;
    IRiskConfig public immutable config;
    IOracleAggregator public immutable oracle;
    /// @notice 10^(18 - token decimals): the WAD/token-unit conversion factor (see Units).
    uint256 public immutable scale;

    PoolLink internal _poolLink;
    /// @dev What backs the pool (token units): its tokens held here + its receivable
    /// (`poolReceivable`, what the debt auctions owe it). The marked value needs only this sum, so an
    /// open reads no receivable (the slot it books fees in holds it); the tokens are this minus the
    /// receivable (`poolAssets()`), read where tokens leave the pool. A receivable change moves both
    /// in the same call.
    uint128 internal _poolBacking;
    /// @notice Insurance buffer accumulated from fees, claimable by `config.insuranceFund()`.
    uint128 public insuranceFees;

    /// @notice The liquidation engine (set once by the config owner): the only caller of
    /// `liquidatePosition`.
    address public liquidator;
    /// @dev The order router (set once by the config owner: the only caller of the trade hooks) and
    /// the stakers' pending rewards from fees (claimable by `config.stakingVault()`) share a slot:
    /// every trade hook reads the router, and writing the rewards then costs no cold read.
    struct RouterAndStakerFees {
        address router;
        uint96 stakerFees;
    }

    RouterAndStakerFees internal _routerSlot;
    mapping(address trader => mapping(uint256 marketId => Position position)) internal _positions;
    /// @dev No on-chain enumeration of open positions (it cost ~22k per open): the open set is
    /// `PositionOpened` minus `PositionClosed` and full `Liquidated` events (keeper and dashboard
    /// derive it from the logs; `PerpLens.getPositions` reads a set of keys in one call).
    mapping(uint256 marketId => MarketState state) internal _markets;
    /// @inheritdoc IPerpEngine
    uint256 public poolReceivable;

    constructor(IERC20 token_, IRiskConfig config_, IOracleAggregator oracle_) {
        token = token_;
        config = config_;
        oracle = oracle_;
        scale = Units.scaleFor(IERC20Metadata(address(token_)).decimals());
    }

    modifier onlyPool() {
        if (msg.sender != _poolLink.pool) revert NotPool(msg.sender);
        _;
    }

    /// @notice One-time wiring of the liquidity pool, by the config owner. The profit cap starts
    /// at the pool's live default (50 %) until the pool sets its parameters.
    function setPool(address pool_) external {
        if (msg.sender != config.owner()) revert NotOwner(msg.sender);
        if (pool_ == address(0)) revert ZeroAddress();
        if (_poolLink.pool != address(0)) revert PoolAlreadySet();
        _poolLink = PoolLink(pool_, DEFAULT_MAX_PNL_FRACTION);
        emit PoolSet(pool_);
    }

    /// @notice The liquidity pool's tokens (token units), held here.
    function poolAssets() public view returns (uint128) {
        return uint128(_poolBacking - poolReceivable);
    }

    /// @notice The liquidity pool (wired once).
    function pool() external view returns (address) {
        return _poolLink.pool;
    }

    /// @inheritdoc IPerpEngineTrading
    function maxPnlFraction() external view returns (uint256) {
        return _poolLink.maxPnlFraction;
    }

    /// @inheritdoc IPerpEngineTrading
    /// @dev The pool checks the bounds (its `setParameters`, config owner); this is where the value
    /// lives, so the engine's caps and fees and the pool's share price use the same one.
    function setMaxPnlFraction(uint256 fraction) external onlyPool {
        _poolLink.maxPnlFraction = fraction.toUint64();
    }

    // ================================================================ router (trading)

    modifier onlyRouter() {
        if (msg.sender != _routerSlot.router) revert NotRouter(msg.sender);
        _;
    }

    /// @inheritdoc IPerpEngineTrading
    function setRouter(address router_) external {
        if (msg.sender != config.owner()) revert NotOwner(msg.sender);
        if (router_ == address(0)) revert ZeroAddress();
        if (_routerSlot.router != address(0)) revert RouterAlreadySet();
        _routerSlot.router = router_;
        emit RouterSet(router_);
    }

    /// @inheritdoc IPerpEngineTrading
    /// @dev The fee comes out of the collateral; the side's open-interest cap is checked at the
    /// higher of the fill and the accepted price (the pool's exposure either way).
    function openFor(address trader, uint256 marketId, int256 size, uint256 collateral, uint256 price)
        external
        onlyRouter
        nonReentrant
    {
        if (size == 0) revert ZeroSize();
        if (collateral == 0) revert ZeroAmount();
        if (price == 0) revert InvalidFillPrice(0);
        if (_positions[trader][marketId].size != 0) revert PositionExists(trader, marketId);
        int96 size96 = size.toInt96(); // rejects out-of-range sizes with SafeCast's custom error
        uint96 entry = price.toUint96();
        Ctx memory c = _load(marketId, true);
        bool isLong = size > 0;

        _addOpenInterest(c, isLong, _abs(size), price);
        uint256 fee = _fee(c, PositionMath.notional(size, price), true);
        int256 equity = int256(collateral) - int256(fee);
        _checkNewRisk(c, size, price, equity, price);
        _distributeFees(c, fee, 0);
        _shiftK(c, isLong, MarketMath.entryFundingTerm(_abs(size), price, c.ms.fundingIndex));

        _positions[trader][marketId] = Position({
            size: size96,
            entryPrice: entry,
            collateral: uint256(equity).toUint128(),
            fundingIndex: c.ms.fundingIndex
        });
        _markets[marketId] = c.ms;
        // no transfer: the router escrowed the collateral here at request
        emit PositionOpened(trader, marketId, size, price, uint256(equity), fee);
    }

    /// @inheritdoc IPerpEngineTrading
    /// @dev The entry price becomes the size-weighted average (rounded against the trader) and
    /// funding is settled.
    function increaseFor(address trader, uint256 marketId, uint256 sizeDelta, uint256 collateralDelta, uint256 price)
        external
        onlyRouter
        nonReentrant
    {
        if (sizeDelta == 0) revert ZeroSize();
        if (price == 0) revert InvalidFillPrice(0);
        Position memory pos = _requirePosition(trader, marketId);
        Ctx memory c = _load(marketId, true);
        (int256 funding, uint256 fee) = _increase(c, pos, sizeDelta, collateralDelta, price);

        Position storage p = _positions[trader][marketId];
        p.size = pos.size;
        p.entryPrice = pos.entryPrice;
        p.collateral = pos.collateral;
        p.fundingIndex = c.ms.fundingIndex;
        _markets[marketId] = c.ms;

        if (funding != 0) emit FundingSettled(trader, marketId, funding);
        emit PositionIncreased(trader, marketId, pos.size, pos.entryPrice, pos.collateral, fee);
    }

    /// @dev Checks an increase at `price` and rewrites `pos` (memory) to the new size, entry and
    /// collateral; moves the side's K from the old position's term to the new one.
    function _increase(Ctx memory c, Position memory pos, uint256 sizeDelta, uint256 collateralDelta, uint256 price)
        internal
        returns (int256 funding, uint256 fee)
    {
        bool isLong = pos.size > 0;
        _addOpenInterest(c, isLong, sizeDelta, price);
        funding = _fundingTokens(c, pos);
        fee = _fee(c, PositionMath.notional(int256(sizeDelta), price), true);
        int256 newCollateral = int256(uint256(pos.collateral)) + int256(collateralDelta) - funding - int256(fee);
        if (newCollateral < 0) revert InsufficientCollateral(newCollateral, 0);

        int256 newSize = isLong ? pos.size + int256(sizeDelta) : pos.size - int256(sizeDelta);
        uint256 newEntry = PositionMath.averageEntry(pos.size, pos.entryPrice, sizeDelta, price);
        _checkNewRisk(c, newSize, newEntry, newCollateral, price);
        _distributeFees(c, fee, funding);
        _rebaseK(c, pos, _abs(newSize), newEntry);

        pos.size = newSize.toInt96();
        pos.entryPrice = newEntry.toUint96();
        pos.collateral = uint256(newCollateral).toUint128();
    }

    /// @inheritdoc IPerpEngineTrading
    /// @dev Realises the PnL of `sizeDelta` into the collateral and settles all funding.
    function reduceFor(address trader, uint256 marketId, uint256 sizeDelta, uint256 price)
        external
        onlyRouter
        nonReentrant
    {
        if (sizeDelta == 0) revert ZeroSize();
        Position memory pos = _requirePosition(trader, marketId);
        uint256 q = _abs(pos.size);
        if (sizeDelta > q) revert ReduceExceedsSize(sizeDelta, q);
        Ctx memory c = _load(marketId, false);
        uint256 fill = _fillPrice(c, price, pos.size > 0);
        if (sizeDelta == q) return _close(c, pos, trader, fill, price == 0);

        (int256 pnl, int256 funding, uint256 fee) = _reduce(c, pos, sizeDelta, fill, price == 0);

        Position storage p = _positions[trader][marketId];
        p.size = pos.size;
        p.collateral = pos.collateral;
        p.fundingIndex = c.ms.fundingIndex;
        _markets[marketId] = c.ms;

        if (funding != 0) emit FundingSettled(trader, marketId, funding);
        emit PositionReduced(trader, marketId, pos.size, fill, pnl, fee);
    }

    /// @dev Realises `sizeDelta` of `pos` at `price` (memory: rewritten to the new size and
    /// collateral). `ownPrice`: the engine's exit price, at which a stale oracle realises no profit.
    function _reduce(Ctx memory c, Position memory pos, uint256 sizeDelta, uint256 price, bool ownPrice)
        internal
        returns (int256 pnl, int256 funding, uint256 fee)
    {
        bool isLong = pos.size > 0;
        int256 closed = isLong ? int256(sizeDelta) : -int256(sizeDelta);
        pnl = Units.toTokensDown(PositionMath.unrealisedPnl(closed, pos.entryPrice, price), scale);
        if (ownPrice) pnl = MarketMath.realisable(pnl, c.px.status);
        funding = _fundingTokens(c, pos);
        fee = _fee(c, PositionMath.notional(closed, price), false);
        int256 newCollateral = int256(uint256(pos.collateral)) + pnl - funding - int256(fee);
        if (newCollateral <= 0) revert InsufficientCollateral(newCollateral + int256(fee), fee);

        _removeOpenInterest(c, isLong, sizeDelta);
        // The pool is the counterparty: it pays the trader's profit and receives its loss.
        _distributeFees(c, fee, funding - pnl);
        int256 newSize = pos.size - closed;
        _rebaseK(c, pos, _abs(newSize), pos.entryPrice);
        pos.size = newSize.toInt96();
        pos.collateral = uint256(newCollateral).toUint128();
    }

    /// @inheritdoc IPerpEngineTrading
    function closeFor(address trader, uint256 marketId, uint256 price) external onlyRouter nonReentrant {
        Position memory pos = _requirePosition(trader, marketId);
        Ctx memory c = _load(marketId, false);
        _close(c, pos, trader, _fillPrice(c, price, pos.size > 0), price == 0);
    }

    /// @inheritdoc IPerpEngineTrading
    function releaseEscrow(address to, uint256 amount) external onlyRouter nonReentrant {
        _payOrCredit(to, amount);
    }

    /// @notice Adds collateral (from the caller, to the caller's position); always available.
    function addCollateral(uint256 marketId, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Position memory pos = _requirePosition(msg.sender, marketId);
        uint256 newCollateral = uint256(pos.collateral) + amount;
        _positions[msg.sender][marketId].collateral = newCollateral.toUint128();
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit CollateralAdded(msg.sender, marketId, amount, newCollateral);
    }

    /// @notice Withdraws collateral in one step; needs a fresh oracle and must leave leverage ≤ max
    /// and equity ≥ IMR (funding owed counted, not settled) at the worse, for the position, of the
    /// accepted price and the sources' live median: a withdrawal cannot use a price the market has
    /// already left.
    function removeCollateral(uint256 marketId, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Position memory pos = _requirePosition(msg.sender, marketId);
        if (amount > pos.collateral) revert InsufficientCollateral(int256(uint256(pos.collateral)), amount);
        Ctx memory c = _loadFresh(marketId);
        (uint256 live,) = IOracleHistory(address(oracle)).liveMedian(marketId);
        if (live == 0) revert OracleStale(marketId);
        uint256 price = c.px.price;
        if (pos.size > 0 ? live < price : live > price) price = live;

        uint256 newCollateral = uint256(pos.collateral) - amount;
        int256 pnl = PositionMath.unrealisedPnl(pos.size, pos.entryPrice, price);
        int256 fundingWad = PositionMath.fundingOwed(pos.size, c.ms.fundingIndex, pos.fundingIndex);
        int256 equity = PositionMath.equity(newCollateral, pnl, fundingWad, scale);
        _checkInitial(c, PositionMath.notional(pos.size, price), equity);

        _positions[msg.sender][marketId].collateral = newCollateral.toUint128();
        token.safeTransfer(msg.sender, amount);
        emit CollateralRemoved(msg.sender, marketId, amount, newCollateral);
    }

    /// @notice Accrues a market's funding index (permissionless; keepers may call it).
    function poke(uint256 marketId) external nonReentrant {
        Ctx memory c = _load(marketId, false);
        _markets[marketId] = c.ms;
        emit MarketAccrued(
            marketId,
            c.ms.fundingIndex,
            MarketMath.fundingRate(c.ms.longOpenInterest, c.ms.shortOpenInterest, c.cfg.fundingFactor)
        );
    }

    // ================================================================ pool and fee seams

    /// @notice The pool moved `assets` tokens here for a deposit.
    function creditPool(uint256 assets) external onlyPool {
        _poolBacking = (_poolBacking + assets).toUint128();
        emit PoolCredited(assets);
    }

    /// @inheritdoc IPerpEngine
    /// @dev A rise never exceeds what backs it; a fall never below 0 (checked arithmetic).
    function adjustPoolReceivable(int256 delta) external onlyPool {
        uint256 amount = delta >= 0 ? uint256(delta) : uint256(-delta);
        if (delta >= 0) {
            poolReceivable += amount;
            _poolBacking = (_poolBacking + amount).toUint128();
        } else {
            poolReceivable -= amount;
            _poolBacking -= uint128(amount); // ≥ poolReceivable ≥ amount
        }
    }

    /// @notice Pays an LP withdrawal out of the pool's assets; LPs cannot pull the liquidity that
    /// backs open interest (see `withdrawablePoolAssets`).
    function debitPool(address to, uint256 assets) external onlyPool nonReentrant {
        uint256 available = withdrawablePoolAssets();
        if (assets > available) revert InsufficientPoolAssets(assets, available);
        _poolBacking = uint128(_poolBacking - assets);
        token.safeTransfer(to, assets);
        emit PoolDebited(to, assets);
    }

    /// @notice The insurance fund (set in the config by the liquidation issue) takes its buffer.
    function claimInsuranceFees() external nonReentrant returns (uint256 amount) {
        if (msg.sender != config.insuranceFund() || msg.sender == address(0)) revert NotFeeRecipient(msg.sender);
        amount = insuranceFees;
        insuranceFees = 0;
        token.safeTransfer(msg.sender, amount);
        emit InsuranceFeesClaimed(msg.sender, amount);
    }

    /// @notice The staking vault (set in the config by the liquidation issue) takes stakers' rewards.
    function claimStakerFees() external nonReentrant returns (uint256 amount) {
        if (msg.sender != config.stakingVault() || msg.sender == address(0)) revert NotFeeRecipient(msg.sender);
        amount = _routerSlot.stakerFees;
        _routerSlot.stakerFees = 0;
        token.safeTransfer(msg.sender, amount);
        emit StakerFeesClaimed(msg.sender, amount);
    }

    // ================================================================ liquidation seam

    /// @notice One-time wiring of the liquidation engine, by the config owner.
    function setLiquidator(address liquidator_) external {
        if (msg.sender != config.owner()) revert NotOwner(msg.sender);
        if (liquidator != address(0)) revert LiquidatorAlreadySet(); // setting zero leaves it unset
        liquidator = liquidator_;
        emit LiquidatorSet(liquidator_);
    }

    /// @notice Liquidates `trader`'s position at the exit price (`_exitPrice`: never frozen by a
    /// guarded or stale oracle): closes the smallest part that restores initial margin on the rest, or all of it
    /// when health < `terms.fullHealth`, the rest would be dust or would still miss initial
    /// margin. No taker fee; the penalty (rate × closed notional, capped by the equity) is split
    /// keeper / stakers / buffer. Negative equity after a full close is returned as `shortfall`
    /// for the insurance waterfall.
    function liquidatePosition(address trader, uint256 marketId, LiquidationTerms calldata terms)
        external
        nonReentrant
        returns (LiquidationResult memory r)
    {
        if (msg.sender != liquidator) revert NotLiquidator(msg.sender);
        Position memory pos = _requirePosition(trader, marketId);
        Ctx memory c = _load(marketId, false);
        r.price = _exitPrice(c, pos.size > 0);
        int256 funding = _fundingTokens(c, pos);
        // equity = C + floor(U / scale) − ceil(F / scale), as in PositionMath.equity
        int256 equity = _collateralAfter(pos, pos.size, r.price, funding, 0);
        uint256 health = PositionMath.health(
            equity, PositionMath.marginRequirement(PositionMath.notional(pos.size, r.price), c.mm, scale)
        );
        if (health >= WAD) revert NotLiquidatable(health);
        // read after marketConfig, whose tier slots are then warm
        uint256 rate = config.tier(config.marketTier(marketId)).liquidationPenalty;

        uint256 x;
        if (health >= terms.fullHealth) {
            // the (pure) partial-size maths lives in the liquidation engine, to keep this
            // contract under the code-size limit
            x = ILiquidationPlanner(msg.sender).partialCloseSize(
                PartialQuote(pos.size, pos.entryPrice, pos.collateral, funding, r.price, MarketMath.initialRatio(c.mm, c.cfg), rate)
            );
        }
        if (x == 0) x = _abs(pos.size);
        int256 value = _quoteLiquidation(pos, x, rate, funding, r);
        _settleLiquidation(c, pos, trader, value, terms, r);
    }

    /// @dev Fills closedSize, full and penalty (capped by what the equity covers) into `r`;
    /// returns the value of the closed part, C + PnL(closed) − funding.
    function _quoteLiquidation(Position memory pos, uint256 x, uint256 rate, int256 funding, LiquidationResult memory r)
        internal
        view
        returns (int256 value)
    {
        int256 closed = pos.size > 0 ? int256(x) : -int256(x);
        r.full = x == _abs(pos.size);
        r.closedSize = x;
        value = _collateralAfter(pos, closed, r.price, funding, 0);
        uint256 penalty = _penaltyTokens(closed, r.price, rate);
        if (value <= 0) penalty = 0;
        else if (penalty > uint256(value)) penalty = uint256(value); // only binds on a full close
        r.penalty = penalty;
    }

    /// @dev C + floor(U(closed) / scale) − funding − penalty: the collateral after realising
    /// `closed` (signed) at `price`.
    function _collateralAfter(Position memory pos, int256 closed, uint256 price, int256 funding, uint256 penalty)
        internal
        view
        returns (int256)
    {
        return int256(uint256(pos.collateral))
            + Units.toTokensDown(PositionMath.unrealisedPnl(closed, pos.entryPrice, price), scale) - funding
            - int256(penalty);
    }

    function _penaltyTokens(int256 closed, uint256 price, uint256 rate) internal view returns (uint256) {
        return Units.toTokensUp(LiquidationMath.penaltyWad(PositionMath.notional(closed, price), rate), scale);
    }

    /// @dev Closes `x` of the position (all of it when x = |size|), books penalty shares and the
    /// pool's counterparty claim (funding − PnL), records any shortfall, pays keeper and trader.
    function _settleLiquidation(
        Ctx memory c,
        Position memory pos,
        address trader,
        int256 value,
        LiquidationTerms calldata terms,
        LiquidationResult memory r
    ) internal {
        (uint256 toKeeper, uint256 toStakers, uint256 toBuffer) =
            LiquidationMath.split(r.penalty, terms.keeperShare, terms.stakerShare);
        r.keeperReward = toKeeper;

        bool isLong = pos.size > 0;
        _removeOpenInterest(c, isLong, r.closedSize);
        // The rest (if any) keeps its entry and settles funding: its K term restarts at I now.
        _rebaseK(c, pos, _abs(pos.size) - r.closedSize, pos.entryPrice);
        // The pool gets what the collateral holds of its claim (funding − PnL = collateral − value):
        // all of the collateral when value < 0. The shortfall goes to the insurance waterfall,
        // which pays it into the pool (LiquidityPool.coverLoss) layer by layer.
        _book(int256(uint256(pos.collateral)) - (value > 0 ? value : int256(0)), toBuffer, toStakers);
        Position storage p = _positions[trader][c.marketId];
        if (r.full) {
            if (value > 0) {
                r.payout = uint256(value) - r.penalty;
            } else {
                r.shortfall = uint256(-value);
            }
            // size 0 only: a zero size means "no position" to every path, and `open` rewrites
            // both slots, so the rest is never read (a dirty marker, see Position)
            p.size = 0;
        } else {
            p.size = (isLong ? pos.size - int256(r.closedSize) : pos.size + int256(r.closedSize)).toInt96();
            p.collateral = uint256(value - int256(r.penalty)).toUint128();
            p.fundingIndex = c.ms.fundingIndex;
        }
        _markets[c.marketId] = c.ms;
        // A refused transfer (a blocklisted trader or keeper) must not revert the liquidation.
        _payOrCredit(terms.keeper, r.keeperReward);
        _payOrCredit(trader, r.payout);
    }

    function _paymentToken() internal view override returns (IERC20) {
        return token;
    }

    // ================================================================ raw state (views live in PerpLens)

    /// @inheritdoc IPerpEngineTrading
    function router() external view returns (address) {
        return _routerSlot.router;
    }

    /// @notice Stakers' pending rewards from fees, claimable by `config.stakingVault()`.
    function stakerFees() external view returns (uint128) {
        return _routerSlot.stakerFees;
    }

    /// @inheritdoc IPerpEngineTrading
    function position(address trader, uint256 marketId) external view returns (StoredPosition memory sp) {
        Position memory pos = _positions[trader][marketId];
        if (pos.size == 0) return sp;
        sp = StoredPosition(pos.size, pos.entryPrice, pos.collateral, pos.fundingIndex);
    }

    /// @inheritdoc IPerpEngineTrading
    function marketState(uint256 marketId) external view returns (StoredMarket memory sm) {
        MarketConfig memory cfg = config.marketConfig(marketId);
        MarketState memory ms = _accrued(_markets[marketId], cfg.fundingFactor, oracle.latest(marketId).price);
        sm = StoredMarket({
            longOpenInterest: ms.longOpenInterest,
            shortOpenInterest: ms.shortOpenInterest,
            netEntryFundingSum: ms.netEntryFundingSum,
            fundingIndex: ms.fundingIndex,
            fundingRatePerSecond: MarketMath.fundingRate(ms.longOpenInterest, ms.shortOpenInterest, cfg.fundingFactor)
        });
    }

    /// @inheritdoc IPerpEngineTrading
    /// @dev The funding factor through `marketParams` (one config slot; reverts on an unknown market).
    function traderNetPnl(uint256 marketId, uint256 price) external view returns (int256) {
        uint256 fundingFactor = config.marketParams(marketId).fundingFactor;
        return _netPnl(_accrued(_markets[marketId], fundingFactor, oracle.latest(marketId).price), price);
    }

    /// @inheritdoc IPerpEngineTrading
    /// @dev No call per market beyond what its value depends on: balanced sides (L = S) mark to
    /// −(K_L − K_S) whatever the price and accrue nothing, so they read neither the oracle nor the
    /// config; otherwise one oracle read (its price both accrues and marks) and the funding factor
    /// (one config slot) only when funding accrues. Equal to Σ_m traderNetPnl(m, latest price).
    function tradersNetPnl() external view returns (int256) {
        return _tradersNetPnl(0, 0);
    }

    /// @inheritdoc IPerpEngineTrading
    function markedPoolValue() external view returns (uint256) {
        return _poolLink.pool == address(0) ? 0 : _markedValue(_poolLink.maxPnlFraction, 0, 0);
    }

    /// @dev The pool's marked value, `PoolMath.value` of the same parts `LiquidityPool.poolValue`
    /// reads (tokens, the fund's receivable, Σ trader PnL at the accepted prices, the profit cap),
    /// so the two agree to the wei. `loaded` (market id + 1, or 0) is a market whose PnL the
    /// caller computed already (`loadedPnl`, from the state it holds).
    function _markedValue(uint256 fraction, uint256 loaded, int256 loadedPnl) internal view returns (uint256) {
        int256 pnlWad = _tradersNetPnl(loaded, loadedPnl);
        // tokens + receivable as one part: the value depends only on their sum
        return PoolMath.value(_poolBacking, 0, pnlWad, scale, fraction).value;
    }

    /// @dev Σ_m traderNetPnl(m, latest price); market `loaded − 1` (if any) counts `loadedPnl`.
    function _tradersNetPnl(uint256 loaded, int256 loadedPnl) internal view returns (int256 pnlWad) {
        uint256 n = config.marketCount();
        for (uint256 m; m < n; ++m) {
            if (m + 1 == loaded) {
                pnlWad += loadedPnl;
                continue;
            }
            MarketState storage st = _markets[m];
            uint256 l = st.longOpenInterest;
            if (l == st.shortOpenInterest) {
                // (P − I)·(L − S) = 0: only the sums count (the funding index slot is not read).
                // An empty market has none: the sum is exactly Σ over its positions.
                if (l != 0) pnlWad += MarketMath.traderNetPnl(0, 0, 0, 0, st.netEntryFundingSum);
                continue;
            }
            MarketState memory ms = st;
            uint256 price = oracle.latest(m).price;
            if (ms.lastAccrual != 0 && block.timestamp > ms.lastAccrual) {
                ms = _accrued(ms, config.marketParams(m).fundingFactor, price);
            }
            pnlWad += _netPnl(ms, price);
        }
    }

    function _netPnl(MarketState memory ms, uint256 price) internal pure returns (int256) {
        return MarketMath.traderNetPnl(
            price,
            ms.fundingIndex,
            ms.longOpenInterest,
            ms.shortOpenInterest,
            ms.netEntryFundingSum
        );
    }

    /// @notice Pool assets LPs may withdraw now: what keeps the larger side of every market within
    /// its open-interest cap at the last accepted price (tokens needed per market =
    /// ceil(ceil(max(L, S) · P / WAD) · WAD / oiCapFraction / scale)).
    function withdrawablePoolAssets() public view returns (uint256) {
        uint256 assets = poolAssets();
        uint256 required;
        uint256 n = config.marketCount();
        for (uint256 m; m < n; ++m) {
            MarketState memory ms = _markets[m];
            uint256 side = ms.longOpenInterest > ms.shortOpenInterest ? ms.longOpenInterest : ms.shortOpenInterest;
            if (side == 0) continue;
            uint256 fraction = config.marketConfig(m).oiCapFraction;
            if (fraction == 0) return 0;
            uint256 sideNotional = side.mulDivUp(oracle.latest(m).price, WAD);
            uint256 need = Units.toTokensUp(sideNotional.mulDivUp(WAD, fraction), scale);
            if (need > required) required = need;
        }
        return assets > required ? assets - required : 0;
    }

    // ================================================================ internals

    function _requirePosition(address trader, uint256 marketId) internal view returns (Position memory pos) {
        pos = _positions[trader][marketId];
        if (pos.size == 0) revert NoPosition(trader, marketId);
    }

    /// @dev Loads a market for an operation. The engine refreshes the aggregator itself when its
    /// accepted price is not fresh, so trading never depends on an outside poke. New risk
    /// (`newRisk`) also needs no pause and a fresh oracle now, and reads the marked pool value
    /// (before this operation writes anything) for the open-interest cap and the impact fee.
    function _load(uint256 marketId, bool newRisk) internal returns (Ctx memory c) {
        c.marketId = marketId;
        c.cfg = config.marketConfig(marketId);
        if (newRisk && c.cfg.paused) revert Paused(marketId);
        c.px = oracle.latest(marketId);
        if (c.px.status != OracleStatus.Fresh) {
            oracle.update(marketId);
            c.px = oracle.latest(marketId);
        }
        c.mm = MarketMath.clampMm(c.px.mmCurrent, c.cfg);
        c.ms = _accrued(_markets[marketId], c.cfg.fundingFactor, c.px.price);
        if (newRisk) {
            _requireFresh(c);
            PoolLink memory link = _poolLink;
            if (link.pool != address(0)) {
                // this market's term from the Ctx (= tradersNetPnl's: same state, same accepted price)
                c.poolValue = _markedValue(link.maxPnlFraction, marketId + 1, _netPnl(c.ms, c.px.price));
            }
        }
    }

    function _loadFresh(uint256 marketId) internal returns (Ctx memory c) {
        c = _load(marketId, false);
        _requireFresh(c);
    }

    function _requireFresh(Ctx memory c) internal pure {
        if (c.px.status == OracleStatus.Stale) revert OracleStale(c.marketId);
        if (c.px.status == OracleStatus.Guarded) revert OracleGuarded(c.marketId);
    }

    /// @dev The price an exit fills at: the router's proven observation, or (0) the engine's own
    /// exit price, which only a market without fresh prices may use.
    function _fillPrice(Ctx memory c, uint256 price, bool isLong) internal pure returns (uint256) {
        if (price != 0) return price;
        if (c.px.status == OracleStatus.Fresh) revert InvalidFillPrice(0);
        return MarketMath.exitPrice(c.px, isLong);
    }

    /// @dev Funding index accrued to now (MarketMath.accruedIndex at the accepted price).
    function _accrued(MarketState memory ms, uint256 fundingFactor, uint256 price)
        internal
        view
        returns (MarketState memory)
    {
        int256 rate = MarketMath.fundingRate(ms.longOpenInterest, ms.shortOpenInterest, fundingFactor);
        ms.fundingIndex =
            MarketMath.accruedIndex(ms.fundingIndex, ms.lastAccrual, rate, price, block.timestamp).toInt128();
        ms.lastAccrual = uint40(block.timestamp);
        ms.touched = 1; // whatever loads a market to write it keeps its K slot non-zero
        return ms;
    }

    /// @dev Funding owed by the position since its last settlement, in token units (ceil).
    function _fundingTokens(Ctx memory c, Position memory pos) internal view returns (int256) {
        return Units.toTokensUp(PositionMath.fundingOwed(pos.size, c.ms.fundingIndex, pos.fundingIndex), scale);
    }

    function _exitPrice(Ctx memory c, bool isLong) internal pure returns (uint256) {
        return MarketMath.exitPrice(c.px, isLong);
    }

    /// @dev Replaces the position's term in its side's K (|s| · (E − I_pos) as stored) by the term
    /// of its new size and entry with funding settled now (I_pos = I); `newSize` 0 removes it.
    function _rebaseK(Ctx memory c, Position memory pos, uint256 newSize, uint256 newEntry) internal pure {
        int256 delta = MarketMath.entryFundingTerm(newSize, newEntry, c.ms.fundingIndex)
            - MarketMath.entryFundingTerm(_abs(pos.size), pos.entryPrice, pos.fundingIndex);
        _shiftK(c, pos.size > 0, delta);
    }

    /// @dev Moves a side's K = Σ |s|·(E − I_pos) by `delta` (WAD², exact), kept as K_L − K_S.
    function _shiftK(Ctx memory c, bool isLong, int256 delta) internal pure {
        int256 k = c.ms.netEntryFundingSum;
        c.ms.netEntryFundingSum = (isLong ? k + delta : k - delta).toInt248();
    }

    /// @dev New risk is checked at the fill price and at the current exit price: a fill never
    /// leaves a position the market has already moved below initial margin. `collateral` (token
    /// units) is after fee and settled funding.
    function _checkNewRisk(Ctx memory c, int256 size, uint256 entry, int256 collateral, uint256 fill) internal view {
        _checkAt(c, size, entry, collateral, fill);
        uint256 exit = _exitPrice(c, size > 0);
        if (exit != fill) _checkAt(c, size, entry, collateral, exit);
    }

    function _checkAt(Ctx memory c, int256 size, uint256 entry, int256 collateral, uint256 price) internal view {
        int256 equity = collateral + Units.toTokensDown(PositionMath.unrealisedPnl(size, entry, price), scale);
        _checkInitial(c, PositionMath.notional(size, price), equity);
    }

    /// @dev Leverage ≤ max first (a clearer error), then equity ≥ IMR.
    function _checkInitial(Ctx memory c, uint256 n, int256 equity) internal view {
        uint256 lev = PositionMath.leverage(n, equity, scale);
        if (lev > c.cfg.maxLeverage) revert LeverageTooHigh(lev, c.cfg.maxLeverage);
        uint256 imr = PositionMath.marginRequirement(n, MarketMath.newRiskInitialRatio(c.px, c.cfg), scale);
        if (equity < int256(imr)) revert BelowInitialMargin(equity, imr);
    }

    /// @dev Fee (token units) = ceil(ceil(N · rate / WAD) / scale) with
    /// rate = takerFee + ceil(impactFactor · N / poolWad) on risk-adding trades (open, increase) and
    /// rate = takerFee on reduce and close: the size-dependent part prices a trade's share of the
    /// pool (its marked value), and exits never depend on how much liquidity LPs left in.
    function _fee(Ctx memory c, uint256 n, bool addsRisk) internal view returns (uint256) {
        uint256 rate = c.cfg.takerFee;
        if (addsRisk) {
            uint256 poolWad = c.poolValue * scale;
            if (poolWad != 0) rate += uint256(c.cfg.impactFactor).mulDivUp(n, poolWad);
        }
        return Units.toTokensUp(n.mulDivUp(rate, WAD), scale);
    }

    /// @dev Splits `fee` (insurance and stakers floored, pool the rest) and books `poolDelta`
    /// (signed: funding and trading results against the pool).
    function _distributeFees(Ctx memory c, uint256 fee, int256 poolDelta) internal {
        uint256 toInsurance = fee.mulDivDown(c.cfg.insuranceShare, WAD);
        uint256 toStakers = fee.mulDivDown(c.cfg.stakerShare, WAD);
        uint256 toPool = fee - toInsurance - toStakers;
        _book(int256(toPool) + poolDelta, toInsurance, toStakers);
    }

    /// @dev Books a signed pool delta and the two fee shares; one write per slot.
    /// The pool pays out of its tokens only (never its receivable).
    function _book(int256 poolDelta, uint256 toInsurance, uint256 toStakers) internal {
        uint256 backing = _poolBacking;
        if (poolDelta < 0) {
            uint256 tokens = backing - poolReceivable;
            if (uint256(-poolDelta) > tokens) revert InsufficientPoolAssets(uint256(-poolDelta), tokens);
        }
        uint256 newBacking = poolDelta >= 0 ? backing + uint256(poolDelta) : backing - uint256(-poolDelta);
        (_poolBacking, insuranceFees) = (newBacking.toUint128(), (insuranceFees + toInsurance).toUint128());
        if (toStakers != 0) _routerSlot.stakerFees = (_routerSlot.stakerFees + toStakers).toUint96();
    }

    /// @dev Per-side cap: ceil(newSideOI · max(fill, accepted) / WAD) ≤ oiCapFraction · marked
    /// pool value (WAD).
    function _addOpenInterest(Ctx memory c, bool isLong, uint256 q, uint256 fill) internal view {
        uint256 side = (isLong ? c.ms.longOpenInterest : c.ms.shortOpenInterest) + q;
        uint256 price = fill > c.px.price ? fill : c.px.price;
        uint256 sideNotional = side.mulDivUp(price, WAD);
        uint256 cap = (c.poolValue * scale).mulDivDown(c.cfg.oiCapFraction, WAD);
        if (sideNotional > cap) revert OpenInterestCapExceeded(c.marketId, sideNotional, cap);
        if (isLong) c.ms.longOpenInterest = side.toUint128();
        else c.ms.shortOpenInterest = side.toUint128();
    }

    function _removeOpenInterest(Ctx memory c, bool isLong, uint256 q) internal pure {
        if (isLong) c.ms.longOpenInterest -= uint128(q);
        else c.ms.shortOpenInterest -= uint128(q);
    }

    /// @dev Closes the whole position at `price` and pays the trader (pull-payment fallback).
    function _close(Ctx memory c, Position memory pos, address trader, uint256 price, bool ownPrice) internal {
        bool isLong = pos.size > 0;
        int256 pnl = Units.toTokensDown(PositionMath.unrealisedPnl(pos.size, pos.entryPrice, price), scale);
        if (ownPrice) pnl = MarketMath.realisable(pnl, c.px.status);
        int256 funding = _fundingTokens(c, pos);
        // A negative value is bad debt: only a liquidation sends it down the waterfall.
        int256 value = int256(uint256(pos.collateral)) + pnl - funding;
        if (value < 0) revert UnderwaterClose(value);
        uint256 fee = _fee(c, PositionMath.notional(pos.size, price), false);
        // The fee is capped at the value, so its fund and staker shares never come out of the pool.
        if (fee > uint256(value)) fee = uint256(value);
        uint256 payout = uint256(value) - fee;

        _removeOpenInterest(c, isLong, _abs(pos.size));
        _rebaseK(c, pos, 0, 0);
        // Pool receives the collateral minus the payout and the non-pool fee shares.
        uint256 toInsurance = fee.mulDivDown(c.cfg.insuranceShare, WAD);
        uint256 toStakers = fee.mulDivDown(c.cfg.stakerShare, WAD);
        _book(int256(uint256(pos.collateral)) - int256(payout) - int256(toInsurance) - int256(toStakers), toInsurance, toStakers);

        // size 0 only: the rest stays as a dirty marker (see Position)
        _positions[trader][c.marketId].size = 0;
        _markets[c.marketId] = c.ms;

        _payOrCredit(trader, payout);
        if (funding != 0) emit FundingSettled(trader, c.marketId, funding);
        emit PositionClosed(trader, c.marketId, price, pnl - funding, payout, fee);
    }

    function _abs(int256 x) internal pure returns (uint256) {
        return x >= 0 ? uint256(x) : uint256(-x);
    }
}

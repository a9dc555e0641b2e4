// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IOrderRouter, Order, OrderKind, CancelReason} from "../interfaces/IOrderRouter.sol";
import {IPerpEngineTrading, StoredPosition} from "../interfaces/IPerpEngineTrading.sol";
import {IOracleHistory, PriceObservation} from "../interfaces/IOracleHistory.sol";
import {IOracleAggregator, OracleStatus} from "../interfaces/IOracleAggregator.sol";
import {IRiskConfig} from "../interfaces/IRiskConfig.sol";

/// @title OrderRouter
/// @notice Two-step trading (docs/two-step.md, "Order router"). A request escrows collateral (in
/// the engine, so that a fill moves no token) and an execution fee (here) and stores only the
/// order's hash; anyone executes it at the first oracle
/// observation that qualifies for it (`IOracleHistory.firstQualifying`), so the fill price is one
/// nobody could know when the request was made and no executor can pick another. Refunds are paid by
/// the engine (pushed, or credited there when the token refuses), so a blocked trader cannot pin an
/// order or a batch. Executors are paid by credit: each settled order's fee is added to the
/// executor's `claimable` balance, which it takes with `claim` when it likes (no token transfer per
/// execution).
contract OrderRouter is IOrderRouter, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Thrown when anyone but the router itself calls the batch entry.
    error OnlySelf(address caller);
    /// @notice Thrown when the caller left too little gas for the engine call to get its full
    /// allowance: an executor must not turn a fill into a cancellation by starving the engine.
    error InsufficientGas(uint256 available, uint256 needed);

    uint256 internal constant WAD = 1e18;
    /// @notice Gas forwarded to the engine for one fill. The execution reverts (changes nothing)
    /// unless this much can be forwarded, so an engine that runs out of it does so for everyone.
    uint256 public constant ENGINE_CALL_GAS = 2_000_000;
    /// @dev observationIndex reported for an exit filled at the engine's current exit price
    uint256 internal constant NO_OBSERVATION = type(uint256).max;

    /// @dev one slot, read by every request and execution
    struct Parameters {
        uint32 minDelay;
        uint32 maxOrderAge;
        uint96 executionFee;
        uint96 minPositionNotional;
    }

    /// @dev one slot, written by every request, by a settlement that returns or uses collateral,
    /// and by a claim
    struct Counters {
        uint64 orderCount;
        /// @dev collateral of pending orders, held by the engine
        uint96 escrowedCollateral;
        /// @dev every token held here: the fees escrowed by pending orders plus the fees credited
        /// to executors and not yet claimed. A settlement moves a fee from the first part to the
        /// second, so it leaves this total (and the slot, when no collateral moves) unchanged.
        uint96 feesHeld;
    }

    IERC20 public immutable token;
    IRiskConfig public immutable config;
    IPerpEngineTrading public immutable engine;
    IOracleHistory public immutable oracle;
    /// @notice Hard cap of `executionFee`: 50 USD in token units.
    uint256 public immutable maxExecutionFee;

    Parameters internal _params;
    Counters internal _counters;
    mapping(uint256 orderId => bytes32 hash) public orderHash;
    /// @dev An executor's credit plus one once it was first credited: a claim leaves 1, so the slot
    /// stays non-zero and the next credit rewrites a live slot (2.9k gas) instead of creating one
    /// (20k), as the engine's `touched` marker does for its K slot.
    mapping(address executor => uint256 creditPlusOne) internal _credits;

    constructor(IERC20 token_, IRiskConfig config_, IPerpEngineTrading engine_, IOracleHistory oracle_) {
        token = token_;
        config = config_;
        engine = engine_;
        oracle = oracle_;
        uint256 unit = 10 ** IERC20Metadata(address(token_)).decimals();
        maxExecutionFee = 50 * unit;
        // live defaults; the devnet sets its own through setParameters
        _setParameters(3, 1 hours, unit, 10e18);
    }

    // ---------------------------------------------------------------- requests

    /// @inheritdoc IOrderRouter
    function requestOpen(uint256 marketId, int256 size, uint256 collateral, uint256 acceptablePrice, uint256 expiry)
        external
        nonReentrant
        returns (uint256)
    {
        if (size == 0 || collateral == 0) revert ZeroAmount();
        Parameters memory p = _validate(marketId, acceptablePrice, expiry);
        _checkNotional(_abs(size), acceptablePrice, p.minPositionNotional);
        return _store(p, marketId, OrderKind.Open, size, collateral, acceptablePrice, expiry);
    }

    /// @inheritdoc IOrderRouter
    function requestIncrease(
        uint256 marketId,
        uint256 sizeDelta,
        uint256 collateralDelta,
        uint256 acceptablePrice,
        uint256 expiry
    ) external nonReentrant returns (uint256) {
        if (sizeDelta == 0) revert ZeroAmount();
        Parameters memory p = _validate(marketId, acceptablePrice, expiry);
        uint256 current = _abs(engine.position(msg.sender, marketId).size);
        _checkNotional(current + sizeDelta, acceptablePrice, p.minPositionNotional);
        return _store(
            p, marketId, OrderKind.Increase, sizeDelta.toInt256(), collateralDelta, acceptablePrice, expiry
        );
    }

    /// @inheritdoc IOrderRouter
    function requestReduce(uint256 marketId, uint256 sizeDelta, uint256 acceptablePrice, uint256 expiry)
        external
        nonReentrant
        returns (uint256)
    {
        if (sizeDelta == 0) revert ZeroAmount();
        Parameters memory p = _validate(marketId, acceptablePrice, expiry);
        uint256 current = _abs(engine.position(msg.sender, marketId).size);
        // reducing all of it is a close: no remainder to keep above the minimum
        if (sizeDelta < current) _checkNotional(current - sizeDelta, acceptablePrice, p.minPositionNotional);
        return _store(p, marketId, OrderKind.Reduce, sizeDelta.toInt256(), 0, acceptablePrice, expiry);
    }

    /// @inheritdoc IOrderRouter
    function requestClose(uint256 marketId, uint256 acceptablePrice, uint256 expiry)
        external
        nonReentrant
        returns (uint256)
    {
        Parameters memory p = _validate(marketId, acceptablePrice, expiry);
        return _store(p, marketId, OrderKind.Close, 0, 0, acceptablePrice, expiry);
    }

    /// @dev The checks every request shares; returns the parameters.
    function _validate(uint256 marketId, uint256 acceptablePrice, uint256 expiry)
        internal
        view
        returns (Parameters memory p)
    {
        if (acceptablePrice == 0) revert InvalidAcceptablePrice();
        p = _params;
        uint256 earliest = block.timestamp + p.minDelay;
        uint256 latest = block.timestamp + p.maxOrderAge;
        if (expiry < earliest || expiry > latest) revert InvalidExpiry(expiry, earliest, latest);
        if (marketId >= config.marketCount()) revert UnknownMarket(marketId);
    }

    /// @dev Stores the order's hash under a new id; escrows the collateral in the engine (where a
    /// fill books it without a transfer) and the fee here.
    function _store(
        Parameters memory p,
        uint256 marketId,
        OrderKind kind,
        int256 size,
        uint256 collateral,
        uint256 acceptablePrice,
        uint256 expiry
    ) internal returns (uint256 orderId) {
        Order memory order = Order({
            trader: msg.sender,
            marketId: marketId,
            kind: kind,
            size: size,
            collateral: collateral,
            acceptablePrice: acceptablePrice,
            executionFee: p.executionFee,
            createdAt: block.timestamp,
            expiry: expiry
        });
        Counters memory c = _counters;
        orderId = ++c.orderCount;
        c.escrowedCollateral += collateral.toUint96();
        c.feesHeld += p.executionFee;
        _counters = c;
        orderHash[orderId] = keccak256(abi.encode(order));
        emit OrderRequested(orderId, msg.sender, marketId, order);
        if (collateral != 0) token.safeTransferFrom(msg.sender, address(engine), collateral);
        if (p.executionFee != 0) token.safeTransferFrom(msg.sender, address(this), p.executionFee);
    }

    // ---------------------------------------------------------------- execution

    /// @inheritdoc IOrderRouter
    function executeOrder(uint256 orderId, Order calldata order, uint256 observationIndex) external nonReentrant {
        _credit(msg.sender, _execute(orderId, order, observationIndex, msg.sender));
    }

    /// @inheritdoc IOrderRouter
    function executeOrders(
        uint256[] calldata orderIds,
        Order[] calldata orders,
        uint256[] calldata observationIndices
    ) external nonReentrant returns (uint256 settled) {
        uint256 n = orderIds.length;
        if (orders.length != n || observationIndices.length != n) revert LengthMismatch();
        uint256 fees;
        for (uint256 i; i < n; ++i) {
            // an external self-call: a reverting entry rolls back alone and is skipped
            try this.executeFromBatch(orderIds[i], orders[i], observationIndices[i], msg.sender) returns (
                uint256 fee
            ) {
                fees += fee;
                ++settled;
            } catch {}
        }
        _credit(msg.sender, fees);
    }

    /// @notice `executeOrders`' entry for one order (the router only): settles it and returns the
    /// fee, which the batch credits once.
    function executeFromBatch(uint256 orderId, Order calldata order, uint256 observationIndex, address executor)
        external
        returns (uint256 fee)
    {
        if (msg.sender != address(this)) revert OnlySelf(msg.sender);
        return _execute(orderId, order, observationIndex, executor);
    }

    /// @inheritdoc IOrderRouter
    function cancelExpired(uint256 orderId, Order calldata order) external nonReentrant {
        _requirePending(orderId, order);
        if (block.timestamp <= order.expiry) revert NotCancellable(orderId);
        (bool found, uint256 index,) =
            oracle.findFirstQualifying(order.marketId, order.createdAt, _params.minDelay);
        // still fillable: its first observation was accepted by the expiry and can be proven
        if (found && oracle.observation(order.marketId, index).acceptedAt <= order.expiry) {
            revert NotCancellable(orderId);
        }
        _credit(msg.sender, _cancel(orderId, order, msg.sender, CancelReason.Expired, ""));
    }

    /// @inheritdoc IOrderRouter
    function claim() external nonReentrant returns (uint256 amount) {
        uint256 stored = _credits[msg.sender];
        if (stored <= 1) revert NothingToClaim();
        amount = stored - 1;
        _credits[msg.sender] = 1;
        _counters.feesHeld -= uint96(amount); // ≤ feesHeld: every credit came out of it
        token.safeTransfer(msg.sender, amount);
        emit Claimed(msg.sender, amount);
    }

    /// @dev Settles a pending order: executes it or cancels it by the rules; returns the fee owed to
    /// `executor` (paid by the caller). Reverts, changing nothing, when it cannot be settled yet.
    function _execute(uint256 orderId, Order calldata order, uint256 observationIndex, address executor)
        internal
        returns (uint256)
    {
        _requirePending(orderId, order);
        uint256 delay = _params.minDelay;
        uint256 price;
        if (block.timestamp >= order.createdAt + delay && _exitWithoutObservation(order, delay)) {
            // guarded or stale with nothing to fill at: exits still work, at the engine's
            // conservative exit price (price 0), once the delay has passed
            if (block.timestamp > order.expiry) return _cancel(orderId, order, executor, CancelReason.Expired, "");
            observationIndex = NO_OBSERVATION;
        } else {
            PriceObservation memory obs =
                oracle.firstQualifying(order.marketId, observationIndex, order.createdAt, delay);
            if (obs.acceptedAt > order.expiry) return _cancel(orderId, order, executor, CancelReason.Expired, "");
            price = obs.price;
        }

        int256 current = order.kind == OrderKind.Open ? int256(0) : engine.position(order.trader, order.marketId).size;
        if (price != 0) {
            if (!_acceptable(order, current, price)) {
                return _cancel(orderId, order, executor, CancelReason.PriceNotAcceptable, "");
            }
            bytes memory tooSmall = _notionalAtFill(order, current, price);
            if (tooSmall.length != 0) return _cancel(orderId, order, executor, CancelReason.Rejected, tooSmall);
        }

        // the engine gets its full allowance or nothing runs: its failure is never the executor's pick
        uint256 needed = ENGINE_CALL_GAS + ENGINE_CALL_GAS / 63 + 20_000;
        if (gasleft() < needed) revert InsufficientGas(gasleft(), needed);
        _clear(orderId, order);
        (bool ok, bytes memory data) = address(engine).call{gas: ENGINE_CALL_GAS}(_engineCall(order, price));
        if (!ok) {
            _refund(order);
            emit OrderCancelled(orderId, order.trader, executor, CancelReason.Rejected, data);
            return order.executionFee;
        }
        emit OrderExecuted(orderId, order.trader, executor, observationIndex, price);
        return order.executionFee;
    }

    /// @dev A Reduce or Close on a market that is not Fresh now, even after having the oracle accept
    /// the sources' latest data, and has no qualifying observation. The refresh comes first: a
    /// price that is only old is not a reason to exit at the engine's own price (the engine would
    /// refresh, find it Fresh and refuse, turning the close into a cancellation an executor chose).
    function _exitWithoutObservation(Order calldata order, uint256 delay) internal returns (bool) {
        if (order.kind != OrderKind.Reduce && order.kind != OrderKind.Close) return false;
        IOracleAggregator aggregator = IOracleAggregator(address(oracle));
        if (aggregator.latest(order.marketId).status == OracleStatus.Fresh) return false;
        if (aggregator.update(order.marketId) == OracleStatus.Fresh) return false;
        (bool found,, bool evicted) = oracle.findFirstQualifying(order.marketId, order.createdAt, delay);
        return !found && !evicted;
    }

    /// @dev Whether `price` respects the order's acceptable price: a ceiling when the fill buys
    /// (long open/increase, short reduce/close), a floor when it sells. No position (current 0 for
    /// a non-open): nothing to compare, the engine refuses the fill.
    function _acceptable(Order calldata order, int256 current, uint256 price) internal pure returns (bool) {
        bool buys;
        if (order.kind == OrderKind.Open) {
            buys = order.size > 0;
        } else if (current == 0) {
            return true;
        } else {
            bool long = current > 0;
            buys = order.kind == OrderKind.Increase ? long : !long;
        }
        return buys ? price <= order.acceptablePrice : price >= order.acceptablePrice;
    }

    /// @dev The minimum-notional rule at the fill price: the revert data of `BelowMinNotional` when
    /// the position (opened, increased, or what a reduce leaves) would be too small, else empty.
    function _notionalAtFill(Order calldata order, int256 current, uint256 price) internal view returns (bytes memory) {
        uint256 size;
        if (order.kind == OrderKind.Open) {
            size = _abs(order.size);
        } else if (order.kind == OrderKind.Increase) {
            size = _abs(current) + uint256(order.size);
        } else if (order.kind == OrderKind.Reduce) {
            uint256 q = _abs(current);
            if (uint256(order.size) >= q) return ""; // all of it: a close (or refused by the engine)
            size = q - uint256(order.size);
        } else {
            return "";
        }
        uint256 notional = _notional(size, price);
        uint256 minNotional = _params.minPositionNotional;
        if (notional >= minNotional) return "";
        return abi.encodeWithSelector(BelowMinNotional.selector, notional, minNotional);
    }

    function _engineCall(Order calldata order, uint256 price) internal pure returns (bytes memory) {
        if (order.kind == OrderKind.Open) {
            return abi.encodeCall(
                IPerpEngineTrading.openFor, (order.trader, order.marketId, order.size, order.collateral, price)
            );
        }
        if (order.kind == OrderKind.Increase) {
            return abi.encodeCall(
                IPerpEngineTrading.increaseFor,
                (order.trader, order.marketId, uint256(order.size), order.collateral, price)
            );
        }
        if (order.kind == OrderKind.Reduce) {
            return abi.encodeCall(
                IPerpEngineTrading.reduceFor, (order.trader, order.marketId, uint256(order.size), price)
            );
        }
        return abi.encodeCall(IPerpEngineTrading.closeFor, (order.trader, order.marketId, price));
    }

    // ---------------------------------------------------------------- settlement

    function _requirePending(uint256 orderId, Order calldata order) internal view {
        bytes32 stored = orderHash[orderId];
        if (stored == bytes32(0) || stored != keccak256(abi.encode(order))) revert NotPending(orderId);
    }

    /// @dev Settles the order's hash and escrow before any external call. The fee stays in
    /// `feesHeld` (the caller credits it to the executor).
    function _clear(uint256 orderId, Order calldata order) internal {
        delete orderHash[orderId];
        // ≤ what the request added (the hash proved the order)
        if (order.collateral != 0) _counters.escrowedCollateral -= uint96(order.collateral);
    }

    /// @dev Credits settled orders' fees to their executor (they are already in `feesHeld`).
    function _credit(address executor, uint256 amount) internal {
        if (amount == 0) return;
        uint256 stored = _credits[executor];
        _credits[executor] = (stored == 0 ? 1 : stored) + amount;
    }

    /// @dev Cancels: collateral back to the trader; returns the fee, owed to the executor.
    function _cancel(uint256 orderId, Order calldata order, address executor, CancelReason why, bytes memory data)
        internal
        returns (uint256)
    {
        _clear(orderId, order);
        _refund(order);
        emit OrderCancelled(orderId, order.trader, executor, why, data);
        return order.executionFee;
    }

    /// @dev The collateral is in the engine: it pays it back (or credits it there).
    function _refund(Order calldata order) internal {
        if (order.collateral != 0) engine.releaseEscrow(order.trader, order.collateral);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IOrderRouter
    function orderCount() external view returns (uint256) {
        return _counters.orderCount;
    }

    /// @inheritdoc IOrderRouter
    function feesHeld() external view returns (uint256) {
        return _counters.feesHeld;
    }

    /// @inheritdoc IOrderRouter
    function claimable(address executor) external view returns (uint256) {
        uint256 stored = _credits[executor];
        return stored == 0 ? 0 : stored - 1;
    }

    /// @inheritdoc IOrderRouter
    function escrowedCollateral() external view returns (uint256) {
        return _counters.escrowedCollateral;
    }

    function minDelay() external view returns (uint256) {
        return _params.minDelay;
    }

    function maxOrderAge() external view returns (uint256) {
        return _params.maxOrderAge;
    }

    function executionFee() external view returns (uint256) {
        return _params.executionFee;
    }

    function minPositionNotional() external view returns (uint256) {
        return _params.minPositionNotional;
    }

    // ---------------------------------------------------------------- parameters

    /// @inheritdoc IOrderRouter
    /// @dev Pending orders keep their escrowed fee; the new delay applies to every execution.
    function setParameters(uint256 minDelay_, uint256 maxOrderAge_, uint256 executionFee_, uint256 minPositionNotional_)
        external
    {
        if (msg.sender != config.owner()) revert NotOwner(msg.sender);
        _setParameters(minDelay_, maxOrderAge_, executionFee_, minPositionNotional_);
    }

    function _setParameters(uint256 minDelay_, uint256 maxOrderAge_, uint256 executionFee_, uint256 minNotional_)
        internal
    {
        _bound(0, minDelay_, 1, 5 minutes);
        // an order must be able to wait out the delay before it expires
        _bound(1, maxOrderAge_, minDelay_ > 1 minutes ? minDelay_ : 1 minutes, 1 days);
        _bound(2, executionFee_, 0, maxExecutionFee);
        _bound(3, minNotional_, 0, 10_000e18);
        _params = Parameters(uint32(minDelay_), uint32(maxOrderAge_), uint96(executionFee_), uint96(minNotional_));
        emit ParametersSet(minDelay_, maxOrderAge_, executionFee_, minNotional_);
    }

    function _bound(uint256 index, uint256 value, uint256 min, uint256 max) internal pure {
        if (value < min || value > max) revert ParameterOutOfBounds(index, value, min, max);
    }

    // ---------------------------------------------------------------- internals

    function _checkNotional(uint256 size, uint256 price, uint256 minNotional) internal pure {
        uint256 notional = _notional(size, price);
        if (notional < minNotional) revert BelowMinNotional(notional, minNotional);
    }

    /// @dev |size|·price in WAD USD, saturating: a size too large to value is not "too small"
    /// (the engine judges it), and valuing it never reverts an execution.
    function _notional(uint256 size, uint256 price) internal pure returns (uint256) {
        if (price != 0 && size > type(uint256).max / price) return type(uint256).max;
        return size * price / WAD;
    }

    function _abs(int256 x) internal pure returns (uint256) {
        return x >= 0 ? uint256(x) : uint256(-x);
    }
}

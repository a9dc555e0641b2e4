// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice What a trade request does once executed.
enum OrderKind {
    /// @dev open a new position of signed `size` with `collateral`
    Open,
    /// @dev add `size` (unsigned, same direction) and optional `collateral`
    Increase,
    /// @dev realise `size` (unsigned) of the position; the whole size closes
    Reduce,
    /// @dev close the whole position
    Close
}

/// @notice Where a request stands.
enum OrderStatus {
    None,
    Pending,
    Executed,
    Cancelled
}

/// @notice Why a request was cancelled (`OrderCancelled`).
enum CancelReason {
    None,
    /// @dev no qualifying observation was accepted by the expiry (or it was overwritten)
    Expired,
    /// @dev the fill price breached the acceptable price
    PriceNotAcceptable,
    /// @dev the engine refused the fill (margin, leverage, cap, pause, oracle status, no
    /// position…): `OrderCancelled.reason` carries its revert data
    Rejected
}

/// @notice One request. Only its hash is stored (one slot, cleared when it settles): the full
/// order is in `OrderRequested` and is passed back to execute or cancel it, so a request costs
/// one storage slot and the token transfer.
struct Order {
    address trader;
    uint256 marketId;
    OrderKind kind;
    /// @dev Open: signed size (WAD; + long, − short); Increase/Reduce: unsigned delta as a
    /// positive number; Close: 0
    int256 size;
    /// @dev escrowed collateral (token units; Open and Increase, else 0)
    uint256 collateral;
    /// @dev worst fill price accepted (WAD): a ceiling when the fill buys (long open/increase,
    /// short reduce/close), a floor when it sells
    uint256 acceptablePrice;
    /// @dev escrowed execution fee (token units), paid to whoever executes or cancels
    uint256 executionFee;
    /// @dev block.timestamp of the request: the commitment time
    uint256 createdAt;
    /// @dev last second a fill observation may be accepted at
    uint256 expiry;
}

/// @title IOrderRouter
/// @notice Two-step trading. A request escrows its collateral and an execution fee; anyone (the
/// keeper by default) executes it at the first oracle observation that qualifies for it
/// (`IOracleAggregator.firstQualifying` with the request time and `minDelay`), so the fill price is
/// one nobody could know when the request was made, and no executor can pick another. A fill
/// outside the acceptable price, an order without a qualifying observation by its expiry, or a
/// fill the engine refuses cancels the request: collateral back to the trader, the execution fee to
/// the executor. A pending order whose first observation qualifies within its expiry cannot be
/// cancelled by its trader (no free option).
interface IOrderRouter {
    /// @notice Thrown for a zero size, or a zero collateral on an open.
    error ZeroAmount();
    /// @notice Thrown when the expiry is before `now + minDelay` or after `now + maxOrderAge`.
    error InvalidExpiry(uint256 expiry, uint256 earliest, uint256 latest);
    /// @notice Thrown for an acceptable price of 0.
    error InvalidAcceptablePrice();
    /// @notice Thrown when the requested position (open, or what an increase or reduce leaves)
    /// would be worth less than `minPositionNotional` (WAD USD) at the acceptable price; the same
    /// check at the fill price cancels the order (Rejected).
    error BelowMinNotional(uint256 notional, uint256 minNotional);
    /// @notice Thrown for a market id the config does not know.
    error UnknownMarket(uint256 marketId);
    /// @notice Thrown when executing or cancelling a request that is not pending, or with an
    /// order whose hash is not the stored one.
    error NotPending(uint256 orderId);
    /// @notice Thrown when cancelling a request that may still (or must) be executed.
    error NotCancellable(uint256 orderId);
    /// @notice Thrown by the config-owner setter for a value outside its hard bounds.
    error ParameterOutOfBounds(uint256 index, uint256 value, uint256 min, uint256 max);
    /// @notice Thrown when anyone but the config owner sets parameters.
    error NotOwner(address caller);
    /// @notice Thrown by `executeOrders` for arrays of different lengths.
    error LengthMismatch();
    /// @notice Thrown by `claim` when the caller has no credited fees.
    error NothingToClaim();

    /// @dev `order` is what `executeOrder` and `cancelExpired` take back
    event OrderRequested(uint256 indexed orderId, address indexed trader, uint256 indexed marketId, Order order);
    event OrderExecuted(
        uint256 indexed orderId,
        address indexed trader,
        address indexed executor,
        uint256 observationIndex,
        uint256 price
    );
    /// @dev `data`: the engine's revert data when `why` is Rejected, else empty
    event OrderCancelled(
        uint256 indexed orderId, address indexed trader, address indexed executor, CancelReason why, bytes data
    );
    event ParametersSet(uint256 minDelay, uint256 maxOrderAge, uint256 executionFee, uint256 minPositionNotional);
    /// @notice `executor` took its credited fees.
    event Claimed(address indexed executor, uint256 amount);

    function requestOpen(uint256 marketId, int256 size, uint256 collateral, uint256 acceptablePrice, uint256 expiry)
        external
        returns (uint256 orderId);
    function requestIncrease(
        uint256 marketId,
        uint256 sizeDelta,
        uint256 collateralDelta,
        uint256 acceptablePrice,
        uint256 expiry
    ) external returns (uint256 orderId);
    function requestReduce(uint256 marketId, uint256 sizeDelta, uint256 acceptablePrice, uint256 expiry)
        external
        returns (uint256 orderId);
    function requestClose(uint256 marketId, uint256 acceptablePrice, uint256 expiry)
        external
        returns (uint256 orderId);

    /// @notice Executes (or cancels, by the rules above) a pending order at observation
    /// `observationIndex` of its market, which must be the first that qualifies. Reverts only when
    /// the order is not pending, not yet executable, or the index is not that first observation.
    /// Exception: a Reduce or Close whose market is not Fresh now and has no qualifying
    /// observation may execute once `minDelay` has passed at the engine's current exit price
    /// (conservative; `observationIndex` ignored, `OrderExecuted.observationIndex` =
    /// type(uint256).max): exits always work.
    function executeOrder(uint256 orderId, Order calldata order, uint256 observationIndex) external;
    /// @notice `executeOrder` for each pair; a pair that would revert is skipped (never reverts the
    /// batch). Returns how many were executed or cancelled.
    function executeOrders(
        uint256[] calldata orderIds,
        Order[] calldata orders,
        uint256[] calldata observationIndices
    ) external returns (uint256 settled);
    /// @notice Cancels a pending order past its expiry that no qualifying observation accepted by
    /// the expiry can fill (none yet, or the first was overwritten). Anyone; the caller is credited
    /// the execution fee.
    function cancelExpired(uint256 orderId, Order calldata order) external;
    /// @notice Sends the caller every fee credited to it (executions, cancellations); only to
    /// itself. Executors are paid by credit, not by a transfer per execution.
    function claim() external returns (uint256 amount);
    /// @notice Fees credited to `executor` and not yet claimed (token units).
    function claimable(address executor) external view returns (uint256);

    /// @notice keccak256(abi.encode(order)) while pending; 0 once executed or cancelled.
    function orderHash(uint256 orderId) external view returns (bytes32);
    /// @notice Number of orders ever requested (ids are 1 … orderCount).
    function orderCount() external view returns (uint256);
    /// @notice Every token this contract owes: the execution fees escrowed by pending orders plus
    /// the fees credited to executors and not yet claimed (Σ `claimable`). Its token balance is
    /// never below it (exactly it, barring donations).
    function feesHeld() external view returns (uint256);
    /// @notice Collateral escrowed by pending orders, held by the engine (a fill moves no token).
    function escrowedCollateral() external view returns (uint256);

    function minDelay() external view returns (uint256);
    function maxOrderAge() external view returns (uint256);
    function executionFee() external view returns (uint256);
    function minPositionNotional() external view returns (uint256);
    function setParameters(uint256 minDelay_, uint256 maxOrderAge_, uint256 executionFee_, uint256 minPositionNotional_)
        external;
}

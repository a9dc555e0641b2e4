// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice A position as stored.
struct StoredPosition {
    int256 size;
    uint256 entryPrice;
    uint256 collateral;
    int256 fundingIndex;
}

/// @notice A market's trading state. `netEntryFundingSum` = K_L − K_S, where a side's K = Σ |s|·(E − I_pos)
/// over its positions (WAD², exact): with the size sums it gives the traders' net PnL minus funding
/// at any price P in O(1): Σ_long − Σ_short of |s|·(P − I) − |s|·(E − I_pos) = (P − I)·(L − S) − (K_L − K_S).
/// Only the difference is ever needed, so the engine keeps one slot for it, not one per side.
struct StoredMarket {
    uint256 longOpenInterest;
    uint256 shortOpenInterest;
    int256 netEntryFundingSum;
    /// @dev accrued to now at the accepted price
    int256 fundingIndex;
    int256 fundingRatePerSecond;
}

/// @title IPerpEngineTrading
/// @notice The engine's seam for the order router (the only caller of the trade hooks) and the raw
/// state the lens and the liquidity pool read. Trades fill at a price the router proved (the
/// request's first qualifying oracle observation); the engine keeps positions and checks risk.
interface IPerpEngineTrading {
    /// @notice Thrown when anyone but the order router calls a trade hook.
    error NotRouter(address caller);
    /// @notice Thrown when the router is set a second time.
    error RouterAlreadySet();
    /// @notice Thrown for a fill price of 0 where one is needed, or a price 0 ("current exit
    /// price") while the oracle is Fresh (then a qualifying observation exists and must be used).
    error InvalidFillPrice(uint256 price);

    event RouterSet(address indexed router);

    /// @notice One-time wiring of the order router, by the config owner.
    function setRouter(address router_) external;
    function router() external view returns (address);

    /// @notice Router only: opens `trader`'s position at `price` (the order's first qualifying
    /// observation) with `collateral` the engine already holds (the router escrows an order's
    /// collateral here at request, so a fill moves no token). New risk: needs no pause and a Fresh
    /// oracle now, and leverage ≤ max and equity ≥ IMR both at `price` and at the current exit
    /// price (a fill never opens a position the market has already made liquidatable).
    function openFor(address trader, uint256 marketId, int256 size, uint256 collateral, uint256 price) external;
    /// @notice Router only: adds `sizeDelta` (same direction) and `collateralDelta` (escrowed here
    /// at request, as in `openFor`) at `price`; same checks as `openFor`.
    function increaseFor(address trader, uint256 marketId, uint256 sizeDelta, uint256 collateralDelta, uint256 price)
        external;
    /// @notice Router only: realises `sizeDelta` at `price` (the whole size closes). `price` 0:
    /// the current exit price, allowed only while the oracle is not Fresh (a guarded or stale
    /// market records no observation, and exits must still work: at the conservative price and
    /// with no profit realised while stale, as before).
    function reduceFor(address trader, uint256 marketId, uint256 sizeDelta, uint256 price) external;
    /// @notice Router only: closes the whole position at `price` (0: as in `reduceFor`) and pays
    /// the trader (pull-payment fallback). An underwater position is refused (`UnderwaterClose`):
    /// it goes to liquidation.
    function closeFor(address trader, uint256 marketId, uint256 price) external;
    /// @notice Router only: pays `amount` of an order's escrowed collateral back to `to` (a
    /// cancelled or refused order), with the pull-payment fallback. The engine trusts the router's
    /// escrow book as it trusts its fill prices; the router's `escrowedCollateral()` is the part of
    /// this contract's balance that belongs to pending orders.
    function releaseEscrow(address to, uint256 amount) external;

    /// @notice Raw stored position (size 0: none).
    function position(address trader, uint256 marketId) external view returns (StoredPosition memory);
    /// @notice Raw market state, funding accrued to now at the accepted price.
    function marketState(uint256 marketId) external view returns (StoredMarket memory);
    /// @notice Traders' net unrealised PnL minus funding owed in `marketId` at `price` (WAD USD,
    /// signed; > 0: the traders are up, the pool owes it). O(1) from the per-side sums.
    function traderNetPnl(uint256 marketId, uint256 price) external view returns (int256);
    /// @notice Σ over every market of `traderNetPnl(m, oracle.latest(m).price)` (WAD USD, signed):
    /// the traders' PnL the pool's marked value counts, in one call.
    function tradersNetPnl() external view returns (int256);
    /// @notice The pool's marked value (token units) as the engine uses it for open-interest caps
    /// and impact fees: `PoolMath.value(poolAssets, receivable, tradersNetPnl(), scale,
    /// maxPnlFraction).value`, equal to `LiquidityPool.poolValue().value`; 0 with no pool wired.
    function markedPoolValue() external view returns (uint256);
    /// @notice The pool's profit cap of the marked value (WAD): kept here beside the pool's
    /// address (one copy), set through the pool's `setParameters`.
    function maxPnlFraction() external view returns (uint256);
    /// @notice The pool (only) writes its `maxPnlFraction` parameter here.
    function setMaxPnlFraction(uint256 fraction) external;
}

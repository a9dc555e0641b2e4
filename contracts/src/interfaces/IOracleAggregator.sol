// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";

/// @notice Aggregate status of a market's price.
enum OracleStatus {
    /// @dev enough fresh, agreeing sources; accepted price younger than maxAge
    Fresh,
    /// @dev too few fresh sources, or the accepted price is older than maxAge
    Stale,
    /// @dev the circuit breaker tripped: the last accepted price is held
    Guarded
}

/// @notice Status of one source in the last read.
enum SourceStatus {
    Ok,
    /// @dev older than maxAge
    Stale,
    /// @dev further than maxDeviation from the first median
    Deviant,
    /// @dev its read failed or its answer was unusable (see `SourceFault`)
    Invalid
}

/// @notice Why a source's answer was not used in a read (`SourceInvalid` event).
enum SourceFault {
    None,
    /// @dev the call reverted or ran out of its gas cap
    CallFailed,
    /// @dev fewer than five words of return data
    ShortReturn,
    /// @dev answer ≤ 0
    NonPositive,
    /// @dev the answer scaled to WAD is 0 or above `MAX_PRICE`
    PriceOutOfRange,
    /// @dev updatedAt is 0 or in the future
    BadTimestamp
}

/// @notice The accepted price of a market as the engine reads it.
struct LatestPrice {
    /// @dev last accepted aggregate price (WAD)
    uint256 price;
    /// @dev oldest `updatedAt` among the sources behind it
    uint256 dataTime;
    /// @dev effective status now (stale once `dataTime` is older than maxAge)
    OracleStatus status;
    /// @dev in guarded mode, or stale after a guard: the rejected candidate price; else 0
    uint256 pendingPrice;
    /// @dev current (rate-limited) volatility maintenance margin ratio (WAD), before tier clamps
    uint256 mmCurrent;
    /// @dev stale beyond `maxAge + staleGrace`: the move (WAD fraction, = maxJump) by which exits
    /// and liquidations value a position against itself; else 0
    uint256 stressedMove;
    /// @dev target volatility maintenance margin ratio (WAD, before tier clamps) as of the last
    /// observation: new risk's initial margin follows it at once (`MarketMath.newRiskMm`)
    uint256 mmTarget;
}

/// @notice One source as the dashboard shows it.
struct SourceView {
    address source;
    /// @dev normalised to WAD (0 if invalid)
    uint256 price;
    uint256 updatedAt;
    /// @dev seconds since updatedAt
    uint256 age;
    /// @dev signed (price - median) / median, WAD; 0 when no median
    int256 deviation;
    SourceStatus status;
}

/// @notice A market's oracle as the dashboard shows it.
struct OracleView {
    uint256 price;
    uint256 dataTime;
    OracleStatus status;
    uint256 pendingPrice;
    uint256 guardedSince;
    uint256 variance;
    uint256 mmCurrent;
    uint256 mmTarget;
    /// @dev live median of the sources right now (what `update` would use); 0 if none valid
    uint256 liveMedian;
    /// @dev fresh, non-deviating sources right now
    uint256 liveSources;
    SourceView[] sources;
    /// @dev in guarded mode: when the candidate last moved beyond maxJump (the recovery clock);
    /// `guardedSince` is when the guard first tripped (the maxGuardDuration clock)
    uint256 pendingSince;
}

/// @title IOracleAggregator
/// @notice Per-market aggregation of several AggregatorV3Interface sources: staleness,
/// min-sources, median, deviation filter, median again, and a circuit breaker. Accepted prices
/// feed an EWMA of squared log returns (per second) and, from it, the market's dynamic
/// maintenance margin: target = clamp(mmBase + z·σ·√horizon, mmBase, mmMax), current rising at
/// most maxMmRisePerHour per hour from max(current, mmBase), falling at once. Volatility is sampled
/// on a fixed time grid (`volBucket`), so it does not depend on who calls `update` or when.
/// A source can never make `update` revert: a failed or unusable read marks it invalid.
interface IOracleAggregator {
    /// @notice Thrown when the caller is not the config owner.
    error NotOwner(address caller);
    /// @notice Thrown for a market id the config does not know.
    error UnknownMarket(uint256 marketId);
    /// @notice Thrown when a market already has the maximum number of sources.
    error TooManySources(uint256 marketId);
    /// @notice Thrown when the source is already registered for the market.
    error SourceAlreadyAdded(uint256 marketId, address source);
    /// @notice Thrown when removing a source the market does not have.
    error SourceNotFound(uint256 marketId, address source);
    /// @notice Thrown when removing a source would leave the market fewer sources than its
    /// `minSources` (it would go Stale at its next update: opens and liquidations blocked).
    error SourcesBelowMinimum(uint256 marketId, uint256 remaining, uint256 minSources);
    /// @notice Thrown for the zero address or a source with more than 36 decimals.
    error InvalidSource(address source);
    /// @notice Thrown when resetting the guard of a market that is not guarded.
    error NotGuarded(uint256 marketId);
    /// @notice Thrown when a reset finds too few fresh sources to take a price from.
    error NoLivePrice(uint256 marketId);

    event SourceAdded(uint256 indexed marketId, address indexed source, uint8 decimals);
    event SourceRemoved(uint256 indexed marketId, address indexed source);
    event PriceAccepted(uint256 indexed marketId, uint256 price, uint256 dataTime, uint256 sources);
    event StatusChanged(uint256 indexed marketId, OracleStatus previous, OracleStatus current);
    event GuardTriggered(uint256 indexed marketId, uint256 lastPrice, uint256 candidate);
    event GuardLifted(uint256 indexed marketId, uint256 price, bool byAdmin);
    event VolatilityUpdated(uint256 indexed marketId, uint256 variancePerSecond, uint256 logReturn, uint256 elapsed);
    event MarginUpdated(uint256 indexed marketId, uint256 mmCurrent, uint256 mmTarget);
    /// @notice A source's answer was not used in this read (the median is taken over the others).
    event SourceInvalid(uint256 indexed marketId, address indexed source, SourceFault reason);
    /// @notice The market was guarded for `maxGuardDuration`: the live median was accepted.
    event GuardExpired(uint256 indexed marketId, uint256 price, uint256 guardedSince);

    function update(uint256 marketId) external returns (OracleStatus status);
    function updateMany(uint256[] calldata marketIds) external;
    function latest(uint256 marketId) external view returns (LatestPrice memory);
    function getOracleState(uint256 marketId) external view returns (OracleView memory);
    function margin(uint256 marketId) external view returns (uint256 mmCurrent, uint256 mmTarget, uint256 variance);
    function getSources(uint256 marketId) external view returns (address[] memory);
    function addSource(uint256 marketId, AggregatorV3Interface source) external;
    function removeSource(uint256 marketId, address source) external;
    function resetGuard(uint256 marketId) external;
}

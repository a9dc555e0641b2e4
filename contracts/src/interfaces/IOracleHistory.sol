// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice One entry of a market's price history: the first price accepted in its second.
/// Orders and LP requests fill at the first observation that qualifies for them (`qualifies`);
/// `acceptedAt` and `dataTime` never decrease along a market's history, so that first observation
/// is unique; each stored entry also carries its predecessor's two times, so it is provable from
/// one entry.
struct PriceObservation {
    /// @dev accepted aggregate price (WAD)
    uint128 price;
    /// @dev block.timestamp of the acceptance
    uint40 acceptedAt;
    /// @dev max(oldest `updatedAt` of the sources behind the price, previous entry's dataTime)
    uint40 dataTime;
}

/// @title IOracleHistory
/// @notice The oracle aggregator's price history, as the order router and the liquidity pool use
/// it to fill requests at a price nobody could know when they were made (implemented by
/// OracleAggregator next to IOracleAggregator).
interface IOracleHistory {
    /// @notice Thrown by `firstQualifying` when the observation does not qualify, or an earlier
    /// one does.
    error NotFirstObservation(uint256 marketId, uint256 index);
    /// @notice Thrown when reading an observation not recorded yet or already overwritten (the
    /// history keeps the last `HISTORY_SIZE` per market).
    error ObservationUnavailable(uint256 marketId, uint256 index);

    /// @notice A new entry of the market's price history (at most one per market per second: the
    /// first acceptance in that second).
    event ObservationRecorded(uint256 indexed marketId, uint256 indexed index, uint256 price, uint256 dataTime);

    /// @notice Entries kept per market (a ring): older ones are overwritten.
    function HISTORY_SIZE() external view returns (uint256);
    /// @notice Number of observations ever recorded for the market (the next index).
    function observationCount(uint256 marketId) external view returns (uint256);
    /// @notice Observation `index` (0-based); reverts `ObservationUnavailable` when not retained.
    function observation(uint256 marketId, uint256 index) external view returns (PriceObservation memory);
    /// @notice Whether `obs` may fill something committed at `committedAt` with minimum delay
    /// `minDelay`: acceptedAt ≥ committedAt + minDelay and dataTime > committedAt (every source
    /// behind the price reported after the commitment, so nobody could know the price then).
    function qualifies(PriceObservation memory obs, uint256 committedAt, uint256 minDelay)
        external
        pure
        returns (bool);
    /// @notice Proves that `index` is the first qualifying observation for (committedAt, minDelay):
    /// it is retained and qualifies, and it is index 0 or its predecessor does not qualify (the
    /// predecessor's times are stored with entry `index`, so this holds even when the predecessor
    /// itself was overwritten). Returns it; reverts `ObservationUnavailable` or
    /// `NotFirstObservation` otherwise.
    function firstQualifying(uint256 marketId, uint256 index, uint256 committedAt, uint256 minDelay)
        external
        view
        returns (PriceObservation memory);
    /// @notice For executors (binary search over retained entries): the index of the first
    /// qualifying observation, exactly the one index `firstQualifying` accepts; `found` false when
    /// none is recorded yet or when the first one itself was overwritten (`evicted` true then).
    function findFirstQualifying(uint256 marketId, uint256 committedAt, uint256 minDelay)
        external
        view
        returns (bool found, uint256 index, bool evicted);
    /// @notice The sources' median right now (the second median, after the deviation filter:
    /// what `update` would accept before the circuit breaker) and how many fresh, agreeing sources
    /// it rests on; median 0 when fewer than `minSources`.
    function liveMedian(uint256 marketId) external view returns (uint256 median, uint256 sources);
}

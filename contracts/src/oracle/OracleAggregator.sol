// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";
import {
    IOracleAggregator,
    OracleStatus,
    SourceStatus,
    SourceFault,
    LatestPrice,
    SourceView,
    OracleView
} from "../interfaces/IOracleAggregator.sol";
import {IOracleHistory, PriceObservation} from "../interfaces/IOracleHistory.sol";
import {IRiskConfig, OracleParams, TierParams} from "../interfaces/IRiskConfig.sol";
import {FixedPointMath} from "../libraries/FixedPointMath.sol";
import {OracleLib} from "../libraries/OracleLib.sol";

/// @title OracleAggregator
/// @notice Aggregates several AggregatorV3Interface sources per market into one accepted price.
/// `update` is permissionless (the price feeder, keepers and the engine call it): it drops stale
/// and invalid sources (a source can never make it revert), requires `minSources`, takes the
/// median, drops sources further than `maxDeviation` from it, takes the median again, and trips the
/// circuit breaker on a move above `maxJump`. Guarded mode ends (a) by itself once the new level
/// has held within `maxJump` for `recoveryPeriod`, (b) immediately if the price comes back within
/// `maxJump` of the last accepted price, (c) by an admin `resetGuard`, or (d) at the latest
/// `maxGuardDuration` after the guard first tripped, whatever the price did since.
/// Volatility is sampled once per `volBucket` of a fixed time grid. Every second's first accepted
/// price is kept in a per-market ring (`IOracleHistory`): two-step orders and LP requests fill at
/// the first entry recorded after they were committed, a price nobody could know at the time.
contract OracleAggregator is IOracleAggregator, IOracleHistory {
    using FixedPointMath for uint256;

    uint256 internal constant WAD = 1e18;
    uint256 public constant MAX_SOURCES = 8;
    /// @notice Gas forwarded to one source read (Chainlink proxies use ~20-30k).
    uint256 public constant SOURCE_GAS = 100_000;
    /// @notice Largest source price accepted (WAD; < 2^94): fits the history's uint96 price and the engine's
    /// uint96 entry price with room for its products.
    uint256 public constant MAX_PRICE = 1e28;
    /// @dev Bytes of a well-formed `latestRoundData` answer (five words); no more is ever copied.
    uint256 internal constant ROUND_DATA_SIZE = 160;
    /// @notice Observations kept per market: 256 seconds of history at one update per second,
    /// longer at the usual pace; a request's first observation must still be there to prove it.
    uint256 public constant HISTORY_SIZE = 256;

    /// @dev One slot: the accepted price and what the engine needs to judge it, and the length of
    /// the price history (written with the price, so counting costs no extra slot).
    struct PriceState {
        uint128 price;
        uint40 dataTime;
        uint32 maxAge;
        OracleStatus status;
        uint40 observationCount;
    }

    /// @dev One slot, read by the engine with the price: volatility and both margins it drives
    /// (current for open positions, target for new risk), so new risk follows the target at no
    /// extra storage read.
    struct VolState {
        /// @dev ≤ ln(2)² per second (WAD) by construction: 59 bits; 88 leave room
        uint88 variance;
        /// @dev start of the last observed volatility bucket (0: none yet)
        uint40 lastObservation;
        uint64 mmCurrent;
        uint64 mmTarget;
    }

    /// @dev One slot, off the engine's hot path: the guarded candidate, its recovery clock and the
    /// guard's first-trip clock.
    struct GuardState {
        uint128 pendingPrice;
        /// @dev when the candidate last moved beyond maxJump
        uint40 pendingSince;
        /// @dev when the guard first tripped (0: not guarded); not restarted by later moves
        uint40 guardedSince;
    }

    /// @dev One slot, written once per bucket: the price at the last observed bucket boundary
    /// (the return of the next observation is measured from it).
    struct Observation {
        uint128 boundaryPrice;
    }

    /// @dev One history entry in one slot: the observation and its predecessor's `acceptedAt` and
    /// `dataTime` (copied by `_record` from the entry it reads anyway; zeros for entry 0, and a
    /// zero `dataTime` never qualifies). So the first qualifying observation is proven from this
    /// entry alone (one cold slot, not two), and stays provable while this entry is kept even after
    /// its predecessor was overwritten in the ring. price ≤ MAX_PRICE = 1e28 < 2^94.
    struct HistoryEntry {
        uint96 price;
        uint40 acceptedAt;
        uint40 dataTime;
        uint40 previousAcceptedAt;
        uint40 previousDataTime;
    }

    struct Source {
        AggregatorV3Interface feed;
        uint8 decimals;
    }

    IRiskConfig public immutable config;

    mapping(uint256 marketId => Source[] sources) internal _sources;
    mapping(uint256 marketId => PriceState state) internal _price;
    mapping(uint256 marketId => VolState state) internal _vol;
    mapping(uint256 marketId => GuardState state) internal _guard;
    mapping(uint256 marketId => Observation state) internal _obs;
    /// @dev the price history: entry `i` at slot `i % HISTORY_SIZE`
    mapping(uint256 marketId => HistoryEntry[HISTORY_SIZE] ring) internal _history;

    constructor(IRiskConfig config_) {
        config = config_;
    }

    modifier onlyOwner() {
        if (msg.sender != config.owner()) revert NotOwner(msg.sender);
        _;
    }

    // ---------------------------------------------------------------- admin

    function addSource(uint256 marketId, AggregatorV3Interface source) external onlyOwner {
        _requireMarket(marketId);
        if (address(source) == address(0)) revert InvalidSource(address(source));
        Source[] storage list = _sources[marketId];
        if (list.length >= MAX_SOURCES) revert TooManySources(marketId);
        for (uint256 i; i < list.length; ++i) {
            if (list[i].feed == source) revert SourceAlreadyAdded(marketId, address(source));
        }
        uint8 decimals = source.decimals();
        if (decimals > 36) revert InvalidSource(address(source));
        list.push(Source(source, decimals));
        emit SourceAdded(marketId, address(source), decimals);
    }

    function removeSource(uint256 marketId, address source) external onlyOwner {
        Source[] storage list = _sources[marketId];
        uint256 n = list.length;
        for (uint256 i; i < n; ++i) {
            if (address(list[i].feed) == source) {
                // Fewer sources than `minSources` would leave the market Stale at its next update
                // (the mirror of RiskConfig's check on raising `minSources`).
                uint256 minSources = config.oracleParams(marketId).minSources;
                if (n - 1 < minSources) revert SourcesBelowMinimum(marketId, n - 1, minSources);
                list[i] = list[n - 1];
                list.pop();
                emit SourceRemoved(marketId, source);
                return;
            }
        }
        revert SourceNotFound(marketId, source);
    }

    /// @notice Admin way out of guarded mode: accept the live median now.
    function resetGuard(uint256 marketId) external onlyOwner {
        PriceState memory ps = _price[marketId];
        if (ps.status != OracleStatus.Guarded) revert NotGuarded(marketId);
        OracleParams memory p = config.oracleParams(marketId);
        (uint256 median, uint256 kept, uint256 oldest, uint256 faults) = _read(marketId, p);
        _reportFaults(marketId, faults);
        if (kept < p.minSources) revert NoLivePrice(marketId);
        _accept(marketId, ps, p, median, oldest, kept);
        emit GuardLifted(marketId, median, true);
    }

    // ---------------------------------------------------------------- update

    function updateMany(uint256[] calldata marketIds) external {
        for (uint256 i; i < marketIds.length; ++i) {
            update(marketIds[i]);
        }
    }

    /// @notice Reads the sources and accepts, holds (guarded) or marks the market stale. Never
    /// reverts because of a source (only for an unknown market or when the caller's gas runs out).
    function update(uint256 marketId) public returns (OracleStatus) {
        OracleParams memory p = config.oracleParams(marketId);
        PriceState memory ps = _price[marketId];
        (uint256 median, uint256 kept, uint256 oldest, uint256 faults) = _read(marketId, p);
        _reportFaults(marketId, faults);

        if (kept < p.minSources) {
            _setStatus(marketId, ps, OracleStatus.Stale, p.maxAge);
            return OracleStatus.Stale;
        }
        if (ps.price == 0 || _within(median, ps.price, p.maxJump)) {
            bool wasGuarded = ps.status == OracleStatus.Guarded;
            _accept(marketId, ps, p, median, oldest, kept);
            if (wasGuarded) emit GuardLifted(marketId, median, false);
            return OracleStatus.Fresh;
        }
        // A jump above maxJump since the last accepted price.
        GuardState memory g = _guard[marketId];
        uint256 guardedSince = g.guardedSince;
        if (guardedSince != 0 && block.timestamp >= guardedSince + p.maxGuardDuration) {
            // Guarded for as long as allowed: a sustained move is the market, not a glitch.
            _accept(marketId, ps, p, median, oldest, kept);
            emit GuardExpired(marketId, median, guardedSince);
            return OracleStatus.Fresh;
        }
        if (ps.status == OracleStatus.Guarded && _within(median, g.pendingPrice, p.maxJump)) {
            // The new level holds: lift once it has held long enough.
            if (block.timestamp >= uint256(g.pendingSince) + p.recoveryPeriod) {
                _accept(marketId, ps, p, median, oldest, kept);
                emit GuardLifted(marketId, median, false);
                return OracleStatus.Fresh;
            }
            return OracleStatus.Guarded;
        }
        // Enter guarded mode, or restart the recovery clock because the candidate moved again;
        // the first-trip clock keeps running.
        _guard[marketId] = GuardState(
            uint128(median), uint40(block.timestamp), uint40(guardedSince == 0 ? block.timestamp : guardedSince)
        );
        emit GuardTriggered(marketId, ps.price, median);
        _setStatus(marketId, ps, OracleStatus.Guarded, p.maxAge);
        return OracleStatus.Guarded;
    }

    // ---------------------------------------------------------------- views

    /// @notice The accepted price and its effective status (what the engine trades on). Guarded,
    /// or stale after a guard: the rejected candidate too. Stale for longer than
    /// `maxAge + staleGrace` since the accepted price's oldest datum: the stressed move.
    function latest(uint256 marketId) external view returns (LatestPrice memory out) {
        PriceState memory ps = _price[marketId];
        VolState memory vs = _vol[marketId];
        out.price = ps.price;
        out.dataTime = ps.dataTime;
        out.status = OracleLib.effectiveStatus(ps.status, ps.price, ps.dataTime, ps.maxAge, block.timestamp);
        out.mmCurrent = vs.mmCurrent;
        out.mmTarget = vs.mmTarget;
        if (out.status == OracleStatus.Fresh) return out;
        GuardState memory g = _guard[marketId];
        if (g.guardedSince != 0) out.pendingPrice = g.pendingPrice;
        if (out.status == OracleStatus.Stale) {
            OracleParams memory p = config.oracleParams(marketId);
            if (block.timestamp > uint256(ps.dataTime) + p.maxAge + p.staleGrace) out.stressedMove = p.maxJump;
        }
    }

    /// @notice The volatility margin of a market: current (rate-limited) and target ratios (WAD,
    /// as of the last accepted observation) and the EWMA variance per second (WAD).
    function margin(uint256 marketId) external view returns (uint256 mmCurrent, uint256 mmTarget, uint256 variance) {
        VolState memory vs = _vol[marketId];
        return (vs.mmCurrent, vs.mmTarget, vs.variance);
    }

    // ---------------------------------------------------------------- history

    /// @inheritdoc IOracleHistory
    function observationCount(uint256 marketId) external view returns (uint256) {
        return _price[marketId].observationCount;
    }

    /// @inheritdoc IOracleHistory
    function observation(uint256 marketId, uint256 index) public view returns (PriceObservation memory) {
        return _observation(marketId, index, _price[marketId].observationCount);
    }

    /// @inheritdoc IOracleHistory
    function qualifies(PriceObservation memory obs, uint256 committedAt, uint256 minDelay)
        public
        pure
        returns (bool)
    {
        return _qualifies(obs.acceptedAt, obs.dataTime, committedAt, minDelay);
    }

    /// @inheritdoc IOracleHistory
    /// @dev One entry: it carries its predecessor's times (`HistoryEntry`).
    function firstQualifying(uint256 marketId, uint256 index, uint256 committedAt, uint256 minDelay)
        external
        view
        returns (PriceObservation memory)
    {
        HistoryEntry memory e = _entry(marketId, index, _price[marketId].observationCount);
        if (!_isFirst(e, committedAt, minDelay)) revert NotFirstObservation(marketId, index);
        return PriceObservation({price: e.price, acceptedAt: e.acceptedAt, dataTime: e.dataTime});
    }

    function _qualifies(uint256 acceptedAt, uint256 dataTime, uint256 committedAt, uint256 minDelay)
        internal
        pure
        returns (bool)
    {
        return acceptedAt >= committedAt + minDelay && dataTime > committedAt;
    }

    function _entryQualifies(HistoryEntry storage e, uint256 committedAt, uint256 minDelay)
        internal
        view
        returns (bool)
    {
        return _qualifies(e.acceptedAt, e.dataTime, committedAt, minDelay);
    }

    /// @dev The entry qualifies and its predecessor (the times it carries) does not: qualifies is
    /// monotone along the history, so it is the first. The one predicate of both
    /// `firstQualifying` and `findFirstQualifying`, so execution and cancellation always agree.
    function _isFirst(HistoryEntry memory e, uint256 committedAt, uint256 minDelay) internal pure returns (bool) {
        return _qualifies(e.acceptedAt, e.dataTime, committedAt, minDelay)
            && !_qualifies(e.previousAcceptedAt, e.previousDataTime, committedAt, minDelay);
    }

    /// @inheritdoc IOracleHistory
    function findFirstQualifying(uint256 marketId, uint256 committedAt, uint256 minDelay)
        external
        view
        returns (bool found, uint256 index, bool evicted)
    {
        uint256 count = _price[marketId].observationCount;
        if (count == 0) return (false, 0, false);
        HistoryEntry[HISTORY_SIZE] storage ring = _history[marketId];
        if (!_entryQualifies(ring[(count - 1) % HISTORY_SIZE], committedAt, minDelay)) return (false, 0, false);
        uint256 lo = count > HISTORY_SIZE ? count - HISTORY_SIZE : 0;
        uint256 hi = count - 1; // qualifies; find the first qualifying in [lo, hi]
        while (lo < hi) {
            uint256 mid = (lo + hi) / 2;
            if (_entryQualifies(ring[mid % HISTORY_SIZE], committedAt, minDelay)) hi = mid;
            else lo = mid + 1;
        }
        // `lo` is the first kept entry that qualifies; the predicate `firstQualifying` checks says
        // whether it is the first of all (only the oldest kept entry can fail it: its predecessor,
        // overwritten, qualified, so the first observation itself is gone)
        if (!_isFirst(ring[lo % HISTORY_SIZE], committedAt, minDelay)) return (false, 0, true);
        return (true, lo, false);
    }

    /// @inheritdoc IOracleHistory
    function liveMedian(uint256 marketId) external view returns (uint256 median, uint256 sources) {
        OracleParams memory p = config.oracleParams(marketId);
        (uint256 m, uint256 kept,,) = _read(marketId, p);
        if (kept < p.minSources) return (0, kept);
        return (m, kept);
    }

    function getSources(uint256 marketId) external view returns (address[] memory list) {
        Source[] storage s = _sources[marketId];
        list = new address[](s.length);
        for (uint256 i; i < s.length; ++i) {
            list[i] = address(s[i].feed);
        }
    }

    /// @notice Everything the dashboard shows about a market's oracle, in one call.
    function getOracleState(uint256 marketId) external view returns (OracleView memory v) {
        OracleParams memory p = config.oracleParams(marketId);
        PriceState memory ps = _price[marketId];
        VolState memory vs = _vol[marketId];
        v.price = ps.price;
        v.dataTime = ps.dataTime;
        v.status = OracleLib.effectiveStatus(ps.status, ps.price, ps.dataTime, ps.maxAge, block.timestamp);
        GuardState memory g = _guard[marketId];
        if (g.guardedSince != 0) {
            v.pendingPrice = g.pendingPrice;
            v.guardedSince = g.guardedSince;
            v.pendingSince = g.pendingSince;
        }
        v.variance = vs.variance;
        v.mmCurrent = vs.mmCurrent;
        v.mmTarget = vs.mmTarget;

        Source[] storage list = _sources[marketId];
        uint256 n = list.length;
        v.sources = new SourceView[](n);
        uint256[] memory prices = new uint256[](n);
        uint256 fresh;
        for (uint256 i; i < n; ++i) {
            (uint256 price, uint256 updatedAt, SourceFault fault) = _sourcePrice(list[i]);
            SourceView memory sv = v.sources[i];
            sv.source = address(list[i].feed);
            sv.price = price;
            sv.updatedAt = updatedAt;
            if (fault != SourceFault.None) {
                sv.status = SourceStatus.Invalid;
                continue;
            }
            sv.age = block.timestamp - updatedAt;
            if (sv.age > p.maxAge) {
                sv.status = SourceStatus.Stale;
                continue;
            }
            prices[fresh++] = price;
        }
        if (fresh == 0) return v;
        uint256 first = OracleLib.median(prices, fresh);
        uint256[] memory keptPrices = new uint256[](fresh);
        uint256 kept;
        for (uint256 i; i < n; ++i) {
            SourceView memory sv = v.sources[i];
            if (sv.status != SourceStatus.Ok) continue;
            if (!_within(sv.price, first, p.maxDeviation)) {
                sv.status = SourceStatus.Deviant;
                continue;
            }
            keptPrices[kept++] = sv.price;
        }
        v.liveMedian = OracleLib.median(keptPrices, kept);
        v.liveSources = kept;
        for (uint256 i; i < n; ++i) {
            SourceView memory sv = v.sources[i];
            if (sv.price != 0 && v.liveMedian != 0) {
                // prices ≤ MAX_PRICE: no overflow
                sv.deviation = (int256(sv.price) - int256(v.liveMedian)) * int256(WAD) / int256(v.liveMedian);
            }
        }
    }

    // ---------------------------------------------------------------- internals

    /// @dev Median of the fresh, valid sources, deviation filter, median again. Returns the final
    /// median, how many sources it used, their oldest timestamp, and the invalid sources' faults
    /// (byte `i` = the `SourceFault` of source `i`; `update` emits them, `liveMedian` is a view).
    function _read(uint256 marketId, OracleParams memory p)
        internal
        view
        returns (uint256 median, uint256 kept, uint256 oldest, uint256 faults)
    {
        Source[] storage list = _sources[marketId];
        uint256 n = list.length;
        uint256[] memory prices = new uint256[](n);
        uint256[] memory times = new uint256[](n);
        uint256 fresh;
        for (uint256 i; i < n; ++i) {
            (uint256 price, uint256 updatedAt, SourceFault fault) = _sourcePrice(list[i]);
            if (fault != SourceFault.None) {
                faults |= uint256(fault) << (8 * i); // i < MAX_SOURCES = 8
                continue;
            }
            if (block.timestamp - updatedAt > p.maxAge) continue;
            prices[fresh] = price;
            times[fresh] = updatedAt;
            ++fresh;
        }
        if (fresh == 0 || fresh < p.minSources) return (0, fresh, 0, faults);
        uint256[] memory sorted = new uint256[](fresh);
        for (uint256 i; i < fresh; ++i) {
            sorted[i] = prices[i];
        }
        uint256 first = OracleLib.median(sorted, fresh);
        oldest = type(uint256).max;
        for (uint256 i; i < fresh; ++i) {
            if (!_within(prices[i], first, p.maxDeviation)) continue;
            prices[kept] = prices[i];
            if (times[i] < oldest) oldest = times[i];
            ++kept;
        }
        median = OracleLib.median(prices, kept);
    }

    /// @dev `SourceInvalid` for each fault `_read` found (rare: only then are the sources re-read).
    function _reportFaults(uint256 marketId, uint256 faults) internal {
        if (faults == 0) return;
        Source[] storage list = _sources[marketId];
        for (uint256 i; faults != 0; ++i) {
            uint256 fault = faults & 0xff;
            if (fault != 0) emit SourceInvalid(marketId, address(list[i].feed), SourceFault(fault));
            faults >>= 8;
        }
    }

    /// @dev A source's answer normalised to WAD, or the reason it is unusable. A low-level
    /// staticcall with a gas cap (a hostile feed cannot eat the update's gas) that copies at most
    /// five words back (no return bomb) and checks every conversion, so nothing a source answers
    /// can make the caller revert.
    function _sourcePrice(Source memory s) internal view returns (uint256 price, uint256 updatedAt, SourceFault) {
        address feed = address(s.feed);
        bytes4 selector = AggregatorV3Interface.latestRoundData.selector;
        bool ok;
        uint256 size;
        int256 answer;
        assembly ("memory-safe") {
            let ptr := mload(0x40) // scratch past the free pointer, not allocated
            mstore(ptr, selector)
            ok := staticcall(SOURCE_GAS, feed, ptr, 4, ptr, ROUND_DATA_SIZE)
            size := returndatasize()
            answer := mload(add(ptr, 0x20))
            updatedAt := mload(add(ptr, 0x60))
        }
        if (!ok) {
            // Out of gas because the caller left less than the cap is the caller's failure, not
            // the source's: fail like the out-of-gas it is instead of marking an honest source.
            if (gasleft() < SOURCE_GAS / 63) {
                assembly ("memory-safe") {
                    revert(0, 0)
                }
            }
            return (0, 0, SourceFault.CallFailed);
        }
        if (size < ROUND_DATA_SIZE) return (0, 0, SourceFault.ShortReturn);
        if (answer <= 0) return (0, updatedAt, SourceFault.NonPositive);
        if (updatedAt == 0 || updatedAt > block.timestamp) return (0, updatedAt, SourceFault.BadTimestamp);
        uint256 raw = uint256(answer);
        if (s.decimals <= 18) {
            uint256 factor = 10 ** (18 - s.decimals);
            if (raw > MAX_PRICE / factor) return (0, updatedAt, SourceFault.PriceOutOfRange);
            price = raw * factor;
        } else {
            price = raw / 10 ** (s.decimals - 18);
        }
        if (price == 0 || price > MAX_PRICE) return (0, updatedAt, SourceFault.PriceOutOfRange);
        return (price, updatedAt, SourceFault.None);
    }

    /// @dev Accepts `median`; on the first acceptance in a new bucket of the volatility grid, also
    /// takes that bucket's observation (`_observe`).
    function _accept(
        uint256 marketId,
        PriceState memory ps,
        OracleParams memory p,
        uint256 median,
        uint256 oldest,
        uint256 kept
    ) internal {
        VolState memory vs = _vol[marketId];
        uint256 boundary = block.timestamp - block.timestamp % p.volBucket;
        if (boundary > vs.lastObservation) {
            _observe(marketId, vs, p, ps.price == 0 ? median : ps.price, boundary);
            _vol[marketId] = vs;
        }
        // stored Fresh means not guarded: the guard's clock is cleared only after a spell off Fresh
        if (ps.status != OracleStatus.Fresh && _guard[marketId].guardedSince != 0) _guard[marketId].guardedSince = 0;
        OracleStatus previous = ps.status;
        uint40 count = ps.observationCount;
        if (count == 0 || _history[marketId][(count - 1) % HISTORY_SIZE].acceptedAt != block.timestamp) {
            _record(marketId, count, median, oldest);
            ++count;
        }
        _price[marketId] = PriceState({
            price: uint128(median),
            dataTime: uint40(oldest),
            maxAge: p.maxAge,
            status: OracleStatus.Fresh,
            observationCount: count
        });
        if (previous != OracleStatus.Fresh || ps.price == 0) {
            emit StatusChanged(marketId, previous, OracleStatus.Fresh);
        }
        emit PriceAccepted(marketId, median, oldest, kept);
    }

    /// @dev Appends entry `index` (the first acceptance of this second). Its dataTime never falls
    /// below the previous entry's, so "qualifies" is monotone along the history.
    function _record(uint256 marketId, uint256 index, uint256 price, uint256 oldest) internal {
        HistoryEntry memory entry; // the predecessor's times stay 0 for entry 0 (never qualifies)
        if (index != 0) {
            HistoryEntry storage previous = _history[marketId][(index - 1) % HISTORY_SIZE];
            (entry.previousAcceptedAt, entry.previousDataTime) = (previous.acceptedAt, previous.dataTime);
            if (entry.previousDataTime > oldest) oldest = entry.previousDataTime;
        }
        // price ≤ MAX_PRICE < 2^94; timestamps fit 40 bits
        (entry.price, entry.acceptedAt, entry.dataTime) = (uint96(price), uint40(block.timestamp), uint40(oldest));
        _history[marketId][index % HISTORY_SIZE] = entry;
        emit ObservationRecorded(marketId, index, price, oldest);
    }

    /// @dev One volatility observation (rewrites `vs` in memory): the return from the price at the
    /// previous observed boundary to `atBoundary`, the price prevailing at this one (the last
    /// accepted price before it), over the grid time between them; update timing inside a bucket
    /// therefore changes nothing. Then the margin target and one rate-limited step of the current.
    function _observe(uint256 marketId, VolState memory vs, OracleParams memory p, uint256 atBoundary, uint256 boundary)
        internal
    {
        uint256 tierId = config.marketTier(marketId);
        TierParams memory t = config.tier(tierId);
        bool first = vs.lastObservation == 0;
        uint256 elapsed;
        if (!first) {
            elapsed = boundary - vs.lastObservation;
            uint256 r = atBoundary.absLnRatio(_obs[marketId].boundaryPrice);
            uint256 steps = elapsed / p.volBucket; // ≥ 1 unless governance just lengthened the bucket
            uint256 v = OracleLib.ewma(vs.variance, r, elapsed, p.ewmaLambda, steps == 0 ? 1 : steps);
            // ≤ ln(2)² per second by construction; the clamp only keeps the cast total
            vs.variance = v > type(uint88).max ? type(uint88).max : uint88(v);
            emit VolatilityUpdated(marketId, vs.variance, r, elapsed);
        }
        uint256 target = OracleLib.targetMargin(vs.variance, t.mmBase, t.mmMax, t.volMultiplier, t.horizon);
        // A vote's raise of z or the horizon moves the target at once but the catch-up only later.
        (uint256 z, uint256 horizon) = config.catchUpInputs(tierId);
        uint256 catchUp = z == t.volMultiplier && horizon == t.horizon
            ? target
            : OracleLib.targetMargin(vs.variance, t.mmBase, t.mmMax, z, horizon);
        // target ≤ mmMax ≤ 0.9e18: fits uint64
        vs.mmCurrent =
            uint64(OracleLib.nextMargin(vs.mmCurrent, target, catchUp, t.mmBase, t.maxMmRisePerHour, elapsed, first));
        vs.mmTarget = uint64(target);
        vs.lastObservation = uint40(boundary);
        _obs[marketId] = Observation(uint128(atBoundary));
        emit MarginUpdated(marketId, vs.mmCurrent, target);
    }

    function _observation(uint256 marketId, uint256 index, uint256 count)
        internal
        view
        returns (PriceObservation memory)
    {
        HistoryEntry memory e = _entry(marketId, index, count);
        return PriceObservation({price: e.price, acceptedAt: e.acceptedAt, dataTime: e.dataTime});
    }

    function _entry(uint256 marketId, uint256 index, uint256 count) internal view returns (HistoryEntry memory) {
        if (index >= count || index + HISTORY_SIZE < count) revert ObservationUnavailable(marketId, index);
        return _history[marketId][index % HISTORY_SIZE];
    }

    function _setStatus(uint256 marketId, PriceState memory ps, OracleStatus status, uint32 maxAge) internal {
        PriceState storage s = _price[marketId];
        s.maxAge = maxAge;
        if (ps.status != status) {
            s.status = status;
            emit StatusChanged(marketId, ps.status, status);
        }
    }

    /// @dev |a - b| ≤ b · fraction / WAD (prices ≤ MAX_PRICE, fractions ≤ WAD: no overflow)
    function _within(uint256 a, uint256 b, uint256 fraction) internal pure returns (bool) {
        uint256 diff = a > b ? a - b : b - a;
        return diff <= b.mulDivDown(fraction, WAD);
    }

    function _requireMarket(uint256 marketId) internal view {
        if (marketId >= config.marketCount()) revert UnknownMarket(marketId);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";
import {
    IOracleAggregator,
    OracleStatus,
    SourceStatus,
    LatestPrice,
    SourceView,
    OracleView
} from "../interfaces/IOracleAggregator.sol";
import {IRiskConfig, OracleParams, TierParams} from "../interfaces/IRiskConfig.sol";
import {FixedPointMath} from "../libraries/FixedPointMath.sol";
import {OracleLib} from "../libraries/OracleLib.sol";

/// @title OracleAggregator
/// @notice Aggregates several AggregatorV3Interface sources per market into one accepted price.
/// `update` is permissionless (the price feeder, keepers and the engine call it): it drops stale
/// sources, requires `minSources`, takes the median, drops sources further than `maxDeviation`
/// from it, takes the median again, and trips the circuit breaker on a move above `maxJump`.
/// Guarded mode ends (a) by itself once the new level has held within `maxJump` for
/// `recoveryPeriod`, (b) immediately if the price comes back within `maxJump` of the last
/// accepted price, or (c) by an admin `resetGuard`.
contract OracleAggregator is IOracleAggregator {
    using FixedPointMath for uint256;

    uint256 internal constant WAD = 1e18;
    uint256 public constant MAX_SOURCES = 8;
    /// @notice Gas forwarded to one source read (Chainlink proxies use ~20-30k).
    uint256 public constant SOURCE_GAS = 100_000;

    /// @dev One slot: the accepted price and what the engine needs to judge it.
    struct PriceState {
        uint128 price;
        uint40 dataTime;
        uint32 maxAge;
        OracleStatus status;
    }

    /// @dev One slot: volatility, the margin it drives, and the guard clock.
    struct VolState {
        uint96 variance;
        uint40 lastObservation;
        uint40 guardedSince;
        uint64 mmCurrent;
    }

    /// @dev One slot, off the engine's hot path: guarded candidate and the margin target.
    struct AuxState {
        uint128 pendingPrice;
        uint64 mmTarget;
    }

    struct Source {
        AggregatorV3Interface feed;
        uint8 decimals;
    }

    IRiskConfig public immutable config;

    mapping(uint256 marketId => Source[] sources) internal _sources;
    mapping(uint256 marketId => PriceState state) internal _price;
    mapping(uint256 marketId => VolState state) internal _vol;
    mapping(uint256 marketId => AuxState state) internal _aux;

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
        (uint256 median, uint256 kept, uint256 oldest, uint256 newest) = _read(marketId, p);
        if (kept < p.minSources) revert NoLivePrice(marketId);
        _accept(marketId, ps, p, median, oldest, newest, kept);
        emit GuardLifted(marketId, median, true);
    }

    // ---------------------------------------------------------------- update

    function updateMany(uint256[] calldata marketIds) external {
        for (uint256 i; i < marketIds.length; ++i) {
            update(marketIds[i]);
        }
    }

    /// @notice Reads the sources and accepts, holds (guarded) or marks the market stale.
    function update(uint256 marketId) public returns (OracleStatus) {
        OracleParams memory p = config.oracleParams(marketId);
        PriceState memory ps = _price[marketId];
        (uint256 median, uint256 kept, uint256 oldest, uint256 newest) = _read(marketId, p);

        if (kept < p.minSources) {
            _setStatus(marketId, ps, OracleStatus.Stale, p.maxAge);
            return OracleStatus.Stale;
        }
        if (ps.price == 0 || _within(median, ps.price, p.maxJump)) {
            bool wasGuarded = ps.status == OracleStatus.Guarded;
            _accept(marketId, ps, p, median, oldest, newest, kept);
            if (wasGuarded) emit GuardLifted(marketId, median, false);
            return OracleStatus.Fresh;
        }
        // A jump above maxJump since the last accepted price.
        VolState storage vs = _vol[marketId];
        if (ps.status == OracleStatus.Guarded && _within(median, _aux[marketId].pendingPrice, p.maxJump)) {
            // The new level holds: lift once it has held long enough.
            if (block.timestamp >= uint256(vs.guardedSince) + p.recoveryPeriod) {
                _accept(marketId, ps, p, median, oldest, newest, kept);
                emit GuardLifted(marketId, median, false);
                return OracleStatus.Fresh;
            }
            return OracleStatus.Guarded;
        }
        // Enter guarded mode, or restart the clock because the candidate moved again.
        _aux[marketId].pendingPrice = uint128(median);
        vs.guardedSince = uint40(block.timestamp);
        emit GuardTriggered(marketId, ps.price, median);
        _setStatus(marketId, ps, OracleStatus.Guarded, p.maxAge);
        return OracleStatus.Guarded;
    }

    // ---------------------------------------------------------------- views

    /// @notice The accepted price and its effective status (what the engine trades on).
    function latest(uint256 marketId) external view returns (LatestPrice memory out) {
        PriceState memory ps = _price[marketId];
        out.price = ps.price;
        out.dataTime = ps.dataTime;
        out.status = OracleLib.effectiveStatus(ps.status, ps.price, ps.dataTime, ps.maxAge, block.timestamp);
        if (ps.status == OracleStatus.Guarded) out.pendingPrice = _aux[marketId].pendingPrice;
        out.mmCurrent = _vol[marketId].mmCurrent;
    }

    /// @notice The volatility margin of a market: current (rate-limited) and target ratios (WAD,
    /// as of the last accepted observation) and the EWMA variance per second (WAD).
    function margin(uint256 marketId) external view returns (uint256 mmCurrent, uint256 mmTarget, uint256 variance) {
        VolState memory vs = _vol[marketId];
        return (vs.mmCurrent, _aux[marketId].mmTarget, vs.variance);
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
        if (ps.status == OracleStatus.Guarded) {
            v.pendingPrice = _aux[marketId].pendingPrice;
            v.guardedSince = vs.guardedSince;
        }
        v.variance = vs.variance;
        v.mmCurrent = vs.mmCurrent;
        v.mmTarget = _aux[marketId].mmTarget;

        Source[] storage list = _sources[marketId];
        uint256 n = list.length;
        v.sources = new SourceView[](n);
        uint256[] memory prices = new uint256[](n);
        uint256 fresh;
        for (uint256 i; i < n; ++i) {
            (uint256 price, uint256 updatedAt, bool ok) = _sourcePrice(list[i]);
            SourceView memory sv = v.sources[i];
            sv.source = address(list[i].feed);
            sv.price = price;
            sv.updatedAt = updatedAt;
            if (!ok) {
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
                sv.deviation = (int256(sv.price) - int256(v.liveMedian)) * int256(WAD) / int256(v.liveMedian);
            }
        }
    }

    // ---------------------------------------------------------------- internals

    /// @dev Median of the fresh sources, deviation filter, median again.
    /// Returns the final median, how many sources it used and their oldest/newest timestamps.
    function _read(uint256 marketId, OracleParams memory p)
        internal
        view
        returns (uint256 median, uint256 kept, uint256 oldest, uint256 newest)
    {
        Source[] storage list = _sources[marketId];
        uint256 n = list.length;
        uint256[] memory prices = new uint256[](n);
        uint256[] memory times = new uint256[](n);
        uint256 fresh;
        for (uint256 i; i < n; ++i) {
            (uint256 price, uint256 updatedAt, bool ok) = _sourcePrice(list[i]);
            if (!ok || block.timestamp - updatedAt > p.maxAge) continue;
            prices[fresh] = price;
            times[fresh] = updatedAt;
            ++fresh;
        }
        if (fresh == 0 || fresh < p.minSources) return (0, fresh, 0, 0);
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
            if (times[i] > newest) newest = times[i];
            ++kept;
        }
        median = OracleLib.median(prices, kept);
    }

    /// @dev A source's answer normalised to WAD; ok = false if it reverts, is non-positive or
    /// is dated in the future.
    function _sourcePrice(Source memory s) internal view returns (uint256 price, uint256 updatedAt, bool ok) {
        // A gas cap per source: a broken or hostile feed cannot eat the gas of the whole update.
        try s.feed.latestRoundData{gas: SOURCE_GAS}() returns (uint80, int256 answer, uint256, uint256 at, uint80) {
            if (answer <= 0 || at > block.timestamp || at == 0) return (0, at, false);
            uint256 raw = uint256(answer);
            price = s.decimals <= 18 ? raw * 10 ** (18 - s.decimals) : raw / 10 ** (s.decimals - 18);
            return (price, at, price != 0);
        } catch {
            return (0, 0, false);
        }
    }

    function _accept(
        uint256 marketId,
        PriceState memory ps,
        OracleParams memory p,
        uint256 median,
        uint256 oldest,
        uint256 newest,
        uint256 kept
    ) internal {
        VolState memory vs = _vol[marketId];
        // One observation per new source datum, so pokes without new data cannot decay volatility.
        if (newest > vs.lastObservation) {
            TierParams memory t = config.tier(config.marketTier(marketId));
            uint256 elapsed = vs.lastObservation == 0 ? 0 : newest - vs.lastObservation;
            if (ps.price != 0 && elapsed != 0) {
                uint256 r = median.absLnRatio(ps.price);
                vs.variance = uint96(OracleLib.ewma(vs.variance, r, elapsed, p.ewmaLambda));
                emit VolatilityUpdated(marketId, vs.variance, r, elapsed);
            }
            uint256 target = OracleLib.targetMargin(vs.variance, t.mmBase, t.mmMax, t.volMultiplier, t.horizon);
            vs.mmCurrent = uint64(
                OracleLib.nextMargin(vs.mmCurrent, target, t.maxMmRisePerHour, elapsed, vs.lastObservation == 0)
            );
            vs.lastObservation = uint40(newest);
            _aux[marketId].mmTarget = uint64(target);
            emit MarginUpdated(marketId, vs.mmCurrent, target);
        }
        vs.guardedSince = 0;
        _vol[marketId] = vs;
        OracleStatus previous = ps.status;
        _price[marketId] =
            PriceState({price: uint128(median), dataTime: uint40(oldest), maxAge: p.maxAge, status: OracleStatus.Fresh});
        if (previous != OracleStatus.Fresh || ps.price == 0) {
            emit StatusChanged(marketId, previous, OracleStatus.Fresh);
        }
        emit PriceAccepted(marketId, median, oldest, kept);
    }

    function _setStatus(uint256 marketId, PriceState memory ps, OracleStatus status, uint32 maxAge) internal {
        PriceState storage s = _price[marketId];
        s.maxAge = maxAge;
        if (ps.status != status) {
            s.status = status;
            emit StatusChanged(marketId, ps.status, status);
        }
    }

    /// @dev |a - b| ≤ b · fraction / WAD
    function _within(uint256 a, uint256 b, uint256 fraction) internal pure returns (bool) {
        uint256 diff = a > b ? a - b : b - a;
        return diff <= b.mulDivDown(fraction, WAD);
    }

    function _requireMarket(uint256 marketId) internal view {
        if (marketId >= config.marketCount()) revert UnknownMarket(marketId);
    }
}

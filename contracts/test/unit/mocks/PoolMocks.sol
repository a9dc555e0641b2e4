// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LatestPrice} from "../../../src/interfaces/IOracleAggregator.sol";
import {IOracleHistory, PriceObservation} from "../../../src/interfaces/IOracleHistory.sol";

/// @notice The config reads of the liquidity pool: market count, owner, insurance fund.
contract MockPoolConfig {
    uint256 public marketCount;
    address public owner;
    address public insuranceFund;

    constructor(uint256 markets, address owner_) {
        marketCount = markets;
        owner = owner_;
    }

    function setInsuranceFund(address fund) external {
        insuranceFund = fund;
    }
}

/// @notice The oracle history with the predicate and the proof of `docs/two-step.md`, on a plain
/// array (no ring), plus `latest(m).price`.
contract MockHistoryOracle {
    mapping(uint256 => PriceObservation[]) internal _obs;
    mapping(uint256 => uint256) public latestPrice;

    function record(uint256 m, uint256 price, uint256 acceptedAt, uint256 dataTime) external {
        _obs[m].push(PriceObservation(uint128(price), uint40(acceptedAt), uint40(dataTime)));
        latestPrice[m] = price;
    }

    function setLatest(uint256 m, uint256 price) external {
        latestPrice[m] = price;
    }

    function latest(uint256 m) external view returns (LatestPrice memory p) {
        p.price = latestPrice[m];
    }

    function observationCount(uint256 m) external view returns (uint256) {
        return _obs[m].length;
    }

    function observation(uint256 m, uint256 i) public view returns (PriceObservation memory) {
        if (i >= _obs[m].length) revert IOracleHistory.ObservationUnavailable(m, i);
        return _obs[m][i];
    }

    function qualifies(PriceObservation memory o, uint256 committedAt, uint256 minDelay) public pure returns (bool) {
        return o.acceptedAt >= committedAt + minDelay && o.dataTime > committedAt;
    }

    function firstQualifying(uint256 m, uint256 i, uint256 committedAt, uint256 minDelay)
        external
        view
        returns (PriceObservation memory o)
    {
        o = observation(m, i);
        if (!qualifies(o, committedAt, minDelay)) revert IOracleHistory.NotFirstObservation(m, i);
        if (i > 0 && qualifies(_obs[m][i - 1], committedAt, minDelay)) revert IOracleHistory.NotFirstObservation(m, i);
    }

    function findFirstQualifying(uint256 m, uint256 committedAt, uint256 minDelay)
        external
        view
        returns (bool found, uint256 index, bool evicted)
    {
        for (uint256 i; i < _obs[m].length; ++i) {
            if (qualifies(_obs[m][i], committedAt, minDelay)) return (true, i, false);
        }
    }
}

/// @notice The engine seen from the pool: it holds the pool's tokens (`poolAssets`), caps
/// withdrawals (`withdrawablePoolAssets`, settable), and reports the traders' net PnL of one
/// aggregate position per market: size · (P − entry) / WAD.
contract MockPoolEngine {
    IERC20 public immutable token;
    address public immutable config;
    address public immutable oracle;
    address public pool;
    uint128 public poolAssets;
    /// @dev as the engine: what the debt auctions owe the pool (`IPoolReceivable`)
    uint256 public poolReceivable;
    /// @dev as the engine: the pool's profit cap lives here, written by the pool's setParameters
    uint256 public maxPnlFraction = 0.5e18;
    uint256 public withdrawCap = type(uint256).max;
    mapping(uint256 => int256) public netSize;
    mapping(uint256 => uint256) public entry;

    constructor(IERC20 token_, address config_, address oracle_) {
        token = token_;
        config = config_;
        oracle = oracle_;
    }

    function setPool(address p) external {
        pool = p;
    }

    function setPoolReceivable(uint256 amount) external {
        poolReceivable = amount;
    }

    function setNetPosition(uint256 m, int256 size, uint256 entryPrice) external {
        netSize[m] = size;
        entry[m] = entryPrice;
    }

    function setMaxPnlFraction(uint256 f) external {
        require(msg.sender == pool, "not pool");
        maxPnlFraction = f;
    }

    function setWithdrawCap(uint256 c) external {
        withdrawCap = c;
    }

    /// @dev a trader's realised loss (tokens already held by the engine move to the pool)
    function realise(int256 poolDelta) external {
        poolAssets = uint128(uint256(int256(uint256(poolAssets)) + poolDelta));
    }

    function traderNetPnl(uint256 m, uint256 price) public view returns (int256) {
        return netSize[m] * (int256(price) - int256(entry[m])) / 1e18;
    }

    /// @dev Σ_m traderNetPnl(m, latest price), as the engine's `tradersNetPnl` (the pool's mark).
    function tradersNetPnl() external view returns (int256 pnl) {
        uint256 n = MockPoolConfig(config).marketCount();
        for (uint256 m; m < n; ++m) {
            pnl += traderNetPnl(m, MockHistoryOracle(oracle).latest(m).price);
        }
    }

    function creditPool(uint256 assets) external {
        require(msg.sender == pool, "not pool");
        poolAssets += uint128(assets);
    }

    function withdrawablePoolAssets() public view returns (uint256) {
        return poolAssets < withdrawCap ? poolAssets : withdrawCap;
    }

    function debitPool(address to, uint256 assets) external {
        require(msg.sender == pool, "not pool");
        require(assets <= withdrawablePoolAssets(), "insufficient");
        poolAssets -= uint128(assets);
        token.transfer(to, assets);
    }
}

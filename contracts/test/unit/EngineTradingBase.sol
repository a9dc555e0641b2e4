// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PoolMath} from "../../src/libraries/PoolMath.sol";
import {Test} from "forge-std/Test.sol";
import {TestUSD} from "../../src/devnet/TestUSD.sol";
import {DevnetPriceSource} from "../../src/devnet/DevnetPriceSource.sol";
import {RiskConfig} from "../../src/config/RiskConfig.sol";
import {OracleAggregator} from "../../src/oracle/OracleAggregator.sol";
import {PerpEngine} from "../../src/core/PerpEngine.sol";
import {PoolValue} from "../../src/interfaces/ILiquidityPool.sol";
import {TestParams} from "../utils/TestParams.sol";

/// @notice Stands in for the order router: calls the engine's trade hooks with a given fill price,
/// escrowing the collateral in the engine from its own balance first (the real router escrows it
/// there from the trader at request).
contract HookCaller {
    PerpEngine internal immutable engine;
    TestUSD internal immutable usd;

    constructor(PerpEngine engine_, TestUSD usd_) {
        engine = engine_;
        usd = usd_;
    }

    function open(address t, uint256 m, int256 size, uint256 collateral, uint256 price) external {
        usd.transfer(address(engine), collateral);
        engine.openFor(t, m, size, collateral, price);
    }

    function increase(address t, uint256 m, uint256 sizeDelta, uint256 collateralDelta, uint256 price) external {
        usd.transfer(address(engine), collateralDelta);
        engine.increaseFor(t, m, sizeDelta, collateralDelta, price);
    }

    function reduce(address t, uint256 m, uint256 sizeDelta, uint256 price) external {
        engine.reduceFor(t, m, sizeDelta, price);
    }

    function close(address t, uint256 m, uint256 price) external {
        engine.closeFor(t, m, price);
    }
}

/// @notice Stands in for the liquidity pool's `poolValue` (the same parts and formula: tokens +
/// receivable − traders' net PnL at the accepted prices, profit capped by the engine's
/// `maxPnlFraction`), so the engine's marked caps and fees can be tested without the pool.
contract MarkedPoolStub {
    PerpEngine internal immutable engine;
    OracleAggregator internal immutable oracle;
    uint256 internal immutable markets;

    constructor(PerpEngine engine_, OracleAggregator oracle_, uint256 markets_) {
        engine = engine_;
        oracle = oracle_;
        markets = markets_;
    }

    function seed(TestUSD usd, uint256 assets) external {
        usd.transfer(address(engine), assets);
        engine.creditPool(assets);
    }

    function poolValue() external view returns (PoolValue memory) {
        int256 pnl;
        for (uint256 m; m < markets; ++m) {
            pnl += engine.traderNetPnl(m, oracle.latest(m).price);
        }
        return PoolMath.value(
            engine.poolAssets(), engine.poolReceivable(), pnl, engine.scale(), engine.maxPnlFraction()
        );
    }
}

/// @notice An engine wired to a hook caller (as its router), a pool stub and the test contract as
/// its liquidator; three markets with three sources each.
abstract contract EngineTradingBase is Test, TestParams {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant ETH = 0;
    uint256 internal constant BTC = 1;
    uint256 internal constant SOL = 2;
    uint256 internal constant POOL_SEED = 1_000_000e6;

    TestUSD internal usd;
    RiskConfig internal config;
    OracleAggregator internal oracle;
    PerpEngine internal engine;
    HookCaller internal router;
    MarkedPoolStub internal pool;
    DevnetPriceSource[3][3] internal sources;

    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        usd = new TestUSD();
        config = new RiskConfig(address(this));
        config.addTier(blueChipTier());
        config.addTier(highVolTier());
        config.addMarket("ETH-USD", 0, marketParams(), oracleParams());
        config.addMarket("BTC-USD", 0, marketParams(), oracleParams());
        config.addMarket("SOL-USD", 1, marketParams(), oracleParams());
        config.setFeeSplit(0.2e18, 0.2e18);

        oracle = new OracleAggregator(config);
        int256[3] memory initial = [int256(3000e8), int256(60_000e8), int256(150e8)];
        for (uint256 m; m < 3; ++m) {
            for (uint256 i; i < 3; ++i) {
                sources[m][i] = new DevnetPriceSource("src", address(this), initial[m]);
                oracle.addSource(m, sources[m][i]);
            }
            oracle.update(m);
        }

        engine = new PerpEngine(usd, config, oracle);
        pool = new MarkedPoolStub(engine, oracle, 3);
        engine.setPool(address(pool));
        config.setEngine(address(engine));
        router = new HookCaller(engine, usd);
        engine.setRouter(address(router));
        engine.setLiquidator(address(this));

        usd.mint(address(pool), POOL_SEED);
        pool.seed(usd, POOL_SEED);
        usd.mint(address(router), 100_000_000e6);
    }

    /// @dev Moves all three sources of a market to `price8` (8 decimals) and accepts it.
    function _setPrice(uint256 marketId, int256 price8) internal {
        for (uint256 i; i < 3; ++i) {
            sources[marketId][i].updateAnswer(price8);
        }
        oracle.update(marketId);
    }

    function _accepted(uint256 marketId) internal view returns (uint256) {
        return oracle.latest(marketId).price;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {TestUSD} from "../../src/devnet/TestUSD.sol";
import {DevnetPriceSource} from "../../src/devnet/DevnetPriceSource.sol";
import {RiskConfig} from "../../src/config/RiskConfig.sol";
import {OracleAggregator} from "../../src/oracle/OracleAggregator.sol";
import {PerpEngine} from "../../src/core/PerpEngine.sol";
import {LiquidityPool} from "../../src/pool/LiquidityPool.sol";
import {TestParams} from "./TestParams.sol";

/// @notice Shared deployment for the tests: three markets (ETH, BTC blue-chip; SOL high-vol),
/// three sources each, a funded pool and two traders.
abstract contract Fixture is Test, TestParams {
    uint256 internal constant ETH = 0;
    uint256 internal constant BTC = 1;
    uint256 internal constant SOL = 2;
    uint256 internal constant POOL_DEPOSIT = 1_000_000e6;

    TestUSD internal usd;
    RiskConfig internal config;
    OracleAggregator internal oracle;
    PerpEngine internal engine;
    LiquidityPool internal pool;
    DevnetPriceSource[3][3] internal sources;

    address internal admin = address(this);
    address internal lp = makeAddr("lp");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal guardian = makeAddr("guardian");

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        usd = new TestUSD();
        config = new RiskConfig(admin);
        config.addTier(blueChipTier());
        config.addTier(highVolTier());
        config.addMarket("ETH-USD", 0, marketParams(), oracleParams());
        config.addMarket("BTC-USD", 0, marketParams(), oracleParams());
        config.addMarket("SOL-USD", 1, marketParams(), oracleParams());
        config.setFeeSplit(0.2e18, 0.2e18);
        config.setGuardian(guardian);

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
        pool = new LiquidityPool(usd, engine);
        engine.setPool(address(pool));
        config.setEngine(address(engine));

        usd.mint(lp, POOL_DEPOSIT);
        vm.startPrank(lp);
        usd.approve(address(pool), type(uint256).max);
        pool.deposit(POOL_DEPOSIT, lp);
        vm.stopPrank();

        _fund(alice);
        _fund(bob);
    }

    function _fund(address who) internal {
        usd.mint(who, 1_000_000e6);
        vm.prank(who);
        usd.approve(address(engine), type(uint256).max);
    }

    /// @dev Moves all three sources of a market to `price8` (8 decimals) and accepts it.
    function _setPrice(uint256 marketId, int256 price8) internal {
        for (uint256 i; i < 3; ++i) {
            sources[marketId][i].updateAnswer(price8);
        }
        oracle.update(marketId);
    }

    /// @dev Advances time and refreshes every source of every market at its current answer.
    function _skip(uint256 dt) internal {
        vm.warp(vm.getBlockTimestamp() + dt);
        for (uint256 m; m < 3; ++m) {
            (, int256 answer,,,) = sources[m][0].latestRoundData();
            _setPrice(m, answer);
        }
    }

    function _protocolLiabilities() internal view returns (uint256 total) {
        total = engine.poolAssets() + engine.insuranceFees() + engine.stakerFees();
        (PositionViewLike[] memory ps) = _positions();
        for (uint256 i; i < ps.length; ++i) {
            total += ps[i].collateral;
        }
    }

    struct PositionViewLike {
        uint256 collateral;
    }

    function _positions() internal view returns (PositionViewLike[] memory out) {
        uint256 n = engine.openPositionCount();
        out = new PositionViewLike[](n);
        for (uint256 i; i < n; ++i) {
            (address t, uint96 m) = _key(i);
            out[i].collateral = engine.getPosition(t, m).collateral;
        }
    }

    function _key(uint256 i) internal view returns (address, uint96) {
        return (engine.positionKey(i).trader, engine.positionKey(i).marketId);
    }
}

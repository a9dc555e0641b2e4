// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ParameterKeys} from "../../src/libraries/ParameterKeys.sol";
import {RiskParameterTable} from "../../src/libraries/RiskParameterTable.sol";
import {Fixture} from "../utils/Fixture.sol";
import {console2} from "forge-std/console2.sol";
import {Handler} from "./Handler.sol";
import {PositionKey} from "../../src/interfaces/IPerpEngine.sol";
import {PoolValue} from "../../src/interfaces/ILiquidityPool.sol";
import {TierParams, MarketParams, OracleParams} from "../../src/interfaces/IRiskConfig.sol";

/// @notice Protocol invariants under random trading, LP flows, price moves (including circuit
/// breaker trips) and governance attempts with random, often out-of-bounds, parameters.
contract ProtocolInvariantsTest is Fixture {
    Handler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new Handler(usd, config, oracle, engine, pool, sources, admin, lp);
        for (uint256 m; m < 3; ++m) {
            for (uint256 i; i < 3; ++i) {
                sources[m][i].setUpdater(address(handler));
            }
        }
        handler.fundTraders();
        for (uint256 i; i < 3; ++i) {
            _trackTrader(handler.traderAt(i));
        }
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](15);
        selectors[0] = Handler.open.selector;
        selectors[1] = Handler.open.selector; // opens twice as likely
        selectors[2] = Handler.increase.selector;
        selectors[3] = Handler.reduce.selector;
        selectors[4] = Handler.close.selector;
        selectors[5] = Handler.addCollateral.selector;
        selectors[6] = Handler.removeCollateral.selector;
        selectors[7] = Handler.movePrice.selector;
        selectors[8] = Handler.movePrice.selector;
        selectors[9] = Handler.deposit.selector;
        selectors[10] = Handler.withdraw.selector;
        selectors[11] = Handler.setTier.selector;
        selectors[12] = Handler.setMarketParams.selector;
        selectors[13] = Handler.setOracleParams.selector;
        selectors[14] = Handler.shock.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    /// @dev Every token the engine holds is owed to someone: trader collateral, the pool,
    /// the insurance buffer or stakers. The accounting is exact (no dust either way).
    function invariant_balanceEqualsLiabilities() public view {
        assertEq(usd.balanceOf(address(engine)), _protocolLiabilities());
    }

    /// @dev The pool's tokens are the engine's books, its value is those tokens minus the counted
    /// trader PnL (profit capped at maxPnlFraction), and the pool contract holds only the escrow
    /// of pending LP requests.
    function invariant_poolAssetsAreEngineBooks() public view {
        PoolValue memory v = pool.poolValue();
        assertEq(v.tokens, engine.poolAssets());
        assertEq(v.receivable, 0); // no debt auction in this fixture
        int256 cap = int256((v.tokens + v.receivable) * pool.maxPnlFraction() / 1e18);
        assertLe(v.countedTraderPnl, cap + 1);
        int256 expected = int256(v.tokens + v.receivable) - v.countedTraderPnl;
        assertEq(v.value, expected > 0 ? uint256(expected) : 0);
        assertEq(pool.totalAssets(), v.value);
        assertEq(usd.balanceOf(address(pool)), handler.lpTokenEscrow());
    }

    function invariant_noAccountBelowInitialMarginAfterRiskIncrease() public view {
        assertEq(handler.belowInitialMargin(), 0);
    }

    /// @notice The open set derived from the logs alone (what the keeper and the dashboard follow,
    /// since the engine keeps no list) is the engine's: opens, reductions to zero and closes emit
    /// what the set needs.
    function invariant_openSetFromLogsMatchesEngine() public view {
        for (uint256 i; i < 3; ++i) {
            address t = handler.traderAt(i);
            for (uint256 m; m < 3; ++m) {
                assertEq(handler.openByLogs(t, m), engine.position(t, m).size != 0, "log-derived open set != engine");
            }
        }
    }

    function invariant_openInterestMatchesPositions() public view {
        uint256[3] memory longs;
        uint256[3] memory shorts;
        PositionKey[] memory keys = handler.openKeys();
        for (uint256 i; i < keys.length; ++i) {
            (address t, uint256 m) = (keys[i].trader, keys[i].marketId);
            int256 s = lens.getPosition(t, m).size;
            assertTrue(s != 0);
            if (s > 0) longs[m] += uint256(s);
            else shorts[m] += uint256(-s);
        }
        for (uint256 m; m < 3; ++m) {
            assertEq(lens.getMarket(m).longOpenInterest, longs[m]);
            assertEq(lens.getMarket(m).shortOpenInterest, shorts[m]);
        }
    }

    function invariant_parametersWithinBounds() public view {
        for (uint256 t; t < 2; ++t) {
            TierParams memory p = config.tier(t);
            assertGe(p.mmBase, RiskParameterTable.MIN_MM_BASE);
            assertLe(p.mmBase, RiskParameterTable.MAX_MM_BASE);
            assertGe(p.mmMax, p.mmBase);
            assertLe(p.mmMax, RiskParameterTable.MAX_MM_MAX);
            assertGe(p.maxLeverage, RiskParameterTable.MIN_MAX_LEVERAGE);
            assertLe(p.maxLeverage, RiskParameterTable.MAX_MAX_LEVERAGE);
            assertGe(p.imMultiplier, RiskParameterTable.MIN_IM_MULTIPLIER);
            assertLe(p.imMultiplier, RiskParameterTable.MAX_IM_MULTIPLIER);
        }
        for (uint256 m; m < 3; ++m) {
            MarketParams memory mp = config.marketParams(m);
            assertLe(mp.fundingFactor, RiskParameterTable.MAX_FUNDING_FACTOR);
            assertLe(mp.takerFee, RiskParameterTable.MAX_TAKER_FEE);
            assertLe(mp.impactFactor, RiskParameterTable.MAX_IMPACT_FACTOR);
            OracleParams memory o = config.oracleParams(m);
            assertGe(o.maxAge, RiskParameterTable.MIN_MAX_AGE);
            assertLe(o.maxAge, RiskParameterTable.MAX_MAX_AGE);
            assertGe(o.minSources, RiskParameterTable.MIN_MIN_SOURCES);
            assertLe(o.minSources, RiskParameterTable.MAX_MIN_SOURCES);
            assertGe(o.maxJump, RiskParameterTable.MIN_MAX_JUMP);
            assertLe(o.maxJump, RiskParameterTable.MAX_MAX_JUMP);
            // the margin the engine uses stays inside the tier's floor and ceiling
            uint256 mm = lens.getMarket(m).currentMaintenanceMargin;
            TierParams memory tp = config.tier(config.marketTier(m));
            assertGe(mm, tp.mmBase);
            assertLe(mm, tp.mmMax);
        }
        assertLe(
            config.parameterValue(ParameterKeys.global("insuranceShare"))
                + config.parameterValue(ParameterKeys.global("stakerShare")),
            1e18
        );
    }

    /// @dev Sanity: the campaign actually trades and moves prices (a handler that always
    /// reverts would make the other invariants vacuous).
    function afterInvariant() external view {
        assertGt(handler.priceMoves() + handler.successfulOpens(), 0);
        console2.log("opens", handler.successfulOpens(), "closes", handler.successfulCloses());
        console2.log("moves", handler.priceMoves(), "open attempts", handler.openAttempts());
        console2.log("LP requests settled", handler.lpExecuted());
    }
}

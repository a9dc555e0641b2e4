// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TierParams, MarketParams, OracleParams} from "../src/interfaces/IRiskConfig.sol";

/// @notice The devnet's risk and two-step parameters, in one place: `DeployDevnet` deploys with
/// them and the test fixtures (`test/utils/TestParams.sol`) start from them, so a test measures
/// the parameters users meet on the devnet.
abstract contract DevnetParams {
    /// @dev Two-step execution (issue 10; docs/two-step.md "Wiring"): fills one second after the
    /// request, requests live 10 minutes, 0.5 tUSD to the executor, positions of at least 10 USD;
    /// LP shares held 10 minutes, counted trader profit capped at half the pool.
    uint256 internal constant ROUTER_MIN_DELAY = 1;
    uint256 internal constant ROUTER_MAX_ORDER_AGE = 10 minutes;
    uint256 internal constant ROUTER_EXECUTION_FEE = 0.5e6;
    uint256 internal constant ROUTER_MIN_NOTIONAL = 10e18;
    uint256 internal constant POOL_MIN_DELAY = 1;
    uint256 internal constant POOL_MAX_REQUEST_AGE = 10 minutes;
    uint256 internal constant POOL_EXECUTION_FEE = 0.5e6;
    uint256 internal constant POOL_MIN_HOLD_TIME = 10 minutes;
    uint256 internal constant POOL_MAX_PNL_FRACTION = 0.5e18;

    /// @dev Tier 0 (ETH-USD, BTC-USD). 9x: the gap-aware leverage cap (1/9 = 11.1 % ≥ maxJump
    /// 10 % + penalty 1 % + taker fee 0.05 %; `RiskConfig` refuses more).
    function blueChipTier() internal pure returns (TierParams memory) {
        return TierParams({
            mmBase: 0.01e18,
            mmMax: 0.10e18,
            imMultiplier: 2e18,
            oiCapFraction: 0.5e18,
            maxLeverage: 9e18,
            liquidationPenalty: 0.01e18,
            volMultiplier: 2.33e18,
            horizon: 1 hours,
            maxMmRisePerHour: 0.005e18
        });
    }

    /// @dev Tier 1 (SOL-USD). 8x: the gap-aware cap (1/8 = 12.5 % ≥ 10 % + 2 % + 0.05 %).
    function highVolTier() internal pure returns (TierParams memory) {
        return TierParams({
            mmBase: 0.025e18,
            mmMax: 0.15e18,
            imMultiplier: 2e18,
            oiCapFraction: 0.2e18,
            maxLeverage: 8e18,
            liquidationPenalty: 0.02e18,
            volMultiplier: 2.33e18,
            horizon: 1 hours,
            maxMmRisePerHour: 0.01e18
        });
    }

    function marketParams() internal pure returns (MarketParams memory) {
        // funding 1e-7 per second (0.036 %/h) at full skew; 5 bps taker fee; impact 0.1 % × notional/pool
        return MarketParams({fundingFactor: 1e11, takerFee: 0.0005e18, impactFactor: 0.001e18});
    }

    function devnetOracleParams() internal pure returns (OracleParams memory) {
        return OracleParams({
            maxAge: 600,
            minSources: 2,
            maxDeviation: 0.02e18,
            maxJump: 0.1e18,
            recoveryPeriod: 120,
            ewmaLambda: 0.94e18,
            // exits and liquidations of a stale market use the last price for another maxAge,
            // then that price moved against the position by maxJump
            staleGrace: 600,
            // five recovery periods: a crash that keeps moving is accepted after 10 minutes
            maxGuardDuration: 600,
            // one volatility observation per minute (the feeder pushes every few seconds)
            volBucket: 60
        });
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TierParams, MarketParams, OracleParams} from "../../src/interfaces/IRiskConfig.sol";

/// @notice The risk parameters every test fixture deploys with (one copy: `Fixture`,
/// `OracleFixture` and the tests built on them read these).
abstract contract TestParams {
    // ---- two-step execution (issue 10; docs/two-step.md "Wiring")
    uint256 internal constant ROUTER_MIN_DELAY = 1;
    uint256 internal constant ROUTER_MAX_ORDER_AGE = 10 minutes;
    uint256 internal constant ROUTER_EXECUTION_FEE = 0.5e6;
    uint256 internal constant ROUTER_MIN_NOTIONAL = 10e18;
    uint256 internal constant POOL_MIN_DELAY = 1;
    uint256 internal constant POOL_MAX_REQUEST_AGE = 10 minutes;
    uint256 internal constant POOL_EXECUTION_FEE = 0.5e6;
    uint256 internal constant POOL_MIN_HOLD_TIME = 10 minutes;
    uint256 internal constant POOL_MAX_PNL_FRACTION = 0.5e18;

    function blueChipTier() internal pure returns (TierParams memory) {
        return TierParams({
            mmBase: 0.01e18,
            mmMax: 0.05e18,
            imMultiplier: 2e18,
            oiCapFraction: 0.5e18,
            maxLeverage: 20e18,
            liquidationPenalty: 0.01e18,
            volMultiplier: 2.33e18,
            horizon: 1 hours,
            maxMmRisePerHour: 0.005e18
        });
    }

    function highVolTier() internal pure returns (TierParams memory) {
        return TierParams({
            mmBase: 0.025e18,
            mmMax: 0.15e18,
            imMultiplier: 2e18,
            oiCapFraction: 0.2e18,
            maxLeverage: 10e18,
            liquidationPenalty: 0.02e18,
            volMultiplier: 2.33e18,
            horizon: 1 hours,
            maxMmRisePerHour: 0.01e18
        });
    }

    function marketParams() internal pure returns (MarketParams memory) {
        return MarketParams({fundingFactor: 1e11, takerFee: 0.0005e18, impactFactor: 0.001e18});
    }

    function oracleParams() internal pure returns (OracleParams memory) {
        return OracleParams({
            maxAge: 300,
            minSources: 2,
            maxDeviation: 0.02e18,
            maxJump: 0.1e18,
            recoveryPeriod: 600,
            ewmaLambda: 0.94e18,
            staleGrace: 300,
            maxGuardDuration: 600,
            volBucket: 60
        });
    }
}

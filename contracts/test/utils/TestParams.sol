// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {OracleParams} from "../../src/interfaces/IRiskConfig.sol";
import {DevnetParams} from "../../script/DevnetParams.sol";

/// @notice The parameters every test fixture deploys with (one copy: `Fixture`, `OracleFixture`
/// and the tests built on them read these): the devnet's (`script/DevnetParams.sol`), with the
/// oracle's timings below.
abstract contract TestParams is DevnetParams {
    /// @dev The devnet's oracle with a shorter freshness window (5 min, and 5 more of grace) and
    /// a slower recovery (10 min): the oracle and liquidation tests step through those windows.
    function oracleParams() internal pure returns (OracleParams memory p) {
        p = devnetOracleParams();
        p.maxAge = 300;
        p.staleGrace = 300;
        p.recoveryPeriod = 600;
    }
}

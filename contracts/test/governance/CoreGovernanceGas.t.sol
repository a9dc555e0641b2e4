// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CoreGovernanceBase} from "./CoreGovernance.t.sol";

/// @dev Gas of governance calls against the real RiskConfig (isolated calls, state prepared in
/// `setUp`, cold storage). Written to `snapshots/governance-core.json`; the Governor's own
/// figures (propose, castVote, queue, execute, delegate) are in `snapshots/governance.json`.
abstract contract CoreGasBase is CoreGovernanceBase {
    string internal constant DESC = "ETH-USD, BTC-USD (tier 0) maintenance margin base: 1.0 % -> 1.5 %";
    address[] internal targets;
    uint256[] internal values;
    bytes[] internal calldatas;

    function setUp() public virtual override {
        super.setUp();
        (targets, values, calldatas) = _call(address(config), _setParam(mmBase0, 0.015e18));
    }
}

contract CoreGasExecuteTest is CoreGasBase {
    function setUp() public override {
        super.setUp();
        vm.prank(voter1);
        uint256 id = governor.propose(targets, values, calldatas, DESC);
        vm.warp(vm.getBlockTimestamp() + s.votingDelay + 1);
        vm.prank(voter1);
        governor.castVote(id, 1);
        vm.warp(vm.getBlockTimestamp() + s.votingPeriod + 1);
        governor.queue(targets, values, calldatas, keccak256(bytes(DESC)));
        vm.warp(vm.getBlockTimestamp() + s.timelockDelay);
    }

    function test_gas_executeRiskConfigParameter() public {
        governor.execute(targets, values, calldatas, keccak256(bytes(DESC)));
        vm.snapshotGasLastCall("governance-core", "executeSetParameterMmBase");
        // a raise: it ramps in (target now, in force over the next hour)
        assertEq(config.parameterValue(mmBase0), 0.015e18);
        assertEq(config.parameterRamp(mmBase0).end, vm.getBlockTimestamp() + 1 hours);
    }
}

contract CoreGasOtherTest is CoreGasBase {
    function test_gas_stewardUpdateRiskConfig() public {
        vm.prank(council);
        steward.updateParameter(config, mmBase0, 0.011e18);
        vm.snapshotGasLastCall("governance-core", "stewardUpdateMmBase");
        assertEq(config.parameterValue(mmBase0), 0.011e18);
        vm.warp(vm.getBlockTimestamp() + 12 minutes); // ramps in at 0.5 %/h
        assertEq(config.marketConfig(ETH).mmBase, 0.011e18);
    }

    function test_gas_guardianPauseRealMarket() public {
        vm.prank(operator);
        pauseGuardian.pauseMarket(config, ETH);
        vm.snapshotGasLastCall("governance-core", "guardianPauseMarket");
        assertTrue(config.marketConfig(ETH).paused);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {RiskParameterTable} from "../../src/libraries/RiskParameterTable.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IGovernedParameters, ParameterInfo} from "../../src/interfaces/IGovernedParameters.sol";
import {IRiskPausable} from "../../src/interfaces/IRiskPausable.sol";
import {IRiskSteward} from "../../src/interfaces/IRiskSteward.sol";
import {IPauseGuardian} from "../../src/interfaces/IPauseGuardian.sol";
import {IPerpEngine, MarketView, PositionView} from "../../src/interfaces/IPerpEngine.sol";
import {TierParams, ParameterRamp} from "../../src/interfaces/IRiskConfig.sol";
import {IOracleAggregator} from "../../src/interfaces/IOracleAggregator.sol";
import {RampartToken} from "../../src/governance/RampartToken.sol";
import {RampartGovernor} from "../../src/governance/RampartGovernor.sol";
import {RiskSteward} from "../../src/governance/RiskSteward.sol";
import {PauseGuardian} from "../../src/governance/PauseGuardian.sol";
import {GovernanceConfig} from "../../src/libraries/GovernanceConfig.sol";
import {ParameterKeys} from "../../src/libraries/ParameterKeys.sol";
import {GovernanceDeployer, GovernanceDeployment} from "../../script/DeployGovernance.s.sol";
import {Fixture} from "../utils/Fixture.sol";
import {FlashVoter} from "./RampartGovernor.t.sol";

/// @dev The real core (RiskConfig, OracleAggregator, PerpEngine, LiquidityPool from `Fixture`)
/// governed by the real governance stack, wired the way DeployDevnet wires it: the steward and
/// the PauseGuardian set on RiskConfig, then RiskConfig handed to the timelock (`handOver`).
abstract contract CoreGovernanceBase is Fixture {
    address internal voter1 = makeAddr("voter1"); // 10 M, self-delegated
    address internal voter2 = makeAddr("voter2"); // 5 M, self-delegated
    address internal council = makeAddr("council");
    address internal operator = makeAddr("operator");

    GovernanceConfig.Settings internal s;
    RampartToken internal token;
    TimelockController internal timelock;
    RampartGovernor internal governor;
    RiskSteward internal steward;
    PauseGuardian internal pauseGuardian;

    bytes32 internal mmBase0 = ParameterKeys.tier("mmBase", 0);

    function setUp() public virtual override {
        super.setUp(); // core deployed and configured by this contract (admin)
        s = GovernanceConfig.devnet();
        GovernanceDeployment memory d =
            GovernanceDeployer.deployForHandover(s, address(this), address(this), address(0), council, operator);
        token = d.token;
        timelock = d.timelock;
        governor = d.governor;
        steward = d.steward;
        pauseGuardian = d.guardian;

        config.setSteward(address(steward));
        config.setGuardian(address(pauseGuardian));
        _beforeHandover();
        config.transferOwnership(address(timelock));
        address[] memory owned = new address[](1);
        owned[0] = address(config);
        GovernanceDeployer.handOver(d, s, address(this), owned);

        token.transfer(voter1, 10_000_000e18);
        token.transfer(voter2, 5_000_000e18);
        vm.prank(voter1);
        token.delegate(voter1);
        vm.prank(voter2);
        token.delegate(voter2);
        vm.warp(vm.getBlockTimestamp() + 1);
        _skip(0); // refresh the sources at the new time
    }

    /// @dev Config-admin wiring a derived test needs before the timelock takes the config over.
    function _beforeHandover() internal virtual {}

    function _call(address target, bytes memory data)
        internal
        pure
        returns (address[] memory t, uint256[] memory v, bytes[] memory c)
    {
        t = new address[](1);
        v = new uint256[](1);
        c = new bytes[](1);
        t[0] = target;
        c[0] = data;
    }

    function _setParam(bytes32 id, uint256 value) internal pure returns (bytes memory) {
        return abi.encodeCall(IGovernedParameters.setParameter, (id, value));
    }

    function _propose(address target, bytes memory data, string memory desc) internal returns (uint256 id) {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _call(target, data);
        vm.prank(voter1);
        id = governor.propose(t, v, c, desc);
    }

    /// @dev Propose, vote For with voter1, queue and wait out the timelock (not executed).
    function _passAndQueue(address target, bytes memory data, string memory desc) internal returns (uint256 id) {
        id = _propose(target, data, desc);
        vm.warp(vm.getBlockTimestamp() + s.votingDelay + 1);
        vm.prank(voter1);
        governor.castVote(id, 1);
        vm.warp(vm.getBlockTimestamp() + s.votingPeriod + 1);
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _call(target, data);
        governor.queue(t, v, c, keccak256(bytes(desc)));
        vm.warp(vm.getBlockTimestamp() + s.timelockDelay);
        _skip(0); // keep the oracle fresh after the time travel
    }

    function _execute(address target, bytes memory data, string memory desc) internal {
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _call(target, data);
        governor.execute(t, v, c, keccak256(bytes(desc)));
    }
}

contract CoreGovernanceTest is CoreGovernanceBase {
    string internal constant DESC = "ETH-USD, BTC-USD (tier 0) maintenance margin base: 1.0 % -> 1.5 %";

    // ------------------------------------------------------------ wiring

    function test_wiring_timelockOwnsConfig_stewardAndGuardianSet() public view {
        assertEq(config.owner(), address(timelock));
        assertEq(config.pendingOwner(), address(0));
        assertEq(config.steward(), address(steward));
        assertEq(config.guardian(), address(pauseGuardian));
        assertEq(timelock.getMinDelay(), s.timelockDelay);
        assertFalse(timelock.hasRole(timelock.DEFAULT_ADMIN_ROLE(), address(this)));
        assertFalse(timelock.hasRole(timelock.PROPOSER_ROLE(), address(this)));
        assertTrue(timelock.hasRole(timelock.PROPOSER_ROLE(), address(governor)));
    }

    function test_wiring_oldAdminLostEveryPower() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(this)));
        config.setTier(0, blueChipTier());
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.NotOwnerOrSteward.selector, address(this)));
        config.setParameter(mmBase0, 0.011e18);
        // The aggregator's admin functions follow the config owner.
        vm.expectRevert(abi.encodeWithSelector(IOracleAggregator.NotOwner.selector, address(this)));
        oracle.resetGuard(ETH);
    }

    /// @dev Every tier, market, oracle and fee parameter is listed with its bounds, unit and name.
    function test_getParameters_listsEveryParameter() public view {
        ParameterInfo[] memory ps = config.getParameters();
        assertEq(ps.length, 3 + 2 * 9 + 3 * (3 + 9));
        ParameterInfo memory p = config.getParameter(mmBase0);
        assertEq(p.value, 0.01e18);
        assertEq(p.minValue, RiskParameterTable.MIN_MM_BASE);
        assertEq(p.maxValue, RiskParameterTable.MAX_MM_BASE);
        assertEq(p.name, "tier 0 maintenance margin base");
        assertEq(p.unit, "wad");
        p = config.getParameter(ParameterKeys.market("takerFee", ETH));
        assertEq(p.name, "ETH-USD taker fee");
        assertEq(p.value, 0.0005e18);
        assertEq(p.maxValue, RiskParameterTable.MAX_TAKER_FEE);
        p = config.getParameter(ParameterKeys.market("maxAge", SOL));
        assertEq(p.name, "SOL-USD oracle max age");
        assertEq(p.unit, "seconds");
        assertEq(p.value, 300);
        p = config.getParameter(ParameterKeys.global("insuranceShare"));
        assertEq(p.value, 0.2e18);
        for (uint256 i; i < ps.length; ++i) {
            assertGe(ps[i].value, ps[i].minValue);
            assertLe(ps[i].value, ps[i].maxValue);
            assertGt(bytes(ps[i].name).length, 0);
        }
    }

    // ------------------------------------------------------------ lifecycle

    function test_lifecycle_mmBase_observedInMarketAndPosition() public {
        vm.prank(alice);
        direct.open(ETH, 10e18, 3500e6);
        MarketView memory before = lens.getMarket(ETH);
        PositionView memory posBefore = lens.getPosition(alice, ETH);
        assertEq(before.currentMaintenanceMargin, 0.01e18);
        assertEq(posBefore.maintenanceMarginRatio, 0.01e18);

        bytes memory data = _setParam(mmBase0, 0.015e18);
        uint256 id = _propose(address(config), data, DESC);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Pending));
        vm.warp(vm.getBlockTimestamp() + s.votingDelay + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Active));
        vm.prank(voter1);
        governor.castVote(id, 1);
        vm.warp(vm.getBlockTimestamp() + s.votingPeriod + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
        (address[] memory t, uint256[] memory v, bytes[] memory c) = _call(address(config), data);
        governor.queue(t, v, c, keccak256(bytes(DESC)));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued));
        // Not before the timelock delay.
        vm.expectRevert();
        governor.execute(t, v, c, keccak256(bytes(DESC)));
        assertEq(config.tier(0).mmBase, 0.01e18);

        vm.warp(vm.getBlockTimestamp() + s.timelockDelay);
        _skip(0);
        governor.execute(t, v, c, keccak256(bytes(DESC)));
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));

        // The raise ramps in at the tier's 0.5 %/h: 1 % -> 1.5 % over an hour.
        assertEq(config.parameterValue(mmBase0), 0.015e18);
        assertEq(config.tier(0).mmBase, 0.01e18);
        ParameterRamp memory r = config.parameterRamp(mmBase0);
        assertEq(r.from, 0.01e18);
        assertEq(r.target, 0.015e18);
        assertEq(r.end - r.start, 1 hours);
        _skip(30 minutes);
        assertEq(lens.getMarket(ETH).currentMaintenanceMargin, 0.0125e18);
        _skip(30 minutes);
        assertEq(config.tier(0).mmBase, 0.015e18);
        assertEq(config.marketConfig(ETH).mmBase, 0.015e18);
        MarketView memory afterM = lens.getMarket(ETH);
        assertEq(afterM.currentMaintenanceMargin, 0.015e18);
        assertEq(lens.getMarket(BTC).currentMaintenanceMargin, 0.015e18); // same tier
        assertEq(lens.getMarket(SOL).currentMaintenanceMargin, 0.025e18); // other tier untouched
        PositionView memory posAfter = lens.getPosition(alice, ETH);
        assertEq(posAfter.maintenanceMarginRatio, 0.015e18);
        assertGt(posAfter.mmr, posBefore.mmr);
        assertLt(posAfter.health, posBefore.health);
    }

    function test_lifecycle_structSetterThroughTimelock_keepsRegistryInSync() public {
        TierParams memory t = blueChipTier();
        t.maxLeverage = 8e18;
        bytes memory data = abi.encodeCall(config.setTier, (0, t));
        _passAndQueue(address(config), data, "tier 0 max leverage 9x -> 8x");
        _execute(address(config), data, "tier 0 max leverage 9x -> 8x");
        assertEq(config.parameterValue(ParameterKeys.tier("maxLeverage", 0)), 8e18);
        assertEq(lens.getMarket(ETH).maxLeverage, 8e18);
    }

    // ------------------------------------------------------------ hard bounds

    function test_outOfBounds_passesVote_revertsAtExecution() public {
        bytes memory data = _setParam(mmBase0, 0.6e18);
        _passAndQueue(address(config), data, "mmBase 60 %");
        vm.expectRevert(
            abi.encodeWithSelector(IGovernedParameters.ParameterOutOfBounds.selector, mmBase0, 0.6e18, 0.001e18, 0.5e18)
        );
        _execute(address(config), data, "mmBase 60 %");
        assertEq(config.tier(0).mmBase, 0.01e18);
    }

    /// @dev Within mmBase's own bounds but above the tier's mmMax: the cross-field bound.
    function test_outOfBounds_crossField_mmBaseAboveMmMax_revertsAtExecution() public {
        uint256 mmMax = config.tier(0).mmMax;
        uint256 above = mmMax + 0.01e18;
        bytes memory data = _setParam(mmBase0, above);
        _passAndQueue(address(config), data, "mmBase above mmMax");
        vm.expectRevert(
            abi.encodeWithSelector(IGovernedParameters.ParameterOutOfBounds.selector, mmBase0, above, 0.001e18, mmMax)
        );
        _execute(address(config), data, "mmBase above mmMax");
        bytes32 mmMax0 = ParameterKeys.tier("mmMax", 0);
        data = _setParam(mmMax0, 0.009e18);
        _passAndQueue(address(config), data, "mmMax 0.9 %");
        vm.expectRevert(
            abi.encodeWithSelector(IGovernedParameters.ParameterOutOfBounds.selector, mmMax0, 0.009e18, 0.01e18, 0.9e18)
        );
        _execute(address(config), data, "mmMax 0.9 %");
    }

    // ------------------------------------------------------------ steward

    function test_steward_smallStep_observedInMarket_thenCooldown_thenSizeLimit() public {
        vm.prank(council);
        steward.updateParameter(config, mmBase0, 0.011e18); // +10 %, ramps in over 12 minutes
        assertEq(config.parameterValue(mmBase0), 0.011e18);
        assertEq(config.parameterRamp(mmBase0).end, block.timestamp + 12 minutes);

        vm.prank(council);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskSteward.CooldownActive.selector, mmBase0, block.timestamp + s.stewardCooldown)
        );
        steward.updateParameter(config, mmBase0, 0.0105e18);

        _skip(12 minutes);
        assertEq(config.tier(0).mmBase, 0.011e18);
        assertEq(lens.getMarket(ETH).currentMaintenanceMargin, 0.011e18);
        vm.prank(council);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskSteward.StepTooLarge.selector, mmBase0, 0.011e18, 0.0122e18, 0.0011e18)
        );
        steward.updateParameter(config, mmBase0, 0.0122e18);
        vm.prank(council);
        steward.updateParameter(config, mmBase0, 0.0121e18);
        _skip(1 hours);
        assertEq(config.marketConfig(BTC).mmBase, 0.0121e18);
        // +10 % again would be 33 % above the 1 % governance set: past the 25 % drift cap.
        _skip(s.stewardCooldown);
        vm.prank(council);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskSteward.DriftTooLarge.selector, mmBase0, 0.01e18, 0.0133e18, 0.0025e18)
        );
        steward.updateParameter(config, mmBase0, 0.0133e18);
    }

    function test_steward_cannotCrossCrossFieldBound() public {
        // mmBase voted up to just under tier 0's mmMax; the steward's small step down of mmMax
        // (within its 10 % step) would put it below mmBase: refused.
        bytes32 mmMax0 = ParameterKeys.tier("mmMax", 0);
        uint256 mmMax = config.tier(0).mmMax;
        uint256 base = mmMax * 95 / 100;
        uint256 lowered = mmMax * 94 / 100;
        bytes memory data = _setParam(mmBase0, base);
        _passAndQueue(address(config), data, "mmBase 95 % of mmMax");
        _execute(address(config), data, "mmBase 95 % of mmMax");
        vm.prank(council);
        vm.expectRevert(
            abi.encodeWithSelector(IGovernedParameters.ParameterOutOfBounds.selector, mmMax0, lowered, base, 0.9e18)
        );
        steward.updateParameter(config, mmMax0, lowered);
    }

    function test_steward_revokedByProposal() public {
        bytes memory data = abi.encodeCall(IGovernedParameters.setSteward, (address(0)));
        _passAndQueue(address(config), data, "revoke the risk steward");
        _execute(address(config), data, "revoke the risk steward");
        assertEq(config.steward(), address(0));
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.NotOwnerOrSteward.selector, address(steward)));
        steward.updateParameter(config, mmBase0, 0.011e18);
        assertEq(config.tier(0).mmBase, 0.01e18);
    }

    function test_steward_excludedParameter() public {
        bytes memory data = abi.encodeCall(IRiskSteward.setExcluded, (config, mmBase0, true));
        _passAndQueue(address(steward), data, "mmBase by vote only");
        _execute(address(steward), data, "mmBase by vote only");
        vm.prank(council);
        vm.expectRevert(abi.encodeWithSelector(IRiskSteward.ParameterExcludedFromSteward.selector, mmBase0));
        steward.updateParameter(config, mmBase0, 0.011e18);
    }

    // ------------------------------------------------------------ guardian

    function test_guardian_pausesMarket_openReverts_closeAndAddCollateralWork() public {
        vm.prank(alice);
        direct.open(ETH, 1e18, 1000e6);

        vm.prank(operator);
        pauseGuardian.pauseMarket(config, ETH);
        assertTrue(config.isPaused(ETH));
        assertTrue(lens.getMarket(ETH).paused);

        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.Paused.selector, ETH));
        direct.open(ETH, 1e18, 1000e6);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.Paused.selector, ETH));
        direct.increase(ETH, 1e18, 500e6);
        // Other markets keep trading.
        vm.prank(bob);
        direct.open(BTC, 0.1e18, 1000e6);

        uint256 collateralBefore = lens.getPosition(alice, ETH).collateral;
        vm.prank(alice);
        engine.addCollateral(ETH, 100e6);
        assertEq(lens.getPosition(alice, ETH).collateral, collateralBefore + 100e6);
        uint256 balBefore = usd.balanceOf(alice);
        vm.prank(alice);
        direct.close(ETH);
        assertGt(usd.balanceOf(alice), balBefore);
        assertEq(lens.getPosition(alice, ETH).size, 0);

        // The guardian unpauses; then trading resumes.
        vm.prank(operator);
        pauseGuardian.unpauseMarket(config, ETH);
        vm.prank(bob);
        direct.open(ETH, 1e18, 1000e6);
    }

    function test_guardian_pausesAll() public {
        vm.prank(operator);
        pauseGuardian.pauseAll(config);
        for (uint256 m; m < 3; ++m) {
            vm.prank(bob);
            vm.expectRevert(abi.encodeWithSelector(IPerpEngine.Paused.selector, m));
            direct.open(m, 0.01e18, 1000e6);
        }
        vm.prank(operator);
        pauseGuardian.unpauseAll(config);
        vm.prank(bob);
        direct.open(SOL, 1e18, 100e6);
    }

    function test_guardian_cannotChangeParametersOrMoveFunds() public {
        address g = address(pauseGuardian);
        vm.startPrank(g);
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.NotOwnerOrSteward.selector, g));
        config.setParameter(mmBase0, 0.011e18);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, g));
        config.setTier(0, blueChipTier());
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, g));
        config.setFeeRecipients(g, g);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, g));
        config.setGuardian(g);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, g));
        config.setSteward(g);
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NotFeeRecipient.selector, g));
        engine.claimInsuranceFees();
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NotFeeRecipient.selector, g));
        engine.claimStakerFees();
        vm.stopPrank();
        // The operator key itself has no power on the config either.
        vm.startPrank(operator);
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.NotOwnerOrSteward.selector, operator));
        config.setParameter(mmBase0, 0.011e18);
        vm.expectRevert(abi.encodeWithSelector(IRiskPausable.NotGuardianOrOwner.selector, operator));
        config.pauseMarket(ETH);
        vm.stopPrank();
        // Strangers cannot pause through the guardian.
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IPauseGuardian.NotOperator.selector, bob));
        pauseGuardian.pauseAll(config);
        assertEq(config.tier(0).mmBase, 0.01e18);
        assertFalse(config.isPaused(ETH));
    }

    function test_guardian_replacedByProposal() public {
        bytes memory data = abi.encodeCall(IRiskPausable.setGuardian, (address(0)));
        _passAndQueue(address(config), data, "revoke the guardian");
        _execute(address(config), data, "revoke the guardian");
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IRiskPausable.NotGuardianOrOwner.selector, address(pauseGuardian)));
        pauseGuardian.pauseMarket(config, ETH);
    }

    // ------------------------------------------------------------ votes

    function test_snapshot_flashLoanedBalance_cannotVote() public {
        uint256 id = _propose(address(config), _setParam(mmBase0, 0.015e18), DESC);
        vm.warp(vm.getBlockTimestamp() + s.votingDelay + 1);
        FlashVoter attacker = new FlashVoter();
        token.approve(address(attacker), 50_000_000e18); // this contract holds the treasury rest
        uint256 weight = attacker.attack(token, governor, id, address(this), 50_000_000e18);
        assertEq(weight, 0);
        (, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(forVotes, 0);
        assertTrue(governor.hasVoted(id, address(attacker)));
    }

    function test_snapshot_justBoughtBalance_cannotVote() public {
        uint256 id = _propose(address(config), _setParam(mmBase0, 0.015e18), DESC);
        vm.warp(vm.getBlockTimestamp() + s.votingDelay + 1);
        address buyer = makeAddr("buyer");
        token.transfer(buyer, 20_000_000e18);
        vm.prank(buyer);
        token.delegate(buyer);
        vm.warp(vm.getBlockTimestamp() + 1);
        assertEq(token.getVotes(buyer), 20_000_000e18);
        vm.prank(buyer);
        assertEq(governor.castVote(id, 0), 0);
        vm.prank(voter1);
        assertEq(governor.castVote(id, 1), 10_000_000e18);
        (uint256 against, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(against, 0);
        assertEq(forVotes, 10_000_000e18);
    }

    function test_doubleVote_reverts() public {
        uint256 id = _propose(address(config), _setParam(mmBase0, 0.015e18), DESC);
        vm.warp(vm.getBlockTimestamp() + s.votingDelay + 1);
        vm.prank(voter1);
        governor.castVote(id, 1);
        vm.prank(voter1);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, voter1));
        governor.castVote(id, 0);
        (uint256 against, uint256 forVotes,) = governor.proposalVotes(id);
        assertEq(against, 0);
        assertEq(forVotes, 10_000_000e18);
    }
}

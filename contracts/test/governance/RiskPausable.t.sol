// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IGovernedParameters} from "../../src/interfaces/IGovernedParameters.sol";
import {IRiskPausable} from "../../src/interfaces/IRiskPausable.sol";
import {IPauseGuardian} from "../../src/interfaces/IPauseGuardian.sol";
import {GovernanceBase} from "./GovernanceBase.t.sol";

/// @dev Guardian limits, on the mock config owned by the timelock whose guardian is the
/// `PauseGuardian` contract operated by `operator`.
contract RiskPausableTest is GovernanceBase {
    uint256 internal constant ETH = 1;
    uint256 internal constant BTC = 2;

    function test_operator_pausesAndUnpausesOneMarket() public {
        vm.prank(operator);
        vm.expectEmit(address(config));
        emit IRiskPausable.MarketPauseSet(ETH, vm.getBlockTimestamp() + 7 days, address(guardian));
        guardian.pauseMarket(config, ETH);
        assertTrue(config.isPaused(ETH));
        assertFalse(config.isPaused(BTC));

        vm.expectRevert(abi.encodeWithSelector(IRiskPausable.RiskPaused.selector, ETH));
        config.open(ETH);
        config.open(BTC); // other markets still take new risk
        assertEq(config.opened(), 1);

        vm.prank(operator);
        guardian.unpauseMarket(config, ETH);
        assertFalse(config.isPaused(ETH));
        config.open(ETH);
        assertEq(config.opened(), 2);
    }

    function test_operator_pausesAndUnpausesGlobally() public {
        vm.prank(operator);
        guardian.pauseAll(config);
        assertEq(config.globalPausedUntil(), vm.getBlockTimestamp() + config.guardianPauseDuration());
        assertTrue(config.isPaused(ETH));
        assertTrue(config.isPaused(type(uint256).max));
        vm.expectRevert(abi.encodeWithSelector(IRiskPausable.RiskPaused.selector, BTC));
        config.open(BTC);

        vm.prank(operator);
        guardian.unpauseAll(config);
        assertFalse(config.isPaused(BTC));
        config.open(BTC);
        assertEq(config.opened(), 1);
    }

    function test_globalAndMarketPausesAreIndependent() public {
        vm.startPrank(operator);
        guardian.pauseMarket(config, ETH);
        guardian.pauseAll(config);
        guardian.unpauseAll(config);
        vm.stopPrank();
        assertTrue(config.isPaused(ETH)); // the market pause survives lifting the global one
        assertFalse(config.isPaused(BTC));
    }

    function test_ownerCanAlwaysUnpause() public {
        vm.prank(operator);
        guardian.pauseAll(config);
        // Governance overrides a guardian gone rogue: revoke it and unpause, in one proposal.
        vm.startPrank(address(timelock));
        config.setGuardian(address(0));
        config.unpauseAll();
        vm.stopPrank();
        assertFalse(config.isPaused(ETH));
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IRiskPausable.NotGuardianOrOwner.selector, address(guardian)));
        guardian.pauseAll(config);
    }

    /// @dev The guardian's pause ends by itself; the owner's does not, and the guardian cannot
    /// lift it (one rule for both unpause calls).
    function test_guardianPauseExpires_ownerPauseDoesNot() public {
        vm.prank(operator);
        guardian.pauseMarket(config, ETH);
        vm.warp(vm.getBlockTimestamp() + config.guardianPauseDuration());
        assertFalse(config.isPaused(ETH));
        config.open(ETH);

        vm.prank(address(timelock));
        config.pauseAll();
        vm.warp(vm.getBlockTimestamp() + 365 days);
        assertTrue(config.isPaused(BTC));
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IRiskPausable.PausedByGovernance.selector, type(uint256).max));
        guardian.unpauseAll(config);
        vm.prank(operator);
        vm.expectRevert(
            abi.encodeWithSelector(IRiskPausable.AlreadyPaused.selector, type(uint256).max, type(uint40).max)
        );
        guardian.pauseAll(config);
    }

    function test_guardianPauseDuration_ownerOnly_bounded() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, operator));
        config.setGuardianPauseDuration(1 days);
        vm.startPrank(address(timelock));
        vm.expectRevert(abi.encodeWithSelector(IRiskPausable.InvalidPauseDuration.selector, 31 days, 1 hours, 30 days));
        config.setGuardianPauseDuration(31 days);
        config.setGuardianPauseDuration(1 days);
        vm.stopPrank();
        vm.prank(operator);
        guardian.pauseMarket(config, ETH);
        assertEq(config.marketPausedUntil(ETH), vm.getBlockTimestamp() + 1 days);
    }

    function test_strangers_cannotPause() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPauseGuardian.NotOperator.selector, alice));
        guardian.pauseMarket(config, ETH);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRiskPausable.NotGuardianOrOwner.selector, alice));
        config.pauseMarket(ETH);
        vm.prank(operator); // the operator itself is not the guardian of the config, the contract is
        vm.expectRevert(abi.encodeWithSelector(IRiskPausable.NotGuardianOrOwner.selector, operator));
        config.pauseAll();
        assertFalse(config.isPaused(ETH));
    }

    function test_guardian_cannotChangeParameters() public {
        bytes32 id = config.MM_BASE_ETH();
        vm.prank(address(guardian));
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.NotOwnerOrSteward.selector, address(guardian)));
        config.setParameter(id, 0.02e18);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.NotOwnerOrSteward.selector, operator));
        config.setParameter(id, 0.02e18);
        vm.prank(address(guardian));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(guardian)));
        config.setSteward(address(guardian));
        vm.prank(address(guardian));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(guardian)));
        config.setGuardian(operator);
        assertEq(config.parameterValue(id), 0.01e18);
    }

    function test_guardian_cannotMoveFunds() public {
        // The guardian contract holds funds only if someone sends them, and has no way out: its
        // only external writes are the four pause calls and the owner-only operator switch.
        vm.prank(deployer);
        token.transfer(address(guardian), 1e18);
        (bool ok,) = address(guardian).call(abi.encodeWithSignature("transfer(address,uint256)", operator, 1e18));
        assertFalse(ok);
        (ok,) = address(guardian)
            .call(
                abi.encodeWithSignature(
                    "execute(address,bytes)", address(token), abi.encodeCall(token.transfer, (operator, 1e18))
                )
            );
        assertFalse(ok);
        assertEq(token.balanceOf(address(guardian)), 1e18);
        // And it cannot pull anyone's tokens: it holds no allowance and the operator gains none.
        vm.prank(operator);
        vm.expectRevert();
        token.transferFrom(alice, operator, 1);
        assertEq(token.balanceOf(operator), 0);
        // Nor can it act for governance.
        bytes32 proposer = timelock.PROPOSER_ROLE();
        assertFalse(timelock.hasRole(proposer, address(guardian)));
        assertFalse(timelock.hasRole(proposer, operator));
    }

    function test_setGuardian_onlyOwner() public {
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, operator));
        config.setGuardian(operator);

        vm.prank(address(timelock));
        vm.expectEmit(address(config));
        emit IRiskPausable.GuardianSet(address(guardian), operator);
        config.setGuardian(operator);
        vm.prank(operator); // now a plain account is the guardian
        config.pauseMarket(ETH);
        assertTrue(config.isPaused(ETH));
    }

    function test_setOperator_onlyOwner_andReplace() public {
        address newOperator = makeAddr("newOperator");
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, operator));
        guardian.setOperator(newOperator);

        vm.prank(address(timelock));
        guardian.setOperator(newOperator);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(IPauseGuardian.NotOperator.selector, operator));
        guardian.pauseAll(config);
        vm.prank(newOperator);
        guardian.pauseAll(config);
        assertTrue(config.isPaused(ETH));
    }

    function testFuzz_pause_onlyThatMarket(uint256 paused, uint256 other) public {
        vm.assume(paused != other);
        vm.prank(operator);
        guardian.pauseMarket(config, paused);
        assertTrue(config.isPaused(paused));
        assertFalse(config.isPaused(other));
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IGovernedParameters} from "../../src/interfaces/IGovernedParameters.sol";
import {GovernedParameters} from "../../src/governance/GovernedParameters.sol";
import {RiskPausable} from "../../src/governance/RiskPausable.sol";

/// @dev A core config that wants two-step ownership transfers: both bases share one `Ownable`.
contract TwoStepConfig is GovernedParameters, RiskPausable, Ownable2Step {
    constructor(address owner_) Ownable(owner_) {
        _registerParameter(keccak256("fee"), "Trading fee", "bps", 1, 100, 5);
    }

    function transferOwnership(address newOwner) public override(Ownable, Ownable2Step) {
        super.transferOwnership(newOwner);
    }

    function _transferOwnership(address newOwner) internal override(Ownable, Ownable2Step) {
        super._transferOwnership(newOwner);
    }
}

contract OwnershipMixinsTest is Test {
    address internal deployer = makeAddr("deployer");
    address internal timelock = makeAddr("timelock");

    function test_twoStep_ownerMovesOnlyOnAccept_andGovernsBothBases() public {
        TwoStepConfig config = new TwoStepConfig(deployer);
        vm.prank(deployer);
        config.transferOwnership(timelock);
        assertEq(config.owner(), deployer); // pending until accepted
        assertEq(config.pendingOwner(), timelock);

        vm.prank(timelock);
        config.acceptOwnership();
        assertEq(config.owner(), timelock);

        vm.prank(deployer);
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.NotOwnerOrSteward.selector, deployer));
        config.setParameter(keccak256("fee"), 6);
        vm.prank(deployer);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, deployer));
        config.setGuardian(deployer);

        vm.startPrank(timelock);
        config.setParameter(keccak256("fee"), 6);
        config.pauseMarket(7);
        vm.stopPrank();
        assertEq(config.parameterValue(keccak256("fee")), 6);
        assertTrue(config.isPaused(7));
    }
}

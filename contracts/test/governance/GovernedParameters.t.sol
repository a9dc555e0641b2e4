// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IGovernedParameters, ParameterInfo} from "../../src/interfaces/IGovernedParameters.sol";
import {ParameterKeys} from "../../src/libraries/ParameterKeys.sol";
import {MockRiskConfig} from "./mocks/MockRiskConfig.sol";

contract GovernedParametersTest is Test {
    address internal owner = makeAddr("timelock");
    address internal steward = makeAddr("steward");
    address internal stranger = makeAddr("stranger");
    MockRiskConfig internal config;
    bytes32 internal mmEth;

    function setUp() public {
        vm.warp(1_700_000_000);
        config = new MockRiskConfig(owner);
        mmEth = config.MM_BASE_ETH();
        vm.prank(owner);
        config.setSteward(steward);
    }

    // --- Listing view ---

    function test_listing_everyParameterWithBoundsNameUnit() public view {
        assertEq(config.parameterCount(), 4);
        assertEq(config.parameterIdAt(0), mmEth);
        assertEq(config.parameterIdAt(3), config.COOLDOWN());

        ParameterInfo memory p = config.getParameter(mmEth);
        assertEq(p.id, mmEth);
        assertEq(p.value, 0.01e18);
        assertEq(p.minValue, 0.005e18);
        assertEq(p.maxValue, 0.05e18);
        assertEq(p.name, "ETH-USD maintenance margin base");
        assertEq(p.unit, "wad");
        assertEq(p.updatedAt, block.timestamp);

        ParameterInfo[] memory all = config.getParameters();
        assertEq(all.length, 4);
        for (uint256 i; i < all.length; ++i) {
            assertEq(all[i].id, config.parameterIdAt(i));
            assertGe(all[i].value, all[i].minValue);
            assertLe(all[i].value, all[i].maxValue);
        }
        assertEq(all[2].unit, "bps");
        assertEq(all[3].name, "Staking cooldown");
    }

    function test_listing_pages() public view {
        ParameterInfo[] memory page = config.getParametersPage(1, 2);
        assertEq(page.length, 2);
        assertEq(page[0].id, config.parameterIdAt(1));
        assertEq(page[1].id, config.parameterIdAt(2));
        assertEq(config.getParametersPage(3, 10).length, 1); // clipped at the end
        assertEq(config.getParametersPage(4, 10).length, 0);
        assertEq(config.getParametersPage(100, type(uint256).max).length, 0);
        assertEq(config.getParametersPage(0, type(uint256).max).length, 4);
        assertEq(config.getParametersPage(2, 0).length, 0);
    }

    function test_keys_perMarketAndGlobalAreDistinct() public view {
        assertEq(mmEth, keccak256(abi.encode("mmBase", uint256(1))));
        assertTrue(ParameterKeys.market("mmBase", 1) != ParameterKeys.market("mmBase", 2));
        assertTrue(ParameterKeys.global("mmBase") != ParameterKeys.market("mmBase", 0));
    }

    function test_unknownParameter_reverts() public {
        bytes32 unknown = keccak256("nope");
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.UnknownParameter.selector, unknown));
        config.getParameter(unknown);
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.UnknownParameter.selector, unknown));
        config.parameterValue(unknown);
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.UnknownParameter.selector, unknown));
        config.setParameter(unknown, 1);
    }

    // --- Registration ---

    function test_register_duplicateReverts() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.ParameterAlreadyRegistered.selector, mmEth));
        config.registerParameter(mmEth, "again", "wad", 0, 1e18, 0.5e18);
    }

    function test_register_invalidBoundsRevert() public {
        bytes32 id = keccak256("x");
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.InvalidParameterBounds.selector, id, 5, 4, 5));
        config.registerParameter(id, "x", "wad", 5, 4, 5);
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.InvalidParameterBounds.selector, id, 1, 4, 5));
        config.registerParameter(id, "x", "wad", 1, 4, 5);
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.InvalidParameterBounds.selector, id, 1, 4, 0));
        config.registerParameter(id, "x", "wad", 1, 4, 0);
        vm.expectEmit(address(config));
        emit IGovernedParameters.ParameterRegistered(id, "x", "wad", 1, 4, 4);
        config.registerParameter(id, "x", "wad", 1, 4, 4);
        vm.stopPrank();
        assertEq(config.parameterCount(), 5);
        assertEq(config.parameterValue(id), 4);
    }

    // --- Writes ---

    function test_setParameter_byOwnerAndSteward() public {
        vm.warp(vm.getBlockTimestamp() + 100);
        vm.prank(owner);
        config.setParameter(mmEth, 0.02e18);
        assertEq(config.parameterValue(mmEth), 0.02e18);
        assertEq(config.getParameter(mmEth).updatedAt, block.timestamp);
        assertEq(config.lastHookId(), mmEth);
        assertEq(config.lastHookOld(), 0.01e18);
        assertEq(config.lastHookNew(), 0.02e18);

        vm.prank(steward);
        vm.expectEmit(address(config));
        emit IGovernedParameters.ParameterSet(mmEth, 0.02e18, 0.021e18, steward);
        config.setParameter(mmEth, 0.021e18);
        assertEq(config.parameterValue(mmEth), 0.021e18);
    }

    function test_setParameter_atExactBounds() public {
        vm.startPrank(owner);
        config.setParameter(mmEth, 0.005e18);
        assertEq(config.parameterValue(mmEth), 0.005e18);
        config.setParameter(mmEth, 0.05e18);
        assertEq(config.parameterValue(mmEth), 0.05e18);
        vm.stopPrank();
    }

    function test_setParameter_strangerReverts() public {
        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.NotOwnerOrSteward.selector, stranger));
        config.setParameter(mmEth, 0.02e18);
        assertEq(config.parameterValue(mmEth), 0.01e18);
    }

    function test_setSteward_onlyOwner_andRevoke() public {
        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, steward));
        config.setSteward(stranger);

        vm.prank(owner);
        vm.expectEmit(address(config));
        emit IGovernedParameters.StewardSet(steward, address(0));
        config.setSteward(address(0));
        assertEq(config.steward(), address(0));

        vm.prank(steward);
        vm.expectRevert(abi.encodeWithSelector(IGovernedParameters.NotOwnerOrSteward.selector, steward));
        config.setParameter(mmEth, 0.011e18);
    }

    // --- Fuzz ---

    /// @dev Any value either lands inside the bounds and is stored, or reverts with the bounds.
    function testFuzz_setParameter_bounds(uint256 value, bool asSteward) public {
        ParameterInfo memory p = config.getParameter(mmEth);
        vm.prank(asSteward ? steward : owner);
        if (value < p.minValue || value > p.maxValue) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IGovernedParameters.ParameterOutOfBounds.selector, mmEth, value, p.minValue, p.maxValue
                )
            );
            config.setParameter(mmEth, value);
            assertEq(config.parameterValue(mmEth), p.value);
        } else {
            config.setParameter(mmEth, value);
            assertEq(config.parameterValue(mmEth), value);
        }
    }

    /// @dev Same, on a freshly registered parameter with fuzzed bounds.
    function testFuzz_setParameter_arbitraryBounds(uint256 lo, uint256 hi, uint256 initial, uint256 value) public {
        lo = bound(lo, 0, type(uint256).max - 1);
        hi = bound(hi, lo, type(uint256).max);
        initial = bound(initial, lo, hi);
        bytes32 id = keccak256("fuzz");
        vm.startPrank(owner);
        config.registerParameter(id, "fuzz", "wad", lo, hi, initial);
        if (value < lo || value > hi) {
            vm.expectRevert(
                abi.encodeWithSelector(IGovernedParameters.ParameterOutOfBounds.selector, id, value, lo, hi)
            );
            config.setParameter(id, value);
            assertEq(config.parameterValue(id), initial);
        } else {
            config.setParameter(id, value);
            assertEq(config.parameterValue(id), value);
        }
        vm.stopPrank();
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {TestUSD} from "../../src/devnet/TestUSD.sol";

contract TestUSDTest is Test {
    TestUSD internal usd;
    address internal alice = makeAddr("alice");

    function setUp() public {
        vm.warp(1_700_000_000);
        usd = new TestUSD();
    }

    function test_decimals_isSix() public view {
        assertEq(usd.decimals(), 6);
    }

    function test_faucet_mintsFixedAmount() public {
        vm.prank(alice);
        usd.faucet();
        assertEq(usd.balanceOf(alice), usd.FAUCET_AMOUNT());
        assertEq(usd.lastFaucetAt(alice), block.timestamp);
    }

    function test_faucet_revertsDuringCooldown() public {
        vm.startPrank(alice);
        usd.faucet();
        uint256 availableAt = block.timestamp + usd.FAUCET_COOLDOWN();
        vm.expectRevert(abi.encodeWithSelector(TestUSD.FaucetCooldown.selector, availableAt));
        usd.faucet();
        vm.warp(availableAt);
        usd.faucet();
        vm.stopPrank();
        assertEq(usd.balanceOf(alice), 2 * usd.FAUCET_AMOUNT());
    }

    function test_mint_onlyMinter() public {
        usd.mint(alice, 5e6);
        assertEq(usd.balanceOf(alice), 5e6);
        vm.prank(alice);
        vm.expectRevert(TestUSD.NotMinter.selector);
        usd.mint(alice, 1);
    }

    function testFuzz_faucet_anyAccountOnce(address account) public {
        vm.assume(account != address(0));
        vm.prank(account);
        usd.faucet();
        assertEq(usd.balanceOf(account), usd.FAUCET_AMOUNT());
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IRampartToken} from "../../src/interfaces/IRampartToken.sol";
import {RampartToken} from "../../src/governance/RampartToken.sol";

contract RampartTokenTest is Test {
    uint256 internal constant SUPPLY = 100_000_000e18;
    uint256 internal constant CAP = 1_000_000e18;
    uint256 internal constant PERIOD = 7 days;

    address internal timelock = makeAddr("timelock");
    address internal treasury = makeAddr("treasury");
    address internal auction = makeAddr("debtAuction");
    address internal alice;
    uint256 internal aliceKey;
    address internal bob = makeAddr("bob");
    RampartToken internal token;

    function setUp() public {
        vm.warp(1_700_000_000);
        (alice, aliceKey) = makeAddrAndKey("alice");
        token = new RampartToken(timelock, treasury, SUPPLY, auction, CAP, PERIOD);
    }

    function test_deploy_fixedSupplyToRecipient() public view {
        assertEq(token.totalSupply(), SUPPLY);
        assertEq(token.balanceOf(treasury), SUPPLY);
        assertEq(token.owner(), timelock);
        assertEq(token.minter(), auction);
        assertEq(token.mintCap(), CAP);
        assertEq(token.mintPeriod(), PERIOD);
        assertEq(token.maxMintCap(), SUPPLY / 10);
        assertEq(token.name(), "Rampart");
        assertEq(token.symbol(), "RPT");
        assertEq(token.CLOCK_MODE(), "mode=timestamp");
        assertEq(token.clock(), block.timestamp);
    }

    // --- Minting ---

    function test_mint_onlyMinter() public {
        vm.prank(timelock); // not even the owner
        vm.expectRevert(abi.encodeWithSelector(IRampartToken.NotMinter.selector, timelock));
        token.mint(timelock, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IRampartToken.NotMinter.selector, alice));
        token.mint(alice, 1);
        vm.prank(auction);
        token.mint(bob, 5e18);
        assertEq(token.balanceOf(bob), 5e18);
        assertEq(token.totalSupply(), SUPPLY + 5e18);
    }

    function test_mint_capPerPeriod() public {
        vm.startPrank(auction);
        token.mint(bob, 600_000e18);
        assertEq(token.mintableNow(), 400_000e18);
        vm.expectRevert(abi.encodeWithSelector(IRampartToken.MintCapExceeded.selector, 400_001e18, 400_000e18));
        token.mint(bob, 400_001e18);
        token.mint(bob, 400_000e18);
        assertEq(token.mintableNow(), 0);
        vm.expectRevert(abi.encodeWithSelector(IRampartToken.MintCapExceeded.selector, 1, 0));
        token.mint(bob, 1);

        // Still the same window one second before it ends.
        vm.warp(token.periodStart() + PERIOD - 1);
        vm.expectRevert(abi.encodeWithSelector(IRampartToken.MintCapExceeded.selector, 1, 0));
        token.mint(bob, 1);

        // A new window opens at the first mint after the old one ends.
        vm.warp(token.periodStart() + PERIOD);
        assertEq(token.mintableNow(), CAP);
        token.mint(bob, CAP);
        assertEq(token.periodStart(), block.timestamp);
        assertEq(token.mintedInPeriod(), CAP);
        vm.stopPrank();
        assertEq(token.balanceOf(bob), 2 * CAP);
    }

    function test_mint_loweringCapMidPeriod_takesEffect() public {
        vm.prank(auction);
        token.mint(bob, 800_000e18);
        vm.prank(timelock);
        token.setMintLimits(500_000e18, PERIOD);
        assertEq(token.mintableNow(), 0);
        vm.prank(auction);
        vm.expectRevert(abi.encodeWithSelector(IRampartToken.MintCapExceeded.selector, 1, 0));
        token.mint(bob, 1);
    }

    function test_setMinter_onlyOwner_andDisable() public {
        vm.prank(auction);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, auction));
        token.setMinter(alice);

        vm.prank(timelock);
        vm.expectEmit(address(token));
        emit IRampartToken.MinterSet(auction, address(0));
        token.setMinter(address(0));
        vm.prank(auction);
        vm.expectRevert(abi.encodeWithSelector(IRampartToken.NotMinter.selector, auction));
        token.mint(auction, 1);
    }

    function test_setMintLimits_bounded() public {
        vm.startPrank(timelock);
        vm.expectRevert(abi.encodeWithSelector(IRampartToken.InvalidMintCap.selector, SUPPLY / 10 + 1, SUPPLY / 10));
        token.setMintLimits(SUPPLY / 10 + 1, PERIOD);
        vm.expectRevert(abi.encodeWithSelector(IRampartToken.InvalidMintPeriod.selector, 1 hours - 1));
        token.setMintLimits(CAP, 1 hours - 1);
        vm.expectRevert(abi.encodeWithSelector(IRampartToken.InvalidMintPeriod.selector, 365 days + 1));
        token.setMintLimits(CAP, 365 days + 1);
        token.setMintLimits(SUPPLY / 10, 1 hours);
        vm.stopPrank();
        assertEq(token.mintCap(), SUPPLY / 10);
        assertEq(token.mintPeriod(), 1 hours);

        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        token.setMintLimits(0, 1 hours);
        vm.expectRevert(abi.encodeWithSelector(IRampartToken.InvalidMintCap.selector, SUPPLY, SUPPLY / 10));
        new RampartToken(timelock, treasury, SUPPLY, auction, SUPPLY, PERIOD);
    }

    /// @dev Over any sequence of mints and waits, each window mints at most the cap.
    function testFuzz_mint_neverExceedsCapPerWindow(uint256[8] memory amounts, uint256[8] memory waits) public {
        uint256 minted;
        uint256 windowStart = token.periodStart();
        uint256 inWindow;
        for (uint256 i; i < 8; ++i) {
            vm.warp(vm.getBlockTimestamp() + bound(waits[i], 0, 2 * PERIOD));
            uint256 amount = bound(amounts[i], 0, 2 * CAP);
            vm.prank(auction);
            try token.mint(bob, amount) {
                minted += amount;
                if (token.periodStart() != windowStart) {
                    windowStart = token.periodStart();
                    inWindow = 0;
                }
                inWindow += amount;
            } catch {}
            assertLe(inWindow, CAP);
            assertEq(token.mintedInPeriod(), inWindow);
        }
        assertEq(token.totalSupply(), SUPPLY + minted);
    }

    // --- Delegation ---

    function test_delegation_movesVotesNotBalances() public {
        vm.prank(treasury);
        token.transfer(alice, 1_000e18);
        assertEq(token.getVotes(alice), 0); // undelegated balances do not vote

        vm.prank(alice);
        token.delegate(bob);
        assertEq(token.delegates(alice), bob);
        assertEq(token.getVotes(bob), 1_000e18);
        assertEq(token.getVotes(alice), 0);
        assertEq(token.balanceOf(bob), 0);

        // Transfers move the delegated votes with them.
        vm.prank(treasury);
        token.transfer(alice, 500e18);
        assertEq(token.getVotes(bob), 1_500e18);
        vm.prank(alice);
        token.transfer(treasury, 1_500e18);
        assertEq(token.getVotes(bob), 0);
    }

    function test_delegation_pastVotesCheckpointed() public {
        vm.prank(treasury);
        token.delegate(treasury);
        uint256 t0 = block.timestamp;
        vm.warp(t0 + 10);
        vm.prank(treasury);
        token.transfer(alice, 1_000e18);
        vm.warp(t0 + 20);
        assertEq(token.getPastVotes(treasury, t0), SUPPLY);
        assertEq(token.getPastVotes(treasury, t0 + 10), SUPPLY - 1_000e18);
        assertEq(token.getPastTotalSupply(t0 + 10), SUPPLY);
    }

    function test_delegateBySig() public {
        vm.prank(treasury);
        token.transfer(alice, 1_000e18);
        uint256 nonce = token.nonces(alice);
        uint256 expiry = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)"), bob, nonce, expiry)
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(aliceKey, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
        token.delegateBySig(bob, nonce, expiry, v, r, s);
        assertEq(token.delegates(alice), bob);
        assertEq(token.getVotes(bob), 1_000e18);
        // Replays fail.
        vm.expectRevert();
        token.delegateBySig(bob, nonce, expiry, v, r, s);
    }

    function test_permit() public {
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                alice,
                bob,
                7e18,
                token.nonces(alice),
                deadline
            )
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(aliceKey, keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash)));
        token.permit(alice, bob, 7e18, deadline, v, r, s);
        assertEq(token.allowance(alice, bob), 7e18);
        assertEq(token.nonces(alice), 1);
    }
}

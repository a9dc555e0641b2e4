// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Fixture} from "../utils/Fixture.sol";
import {LiquidityPool} from "../../src/pool/LiquidityPool.sol";
import {PerpEngine} from "../../src/core/PerpEngine.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

contract LiquidityPoolTest is Fixture {
    function test_metadataAndOffset() public view {
        assertEq(pool.asset(), address(usd));
        assertEq(pool.decimals(), 12); // 6 + offset 6
        assertEq(pool.DECIMALS_OFFSET(), 6);
        assertEq(address(pool.engine()), address(engine));
    }

    function test_deposit_movesTokensToEngineAndCreditsPool() public {
        uint256 engineBefore = usd.balanceOf(address(engine));
        vm.startPrank(alice);
        usd.approve(address(pool), 1000e6);
        uint256 shares = pool.deposit(1000e6, alice);
        vm.stopPrank();
        assertEq(usd.balanceOf(address(engine)) - engineBefore, 1000e6);
        assertEq(usd.balanceOf(address(pool)), 0);
        assertEq(pool.totalAssets(), POOL_DEPOSIT + 1000e6);
        assertEq(engine.poolAssets(), POOL_DEPOSIT + 1000e6);
        assertLe(pool.convertToAssets(shares), 1000e6); // rounding never favours the depositor
        assertApproxEqAbs(pool.convertToAssets(shares), 1000e6, 1);
    }

    function test_withdraw_paysFromEngine() public {
        uint256 before = usd.balanceOf(lp);
        vm.prank(lp);
        pool.withdraw(1000e6, lp, lp);
        assertEq(usd.balanceOf(lp) - before, 1000e6);
        assertEq(engine.poolAssets(), POOL_DEPOSIT - 1000e6);
    }

    function test_redeem_byApprovedSpenderUsesAllowance() public {
        vm.prank(lp);
        pool.approve(alice, 0.1e18);
        uint256 before = usd.balanceOf(bob);
        vm.prank(alice);
        uint256 assets = pool.redeem(0.1e18, bob, lp);
        assertEq(usd.balanceOf(bob) - before, assets);
        assertEq(pool.allowance(lp, alice), 0);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, alice, 0, 0.1e18)
        );
        vm.prank(alice);
        pool.redeem(0.1e18, bob, lp);
    }

    function test_traderLossRaisesSharePrice() public {
        uint256 priceBefore = pool.convertToAssets(1e18);
        vm.prank(alice);
        engine.open(ETH, 10e18, 5000e6);
        _setPrice(ETH, 2900e8);
        vm.prank(alice);
        engine.close(ETH);
        assertGt(pool.convertToAssets(1e18), priceBefore);
    }

    /// @dev The classic attack: first depositor mints 1 share, donates a fortune, the victim's
    /// deposit rounds to 0 shares. Donations do not reach totalAssets here, and virtual shares
    /// make the rounding loss negligible anyway.
    function test_inflationAttack_donationDoesNotMoveSharePrice() public {
        PerpEngine e2 = new PerpEngine(usd, config, oracle);
        LiquidityPool p2 = new LiquidityPool(usd, e2);
        e2.setPool(address(p2));
        address attacker = makeAddr("attacker");
        usd.mint(attacker, 1_000_001e6);
        vm.startPrank(attacker);
        usd.approve(address(p2), type(uint256).max);
        p2.deposit(1, attacker);
        usd.transfer(address(p2), 500_000e6);
        usd.transfer(address(e2), 500_000e6);
        vm.stopPrank();
        assertEq(p2.totalAssets(), 1);

        vm.startPrank(alice);
        usd.approve(address(p2), type(uint256).max);
        uint256 shares = p2.deposit(10_000e6, alice);
        vm.stopPrank();
        assertGt(shares, 0);
        assertEq(p2.previewRedeem(shares), 10_000e6);
    }
}

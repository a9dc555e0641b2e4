// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Fixture} from "../utils/Fixture.sol";
import {LiquidityPool} from "../../src/pool/LiquidityPool.sol";
import {PerpEngine} from "../../src/core/PerpEngine.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {LpRequest} from "../../src/interfaces/ILiquidityPool.sol";

contract LiquidityPoolTest is Fixture {
    function test_metadataAndOffset() public view {
        assertEq(pool.asset(), address(usd));
        assertEq(pool.decimals(), 12); // 6 + offset 6
        assertEq(pool.DECIMALS_OFFSET(), 6);
        assertEq(address(pool.engine()), address(engine));
    }

    function test_deposit_movesTokensToEngineAndCreditsPool() public {
        uint256 engineBefore = usd.balanceOf(address(engine));
        (uint256 id, LpRequest memory r) = _requestDeposit(alice, 1000e6, 0);
        // escrowed in the pool contract until executed
        assertEq(usd.balanceOf(address(pool)), 1000e6 + POOL_EXECUTION_FEE);
        assertEq(usd.balanceOf(address(engine)), engineBefore);
        _skip(POOL_MIN_DELAY);
        uint256 shares = _executeLp(id, r);
        assertEq(usd.balanceOf(address(engine)) - engineBefore, 1000e6);
        assertEq(usd.balanceOf(address(pool)), 0);
        assertEq(pool.totalAssets(), POOL_DEPOSIT + 1000e6);
        assertEq(engine.poolAssets(), POOL_DEPOSIT + 1000e6);
        assertLe(pool.convertToAssets(shares), 1000e6); // rounding never favours the depositor
        assertApproxEqAbs(pool.convertToAssets(shares), 1000e6, 1);
    }

    function test_withdraw_paysFromEngine() public {
        _skip(POOL_MIN_HOLD_TIME); // the seed deposit's shares unlock
        uint256 before = usd.balanceOf(lp);
        uint256 shares = pool.convertToShares(1000e6);
        usd.mint(lp, POOL_EXECUTION_FEE);
        uint256 paid = _withdrawPool(lp, shares);
        assertApproxEqAbs(paid, 1000e6, 1); // rounding never favours the LP
        assertLe(paid, 1000e6);
        assertEq(usd.balanceOf(lp) - before, paid);
        assertEq(engine.poolAssets(), POOL_DEPOSIT - paid);
    }

    /// @dev The ERC-4626 one-step paths are closed (the two-step request path is the extension):
    /// max* say 0 and the calls revert with OpenZeppelin's errors; nothing moves.
    function test_directPaths_closed() public {
        assertEq(pool.maxDeposit(alice), 0);
        assertEq(pool.maxMint(alice), 0);
        assertEq(pool.maxWithdraw(lp), 0);
        assertEq(pool.maxRedeem(lp), 0);
        uint256 assets0 = engine.poolAssets();
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(ERC4626.ERC4626ExceededMaxDeposit.selector, alice, 1000e6, 0));
        pool.deposit(1000e6, alice);
        vm.expectRevert(abi.encodeWithSelector(ERC4626.ERC4626ExceededMaxMint.selector, alice, 1e18, 0));
        pool.mint(1e18, alice);
        vm.stopPrank();
        _skip(POOL_MIN_HOLD_TIME);
        vm.startPrank(lp);
        vm.expectRevert(abi.encodeWithSelector(ERC4626.ERC4626ExceededMaxWithdraw.selector, lp, 1000e6, 0));
        pool.withdraw(1000e6, lp, lp);
        vm.expectRevert(abi.encodeWithSelector(ERC4626.ERC4626ExceededMaxRedeem.selector, lp, 1e18, 0));
        pool.redeem(1e18, lp, lp);
        vm.stopPrank();
        assertEq(engine.poolAssets(), assets0);
    }

    function test_traderLossRaisesSharePrice() public {
        uint256 priceBefore = pool.convertToAssets(1e18);
        vm.prank(alice);
        direct.open(ETH, 10e18, 5000e6);
        _setPrice(ETH, 2900e8);
        vm.prank(alice);
        direct.close(ETH);
        assertGt(pool.convertToAssets(1e18), priceBefore);
    }

    /// @dev The classic attack: first depositor mints 1 share, donates a fortune, the victim's
    /// deposit rounds to 0 shares (both deposits through the request path). Donations do not reach totalAssets here, and virtual shares
    /// make the rounding loss negligible anyway.
    function test_inflationAttack_donationDoesNotMoveSharePrice() public {
        PerpEngine e2 = new PerpEngine(usd, config, oracle);
        LiquidityPool p2 = new LiquidityPool(usd, e2);
        e2.setPool(address(p2));
        p2.setParameters(POOL_MIN_DELAY, POOL_MAX_REQUEST_AGE, 0, POOL_MIN_HOLD_TIME, POOL_MAX_PNL_FRACTION);
        address attacker = makeAddr("attacker");
        usd.mint(attacker, 1_000_001e6);
        vm.startPrank(attacker);
        usd.approve(address(p2), type(uint256).max);
        uint256 expiry = vm.getBlockTimestamp() + POOL_MAX_REQUEST_AGE;
        uint256 id = p2.requestDeposit(1, 0, expiry);
        vm.stopPrank();
        LpRequest memory r = LpRequest(attacker, true, 1, 0, 0, vm.getBlockTimestamp(), expiry);
        _skip(POOL_MIN_DELAY);
        p2.executeRequest(id, r, _lpObservations(r));
        vm.startPrank(attacker);
        usd.transfer(address(p2), 500_000e6);
        usd.transfer(address(e2), 500_000e6);
        vm.stopPrank();
        assertEq(p2.totalAssets(), 1);

        vm.startPrank(alice);
        usd.approve(address(p2), type(uint256).max);
        expiry = vm.getBlockTimestamp() + POOL_MAX_REQUEST_AGE;
        id = p2.requestDeposit(10_000e6, 0, expiry);
        vm.stopPrank();
        r = LpRequest(alice, true, 10_000e6, 0, 0, vm.getBlockTimestamp(), expiry);
        _skip(POOL_MIN_DELAY);
        p2.executeRequest(id, r, _lpObservations(r));
        uint256 shares = p2.balanceOf(alice);
        assertGt(shares, 0);
        assertEq(p2.previewRedeem(shares), 10_000e6);
    }
}

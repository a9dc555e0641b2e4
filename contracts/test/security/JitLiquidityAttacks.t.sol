// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {console} from "forge-std/console.sol";
import {LiquidationFixture} from "../utils/LiquidationFixture.sol";
import {ILiquidityPool, LpRequest} from "../../src/interfaces/ILiquidityPool.sol";
import {Order} from "../../src/interfaces/IOrderRouter.sol";
import {PositionView, PositionKey} from "../../src/interfaces/IPerpEngine.sol";

/// @notice Just-in-time liquidity: an LP who enters right before traders' losses are realised and
/// leaves right after takes a share of losses that were already there when it came in. With the
/// pool marked to market (those losses are in the share price before they are realised) and entry
/// and exit two-step (filled at a price nobody knew at the request, exit `minHoldTime` later), the
/// attacker earns exactly what the honest LP's marked share price earns over the same time.
/// The attacker first tries the one-step ERC-4626 paths with low-level calls: they succeed on the
/// one-step pool of main (where these scenarios were run for docs/security.md) and are closed now.
/// "Fair": the honest LP's share price path, marked independently of the pool from every open
/// position (lens PnL and funding) — the attacker may earn what that path earns, nothing more.
contract JitLiquidityAttacksTest is LiquidationFixture {
    uint256 internal constant ATTACK = 1_000_000e6;
    /// @dev the pool rounds every conversion against the LP; the independent mark rounds per
    /// position: a few token units apart at most
    uint256 internal constant TOLERANCE = 10;

    address internal attacker = makeAddr("attacker");

    function _useOrderRouter() internal pure override returns (bool) {
        return true;
    }

    function setUp() public override {
        super.setUp();
        _fund(attacker);
        usd.mint(attacker, ATTACK);
        // alice: long 100 ETH at 3000 with 35,000 collateral (8.6x: the tier's cap is 9x)
        _requestAndExecuteOpen(alice, ETH, 100e18, 35_000e6);
        assertEq(engine.position(alice, ETH).size, 100e18, "alice opened");
    }

    // ------------------------------------------------------------ helpers

    /// @dev tokens + receivable − Σ (PnL − funding) of every open position, from the lens
    function _markedValue() internal view returns (uint256) {
        int256 v = int256(uint256(engine.poolAssets())) + int256(fund.outstandingDeficit());
        PositionKey[] memory keys = _openKeys();
        for (uint256 i; i < keys.length; ++i) {
            PositionView memory p = lens.getPosition(keys[i].trader, keys[i].marketId);
            v -= p.unrealisedPnl - p.fundingOwed;
        }
        return v > 0 ? uint256(v) : 0;
    }

    /// @dev the honest LP's marked share price (assets per 1e18 shares, virtual shares as the pool)
    function _pps() internal view returns (uint256) {
        return (_markedValue() + 1) * 1e18 / (pool.totalSupply() + 1e6);
    }

    /// @dev the one-step paths main offered: closed now (low-level, so the scenario reads the same)
    function _tryDirectDeposit() internal returns (bool ok) {
        vm.prank(attacker);
        (ok,) = address(pool).call(abi.encodeWithSignature("deposit(uint256,address)", ATTACK, attacker));
    }

    function _tryDirectRedeem() internal returns (bool ok) {
        uint256 shares = pool.balanceOf(attacker);
        vm.prank(attacker);
        (ok,) = address(pool).call(abi.encodeWithSignature("redeem(uint256,address,address)", shares, attacker, attacker));
    }

    /// @dev withdraws everything after the holding time; returns tokens received and the honest
    /// LP's marked share price at the fill
    function _exit() internal returns (uint256 out, uint256 exitPps) {
        uint256 unlock = pool.unlockTime(attacker);
        if (vm.getBlockTimestamp() < unlock) _skip(unlock - vm.getBlockTimestamp());
        (uint256 id, LpRequest memory r) = _requestWithdraw(attacker, pool.balanceOf(attacker), 0);
        _skip(pool.minDelay());
        exitPps = _pps();
        uint256 before = usd.balanceOf(attacker);
        _executeLp(id, r);
        out = usd.balanceOf(attacker) - before;
    }

    function _report(string memory name, uint256 entryPps, uint256 exitPps, uint256 out) internal pure {
        uint256 fair = ATTACK * exitPps / entryPps;
        console.log(name);
        console.log("  attacker in / out (tUSD units):", ATTACK, out);
        console.log("  fair out (honest LP's marked share price path):", fair);
        if (out > ATTACK) console.log("  profit:", out - ATTACK);
        else console.log("  loss:", ATTACK - out);
    }

    // ------------------------------------------------------------ attacks

    /// @dev alice is 15,000 under water; the attacker enters in the block alice closes and tries
    /// to leave in the same block. On main: deposit, close, redeem in one block took about half the
    /// realised loss. Now: the deposit fills at the marked value (the loss already counted), the
    /// exit is refused until the holding time, and the profit is the honest LP's.
    function test_attack_jitDepositAroundRealisedLoss_sameBlock() public {
        vm.warp(vm.getBlockTimestamp() + 1);
        _setPrice(ETH, 2850e8);
        assertFalse(_tryDirectDeposit(), "direct deposit closed");
        (uint256 depId, LpRequest memory dep) = _requestDeposit(attacker, ATTACK, 0);
        (uint256 closeId, Order memory close) = _requestClose(alice, ETH);

        _skip(1); // the next block: the first observation nobody knew
        uint256 entryPps = _pps();
        _executeLp(depId, dep);
        uint256 ppsBeforeClose = pool.convertToAssets(1e18);
        _executeOrder(closeId, close);
        assertEq(engine.position(alice, ETH).size, 0, "alice closed");
        assertGe(pool.convertToAssets(1e18), ppsBeforeClose, "realisation moves no share price down");
        assertLe(pool.convertToAssets(1e18), ppsBeforeClose + ppsBeforeClose / 10_000, "nor up beyond the fee");

        // leaving in the same block: closed and locked
        assertFalse(_tryDirectRedeem(), "direct redeem closed");
        uint256 unlock = pool.unlockTime(attacker);
        uint256 expiry = vm.getBlockTimestamp() + pool.maxRequestAge();
        vm.prank(attacker);
        vm.expectRevert(abi.encodeWithSelector(ILiquidityPool.SharesLocked.selector, attacker, unlock));
        pool.requestWithdraw(1, 0, expiry);

        (uint256 out, uint256 exitPps) = _exit();
        _report("jit same block", entryPps, exitPps, out);
        assertLe(out, ATTACK * exitPps / entryPps + TOLERANCE, "no more than the honest LP's path");
        assertLt(out, ATTACK + 1000e6, "nowhere near half the realised loss");
    }

    /// @dev alice is liquidatable (ETH −9.3 %); the attacker enters before the liquidation and
    /// leaves after the holding time. On main the realised loss lifted the share price the
    /// attacker had just bought. Now the loss was in the price it bought at.
    function test_attack_jitDepositAroundRealisedLoss_acrossHoldingTime() public {
        vm.warp(vm.getBlockTimestamp() + 1);
        _setPrice(ETH, 2800e8);
        _setPrice(ETH, 2670e8); // two accepted steps: one cannot sink a 9x position (issue 13)
        assertTrue(lens.getPosition(alice, ETH).liquidatable, "alice liquidatable");
        assertFalse(_tryDirectDeposit(), "direct deposit closed");
        (uint256 depId, LpRequest memory dep) = _requestDeposit(attacker, ATTACK, 0);

        _skip(1);
        uint256 entryPps = _pps();
        _executeLp(depId, dep);
        uint256 ppsBefore = pool.convertToAssets(1e18);
        vm.prank(keeper);
        liq.liquidate(alice, ETH);
        assertLt(engine.position(alice, ETH).size, 100e18, "liquidated");
        assertGe(pool.convertToAssets(1e18) + 1, ppsBefore, "liquidation moves no share price down");
        assertLe(pool.convertToAssets(1e18), ppsBefore + ppsBefore / 10_000, "nor up");

        (uint256 out, uint256 exitPps) = _exit();
        _report("jit across the holding time (liquidation)", entryPps, exitPps, out);
        assertLe(out, ATTACK * exitPps / entryPps + TOLERANCE, "no more than the honest LP's path");
        assertLt(out, ATTACK + 1000e6, "nowhere near the realised loss share");
    }

    /// @dev On main a deposit raised the open-interest cap (and cut the impact fee, both priced off
    /// the pool) inside the attacker's own transaction, letting it open beyond the cap and leave.
    /// Now a deposit request changes neither, and an open beyond the cap filled at the next
    /// observation is rejected.
    function test_attack_jitInflatesOpenInterestCap() public {
        uint256 capBefore = lens.getMarket(ETH).openInterestCap;
        uint256 valueBefore = pool.totalAssets();
        // 700,000 notional: above the 50 % cap of a 1,000,000 pool (alice's 300,000 is in it)
        assertFalse(_tryDirectDeposit(), "direct deposit closed");
        (uint256 depId, LpRequest memory dep) = _requestDeposit(attacker, ATTACK, 0);
        (uint256 openId, Order memory open) = _requestOpen(attacker, ETH, 233e18, 70_000e6);
        assertEq(lens.getMarket(ETH).openInterestCap, capBefore, "cap unchanged in the attacker's tx");
        assertEq(pool.totalAssets(), valueBefore, "pool value unchanged in the attacker's tx");

        _skip(1);
        _executeOrder(openId, open);
        assertEq(engine.position(attacker, ETH).size, 0, "open beyond the cap rejected");
        _executeLp(depId, dep);
        assertGt(lens.getMarket(ETH).openInterestCap, capBefore, "the cap follows the executed deposit");
        assertEq(pool.unlockTime(attacker), vm.getBlockTimestamp() + pool.minHoldTime(), "its capital is held");
    }
}

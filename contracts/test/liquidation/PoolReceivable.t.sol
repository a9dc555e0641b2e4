// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LiquidationFixture} from "../utils/LiquidationFixture.sol";
import {IPerpEngine, PositionView} from "../../src/interfaces/IPerpEngine.sol";
import {IPoolReceivable} from "../../src/interfaces/IPerpEngineLiquidation.sol";

/// @notice The pool's receivable: each fund's entry in the pool (`IPoolReceivable`), their sum in the
/// engine (inside the pool's backing, the slot an open books fees in), both written by the fund in
/// the call that changes what its debt auction owes, and read by the engine's marked value, the
/// pool's share price and the fund's `outstandingDeficit()`. Only the config's fund adds; a fund
/// lowers only its own entry (the fund is wired once: `InsuranceWiringAttacks.t.sol`).
contract PoolReceivableTest is LiquidationFixture {
    uint256 internal rest;

    function setUp() public override {
        super.setUp();
        _usePartialTier();
        vm.prank(alice);
        direct.open(ETH, 100e18, 15_000e6);
        // a small stake and buffer: most of the crash's bad debt reaches the debt auction
        _stake(staker, 1000e6);
        _setPrice(ETH, 2840e8);
        PositionView memory pv = lens.getPosition(alice, ETH);
        assertLt(pv.equity, 0);
        vm.prank(keeper);
        liq.liquidate(alice, ETH);
        rest = auction.deficit();
        assertGt(rest, 0, "bad debt reached the debt auction");
    }

    function test_receivableIsWhatTheAuctionOwes_oneCopy() public view {
        assertEq(engine.poolReceivable(), rest);
        assertEq(pool.receivableOf(address(fund)), rest);
        assertEq(fund.outstandingDeficit(), rest);
        assertEq(pool.poolValue().receivable, rest);
        assertEq(engine.markedPoolValue(), pool.totalAssets(), "engine and pool count the same receivable");
        _assertAccounting();
    }

    function test_bidLowersTheReceivableInTheSameCall() public {
        vm.prank(bidder);
        (uint256 paid,) = auction.bid(rest / 3, START_PRICE);
        assertEq(paid, rest / 3);
        assertEq(engine.poolReceivable(), rest - paid);
        assertEq(fund.outstandingDeficit(), rest - paid);
        _assertAccounting();
    }

    /// @notice The receivable backs the pool's value, never a payout: the pool's tokens are unchanged.
    function test_receivableIsNotTokens() public {
        uint256 tokens = engine.poolAssets();
        uint256 value = engine.markedPoolValue();
        vm.prank(address(fund));
        pool.addPoolReceivable(1000e6);
        assertEq(engine.poolAssets(), tokens, "tokens unchanged");
        assertEq(engine.poolReceivable(), rest + 1000e6);
        assertEq(engine.markedPoolValue(), value + 1000e6, "value counts it");
        assertEq(engine.withdrawablePoolAssets() <= tokens, true, "withdrawals come out of tokens only");
    }

    function test_onlyThePoolMovesTheEngineReceivable() public {
        vm.expectRevert(abi.encodeWithSelector(IPerpEngine.NotPool.selector, address(fund)));
        vm.prank(address(fund));
        engine.adjustPoolReceivable(1);
    }

    function test_onlyTheCurrentFundAdds() public {
        vm.expectRevert(abi.encodeWithSelector(IPoolReceivable.NotInsuranceFund.selector, alice));
        vm.prank(alice);
        pool.addPoolReceivable(1);
        assertEq(engine.poolReceivable(), rest);
    }

    function test_aFundLowersOnlyItsOwnEntry() public {
        vm.expectRevert(abi.encodeWithSelector(IPoolReceivable.ReceivableExceeded.selector, alice, 1, 0));
        vm.prank(alice);
        pool.reducePoolReceivable(1);
        vm.expectRevert(abi.encodeWithSelector(IPoolReceivable.ReceivableExceeded.selector, address(fund), rest + 1, rest));
        vm.prank(address(fund));
        pool.reducePoolReceivable(rest + 1);
        assertEq(engine.poolReceivable(), rest);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LiquidationFixture} from "../utils/LiquidationFixture.sol";
import {LiquidationHandler} from "./LiquidationHandler.sol";
import {DevnetPriceSource} from "../../src/devnet/DevnetPriceSource.sol";
import {WaterfallTotals} from "../../src/interfaces/IInsurance.sol";

/// @notice Invariants of liquidation, staking and the loss waterfall under random trading,
/// price moves, liquidations, staking, cooldowns, redemptions, bids and auction restarts.
contract LiquidationInvariantsTest is LiquidationFixture {
    LiquidationHandler internal handler;

    function setUp() public override {
        super.setUp();
        DevnetPriceSource[3] memory eth = [sources[ETH][0], sources[ETH][1], sources[ETH][2]];
        handler = new LiquidationHandler(
            LiquidationHandler.Deps(usd, oracle, engine, fund, vault, auction, liq, eth, address(this))
        );
        targetContract(address(handler));
    }

    /// @notice Token balances equal the sum of liabilities, contract by contract.
    function invariant_tokenAccounting() public view {
        _assertAccounting();
    }

    /// @notice Stakers never lose more than maxSlash of staked assets per event.
    function invariant_slashCap() public view {
        assertFalse(handler.slashCapViolated(), "slash over maxSlash");
    }

    /// @dev The handler can drive debt through every layer, down to the pool.
    function test_handlerReachesEveryLayer() public {
        handler.stake(0, 1000e6);
        handler.open(0, 30e18, 190_000, true); // 19x long
        handler.movePrice(900, false);
        handler.movePrice(900, false); // -17 %: deep negative equity
        handler.liquidateAll();
        WaterfallTotals memory t = fund.waterfallTotals();
        assertEq(handler.shortfalls(), 1);
        assertGt(t.coveredByStakers, 0);
        assertGt(t.sentToAuction, 0);
        for (uint256 i; i < MAX_ROUNDS; ++i) {
            handler.restart();
        }
        assertEq(handler.socialisations(), 1);
        invariant_tokenAccounting();
        invariant_slashCap();
        invariant_waterfallOrder();
    }

    /// @notice Buffer, then stakers, then the auction, then the pool; totals add up.
    function invariant_waterfallOrder() public view {
        assertFalse(handler.orderViolated(), "waterfall out of order");
        WaterfallTotals memory t = fund.waterfallTotals();
        assertEq(t.badDebt, t.coveredByBuffer + t.coveredByStakers + t.sentToAuction, "every unit of bad debt is placed");
        assertEq(t.sentToAuction, t.coveredByAuction + t.socialised + t.outstanding, "auction debt accounted");
        assertEq(t.outstanding, auction.deficit(), "fund and auction agree");
    }
}

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
        for (uint256 i; i < 3; ++i) {
            _trackTrader(handler.traderAt(i));
        }
        // socialising may start after two hours (three one-hour rounds), inside the stakers'
        // three-day slash window, so the handler reaches the pool
        auction.setParameters(START_PRICE, MIN_PRICE, AUCTION_DURATION, MAX_ROUNDS, 0.2e18, 2 hours);
        targetContract(address(handler));
    }

    /// @notice The open set derived from the logs alone (what the keeper and the dashboard follow,
    /// since the engine keeps no list) is the engine's: opens, closes (underwater ones refused),
    /// partial and full liquidations all emit what the set needs.
    function invariant_openSetFromLogsMatchesEngine() public view {
        for (uint256 i; i < 3; ++i) {
            address t = handler.traderAt(i);
            for (uint256 m; m < 3; ++m) {
                assertEq(handler.openByLogs(t, m), engine.position(t, m).size != 0, "log-derived open set != engine");
            }
        }
    }

    /// @notice Token balances equal the sum of liabilities, contract by contract.
    function invariant_tokenAccounting() public view {
        _assertAccounting();
    }

    /// @notice Slashes within any slash window take at most maxSlash of the vault before them
    /// (checked at every slash over every window ending there), whatever the batching.
    function invariant_slashCapPerWindow() public view {
        assertFalse(handler.slashCapViolated(), "slash over maxSlash within the window");
    }

    /// @notice The bad debt the waterfall recorded is the sum of the negative values closed (by
    /// liquidation; an owner's close of a negative value is refused).
    function invariant_badDebtEqualsNegativeValuesClosed() public view {
        assertEq(fund.waterfallTotals().badDebt, handler.negativeValueClosed(), "bad debt = negative values closed");
    }

    /// @notice No loss reaches the pool while the buffer or the stakers' cap could pay it.
    function invariant_noPoolLossWhilePayable() public view {
        assertFalse(handler.poolLossWhilePayable(), "socialised while buffer or stakers could pay");
    }

    /// @dev The handler can drive debt through every layer, down to the pool.
    function test_handlerReachesEveryLayer() public {
        handler.stake(0, 1000e6);
        handler.open(0, 30e18, 89_000, true); // 8.9x long: one accepted step cannot sink it (issue 13)
        handler.movePrice(900, false);
        handler.movePrice(900, false); // -17 % with nobody liquidating in between: negative equity
        handler.liquidateAll(1);
        WaterfallTotals memory t = fund.waterfallTotals();
        assertEq(handler.shortfalls(), 1);
        assertGt(t.coveredByStakers, 0);
        assertGt(t.sentToAuction, 0);
        // the last resort: at least maxUnfilledRounds rounds and minAuctionTime
        for (uint256 i; i < 200 && handler.socialisations() == 0; ++i) {
            handler.restart();
        }
        assertEq(handler.socialisations(), 1);
        invariant_tokenAccounting();
        invariant_slashCapPerWindow();
        invariant_waterfallOrder();
        invariant_badDebtEqualsNegativeValuesClosed();
        invariant_noPoolLossWhilePayable();
    }

    /// @notice Buffer, then stakers, then the auction, then the pool; totals add up.
    function invariant_waterfallOrder() public view {
        assertFalse(handler.orderViolated(), "waterfall out of order");
        WaterfallTotals memory t = fund.waterfallTotals();
        assertEq(t.badDebt, t.coveredByBuffer + t.coveredByStakers + t.sentToAuction, "every unit of bad debt is placed");
        assertEq(
            t.sentToAuction,
            t.coveredByAuction + t.socialised + t.outstanding + t.coveredBeforeSocialising,
            "auction debt accounted"
        );
        assertEq(t.outstanding, auction.deficit(), "fund and auction agree");
    }
}

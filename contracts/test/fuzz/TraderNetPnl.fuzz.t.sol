// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EngineTradingBase} from "../unit/EngineTradingBase.sol";
import {StoredPosition} from "../../src/interfaces/IPerpEngineTrading.sol";
import {PartialQuote, LiquidationTerms} from "../../src/interfaces/IPerpEngineLiquidation.sol";

/// @notice The engine's O(1) aggregate `traderNetPnl(m, P)` equals, to the wei, the sum over open
/// positions of s·(P − E) − s·(I − I_pos), divided once by WAD and rounded up, after random
/// opens, increases, reduces, closes, partial and full liquidations, price moves and funding time.
contract TraderNetPnlFuzzTest is EngineTradingBase {
    uint256 internal constant STEPS = 24;
    uint256[3] internal refPrice = [uint256(3000), 60_000, 150];

    address[3] internal traders;
    uint256 internal partialSize;
    uint256 internal executed;

    /// @dev The liquidation planner callback (this test is the engine's liquidator).
    function partialCloseSize(PartialQuote calldata) external view returns (uint256) {
        return partialSize;
    }

    function testFuzz_traderNetPnl_equalsPerPositionSum(uint256 seed) public {
        traders = [alice, bob, carol];
        for (uint256 step; step < STEPS; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            if (step == 0) r -= r % 8; // start with an open, so every run trades
            _act(r);
            for (uint256 m; m < 3; ++m) {
                _check(m, _accepted(m));
                // any price, including far from the market
                _check(m, _accepted(m) / 2 + (r >> 128) % _accepted(m));
            }
        }
        assertGt(executed, 0, "no trade executed");
    }

    function _act(uint256 r) internal {
        uint256 action = r % 8;
        address t = traders[(r >> 8) % 3];
        uint256 m = (r >> 16) % 3;
        uint256 p = _accepted(m);
        // fill within ±1 % of the accepted price (the router proves some observation; any price)
        uint256 fill = p * (9900 + (r >> 24) % 201) / 10_000;
        uint256 notionalUsd = 100 + (r >> 40) % 50_000;
        uint256 size = notionalUsd * WAD * WAD / p;
        StoredPosition memory pos = engine.position(t, m);
        uint256 q = pos.size >= 0 ? uint256(pos.size) : uint256(-pos.size);

        if (action == 0) {
            int256 signed = (r >> 100) % 2 == 0 ? int256(size) : -int256(size);
            try router.open(t, m, signed, notionalUsd * 1e6 / 4 + 50e6, fill) {
                ++executed;
            } catch {}
        } else if (action == 1) {
            try router.increase(t, m, size, notionalUsd * 1e6 / 4, fill) {
                ++executed;
            } catch {}
        } else if (action == 2) {
            uint256 delta = q == 0 ? 1 : 1 + (r >> 120) % q;
            try router.reduce(t, m, delta, fill) {
                ++executed;
            } catch {}
        } else if (action == 3) {
            try router.close(t, m, fill) {
                ++executed;
            } catch {}
        } else if (action == 4 || action == 7) {
            // ±5 % (or down to −8 %: liquidations), within the oracle's 10 % jump guard
            uint256 bps = action == 4 ? 9500 + (r >> 160) % 1001 : 9200 + (r >> 160) % 300;
            _setPrice(m, int256(p * bps / 10_000 / 1e10));
        } else if (action == 5) {
            vm.warp(vm.getBlockTimestamp() + 1 + (r >> 160) % 2 hours);
            for (uint256 k; k < 3; ++k) {
                (, int256 answer,,,) = sources[k][0].latestRoundData();
                _setPrice(k, answer);
            }
        } else {
            partialSize = q == 0 ? 0 : (r >> 160) % q;
            try engine.liquidatePosition(t, m, LiquidationTerms(address(this), 0.1e18, 0, 0.5e18, 0.2e18)) {
                ++executed;
            } catch {}
        }
    }

    function _check(uint256 m, uint256 price) internal view {
        int256 index = engine.marketState(m).fundingIndex;
        int256 sum;
        // every trader of this test, scanned (the engine keeps no list of open positions)
        for (uint256 i; i < 3; ++i) {
            StoredPosition memory pos = engine.position(traders[i], m);
            if (pos.size == 0) continue;
            sum += pos.size * (int256(price) - int256(pos.entryPrice)) - pos.size * (index - pos.fundingIndex);
        }
        int256 expected = sum / int256(WAD);
        if (sum > 0 && sum % int256(WAD) != 0) expected += 1;
        assertEq(engine.traderNetPnl(m, price), expected, "aggregate != per-position sum");
    }
}

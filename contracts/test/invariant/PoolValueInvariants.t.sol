// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {console} from "forge-std/console.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {LiquidityPool} from "../../src/pool/LiquidityPool.sol";
import {PoolValue} from "../../src/interfaces/ILiquidityPool.sol";
import {IPerpEngineTrading} from "../../src/interfaces/IPerpEngineTrading.sol";
import {PoolValueHandler} from "./PoolValueHandler.sol";

/// @notice The marked pool under random trades (real OrderRouter), price moves, funding time and
/// LP requests: its value is the independent sum over every position to the wei, and no
/// realisation (close, reduce) lowers the LP share price.
contract PoolValueInvariantsTest is Test {
    PoolValueHandler internal h;
    LiquidityPool internal pool;

    function setUp() public {
        h = new PoolValueHandler();
        h.setUp();
        pool = LiquidityPool(h.poolAddress());
        bytes4[] memory selectors = new bytes4[](7);
        selectors[0] = PoolValueHandler.open.selector;
        selectors[1] = PoolValueHandler.close.selector;
        selectors[2] = PoolValueHandler.reduce.selector;
        selectors[3] = PoolValueHandler.movePrice.selector;
        selectors[4] = PoolValueHandler.passTime.selector;
        selectors[5] = PoolValueHandler.lpDeposit.selector;
        selectors[6] = PoolValueHandler.lpWithdraw.selector;
        targetSelector(StdInvariant.FuzzSelector({addr: address(h), selectors: selectors}));
        targetContract(address(h));
    }

    function invariant_poolValueIsSumOverPositions() public view {
        (uint256 expected, int256 pnl) = h.expectedValue();
        PoolValue memory v = pool.poolValue();
        assertEq(v.traderPnl, pnl, "trader PnL");
        assertEq(v.value, expected, "pool value");
        assertEq(pool.totalAssets(), expected, "totalAssets");
        // the value the engine's caps and fees use, computed inside the engine
        assertEq(IPerpEngineTrading(address(pool.engine())).markedPoolValue(), expected, "engine's marked value");
    }

    function invariant_realisationNeverLowersSharePrice() public view {
        assertEq(h.ghost_realisationDrop(), 0, "share price fell on a realisation");
    }

    /// @dev the run did something: positions opened, realised, LP requests filled
    function afterInvariant() public view {
        console.log("opens / realisations / LP fills:", h.ghost_opens(), h.ghost_realisations(), h.ghost_lpFills());
        console.log("realising orders cancelled:", h.ghost_cancelled());
    }

    function invariant_escrowHeld() public view {
        assertEq(pool.escrowedShares(), pool.balanceOf(address(pool)), "escrowed shares");
        assertGe(h.usdBalanceOfPool(), pool.totalClaimable(), "claimable backed");
    }
}

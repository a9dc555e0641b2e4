// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LiquidationFixture} from "../utils/LiquidationFixture.sol";
import {LiquidationTarget} from "../../src/interfaces/IInsurance.sol";

/// @notice Gas of isolated calls (snapshots/LiquidationGasTest.json). State is prepared in setUp,
/// so the measured call starts cold; the keeper and stakers already hold tokens, the way a live
/// market is.
contract LiquidationGasTest is LiquidationFixture {
    /// @dev Was 120k and 60k. Since issue 10 a liquidation first has the oracle accept the sources'
    /// newest data (a full source read, ~72-104k, once per market of a batch), so nobody is
    /// liquidated at a price the market has left; and it keeps the marked-pool sums (K). Ceilings
    /// against regressions at the measured figures plus a little: 198.9k and 63.0k before the gas
    /// work, 181.9k and 58.3k after it (the staker fees share the router's slot: a liquidation after
    /// the vault claimed no longer creates that slot again).
    uint256 internal constant LIQUIDATE_BUDGET = 184_000;
    uint256 internal constant BATCH_MARGINAL_BUDGET = 60_000;
    uint256 internal constant STAKE_BUDGET = 100_000;

    address[4] internal traders;

    function setUp() public override {
        super.setUp();
        _usePartialTier();
        usd.mint(keeper, 1e6); // the keeper already holds tokens
        for (uint256 i; i < 4; ++i) {
            traders[i] = makeAddr(string.concat("trader", vm.toString(i)));
            _fund(traders[i]);
            vm.prank(traders[i]);
            direct.open(ETH, 10e18, 1500e6);
        }
        vm.prank(bob);
        direct.open(ETH, -1e18, 1000e6);
        _stake(staker, 10_000e6);
        _stake(staker2, 10_000e6);
        vm.prank(staker2);
        vault.cooldown();
        _setPrice(ETH, 2870e8); // every trader: health < 0.5, positive equity (full liquidation)
    }

    function test_gas_liquidateOne() public {
        vm.prank(keeper);
        liq.liquidate(traders[0], ETH);
        uint256 used = vm.snapshotGasLastCall("liquidate");
        assertLe(used, LIQUIDATE_BUDGET, "liquidate over budget");
    }

    /// @dev A position of negative value: the waterfall's buffer and stakers (the slash window's
    /// ring) and the minimum keeper reward. Recorded, no budget: only crashes take this path.
    function test_gas_liquidateBadDebt() public {
        _setPrice(ETH, 2840e8);
        assertLt(lens.getPosition(traders[0], ETH).equity, 0);
        vm.prank(keeper);
        liq.liquidate(traders[0], ETH);
        vm.snapshotGasLastCall("liquidate_badDebt");
        assertGt(fund.waterfallTotals().coveredByStakers, 0, "reached the stakers");
    }

    function test_gas_liquidateBatchMarginal() public {
        LiquidationTarget[] memory one = new LiquidationTarget[](1);
        one[0] = LiquidationTarget(traders[0], ETH);
        LiquidationTarget[] memory four = new LiquidationTarget[](4);
        for (uint256 i; i < 4; ++i) {
            four[i] = LiquidationTarget(traders[i], ETH);
        }
        uint256 snap = vm.snapshotState();
        vm.prank(keeper);
        liq.liquidateMany(one);
        uint256 gasOne = vm.snapshotGasLastCall("liquidateMany_1");
        vm.revertToState(snap);
        vm.prank(keeper);
        assertEq(liq.liquidateMany(four), 4);
        uint256 gasFour = vm.snapshotGasLastCall("liquidateMany_4");
        uint256 marginal = (gasFour - gasOne) / 3;
        vm.snapshotValue("liquidateMany_marginal", marginal);
        assertLe(marginal, BATCH_MARGINAL_BUDGET, "batch marginal over budget");
    }

    function test_gas_stake() public {
        vm.prank(staker);
        vault.deposit(1000e6, staker);
        uint256 used = vm.snapshotGasLastCall("stake");
        assertLe(used, STAKE_BUDGET, "stake over budget");
    }

    function test_gas_cooldown() public {
        vm.prank(staker);
        vault.cooldown();
        vm.snapshotGasLastCall("cooldown");
    }

    function test_gas_redeem() public {
        vm.warp(vm.getBlockTimestamp() + COOLDOWN);
        uint256 shares = vault.maxRedeem(staker2);
        vm.prank(staker2);
        vault.redeem(shares, staker2, staker2);
        vm.snapshotGasLastCall("redeem");
    }
}

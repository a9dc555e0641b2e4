// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Fixture} from "../utils/Fixture.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {PerpEngine} from "../../src/core/PerpEngine.sol";
import {LiquidityPool} from "../../src/pool/LiquidityPool.sol";
import {Units} from "../../src/libraries/Units.sol";
import {PositionView} from "../../src/interfaces/IPerpEngine.sol";

contract Token is ERC20 {
    uint8 internal immutable _d;

    constructor(uint8 d) ERC20("T", "T") {
        _d = d;
    }

    function decimals() public view override returns (uint8) {
        return _d;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

/// @notice The engine with settlement tokens of other decimals: units convert in one place.
contract PerpEngineDecimalsTest is Fixture {
    function test_eighteenDecimalToken_scaleOneAndSameEconomics() public {
        Token t18 = new Token(18);
        PerpEngine e = new PerpEngine(t18, config, oracle);
        LiquidityPool p = new LiquidityPool(t18, e);
        e.setPool(address(p));
        assertEq(e.scale(), 1);
        t18.mint(lp, 1_000_000e18);
        vm.startPrank(lp);
        t18.approve(address(p), type(uint256).max);
        p.deposit(1_000_000e18, lp);
        vm.stopPrank();
        t18.mint(alice, 10_000e18);
        vm.startPrank(alice);
        t18.approve(address(e), type(uint256).max);
        e.open(ETH, 2e18, 1000e18);
        vm.stopPrank();
        // same position on the 6-decimal engine
        vm.prank(alice);
        engine.open(ETH, 2e18, 1000e6);

        _setPrice(ETH, 3300e8);
        PositionView memory v18 = e.getPosition(alice, ETH);
        PositionView memory v6 = engine.getPosition(alice, ETH);
        assertEq(v18.unrealisedPnl, 600e18);
        assertEq(v6.unrealisedPnl, 600e6);
        assertEq(v18.liquidationPrice / 1e6, v6.liquidationPrice / 1e6); // equal to 1e-12 USD
        assertEq(v18.health / 1e9, v6.health / 1e9);

        vm.prank(alice);
        e.close(ETH);
        assertEq(t18.balanceOf(address(e)), uint256(e.poolAssets()) + e.insuranceFees() + e.stakerFees());
    }

    function test_moreThanEighteenDecimals_reverts() public {
        Token t19 = new Token(19);
        vm.expectRevert(abi.encodeWithSelector(Units.UnsupportedDecimals.selector, 19));
        new PerpEngine(t19, config, oracle);
    }
}

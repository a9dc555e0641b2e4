// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Fixture} from "../utils/Fixture.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {PerpEngine} from "../../src/core/PerpEngine.sol";
import {LiquidityPool} from "../../src/pool/LiquidityPool.sol";
import {Units} from "../../src/libraries/Units.sol";
import {PositionView} from "../../src/interfaces/IPerpEngine.sol";
import {IPerpEngineTrading} from "../../src/interfaces/IPerpEngineTrading.sol";
import {LpRequest} from "../../src/interfaces/ILiquidityPool.sol";
import {PerpLens} from "../../src/lens/PerpLens.sol";
import {DirectRouter} from "../utils/DirectRouter.sol";

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
        PerpLens l18 = new PerpLens(address(e));
        DirectRouter d18 = new DirectRouter(t18, IPerpEngineTrading(address(e)), oracle);
        e.setRouter(address(d18));
        p.setParameters(POOL_MIN_DELAY, POOL_MAX_REQUEST_AGE, 0, POOL_MIN_HOLD_TIME, POOL_MAX_PNL_FRACTION);
        t18.mint(lp, 1_000_000e18);
        vm.startPrank(lp);
        t18.approve(address(p), type(uint256).max);
        uint256 expiry = vm.getBlockTimestamp() + POOL_MAX_REQUEST_AGE;
        uint256 id = p.requestDeposit(1_000_000e18, 0, expiry);
        vm.stopPrank();
        LpRequest memory r = LpRequest(lp, true, 1_000_000e18, 0, 0, vm.getBlockTimestamp(), expiry);
        _skip(POOL_MIN_DELAY);
        p.executeRequest(id, r, _lpObservations(r));
        assertEq(e.poolAssets(), 1_000_000e18);
        t18.mint(alice, 10_000e18);
        vm.startPrank(alice);
        t18.approve(address(d18), type(uint256).max);
        d18.open(ETH, 2e18, 1000e18);
        vm.stopPrank();
        // same position on the 6-decimal engine
        vm.prank(alice);
        direct.open(ETH, 2e18, 1000e6);

        _setPrice(ETH, 3300e8);
        PositionView memory v18 = l18.getPosition(alice, ETH);
        PositionView memory v6 = lens.getPosition(alice, ETH);
        assertEq(v18.unrealisedPnl, 600e18);
        assertEq(v6.unrealisedPnl, 600e6);
        assertEq(v18.liquidationPrice / 1e6, v6.liquidationPrice / 1e6); // equal to 1e-12 USD
        assertEq(v18.health / 1e9, v6.health / 1e9);

        vm.prank(alice);
        d18.close(ETH);
        assertEq(t18.balanceOf(address(e)), uint256(e.poolAssets()) + e.insuranceFees() + e.stakerFees());
    }

    function test_moreThanEighteenDecimals_reverts() public {
        Token t19 = new Token(19);
        vm.expectRevert(abi.encodeWithSelector(Units.UnsupportedDecimals.selector, 19));
        new PerpEngine(t19, config, oracle);
    }
}

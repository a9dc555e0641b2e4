// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Fixture} from "../utils/Fixture.sol";
import {MarketParams, IRiskConfig} from "../../src/interfaces/IRiskConfig.sol";
import {RiskConfig} from "../../src/config/RiskConfig.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ParameterKeys} from "../../src/libraries/ParameterKeys.sol";
import {IPerpEngine} from "../../src/interfaces/IPerpEngine.sol";

/// @notice Attack 5 of the hardening issue: a rate-like parameter read lazily (the funding
/// factor) must not reach back over the time since the market's last accrual. A change accrues
/// the market at the old rate first, whichever path writes it (structured setter or the governed
/// `setParameter`, which the timelock and the risk steward use).
contract RetroactiveParametersTest is Fixture {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant QUIET = 10 hours;

    /// @dev A fully skewed ETH market (one long, no short), then a quiet spell with no accrual.
    function _skewedMarketAfterQuietSpell() internal returns (int256 indexBefore) {
        vm.prank(alice);
        direct.open(ETH, 10e18, 3500e6);
        indexBefore = lens.getMarket(ETH).fundingIndex;
        _skip(QUIET);
    }

    /// @dev What the funding index should have gained over the quiet spell at the old factor:
    /// rate · P · dt / WAD with rate = fundingFactor at full skew.
    function _fairAccrual() internal pure returns (int256) {
        return int256(uint256(marketParams().fundingFactor) * (3000e18 * QUIET) / WAD);
    }

    function test_attack_retroactiveFundingFactor_viaSetMarketParams() public {
        int256 before = _skewedMarketAfterQuietSpell();
        MarketParams memory p = marketParams();
        p.fundingFactor = p.fundingFactor * 10;
        config.setMarketParams(ETH, p);
        engine.poke(ETH);
        // Without the accrual hook the whole quiet spell is charged at ten times the rate.
        assertEq(lens.getMarket(ETH).fundingIndex - before, _fairAccrual(), "quiet spell charged at the old rate");
    }

    function test_attack_retroactiveFundingFactor_viaSetParameter() public {
        int256 before = _skewedMarketAfterQuietSpell();
        config.setParameter(ParameterKeys.market("fundingFactor", ETH), uint256(marketParams().fundingFactor) * 10);
        engine.poke(ETH);
        assertEq(lens.getMarket(ETH).fundingIndex - before, _fairAccrual(), "quiet spell charged at the old rate");
    }

    /// @notice After the change the new rate applies from then on, and only from then on.
    function test_newFundingFactorAppliesFromTheChange() public {
        int256 before = _skewedMarketAfterQuietSpell();
        MarketParams memory p = marketParams();
        p.fundingFactor = p.fundingFactor * 10;
        config.setMarketParams(ETH, p);
        _skip(1 hours);
        engine.poke(ETH);
        int256 newRate = int256(uint256(p.fundingFactor) * (3000e18 * 1 hours) / WAD);
        assertEq(lens.getMarket(ETH).fundingIndex - before, _fairAccrual() + newRate);
    }

    /// @notice Changes to the other market fields accrue too (cheap, and it keeps one rule).
    function test_takerFeeChangeAccruesFunding() public {
        int256 before = _skewedMarketAfterQuietSpell();
        MarketParams memory p = marketParams();
        p.takerFee = p.takerFee * 2;
        vm.expectEmit(address(engine));
        emit IPerpEngine.MarketAccrued(ETH, before + _fairAccrual(), int256(uint256(p.fundingFactor)));
        config.setMarketParams(ETH, p);
    }

    // ------------------------------------------------------------ wiring

    function test_setEngine_isOnceOnly() public {
        assertEq(config.engine(), address(engine));
        vm.expectRevert(IRiskConfig.EngineAlreadySet.selector);
        config.setEngine(address(0xBEEF));
    }

    function test_setEngine_rejectsZeroAndNonOwner() public {
        RiskConfig fresh = new RiskConfig(admin);
        vm.expectRevert(IRiskConfig.EngineAlreadySet.selector);
        fresh.setEngine(address(0));
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        fresh.setEngine(address(engine));
    }

    /// @notice Before wiring (fresh deployments), a change simply writes: nothing to accrue.
    function test_unwiredConfig_setsMarketParamsWithoutAccrual() public {
        RiskConfig fresh = new RiskConfig(admin);
        fresh.addTier(blueChipTier());
        fresh.addMarket("ETH-USD", 0, marketParams(), oracleParams());
        MarketParams memory p = marketParams();
        p.fundingFactor = 2e11;
        fresh.setMarketParams(0, p);
        assertEq(fresh.marketParams(0).fundingFactor, 2e11);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LiquidationFixture} from "../utils/LiquidationFixture.sol";
import {TestUSD} from "../../src/devnet/TestUSD.sol";
import {ICollateralAuction} from "../../src/interfaces/ICollateralAuction.sol";
import {IInsuranceFund} from "../../src/interfaces/IInsurance.sol";

contract CollateralAuctionTest is LiquidationFixture {
    TestUSD internal asset; // stands in for any non-settlement token the fund holds

    function setUp() public override {
        super.setUp();
        asset = new TestUSD();
        asset.mint(address(fund), 1000e6);
    }

    function test_sellsAssetIntoBuffer() public {
        // 2 tUSD per asset unit (1e18 base units priced; 6-decimal asset: price per 1e18 base units)
        uint256 startPrice = 2e18;
        uint256 minPrice = 1e18;
        uint256 lot = fund.auctionCollateral(asset, 1000e6, startPrice, minPrice, 1 hours);
        assertEq(asset.balanceOf(address(collAuction)), 1000e6);
        assertEq(collAuction.priceOf(lot), startPrice);
        vm.warp(vm.getBlockTimestamp() + 30 minutes);
        assertEq(collAuction.priceOf(lot), 1.5e18, "linear decay");

        uint256 buffer0 = fund.buffer();
        vm.prank(bidder);
        (uint256 amount, uint256 paid) = collAuction.bid(lot, 400e6, 1.5e18);
        assertEq(amount, 400e6);
        assertEq(paid, 600e6, "ceil(400e6 x 1.5)");
        assertEq(fund.buffer() - buffer0, paid, "proceeds refill the buffer");
        assertEq(asset.balanceOf(bidder), 400e6);

        vm.warp(vm.getBlockTimestamp() + 30 minutes);
        vm.prank(bidder);
        vm.expectRevert(abi.encodeWithSelector(ICollateralAuction.LotNotActive.selector, lot));
        collAuction.bid(lot, 1, type(uint256).max);
        collAuction.restart(lot);
        assertEq(collAuction.priceOf(lot), startPrice, "restart at start price");
        _assertAccounting();
    }

    function test_rejectsSettlementTokenAndNonOwner() public {
        vm.expectRevert(IInsuranceFund.SettlementTokenNotCollateral.selector);
        fund.auctionCollateral(usd, 1, 1, 1, 1 hours);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IInsuranceFund.NotOwner.selector, alice));
        fund.auctionCollateral(asset, 1, 1, 1, 1 hours);
        vm.expectRevert(abi.encodeWithSelector(ICollateralAuction.NotFund.selector, address(this)));
        collAuction.start(asset, 1, 1, 1, 1 hours);
    }
}

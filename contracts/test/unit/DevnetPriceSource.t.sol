// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {DevnetPriceSource} from "../../src/devnet/DevnetPriceSource.sol";

/// The devnet source keeps its last ROUNDS_KEPT rounds in a ring: the latest always reads, older
/// kept rounds read with their own answer and time, evicted and unwritten rounds revert.
contract DevnetPriceSourceTest is Test {
    DevnetPriceSource internal source;

    function setUp() public {
        vm.warp(1_000);
        source = new DevnetPriceSource("BTC / USD", address(this), 100e8);
    }

    function _pushRounds(uint256 count) internal {
        for (uint256 i = 1; i <= count; i++) {
            vm.warp(1_000 + i);
            source.updateAnswer(int256(100e8 + i));
        }
    }

    function test_latestRoundAfterTheRingWraps() public {
        uint80 kept = source.ROUNDS_KEPT();
        _pushRounds(uint256(kept) * 2 + 5);
        (uint80 id, int256 answer,, uint256 updatedAt, uint80 answeredIn) = source.latestRoundData();
        assertEq(id, kept * 2 + 6);
        assertEq(answer, int256(100e8 + uint256(kept) * 2 + 5));
        assertEq(updatedAt, 1_000 + uint256(kept) * 2 + 5);
        assertEq(answeredIn, id);
    }

    function test_keptRoundsReadTheirOwnAnswer() public {
        uint80 kept = source.ROUNDS_KEPT();
        _pushRounds(uint256(kept) + 10);
        uint80 latest = source.latestRound();
        uint80 oldest = latest - kept + 1;
        (uint80 id, int256 answer,, uint256 updatedAt,) = source.getRoundData(oldest);
        assertEq(id, oldest);
        // round r (r ≥ 2) was pushed as answer 100e8 + (r − 1) at time 1_000 + (r − 1)
        assertEq(answer, int256(100e8 + uint256(oldest) - 1));
        assertEq(updatedAt, 1_000 + uint256(oldest) - 1);
    }

    function test_evictedRoundReverts() public {
        uint80 kept = source.ROUNDS_KEPT();
        _pushRounds(uint256(kept) + 10);
        uint80 evicted = source.latestRound() - kept;
        vm.expectRevert(abi.encodeWithSelector(DevnetPriceSource.NoRound.selector, evicted));
        source.getRoundData(evicted);
    }

    function test_unwrittenRoundsRevert() public {
        _pushRounds(3);
        vm.expectRevert(abi.encodeWithSelector(DevnetPriceSource.NoRound.selector, uint80(0)));
        source.getRoundData(0);
        vm.expectRevert(abi.encodeWithSelector(DevnetPriceSource.NoRound.selector, uint80(5)));
        source.getRoundData(5);
    }

    function test_onlyTheUpdaterPushes() public {
        vm.prank(address(0xBEEF));
        vm.expectRevert(DevnetPriceSource.NotUpdater.selector);
        source.updateAnswer(1e8);
    }
}

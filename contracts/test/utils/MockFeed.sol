// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../../src/interfaces/AggregatorV3Interface.sol";

/// @notice A configurable AggregatorV3Interface for edge cases (decimals, reverts, odd answers).
contract MockFeed is AggregatorV3Interface {
    uint8 public decimals;
    int256 public answer;
    uint256 public updatedAt;
    bool public broken;
    bool public greedy;

    constructor(uint8 decimals_, int256 answer_) {
        decimals = decimals_;
        answer = answer_;
        updatedAt = block.timestamp;
    }

    function set(int256 answer_, uint256 updatedAt_) external {
        answer = answer_;
        updatedAt = updatedAt_;
    }

    function setBroken(bool broken_) external {
        broken = broken_;
    }

    function setGreedy(bool greedy_) external {
        greedy = greedy_;
    }

    function description() external pure returns (string memory) {
        return "mock";
    }

    function version() external pure returns (uint256) {
        return 1;
    }

    function getRoundData(uint80) external view returns (uint80, int256, uint256, uint256, uint80) {
        return latestRoundData();
    }

    function latestRoundData() public view returns (uint80, int256, uint256, uint256, uint80) {
        require(!broken, "broken");
        if (greedy) {
            // burns all the gas it is given, then fails out of gas
            uint256 x;
            while (x != 1) {
                x = uint256(keccak256(abi.encode(x)));
            }
        }
        return (1, answer, updatedAt, updatedAt, 1);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../../src/interfaces/AggregatorV3Interface.sol";

/// @notice A price source that misbehaves in one chosen way, for the hostile-source tests.
/// `Honest` answers like a normal 8-decimal feed, so a test can add it and turn it hostile later.
contract HostileFeed is AggregatorV3Interface {
    enum Mode {
        Honest,
        /// @dev an answer so large that scaling it to WAD overflows
        Overflow,
        Negative,
        Zero,
        Reverting,
        /// @dev burns every unit of gas it is given
        GasBurning,
        /// @dev returns 64 bytes instead of five words
        ShortReturn,
        /// @dev returns a valid answer followed by ~150 kB of padding (copying it costs the caller)
        ReturnBomb,
        /// @dev updatedAt one hour in the future
        FutureDated,
        /// @dev a valid-looking answer 50x the market
        FarOff
    }

    Mode public mode;
    int256 public answer;
    uint256 public updatedAt;

    constructor(int256 answer_) {
        answer = answer_;
        updatedAt = block.timestamp;
    }

    function setMode(Mode mode_) external {
        mode = mode_;
    }

    /// @notice Sets the honest answer and stamps it now.
    function push(int256 answer_) external {
        answer = answer_;
        updatedAt = block.timestamp;
    }

    function decimals() external pure returns (uint8) {
        return 8;
    }

    function description() external pure returns (string memory) {
        return "hostile";
    }

    function version() external pure returns (uint256) {
        return 1;
    }

    function getRoundData(uint80) external view returns (uint80, int256, uint256, uint256, uint80) {
        return latestRoundData();
    }

    function latestRoundData() public view returns (uint80, int256, uint256, uint256, uint80) {
        Mode m = mode;
        if (m == Mode.Overflow) return (1, type(int256).max / 3, block.timestamp, block.timestamp, 1);
        if (m == Mode.Negative) return (1, -answer, updatedAt, updatedAt, 1);
        if (m == Mode.Zero) return (1, 0, updatedAt, updatedAt, 1);
        if (m == Mode.Reverting) revert("hostile");
        if (m == Mode.GasBurning) {
            uint256 x;
            while (x != 1) {
                x = uint256(keccak256(abi.encode(x)));
            }
        }
        if (m == Mode.ShortReturn) {
            assembly {
                mstore(0, 1)
                mstore(32, 3000)
                return(0, 64)
            }
        }
        if (m == Mode.ReturnBomb) {
            int256 a = answer;
            uint256 at = updatedAt;
            assembly {
                mstore(0, 1)
                mstore(32, a)
                mstore(64, at)
                mstore(96, at)
                mstore(128, 1)
                return(0, 150000)
            }
        }
        if (m == Mode.FutureDated) return (1, answer, block.timestamp + 1 hours, block.timestamp + 1 hours, 1);
        if (m == Mode.FarOff) return (1, answer * 50, block.timestamp, block.timestamp, 1);
        return (1, answer, updatedAt, updatedAt, 1);
    }
}

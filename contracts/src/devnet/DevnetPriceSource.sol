// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @title DevnetPriceSource
/// @notice One price source on the devnet: an `AggregatorV3Interface` feed (8 decimals, like
/// Chainlink's USD feeds) whose answer the price-feeder process pushes. Only its updater may write.
/// The last `ROUNDS_KEPT` rounds stay readable (a ring, like the aggregator's history): a devnet
/// chain pushes every few seconds for days, and anvil rehashes its whole state for every block,
/// so a mapping of every round made each block dearer than the last (issue 13's replay lab).
contract DevnetPriceSource is AggregatorV3Interface {
    struct Round {
        int256 answer;
        uint64 updatedAt;
    }

    uint8 public constant override decimals = 8;
    uint256 public constant override version = 1;
    /// @notice How many of the latest rounds `getRoundData` can still read.
    uint80 public constant ROUNDS_KEPT = 64;

    /// @notice The account allowed to push answers (the price feeder).
    address public updater;
    string public override description;
    uint80 public latestRound;

    /// @dev round `id` at index `id % ROUNDS_KEPT`
    Round[ROUNDS_KEPT] internal rounds;

    /// @notice Thrown when anyone but the updater pushes an answer or hands over the role.
    error NotUpdater();
    /// @notice Thrown for a non-positive answer.
    error InvalidAnswer(int256 answer);
    /// @notice Thrown when a round that was never written, or is no longer kept, is read.
    error NoRound(uint80 roundId);

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    event UpdaterChanged(address indexed updater);

    constructor(string memory description_, address updater_, int256 initialAnswer) {
        description = description_;
        updater = updater_;
        _push(initialAnswer);
    }

    /// @notice Pushes a new answer (8 decimals), timestamped with the current block.
    function updateAnswer(int256 answer) external {
        if (msg.sender != updater) revert NotUpdater();
        _push(answer);
    }

    function setUpdater(address updater_) external {
        if (msg.sender != updater) revert NotUpdater();
        updater = updater_;
        emit UpdaterChanged(updater_);
    }

    function latestRoundData() external view override returns (uint80, int256, uint256, uint256, uint80) {
        return _round(latestRound);
    }

    function getRoundData(uint80 roundId) external view override returns (uint80, int256, uint256, uint256, uint80) {
        uint80 latest = latestRound;
        if (roundId == 0 || roundId > latest || latest - roundId >= ROUNDS_KEPT) revert NoRound(roundId);
        return _round(roundId);
    }

    function _round(uint80 roundId) internal view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory round = rounds[roundId % ROUNDS_KEPT];
        return (roundId, round.answer, round.updatedAt, round.updatedAt, roundId);
    }

    function _push(int256 answer) internal {
        if (answer <= 0) revert InvalidAnswer(answer);
        uint80 roundId = latestRound + 1;
        latestRound = roundId;
        rounds[roundId % ROUNDS_KEPT] = Round(answer, uint64(block.timestamp));
        emit AnswerUpdated(answer, roundId, block.timestamp);
    }
}

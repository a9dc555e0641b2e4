// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IFeeRecipient} from "../../src/interfaces/IRiskConfig.sol";

/// @notice A fee recipient for tests: answers `config()` and `engine()` like the protocol's
/// insurance fund and staking vault (so RiskConfig wires it), and reports the outstanding deficit
/// it is given (the pool counts it as a receivable). With a deficit, it is the hostile recipient
/// of `test_attack_feeRecipientRepointed`.
contract FeeRecipientStub is IFeeRecipient {
    address public immutable config;
    address public immutable engine;
    uint256 public outstandingDeficit;

    constructor(address config_, address engine_, uint256 deficit) {
        config = config_;
        engine = engine_;
        outstandingDeficit = deficit;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IFeeRecipient} from "../../src/interfaces/IRiskConfig.sol";
import {IPoolReceivable} from "../../src/interfaces/IPerpEngineLiquidation.sol";

interface IEnginePool {
    function pool() external view returns (address);
}

/// @notice A fee recipient for tests: answers `config()` and `engine()` like the protocol's
/// insurance fund and staking vault (so RiskConfig wires it), and writes the deficit it is given
/// into the pool's receivable when asked (`writeDeficit`: the pool takes it only from the fund
/// the config names). With a deficit, it is the hostile recipient of
/// `test_attack_feeRecipientRepointed`.
contract FeeRecipientStub is IFeeRecipient {
    address public immutable config;
    address public immutable engine;
    uint256 public immutable deficit;

    constructor(address config_, address engine_, uint256 deficit_) {
        config = config_;
        engine = engine_;
        deficit = deficit_;
    }

    function writeDeficit() external {
        IPoolReceivable(IEnginePool(engine).pool()).addPoolReceivable(deficit);
    }
}

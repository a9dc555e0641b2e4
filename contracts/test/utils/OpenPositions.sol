// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PositionKey} from "../../src/interfaces/IPerpEngine.sol";
import {IPerpEngineTrading} from "../../src/interfaces/IPerpEngineTrading.sol";

/// @notice The open positions among known traders × markets. The engine keeps no list of open
/// positions (the keeper and the dashboard derive the set from events); a test knows every
/// address that trades in it, so scanning those is complete.
library OpenPositions {
    function scan(IPerpEngineTrading engine, address[] memory traders, uint256 markets)
        internal
        view
        returns (PositionKey[] memory keys)
    {
        keys = new PositionKey[](traders.length * markets);
        uint256 n;
        for (uint256 i; i < traders.length; ++i) {
            for (uint256 m; m < markets; ++m) {
                if (engine.position(traders[i], m).size != 0) keys[n++] = PositionKey(traders[i], uint96(m));
            }
        }
        assembly ("memory-safe") {
            mstore(keys, n)
        }
    }
}

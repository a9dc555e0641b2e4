// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestUSD} from "../../src/devnet/TestUSD.sol";

/// @notice TestUSD with a USDC/USDT-style blocklist: a blocked account can neither send nor
/// receive. Same storage layout as TestUSD plus one mapping at the end, so a test can put its code
/// at the fixture's token address (`vm.etch`) and keep every balance and allowance.
contract BlocklistUSD is TestUSD {
    mapping(address account => bool blocked) public blocked;

    error AccountBlocked(address account);

    function setBlocked(address account, bool isBlocked) external {
        blocked[account] = isBlocked;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (blocked[from]) revert AccountBlocked(from);
        if (blocked[to]) revert AccountBlocked(to);
        super._update(from, to, value);
    }
}

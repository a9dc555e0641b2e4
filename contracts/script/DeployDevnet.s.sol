// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Script} from "forge-std/Script.sol";
import {Multicall3} from "../src/periphery/Multicall3.sol";
import {TestUSD} from "../src/devnet/TestUSD.sol";

/// @notice Deploys the devnet: Multicall3, the test settlement token and the protocol, seeds demo
/// state, and writes `deployments/<chainId>.json` (addresses and deploy block) for the dApp,
/// the keeper and the price feeder.
/// Run: forge script script/DeployDevnet.s.sol --rpc-url <rpc> --broadcast --private-key <deployer>
contract DeployDevnet is Script {
    /// @dev anvil's default mnemonic accounts 1-4: the demo traders, LPs and stakers.
    uint256 internal constant DEMO_ACCOUNTS = 4;
    uint256 internal constant DEMO_BALANCE = 100_000e6;

    string internal json = "deployment";

    function run() external {
        uint256 deployBlock = block.number;
        vm.startBroadcast();

        Multicall3 multicall = new Multicall3();
        TestUSD usd = new TestUSD();
        for (uint256 i = 1; i <= DEMO_ACCOUNTS; ++i) {
            usd.mint(demoAccount(i), DEMO_BALANCE);
        }

        vm.stopBroadcast();

        vm.serializeUint(json, "chainId", block.chainid);
        vm.serializeUint(json, "deployBlock", deployBlock);
        vm.serializeAddress("contracts", "Multicall3", address(multicall));
        string memory contracts = vm.serializeAddress("contracts", "TestUSD", address(usd));
        string memory out = vm.serializeString(json, "contracts", contracts);
        vm.writeJson(out, string.concat(vm.projectRoot(), "/../deployments/", vm.toString(block.chainid), ".json"));
    }

    function demoAccount(uint256 index) internal view returns (address) {
        return vm.addr(vm.deriveKey("test test test test test test test test test test test junk", uint32(index)));
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Script} from "forge-std/Script.sol";
import {Multicall3} from "../src/periphery/Multicall3.sol";
import {ProtocolDeployer, ProtocolSpec, ProtocolDeployment} from "./ProtocolDeployer.sol";

/// @notice Deploys the protocol to any EVM network (issue 17) from a `ProtocolSpec` that
/// `scripts/deploy.ts` builds from `networks/<name>.json`, then hands every
/// ownership to the timelock (the deployer keeps no role) and writes `deployments/<chainId>.json`.
/// No demo state, no test token: the settlement token and the price feeds are the network's.
/// Run through `npm run deploy -- --network <name>` (it checks the file, picks a reachable RPC,
/// passes the key, verifies the wiring on chain afterwards and prints the gas); it calls
/// forge script script/DeployNetwork.s.sol --sig <the encoded run call> --rpc-url <rpc> --broadcast
contract DeployNetwork is Script {
    string internal constant JSON = "deployment";

    /// @param s The deployment (scripts/deploy.ts encodes the whole call and passes it as `--sig`).
    /// @param multicall Multicall3 on this network (every major chain has it at 0xcA11…CA11); when
    /// nothing is deployed there (a fresh local chain), the script deploys one and records it.
    /// @param sourceKeys The deployment file's key for each market's list of price sources
    /// (`PriceSources_ETH_USD`, …), in market order.
    function run(ProtocolSpec memory s, address multicall, string[] calldata sourceKeys)
        external
        returns (ProtocolDeployment memory d)
    {
        require(sourceKeys.length == s.markets.length, "one source key per market");
        uint256 deployBlock = block.number;
        vm.startBroadcast();
        (, address deployer,) = vm.readCallers();
        if (multicall.code.length == 0) multicall = address(new Multicall3());
        d = ProtocolDeployer.deploy(s, deployer);
        ProtocolDeployer.handOver(d, s, deployer);
        vm.stopBroadcast();
        _write(d, s, multicall, sourceKeys, deployBlock);
    }

    /// @dev The same shape as the devnet's file (lib/config/types.ts `Deployment`); the settlement
    /// token under `SettlementToken`.
    function _write(
        ProtocolDeployment memory d,
        ProtocolSpec memory s,
        address multicall,
        string[] calldata sourceKeys,
        uint256 deployBlock
    ) internal {
        vm.serializeUint(JSON, "chainId", block.chainid);
        vm.serializeUint(JSON, "deployBlock", deployBlock);
        string memory c = "contracts";
        vm.serializeAddress(c, "Multicall3", multicall);
        vm.serializeAddress(c, "SettlementToken", s.settlement);
        vm.serializeAddress(c, "RiskConfig", address(d.config));
        vm.serializeAddress(c, "OracleAggregator", address(d.oracle));
        vm.serializeAddress(c, "PerpEngine", address(d.engine));
        vm.serializeAddress(c, "LiquidityPool", address(d.pool));
        vm.serializeAddress(c, "OrderRouter", address(d.router));
        vm.serializeAddress(c, "PerpLens", address(d.lens));
        vm.serializeAddress(c, "LiquidationEngine", address(d.liquidationEngine));
        vm.serializeAddress(c, "InsuranceFund", address(d.fund));
        vm.serializeAddress(c, "StakingVault", address(d.vault));
        vm.serializeAddress(c, "DebtAuction", address(d.debtAuction));
        vm.serializeAddress(c, "CollateralAuction", address(d.collateralAuction));
        vm.serializeAddress(c, "RampartToken", address(d.gov.token));
        vm.serializeAddress(c, "RampartGovernor", address(d.gov.governor));
        vm.serializeAddress(c, "Timelock", address(d.gov.timelock));
        vm.serializeAddress(c, "RiskSteward", address(d.gov.steward));
        string memory contracts = vm.serializeAddress(c, "PauseGuardian", address(d.gov.guardian));
        string memory markets;
        for (uint256 m; m < s.markets.length; ++m) {
            contracts = vm.serializeAddress(c, sourceKeys[m], s.markets[m].sources);
            markets = vm.serializeUint("markets", s.markets[m].name, m);
        }
        vm.serializeUint("governance", "votingDelay", s.governance.votingDelay);
        vm.serializeUint("governance", "votingPeriod", s.governance.votingPeriod);
        vm.serializeUint("governance", "timelockDelay", s.governance.timelockDelay);
        string memory governance = vm.serializeUint("governance", "quorumPercent", s.governance.quorumPercent);
        vm.serializeString(JSON, "governance", governance);
        vm.serializeString(JSON, "markets", markets);
        string memory out = vm.serializeString(JSON, "contracts", contracts);
        vm.writeJson(out, string.concat(vm.projectRoot(), "/../deployments/", vm.toString(block.chainid), ".json"));
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Script} from "forge-std/Script.sol";
import {Vm} from "forge-std/Vm.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {RampartTimelock} from "../src/governance/RampartTimelock.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {RampartToken} from "../src/governance/RampartToken.sol";
import {RampartGovernor} from "../src/governance/RampartGovernor.sol";
import {RiskSteward} from "../src/governance/RiskSteward.sol";
import {PauseGuardian} from "../src/governance/PauseGuardian.sol";
import {GovernanceConfig} from "../src/libraries/GovernanceConfig.sol";

/// @notice Everything the governance deployment produces.
struct GovernanceDeployment {
    RampartToken token;
    RampartTimelock timelock;
    RampartGovernor governor;
    RiskSteward steward;
    PauseGuardian guardian;
}

/// @notice Deploys the governance stack. Internal, so its calls run under the caller's broadcast:
/// `DeployDevnet` can call it between its own `startBroadcast` and `stopBroadcast`.
library GovernanceDeployer {
    /// @param s Settings (`GovernanceConfig.live()` or `.devnet()`).
    /// @param deployer The broadcasting account: temporary timelock admin, renounced at the end.
    /// @param supplyRecipient Receives the whole initial supply.
    /// @param minter The debt auction (or zero: governance sets it later with `setMinter`).
    /// @param riskCouncil May move parameters through the steward (zero: none yet).
    /// @param guardianOperator May pause through the `PauseGuardian` (zero: none yet).
    /// @dev Protocol contracts then take `address(d.timelock)` as owner, call
    /// `setSteward(address(d.steward))` / `setGuardian(address(d.guardian))` in their constructor
    /// or before ownership moves to the timelock.
    function deploy(
        GovernanceConfig.Settings memory s,
        address deployer,
        address supplyRecipient,
        address minter,
        address riskCouncil,
        address guardianOperator
    ) internal returns (GovernanceDeployment memory d) {
        d = _deploy(s, s.timelockDelay, deployer, supplyRecipient, minter, riskCouncil, guardianOperator);
        // The timelock administers itself from here on (its constructor made it self-admin).
        d.timelock.renounceRole(d.timelock.DEFAULT_ADMIN_ROLE(), deployer);
    }

    /// @notice Like `deploy`, but the timelock starts with a zero delay (its one exception to the
    /// chain's delay floor, `RampartTimelock`) and the deployer stays its temporary admin, so that `Ownable2Step` protocol contracts (the `RiskConfig`) can be handed
    /// to the timelock in the same script: configure them, `transferOwnership(timelock)`, then call
    /// `handOver`, which makes the timelock accept, sets the real delay and renounces the admin.
    /// @dev Until `handOver` runs, the timelock has no delay (and the Governor queues nothing in
    /// it): call both in one script run.
    function deployForHandover(
        GovernanceConfig.Settings memory s,
        address deployer,
        address supplyRecipient,
        address minter,
        address riskCouncil,
        address guardianOperator
    ) internal returns (GovernanceDeployment memory d) {
        d = _deploy(s, 0, deployer, supplyRecipient, minter, riskCouncil, guardianOperator);
    }

    /// @notice Ends a `deployForHandover`: the timelock accepts ownership of every contract in
    /// `pendingOwnables` (each must have called `transferOwnership(timelock)`), then sets its own
    /// delay to `s.timelockDelay`, in one batch that the deployer schedules and executes at once
    /// (delay 0); the deployer then gives up its proposer and admin roles, leaving the Governor as
    /// the sole proposer and the timelock administering itself, exactly as after `deploy`.
    function handOver(
        GovernanceDeployment memory d,
        GovernanceConfig.Settings memory s,
        address deployer,
        address[] memory pendingOwnables
    ) internal {
        RampartTimelock tl = d.timelock;
        uint256 n = pendingOwnables.length;
        address[] memory targets = new address[](n + 1);
        uint256[] memory values = new uint256[](n + 1);
        bytes[] memory payloads = new bytes[](n + 1);
        for (uint256 i; i < n; ++i) {
            targets[i] = pendingOwnables[i];
            payloads[i] = abi.encodeCall(Ownable2Step.acceptOwnership, ());
        }
        targets[n] = address(tl);
        payloads[n] = abi.encodeCall(TimelockController.updateDelay, (s.timelockDelay));
        bytes32 salt = keccak256("rampart.handover");
        tl.grantRole(tl.PROPOSER_ROLE(), deployer);
        tl.scheduleBatch(targets, values, payloads, bytes32(0), salt, 0);
        tl.executeBatch(targets, values, payloads, bytes32(0), salt);
        tl.revokeRole(tl.PROPOSER_ROLE(), deployer);
        tl.renounceRole(tl.DEFAULT_ADMIN_ROLE(), deployer);
    }

    function _deploy(
        GovernanceConfig.Settings memory s,
        uint256 initialDelay,
        address deployer,
        address supplyRecipient,
        address minter,
        address riskCouncil,
        address guardianOperator
    ) private returns (GovernanceDeployment memory d) {
        // Anyone may execute a queued, delay-expired operation (executor = address(0)), as
        // OpenZeppelin recommends; only the governor proposes and cancels.
        address[] memory executors = new address[](1);
        d.timelock = new RampartTimelock(initialDelay, new address[](0), executors, deployer);
        d.token =
            new RampartToken(address(d.timelock), supplyRecipient, s.initialSupply, minter, s.mintCap, s.mintPeriod);
        d.governor = new RampartGovernor(
            d.token, d.timelock, s.votingDelay, s.votingPeriod, s.proposalThreshold, s.quorumPercent
        );
        d.steward =
            new RiskSteward(address(d.timelock), riskCouncil, s.stewardCooldown, GovernanceConfig.stewardKindLimits());
        d.guardian = new PauseGuardian(address(d.timelock), guardianOperator);

        d.timelock.grantRole(d.timelock.PROPOSER_ROLE(), address(d.governor));
        d.timelock.grantRole(d.timelock.CANCELLER_ROLE(), address(d.governor));
    }
}

/// @notice anvil's demo accounts 1-4 and their governance holdings. Split in two because the
/// delegations must be signed by the demo accounts themselves.
library GovernanceDemo {
    Vm internal constant VM = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    string internal constant MNEMONIC = "test test test test test test test test test test test junk";
    uint256 internal constant ACCOUNTS = 4;

    /// @dev Demo holdings (RPT) of accounts 1-4: 50 M in all.
    function balance(uint256 index) internal pure returns (uint256) {
        return [uint256(20_000_000e18), 15_000_000e18, 10_000_000e18, 5_000_000e18][index - 1];
    }

    /// @dev Whom account `index` delegates to: 1 and 2 to themselves, 3 to account 1, 4 keeps its
    /// votes undelegated (so the dashboard has a "delegate" action to show).
    function delegatee(uint256 index) internal pure returns (address) {
        if (index == 1 || index == 2) return account(index);
        if (index == 3) return account(1);
        return address(0);
    }

    function key(uint256 index) internal pure returns (uint256) {
        // casting to 'uint32' is safe because demo indexes are 1-4
        // forge-lint: disable-next-line(unsafe-typecast)
        return VM.deriveKey(MNEMONIC, uint32(index));
    }

    function account(uint256 index) internal pure returns (address) {
        return VM.addr(key(index));
    }

    /// @notice Hands out the demo balances and sends the rest of the caller's RPT to the timelock
    /// (the treasury). Run under the supply holder's broadcast, right after `deploy`.
    function distribute(GovernanceDeployment memory d, address holder) internal {
        for (uint256 i = 1; i <= ACCOUNTS; ++i) {
            d.token.transfer(account(i), balance(i));
        }
        d.token.transfer(address(d.timelock), d.token.balanceOf(holder));
    }

    /// @notice Broadcasts the demo delegations as the demo accounts. Call outside any broadcast.
    function delegate(GovernanceDeployment memory d) internal {
        for (uint256 i = 1; i <= ACCOUNTS; ++i) {
            address to = delegatee(i);
            if (to == address(0)) continue;
            VM.broadcast(key(i));
            d.token.delegate(to);
        }
    }
}

/// @notice Standalone governance deployment for the devnet (or `GOVERNANCE_PROFILE=live`):
/// deploys the stack, hands out the supply to anvil's demo accounts 1-4, delegates some of it and
/// writes `deployments/governance-<chainId>.json` (the `deployments/` folder must exist).
/// Run: forge script script/DeployGovernance.s.sol --rpc-url <rpc> --broadcast --private-key <deployer>
contract DeployGovernance is Script {
    /// @notice The broadcaster of the last `deployAndSeed` (temporary timelock admin, renounced).
    address public deployer;

    function run() external {
        uint256 deployBlock = block.number;
        GovernanceConfig.Settings memory s = keccak256(bytes(vm.envOr("GOVERNANCE_PROFILE", string("devnet"))))
            == keccak256("live")
            ? GovernanceConfig.live()
            : GovernanceConfig.devnet();
        GovernanceDeployment memory d = deployAndSeed(s);
        _write(d, s, deployBlock);
    }

    /// @notice Deploys and seeds the demo accounts; the deployer (broadcaster) is risk council and
    /// guardian operator on the devnet, and the minter is left unset for the debt auction.
    function deployAndSeed(GovernanceConfig.Settings memory s) public returns (GovernanceDeployment memory d) {
        vm.startBroadcast();
        (, deployer,) = vm.readCallers();
        d = GovernanceDeployer.deploy(s, deployer, deployer, address(0), deployer, deployer);
        GovernanceDemo.distribute(d, deployer);
        vm.stopBroadcast();
        GovernanceDemo.delegate(d);
    }

    function _write(GovernanceDeployment memory d, GovernanceConfig.Settings memory s, uint256 deployBlock) internal {
        string memory json = "governance";
        vm.serializeUint(json, "chainId", block.chainid);
        vm.serializeUint(json, "deployBlock", deployBlock);
        vm.serializeUint(json, "votingDelay", s.votingDelay);
        vm.serializeUint(json, "votingPeriod", s.votingPeriod);
        vm.serializeUint(json, "timelockDelay", s.timelockDelay);
        vm.serializeUint(json, "quorumPercent", s.quorumPercent);
        vm.serializeAddress("contracts", "RampartToken", address(d.token));
        vm.serializeAddress("contracts", "TimelockController", address(d.timelock));
        vm.serializeAddress("contracts", "RampartGovernor", address(d.governor));
        vm.serializeAddress("contracts", "RiskSteward", address(d.steward));
        string memory contracts = vm.serializeAddress("contracts", "PauseGuardian", address(d.guardian));
        string memory out = vm.serializeString(json, "contracts", contracts);
        // deployments/ must exist (the devnet launcher creates it, as for DeployDevnet).
        vm.writeJson(
            out, string.concat(vm.projectRoot(), "/../deployments/governance-", vm.toString(block.chainid), ".json")
        );
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Script} from "forge-std/Script.sol";
import {DevnetParams} from "./DevnetParams.sol";
import {Multicall3} from "../src/periphery/Multicall3.sol";
import {TestUSD} from "../src/devnet/TestUSD.sol";
import {DevnetPriceSource} from "../src/devnet/DevnetPriceSource.sol";
import {RiskConfig} from "../src/config/RiskConfig.sol";
import {OracleAggregator} from "../src/oracle/OracleAggregator.sol";
import {PerpEngine} from "../src/core/PerpEngine.sol";
import {LiquidityPool} from "../src/pool/LiquidityPool.sol";
import {OrderRouter} from "../src/router/OrderRouter.sol";
import {PerpLens} from "../src/lens/PerpLens.sol";
// ---- governance (issue 5)
import {GovernanceConfig} from "../src/libraries/GovernanceConfig.sol";
import {GovernanceDemo, GovernanceDeployment} from "./DeployGovernance.s.sol";
import {TierParams} from "../src/interfaces/IRiskConfig.sol";
import {
    ProtocolDeployer,
    ProtocolSpec,
    ProtocolDeployment,
    MarketSpec,
    TwoStepSpec,
    InsuranceSpec
} from "./ProtocolDeployer.sol";
import {RampartToken} from "../src/governance/RampartToken.sol";
import {InsuranceFund} from "../src/insurance/InsuranceFund.sol";
import {StakingVault} from "../src/insurance/StakingVault.sol";
import {DebtAuction} from "../src/insurance/DebtAuction.sol";
import {CollateralAuction} from "../src/insurance/CollateralAuction.sol";
import {LiquidationEngine} from "../src/liquidation/LiquidationEngine.sol";

/// @notice Deploys the devnet: Multicall3, the test settlement token and the protocol, seeds demo
/// state, and writes `deployments/<chainId>.json` (addresses and deploy block) for the dApp,
/// the keeper and the price feeder.
/// Run: forge script script/DeployDevnet.s.sol --rpc-url <rpc> --broadcast --private-key <deployer>
/// The deployer is the updater of every price source, the risk council (through the RiskSteward)
/// and the guardian operator (through the PauseGuardian). It is the config admin only while the
/// script runs: the last broadcast block (`deployGovernance`) hands RiskConfig (and with it the
/// OracleAggregator's and PerpEngine's admin functions, which check `config.owner()`) to the
/// governance timelock. Proposals for the demo: script/scripts/devnet/seedGovernance.ts, after this script.
/// Trading and LP flows are two-step (issue 10): this script cannot pass time on the chain, so the
/// LP seed deposit and the demo positions are left as REQUESTS (`LpRequested`, `OrderRequested`);
/// the TypeScript deploy (scripts/devnet/devnet.ts) then advances time, re-pushes the prices,
/// updates the oracle and executes them with the keeper's batch code: the LP deposit FIRST (the
/// open-interest caps are a fraction of the pool, so an open executed against the empty pool is
/// cancelled as Rejected), then the orders.
contract DeployDevnet is Script, DevnetParams {
    /// @dev anvil's default mnemonic accounts 1-4: the demo traders, LPs and stakers.
    uint256 internal constant DEMO_ACCOUNTS = 4;
    uint256 internal constant DEMO_BALANCE = 100_000e6;
    uint256 internal constant LP_DEPOSIT = 1_000_000e6;
    uint256 internal constant KEEPER_ACCOUNT = 5;
    uint256 internal constant KEEPER_BALANCE = 100_000e6;
    /// @dev The demo requests expire a minute before the longest allowed age: the chain's clock
    /// may run a little ahead of the simulation's.
    uint256 internal constant SEED_REQUEST_AGE = 9 minutes;
    string internal constant MNEMONIC = "test test test test test test test test test test test junk";

    string internal json = "deployment";

    struct Deployed {
        Multicall3 multicall;
        TestUSD usd;
        RiskConfig config;
        OracleAggregator oracle;
        PerpEngine engine;
        LiquidityPool pool;
        OrderRouter router;
        PerpLens lens;
        DevnetPriceSource[3][3] sources;
        Liquidation liq;
    }

    /// @dev The liquidation issue's contracts.
    struct Liquidation {
        RampartToken token;
        InsuranceFund fund;
        StakingVault vault;
        DebtAuction debtAuction;
        CollateralAuction collateralAuction;
        LiquidationEngine engine;
    }

    /// @dev Devnet liquidation parameters: minutes instead of the live 10 d / 2 d.
    uint256 internal constant STAKE_COOLDOWN = 5 minutes;
    uint256 internal constant STAKE_WINDOW = 10 minutes;
    uint256 internal constant MAX_SLASH = 0.3e18;
    /// @dev The slash cap holds over an hour (a devnet crash; live default 3 days).
    uint256 internal constant SLASH_WINDOW = 1 hours;
    /// @dev Debt auction: lot +20 % per unfilled round, socialise no sooner than an hour after the
    /// first round (live defaults 20 %, 3 days).
    uint256 internal constant LOT_GROWTH = 0.2e18;
    uint256 internal constant MIN_AUCTION_TIME = 1 hours;
    /// @dev Reward for liquidating a position of value ≤ 0: 5 tUSD (live default 10 USD).
    uint256 internal constant MIN_KEEPER_REWARD = 5e6;
    uint256 internal constant DEMO_STAKE = 20_000e6;

    function run() external {
        uint256 deployBlock = block.number;
        (Deployed memory d, GovernanceDeployment memory gov) = deploy();
        serializeGovernance(gov);
        write(d, deployBlock);
    }

    /// @notice Everything `run` does but writing the deployment JSON (test/devnet/DeployDevnet.t.sol
    /// runs it and executes the requests it leaves).
    function deploy() public returns (Deployed memory d, GovernanceDeployment memory gov) {
        vm.startBroadcast();
        (, address deployer,) = vm.readCallers(); // the broadcaster (also when a test calls `deploy`)
        d.multicall = new Multicall3();
        d.usd = new TestUSD();
        for (uint256 i = 1; i <= DEMO_ACCOUNTS; ++i) {
            d.usd.mint(demoAccount(i), DEMO_BALANCE);
        }
        d.usd.mint(demoAccount(1), LP_DEPOSIT);
        // The demo keeper (account 5, scripts/devnet/accounts.ts) bids on the debt auction with tUSD.
        d.usd.mint(demoAccount(KEEPER_ACCOUNT), KEEPER_BALANCE);
        string[3] memory names = ["ETH-USD", "BTC-USD", "SOL-USD"];
        int256[3] memory prices = [int256(3000e8), int256(60_000e8), int256(150e8)];
        for (uint256 m; m < 3; ++m) {
            for (uint256 i; i < 3; ++i) {
                // each source slightly off the others: -0.05 %, 0, +0.04 %
                int256 price = prices[m] + prices[m] * (int256(i) * 9 - 5) / 10_000;
                d.sources[m][i] = new DevnetPriceSource(
                    string.concat(names[m], " source ", vm.toString(i + 1)), deployer, price
                );
            }
        }
        ProtocolSpec memory spec = devnetSpec(d, deployer);
        ProtocolDeployment memory p = ProtocolDeployer.deploy(spec, deployer);
        vm.stopBroadcast();
        d.config = p.config;
        d.oracle = p.oracle;
        d.engine = p.engine;
        d.pool = p.pool;
        d.router = p.router;
        d.lens = p.lens;
        d.liq = Liquidation(p.gov.token, p.fund, p.vault, p.debtAuction, p.collateralAuction, p.liquidationEngine);
        gov = p.gov;

        // Stakers first: staker fees paid into an empty vault would price its first shares at
        // millions of tUSD each (ERC-4626 virtual shares), a confusing devnet.
        seedStakers(d);
        seed(d);
        // ---- governance (issue 5): must stay the last broadcast block; it ends with the timelock
        // owning RiskConfig.
        finishGovernance(p, spec);
    }

    /// @notice The devnet as a `ProtocolSpec` (the one deploy path, script/ProtocolDeployer.sol):
    /// `DevnetParams`' tiers, markets and two-step parameters, the insurance constants above,
    /// devnet governance settings; the deployer holds the supply (handed out to the demo accounts)
    /// and is risk council and guardian operator.
    function devnetSpec(Deployed memory d, address deployer) internal pure returns (ProtocolSpec memory s) {
        s.settlement = address(d.usd);
        s.tiers = new TierParams[](2);
        s.tiers[0] = blueChipTier();
        s.tiers[1] = highVolTier();
        s.markets = new MarketSpec[](3);
        string[3] memory names = ["ETH-USD", "BTC-USD", "SOL-USD"];
        uint256[3] memory tiers = [uint256(0), 0, 1];
        for (uint256 m; m < 3; ++m) {
            address[] memory sources = new address[](3);
            for (uint256 i; i < 3; ++i) {
                sources[i] = address(d.sources[m][i]);
            }
            s.markets[m] = MarketSpec(names[m], tiers[m], marketParams(), devnetOracleParams(), sources);
        }
        (s.insuranceFeeShare, s.stakerFeeShare) = (0.2e18, 0.2e18);
        s.twoStep = TwoStepSpec({
            routerMinDelay: ROUTER_MIN_DELAY,
            routerMaxOrderAge: ROUTER_MAX_ORDER_AGE,
            routerExecutionFee: ROUTER_EXECUTION_FEE,
            routerMinNotional: ROUTER_MIN_NOTIONAL,
            poolMinDelay: POOL_MIN_DELAY,
            poolMaxRequestAge: POOL_MAX_REQUEST_AGE,
            poolExecutionFee: POOL_EXECUTION_FEE,
            poolMinHoldTime: POOL_MIN_HOLD_TIME,
            poolMaxPnlFraction: POOL_MAX_PNL_FRACTION
        });
        // 10 → 1 tUSD per RPT over 10 minutes; at least 3 unfilled rounds (and MIN_AUCTION_TIME)
        // before the pool takes the rest; liquidator 50 % of the penalty; stakers 50 % of the
        // rest; full below health 0.5; dust 10 tUSD
        s.insurance = InsuranceSpec({
            stakeCooldown: STAKE_COOLDOWN,
            stakeWindow: STAKE_WINDOW,
            maxSlash: MAX_SLASH,
            slashWindow: SLASH_WINDOW,
            auctionStartPrice: 10e6,
            auctionMinPrice: 1e6,
            auctionRoundDuration: 10 minutes,
            auctionMinRounds: 3,
            auctionLotGrowth: LOT_GROWTH,
            auctionMinTime: MIN_AUCTION_TIME,
            keeperShare: 0.5e18,
            stakerShare: 0.5e18,
            fullLiquidationHealth: 0.5e18,
            dustNotional: 10e6,
            minKeeperReward: MIN_KEEPER_REWARD
        });
        s.governance = GovernanceConfig.devnet();
        (s.supplyRecipient, s.riskCouncil, s.guardianOperator) = (deployer, deployer, deployer);
    }

    // ================================================================ governance (issue 5)

    /// @dev Governance was deployed (token, timelock, Governor, RiskSteward, PauseGuardian with
    /// devnet settings) before the liquidation stack; this hands out the demo RPT (20/15/10/5 M to
    /// accounts 1-4, the rest to the timelock), then `ProtocolDeployer.handOver` makes the steward
    /// and the guardian those of RiskConfig and hands RiskConfig (and with it every contract whose
    /// admin is its owner) to the timelock (Ownable2Step: the timelock accepts in the same run).
    function finishGovernance(ProtocolDeployment memory p, ProtocolSpec memory spec) internal {
        vm.startBroadcast();
        (, address deployer,) = vm.readCallers();
        GovernanceDemo.distribute(p.gov, deployer);
        ProtocolDeployer.handOver(p, spec, deployer);
        vm.stopBroadcast();
        GovernanceDemo.delegate(p.gov); // signed by the demo accounts
    }

    /// @dev Adds the governance addresses to `contracts` and the settings under `governance`
    /// (serialised before `write`, which closes both objects).
    function serializeGovernance(GovernanceDeployment memory gov) internal {
        GovernanceConfig.Settings memory s = GovernanceConfig.devnet();
        vm.serializeAddress("contracts", "RampartToken", address(gov.token));
        vm.serializeAddress("contracts", "RampartGovernor", address(gov.governor));
        vm.serializeAddress("contracts", "Timelock", address(gov.timelock));
        // same address under the standalone governance script's key (scripts/devnet/seedGovernance.ts reads either)
        vm.serializeAddress("contracts", "TimelockController", address(gov.timelock));
        vm.serializeAddress("contracts", "RiskSteward", address(gov.steward));
        vm.serializeAddress("contracts", "PauseGuardian", address(gov.guardian));
        vm.serializeString("governance", "profile", "devnet");
        vm.serializeUint("governance", "votingDelay", s.votingDelay);
        vm.serializeUint("governance", "votingPeriod", s.votingPeriod);
        vm.serializeUint("governance", "timelockDelay", s.timelockDelay);
        vm.serializeUint("governance", "quorumPercent", s.quorumPercent);
        vm.serializeString("governance", "proposalThreshold", vm.toString(s.proposalThreshold));
        vm.serializeUint("governance", "stewardCooldown", s.stewardCooldown);
        vm.serializeString("governance", "mintCap", vm.toString(s.mintCap));
        string memory g = vm.serializeUint("governance", "mintPeriod", s.mintPeriod);
        vm.serializeString(json, "governance", g);
    }

    /// @dev LP deposit REQUEST from demo account 1; open REQUESTS from accounts 2-4 across markets,
    /// sides and leverages, some close to their tier's max so that a crash liquidates them (the
    /// TypeScript deploy executes them, the LP deposit first). Acceptable prices: 5 % worse than
    /// the price now.
    function seed(Deployed memory d) internal {
        uint256 expiry = block.timestamp + SEED_REQUEST_AGE;
        vm.startBroadcast(demoKey(1));
        d.usd.approve(address(d.pool), type(uint256).max);
        d.pool.requestDeposit(LP_DEPOSIT, 0, expiry);
        vm.stopBroadcast();

        vm.startBroadcast(demoKey(2));
        d.usd.approve(address(d.engine), type(uint256).max); // addCollateral stays one step
        d.usd.approve(address(d.router), type(uint256).max);
        requestOpen(d, 0, 10e18, 3500e6, expiry); // ETH long 10 @ ~8.7x (tier max 9x)
        requestOpen(d, 1, -0.5e18, 6000e6, expiry); // BTC short 0.5 @ ~5x
        vm.stopBroadcast();

        vm.startBroadcast(demoKey(3));
        d.usd.approve(address(d.engine), type(uint256).max);
        d.usd.approve(address(d.router), type(uint256).max);
        requestOpen(d, 2, 100e18, 2000e6, expiry); // SOL long 100 @ ~7.6x (tier max 8x)
        requestOpen(d, 0, -5e18, 2000e6, expiry); // ETH short 5 @ ~7.5x
        vm.stopBroadcast();

        vm.startBroadcast(demoKey(4));
        d.usd.approve(address(d.engine), type(uint256).max);
        d.usd.approve(address(d.router), type(uint256).max);
        requestOpen(d, 1, 1e18, 7000e6, expiry); // BTC long 1 @ ~8.6x (tier max 9x)
        requestOpen(d, 0, 2e18, 2000e6, expiry); // ETH long 2 @ 3x
        requestOpen(d, 2, -50e18, 2500e6, expiry); // SOL short 50 @ 3x
        vm.stopBroadcast();
    }

    /// @dev An open request whose acceptable price is 5 % worse than the accepted price now (a
    /// ceiling for a long, a floor for a short).
    function requestOpen(Deployed memory d, uint256 marketId, int256 size, uint256 collateral, uint256 expiry)
        internal
    {
        uint256 price = d.oracle.latest(marketId).price;
        uint256 acceptable = size > 0 ? price * 105 / 100 : price * 95 / 100;
        d.router.requestOpen(marketId, size, collateral, acceptable, expiry);
    }

    /// @dev Demo accounts 1 and 3 stake into the insurance fund.
    function seedStakers(Deployed memory d) internal {
        uint256[2] memory who = [uint256(1), 3];
        for (uint256 i; i < 2; ++i) {
            vm.startBroadcast(demoKey(who[i]));
            d.usd.approve(address(d.liq.vault), type(uint256).max);
            d.liq.vault.deposit(DEMO_STAKE, demoAccount(who[i]));
            vm.stopBroadcast();
        }
    }

    function write(Deployed memory d, uint256 deployBlock) internal {
        vm.serializeUint(json, "chainId", block.chainid);
        vm.serializeUint(json, "deployBlock", deployBlock);
        vm.serializeAddress("contracts", "Multicall3", address(d.multicall));
        // the same name as a network deployment's (DeployNetwork.s.sol): one name for the dApp to read
        vm.serializeAddress("contracts", "SettlementToken", address(d.usd));
        vm.serializeAddress("contracts", "RiskConfig", address(d.config));
        vm.serializeAddress("contracts", "OracleAggregator", address(d.oracle));
        vm.serializeAddress("contracts", "PerpEngine", address(d.engine));
        vm.serializeAddress("contracts", "LiquidityPool", address(d.pool));
        vm.serializeAddress("contracts", "OrderRouter", address(d.router));
        vm.serializeAddress("contracts", "PerpLens", address(d.lens));
        vm.serializeAddress("contracts", "LiquidationEngine", address(d.liq.engine));
        vm.serializeAddress("contracts", "InsuranceFund", address(d.liq.fund));
        vm.serializeAddress("contracts", "StakingVault", address(d.liq.vault));
        vm.serializeAddress("contracts", "DebtAuction", address(d.liq.debtAuction));
        vm.serializeAddress("contracts", "CollateralAuction", address(d.liq.collateralAuction));
        string[3] memory keys = ["PriceSources_ETH_USD", "PriceSources_BTC_USD", "PriceSources_SOL_USD"];
        string memory contracts;
        for (uint256 m; m < 3; ++m) {
            address[] memory list = new address[](3);
            for (uint256 i; i < 3; ++i) {
                list[i] = address(d.sources[m][i]);
            }
            contracts = vm.serializeAddress("contracts", keys[m], list);
        }
        vm.serializeUint("markets", "ETH-USD", 0);
        vm.serializeUint("markets", "BTC-USD", 1);
        string memory markets = vm.serializeUint("markets", "SOL-USD", 2);
        vm.serializeString(json, "markets", markets);
        string memory out = vm.serializeString(json, "contracts", contracts);
        vm.writeJson(out, string.concat(vm.projectRoot(), "/../deployments/", vm.toString(block.chainid), ".json"));
    }

    function demoKey(uint256 index) internal pure returns (uint256) {
        return vm.deriveKey(MNEMONIC, uint32(index));
    }

    function demoAccount(uint256 index) internal pure returns (address) {
        return vm.addr(demoKey(index));
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {TierParams, MarketParams, OracleParams, IRiskConfig} from "../src/interfaces/IRiskConfig.sol";
import {AggregatorV3Interface} from "../src/interfaces/AggregatorV3Interface.sol";
import {RiskConfig} from "../src/config/RiskConfig.sol";
import {OracleAggregator} from "../src/oracle/OracleAggregator.sol";
import {PerpEngine} from "../src/core/PerpEngine.sol";
import {LiquidityPool} from "../src/pool/LiquidityPool.sol";
import {OrderRouter} from "../src/router/OrderRouter.sol";
import {PerpLens} from "../src/lens/PerpLens.sol";
import {IPerpEngineTrading} from "../src/interfaces/IPerpEngineTrading.sol";
import {IOracleHistory} from "../src/interfaces/IOracleHistory.sol";
import {RampartToken} from "../src/governance/RampartToken.sol";
import {InsuranceFund} from "../src/insurance/InsuranceFund.sol";
import {StakingVault} from "../src/insurance/StakingVault.sol";
import {DebtAuction} from "../src/insurance/DebtAuction.sol";
import {CollateralAuction} from "../src/insurance/CollateralAuction.sol";
import {LiquidationEngine} from "../src/liquidation/LiquidationEngine.sol";
import {IPerpEngineLiquidation} from "../src/interfaces/IPerpEngineLiquidation.sol";
import {IInsuranceFund, IStakingVault, IDebtAuction} from "../src/interfaces/IInsurance.sol";
import {ICollateralAuction} from "../src/interfaces/ICollateralAuction.sol";
import {GovernanceConfig} from "../src/libraries/GovernanceConfig.sol";
import {GovernanceDeployer, GovernanceDeployment} from "./DeployGovernance.s.sol";

/// @notice One market as deployed: its name, tier, parameters and price sources (Chainlink
/// `AggregatorV3Interface` feeds on a live network, `DevnetPriceSource`s on the devnet).
struct MarketSpec {
    string name;
    uint256 tier;
    MarketParams params;
    OracleParams oracle;
    address[] sources;
}

/// @notice Two-step execution (issue 10): the router's and the pool's parameters.
struct TwoStepSpec {
    uint256 routerMinDelay;
    uint256 routerMaxOrderAge;
    uint256 routerExecutionFee;
    uint256 routerMinNotional;
    uint256 poolMinDelay;
    uint256 poolMaxRequestAge;
    uint256 poolExecutionFee;
    uint256 poolMinHoldTime;
    uint256 poolMaxPnlFraction;
}

/// @notice The insurance stack's parameters (docs/insurance.md, docs/liquidation.md).
struct InsuranceSpec {
    uint256 stakeCooldown;
    uint256 stakeWindow;
    uint256 maxSlash;
    uint256 slashWindow;
    uint256 auctionStartPrice;
    uint256 auctionMinPrice;
    uint256 auctionRoundDuration;
    uint256 auctionMinRounds;
    uint256 auctionLotGrowth;
    uint256 auctionMinTime;
    uint256 keeperShare;
    uint256 stakerShare;
    uint256 fullLiquidationHealth;
    uint256 dustNotional;
    uint256 minKeeperReward;
}

/// @notice Everything one deployment of the protocol is made from: the devnet's comes from
/// `DevnetParams` (script/DeployDevnet.s.sol), a live network's from `networks/<name>.json`
/// (scripts/deploy.ts encodes it for script/DeployNetwork.s.sol).
struct ProtocolSpec {
    /// @dev The settlement token (6 decimals: USDC on a live network, TestUSD on the devnet).
    address settlement;
    TierParams[] tiers;
    MarketSpec[] markets;
    uint64 insuranceFeeShare;
    uint64 stakerFeeShare;
    TwoStepSpec twoStep;
    InsuranceSpec insurance;
    GovernanceConfig.Settings governance;
    /// @dev Receives the governance token's initial supply (zero: the timelock, i.e. the treasury).
    address supplyRecipient;
    /// @dev May move parameters within the steward's caps (zero: none until governance names one).
    address riskCouncil;
    /// @dev May pause through the `PauseGuardian` (zero: none until governance names one).
    address guardianOperator;
}

/// @notice The deployed protocol.
struct ProtocolDeployment {
    RiskConfig config;
    OracleAggregator oracle;
    PerpEngine engine;
    LiquidityPool pool;
    OrderRouter router;
    PerpLens lens;
    InsuranceFund fund;
    StakingVault vault;
    DebtAuction debtAuction;
    CollateralAuction collateralAuction;
    LiquidationEngine liquidationEngine;
    GovernanceDeployment gov;
}

/// @notice Deploys and wires the protocol from a `ProtocolSpec`: one deploy path for the devnet
/// and every live network. Internal, so every call runs under the calling script's broadcast.
/// `deploy` leaves the deployer as RiskConfig's owner (a devnet seeds demo state then);
/// `handOver` gives RiskConfig (and with it every contract whose admin is its owner) to the
/// timelock and leaves the deployer with no role at all.
library ProtocolDeployer {
    /// @dev Salt of the timelock operation that makes the debt auction the token's minter.
    bytes32 internal constant MINTER_SALT = keccak256("rampart.minter");

    function deploy(ProtocolSpec memory s, address deployer) internal returns (ProtocolDeployment memory d) {
        IERC20 usd = IERC20(s.settlement);
        d.config = new RiskConfig(deployer);
        for (uint256 i; i < s.tiers.length; ++i) {
            d.config.addTier(s.tiers[i]);
        }
        for (uint256 m; m < s.markets.length; ++m) {
            d.config.addMarket(s.markets[m].name, s.markets[m].tier, s.markets[m].params, s.markets[m].oracle);
        }
        d.config.setFeeSplit(s.insuranceFeeShare, s.stakerFeeShare);
        d.config.setGuardian(deployer); // until the hand-over names the PauseGuardian

        d.oracle = new OracleAggregator(d.config);
        for (uint256 m; m < s.markets.length; ++m) {
            for (uint256 i; i < s.markets[m].sources.length; ++i) {
                d.oracle.addSource(m, AggregatorV3Interface(s.markets[m].sources[i]));
            }
            d.oracle.update(m);
        }

        d.engine = new PerpEngine(usd, d.config, d.oracle);
        d.pool = new LiquidityPool(usd, d.engine);
        d.engine.setPool(address(d.pool));
        d.config.setEngine(address(d.engine));
        TwoStepSpec memory t = s.twoStep;
        d.pool.setParameters(
            t.poolMinDelay, t.poolMaxRequestAge, t.poolExecutionFee, t.poolMinHoldTime, t.poolMaxPnlFraction
        );
        d.router = new OrderRouter(
            usd, IRiskConfig(address(d.config)), IPerpEngineTrading(address(d.engine)), IOracleHistory(address(d.oracle))
        );
        d.router.setParameters(t.routerMinDelay, t.routerMaxOrderAge, t.routerExecutionFee, t.routerMinNotional);
        d.engine.setRouter(address(d.router));
        d.lens = new PerpLens(address(d.engine));
        // Governance first (its token is the one the debt auction mints); the hand-over comes last.
        d.gov = GovernanceDeployer.deployForHandover(
            s.governance, deployer, s.supplyRecipient == address(0) ? deployer : s.supplyRecipient, address(0),
            s.riskCouncil, s.guardianOperator
        );
        _deployInsurance(d, s.insurance, usd, deployer);
    }

    /// @notice Names the steward and the guardian, gives RiskConfig to the timelock (which accepts
    /// in the same batch that sets its real delay) and ends every role of the deployer. With no
    /// supply recipient named, the deployer's governance tokens go to the timelock first.
    function handOver(ProtocolDeployment memory d, ProtocolSpec memory s, address deployer) internal {
        if (s.supplyRecipient == address(0)) {
            d.gov.token.transfer(address(d.gov.timelock), d.gov.token.balanceOf(deployer));
        }
        d.config.setSteward(address(d.gov.steward));
        d.config.setGuardian(address(d.gov.guardian));
        d.config.transferOwnership(address(d.gov.timelock));
        address[] memory owned = new address[](1);
        owned[0] = address(d.config);
        GovernanceDeployer.handOver(d.gov, s.governance, deployer, owned);
    }

    /// @dev Insurance fund, staking vault, debt auction (the governance token's only minter),
    /// collateral auction and liquidation engine, wired to the engine and the config.
    function _deployInsurance(ProtocolDeployment memory d, InsuranceSpec memory p, IERC20 usd, address deployer)
        private
    {
        d.fund = new InsuranceFund(usd, d.config, address(d.engine));
        d.vault = new StakingVault(usd, d.config, address(d.engine), p.stakeCooldown, p.stakeWindow, p.maxSlash);
        d.debtAuction = new DebtAuction(
            usd,
            d.gov.token,
            d.config,
            address(d.engine),
            IInsuranceFund(address(d.fund)),
            p.auctionStartPrice,
            p.auctionMinPrice,
            p.auctionRoundDuration,
            p.auctionMinRounds
        );
        d.collateralAuction = new CollateralAuction(usd, IInsuranceFund(address(d.fund)));
        d.liquidationEngine = new LiquidationEngine(
            IPerpEngineLiquidation(address(d.engine)),
            d.config,
            IInsuranceFund(address(d.fund)),
            p.keeperShare,
            p.stakerShare,
            p.fullLiquidationHealth,
            p.dustNotional
        );
        // the parameters the constructors leave at their live defaults
        d.vault.setParameters(p.stakeCooldown, p.stakeWindow, p.maxSlash, p.slashWindow);
        d.debtAuction.setParameters(
            p.auctionStartPrice,
            p.auctionMinPrice,
            p.auctionRoundDuration,
            p.auctionMinRounds,
            p.auctionLotGrowth,
            p.auctionMinTime
        );
        d.liquidationEngine.setParameters(
            p.keeperShare, p.stakerShare, p.fullLiquidationHealth, p.dustNotional, p.minKeeperReward
        );
        d.config.setFeeRecipients(address(d.fund), address(d.vault));
        d.engine.setLiquidator(address(d.liquidationEngine));
        d.fund.wire(
            address(d.liquidationEngine),
            IStakingVault(address(d.vault)),
            IDebtAuction(address(d.debtAuction)),
            ICollateralAuction(address(d.collateralAuction))
        );
        d.vault.setFund(address(d.fund));
        // The governance token belongs to the timelock: the deployer, still its admin before the
        // hand-over, has it make the debt auction the token's only minter.
        TimelockController tl = d.gov.timelock;
        bytes memory call = abi.encodeCall(RampartToken.setMinter, (address(d.debtAuction)));
        tl.grantRole(tl.PROPOSER_ROLE(), deployer);
        tl.schedule(address(d.gov.token), 0, call, bytes32(0), MINTER_SALT, 0);
        tl.execute(address(d.gov.token), 0, call, bytes32(0), MINTER_SALT);
        tl.revokeRole(tl.PROPOSER_ROLE(), deployer);
    }
}

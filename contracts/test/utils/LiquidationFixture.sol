// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Fixture} from "./Fixture.sol";
import {RampartToken} from "../../src/governance/RampartToken.sol";
import {InsuranceFund} from "../../src/insurance/InsuranceFund.sol";
import {StakingVault} from "../../src/insurance/StakingVault.sol";
import {DebtAuction} from "../../src/insurance/DebtAuction.sol";
import {CollateralAuction} from "../../src/insurance/CollateralAuction.sol";
import {LiquidationEngine} from "../../src/liquidation/LiquidationEngine.sol";
import {IPerpEngineLiquidation} from "../../src/interfaces/IPerpEngineLiquidation.sol";
import {IInsuranceFund, IStakingVault, IDebtAuction} from "../../src/interfaces/IInsurance.sol";
import {ICollateralAuction} from "../../src/interfaces/ICollateralAuction.sol";
import {TierParams, OracleParams} from "../../src/interfaces/IRiskConfig.sol";
import {PoolValue} from "../../src/interfaces/ILiquidityPool.sol";

/// @notice Fixture plus the liquidation stack: governance token (minter = debt auction),
/// insurance fund, staking vault, debt and collateral auctions, liquidation engine.
abstract contract LiquidationFixture is Fixture {
    uint256 internal constant COOLDOWN = 10 minutes;
    uint256 internal constant WINDOW = 5 minutes;
    uint256 internal constant MAX_SLASH = 0.3e18;
    uint256 internal constant START_PRICE = 10e6; // 10 tUSD per RPT
    uint256 internal constant MIN_PRICE = 1e6;
    uint256 internal constant AUCTION_DURATION = 1 hours;
    uint256 internal constant MAX_ROUNDS = 3;
    uint256 internal constant MINT_CAP = 100_000e18;
    uint256 internal constant KEEPER_SHARE = 0.5e18;
    uint256 internal constant STAKER_SHARE = 0.5e18;
    uint256 internal constant FULL_HEALTH = 0.5e18;
    uint256 internal constant DUST = 10e6;

    RampartToken internal rpt;
    InsuranceFund internal fund;
    StakingVault internal vault;
    DebtAuction internal auction;
    CollateralAuction internal collAuction;
    LiquidationEngine internal liq;

    address internal keeper = makeAddr("keeper");
    address internal staker = makeAddr("staker");
    address internal staker2 = makeAddr("staker2");
    address internal bidder = makeAddr("bidder");

    function setUp() public virtual override {
        super.setUp();
        rpt = new RampartToken(admin, admin, 10_000_000e18, address(0), MINT_CAP, 1 hours);
        fund = new InsuranceFund(usd, config, address(engine));
        vault = new StakingVault(usd, config, address(engine), COOLDOWN, WINDOW, MAX_SLASH);
        auction = new DebtAuction(
            usd, rpt, config, address(engine), IInsuranceFund(fund), START_PRICE, MIN_PRICE, AUCTION_DURATION, MAX_ROUNDS
        );
        collAuction = new CollateralAuction(usd, IInsuranceFund(fund));
        liq = new LiquidationEngine(
            IPerpEngineLiquidation(address(engine)), config, IInsuranceFund(fund), KEEPER_SHARE, STAKER_SHARE, FULL_HEALTH, DUST
        );
        config.setFeeRecipients(address(fund), address(vault));
        engine.setLiquidator(address(liq));
        fund.wire(address(liq), IStakingVault(address(vault)), IDebtAuction(address(auction)), ICollateralAuction(address(collAuction)));
        vault.setFund(address(fund));
        rpt.setMinter(address(auction));

        for (uint256 i; i < 3; ++i) {
            address a = i == 0 ? staker : i == 1 ? staker2 : bidder;
            usd.mint(a, 1_000_000e6);
            vm.startPrank(a);
            usd.approve(address(vault), type(uint256).max);
            usd.approve(address(auction), type(uint256).max);
            usd.approve(address(collAuction), type(uint256).max);
            vm.stopPrank();
        }
    }

    function _stake(address who, uint256 assets) internal returns (uint256 shares) {
        vm.prank(who);
        shares = vault.deposit(assets, who);
    }

    /// @dev The oracle step the partial tier's leverage allows (the gap-aware cap, issue 13):
    /// 1/33.34 = 2.9994 % ≥ 2.4 % + 0.5 % penalty + 0.05 % taker fee.
    uint256 internal constant PARTIAL_MAX_JUMP = 0.024e18;

    /// @dev Tier with a penalty below mm and a low im, where a partial close is meaningful:
    /// mm 2 %, im = max(3 %, 1/33.34) = 3 %, penalty 0.5 %. Needs ETH's and BTC's oracle step at
    /// `PARTIAL_MAX_JUMP` (`_usePartialTier`).
    function partialTier() internal pure returns (TierParams memory t) {
        t = TierParams({
            mmBase: 0.02e18,
            mmMax: 0.05e18,
            imMultiplier: 1.5e18,
            oiCapFraction: 0.5e18,
            maxLeverage: 33.34e18,
            liquidationPenalty: 0.005e18,
            volMultiplier: 2.33e18,
            horizon: 1 hours,
            maxMmRisePerHour: 0.005e18
        });
    }

    /// @dev Tier 0 (ETH, BTC) becomes the partial tier, in force: first the oracle step its
    /// leverage allows (RiskConfig refuses the tier before it).
    function _usePartialTier() internal {
        for (uint256 m; m < 2; ++m) {
            OracleParams memory o = config.oracleParams(m);
            o.maxJump = uint64(PARTIAL_MAX_JUMP);
            config.setOracleParams(m, o);
        }
        _setTierInForce(0, partialTier());
    }

    /// @dev A move the devnet's oracle accepts in one step (≤ its 10 % maxJump) is walked in
    /// steps this market's oracle accepts (2.4 % under the partial tier), in the same second, so
    /// the test's price is accepted as on the devnet; a larger move is pushed at once (guarded).
    function _setPrice(uint256 marketId, int256 price8) internal virtual override {
        uint256 jump = config.oracleParams(marketId).maxJump;
        int256 from = int256(oracle.latest(marketId).price / 1e10);
        int256 diff = price8 > from ? price8 - from : from - price8;
        if (from == 0 || jump >= 0.1e18 || diff * 10 > from) return super._setPrice(marketId, price8);
        // steps of at most 90 % of maxJump from the last accepted price
        int256 maxStep = from * int256(jump) * 9 / 10 / 1e18;
        while (diff > maxStep) {
            from = price8 > from ? from + maxStep : from - maxStep;
            super._setPrice(marketId, from);
            maxStep = from * int256(jump) * 9 / 10 / 1e18;
            diff = price8 > from ? price8 - from : from - price8;
        }
        super._setPrice(marketId, price8);
    }

    /// @dev Token balances of every protocol contract equal the sum of what the protocol owes:
    /// engine = collateral + pool assets + pending fees + claimable payouts; fund = buffer +
    /// claimable keeper rewards; vault = staked.
    function _assertAccounting() internal view {
        assertEq(usd.balanceOf(address(engine)), _protocolLiabilities() + engine.totalClaimable(), "engine accounting");
        PoolValue memory v = pool.poolValue();
        assertEq(v.tokens, engine.poolAssets(), "pool tokens = engine books");
        assertEq(v.receivable, fund.outstandingDeficit(), "pool receivable = auction deficit");
        // the engine's receivable (the one copy) is exactly what the debt auction still owes
        assertEq(engine.poolReceivable(), auction.deficit(), "engine receivable = auction deficit");
        assertEq(pool.receivableOf(address(fund)), auction.deficit(), "fund's entry = its auction's deficit");
        int256 marked = int256(v.tokens + v.receivable) - v.countedTraderPnl;
        assertEq(pool.totalAssets(), marked > 0 ? uint256(marked) : 0, "pool = assets + receivable - counted PnL");
        assertEq(usd.balanceOf(address(fund)), fund.buffer() + fund.totalClaimable(), "fund buffer + claimable");
        assertEq(usd.balanceOf(address(vault)), vault.stakedBalance(), "vault staked");
        assertEq(usd.balanceOf(address(auction)), 0, "auction holds nothing");
        assertEq(usd.balanceOf(address(collAuction)), 0, "collateral auction holds no usd");
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRiskConfig} from "../interfaces/IRiskConfig.sol";
import {
    IPerpEngineLiquidation,
    ILiquidationPlanner,
    LiquidationTerms,
    LiquidationResult,
    PartialQuote
} from "../interfaces/IPerpEngineLiquidation.sol";
import {LiquidationMath} from "../libraries/LiquidationMath.sol";
import {ILiquidationEngine, IInsuranceFund, LiquidationTarget} from "../interfaces/IInsurance.sol";
import {IOracleAggregator} from "../interfaces/IOracleAggregator.sol";

/// @title LiquidationEngine
/// @notice Permissionless liquidation of positions with health < 1 at freshly updated oracle prices. The
/// perp engine does the position maths (partial first, full when health < `fullHealth` or the
/// rest is dust); this contract holds the liquidation parameters, pays no reward on
/// self-liquidation and hands any bad debt to the insurance fund's waterfall.
interface IScaled {
    function scale() external view returns (uint256);
    function oracle() external view returns (IOracleAggregator);
}

contract LiquidationEngine is ILiquidationEngine, ILiquidationPlanner {
    uint256 internal constant WAD = 1e18;

    /// @notice Bounds: liquidator share of the penalty 0–100 %, stakers' share of the rest
    /// 0–100 %, full-liquidation health 10 %–95 %, dust threshold ≤ 1e12 token units.
    uint256 public constant MAX_DUST = 1e12;
    uint256 public constant MIN_FULL_HEALTH = 0.1e18;
    uint256 public constant MAX_FULL_HEALTH = 0.95e18;
    /// @notice Minimum keeper reward: live default 10 USD, at most 1,000 USD (`maxMinKeeperReward`).
    uint256 public constant LIVE_MIN_KEEPER_REWARD_USD = 10e18;
    uint256 public constant MAX_MIN_KEEPER_REWARD_USD = 1000e18;
    /// @notice Gas a batch needs left to attempt one more target (below: `InsufficientGas`).
    uint256 public constant MIN_TARGET_GAS = 30_000;

    IPerpEngineLiquidation public immutable engine;
    IRiskConfig public immutable config;
    IInsuranceFund public immutable fund;
    /// @notice The engine's oracle aggregator, refreshed before every liquidation.
    IOracleAggregator public immutable oracle;
    /// @notice The engine's 10^(18 − token decimals).
    uint256 public immutable scale;
    /// @notice Hard upper bound of `minKeeperReward` in token units (1,000 USD).
    uint256 public immutable maxMinKeeperReward;

    /// @dev One slot, read once per liquidation.
    struct Params {
        uint64 keeperShare;
        uint64 stakerShare;
        uint64 fullHealth;
        uint64 dustNotional;
    }

    Params internal _params;
    /// @notice Reward (token units) the buffer pays a keeper for liquidating a position whose
    /// value is ≤ 0 (no penalty to share then); never to the trader itself, never more than the
    /// buffer holds. Its own slot: read only on that path.
    uint256 public minKeeperReward;

    constructor(
        IPerpEngineLiquidation engine_,
        IRiskConfig config_,
        IInsuranceFund fund_,
        uint256 keeperShare_,
        uint256 stakerShare_,
        uint256 fullHealth_,
        uint256 dustNotional_
    ) {
        engine = engine_;
        config = config_;
        fund = fund_;
        uint256 s = IScaled(address(engine_)).scale();
        scale = s;
        oracle = IScaled(address(engine_)).oracle();
        maxMinKeeperReward = MAX_MIN_KEEPER_REWARD_USD / s;
        _set(keeperShare_, stakerShare_, fullHealth_, dustNotional_);
        _setMinKeeperReward(LIVE_MIN_KEEPER_REWARD_USD / s);
    }

    /// @notice Sets the liquidation parameters within their bounds (config owner only).
    function setParameters(
        uint256 keeperShare_,
        uint256 stakerShare_,
        uint256 fullHealth_,
        uint256 dustNotional_,
        uint256 minKeeperReward_
    ) external {
        if (msg.sender != config.owner()) revert NotOwner(msg.sender);
        _set(keeperShare_, stakerShare_, fullHealth_, dustNotional_);
        _setMinKeeperReward(minKeeperReward_);
    }

    /// @notice Liquidates one position; reverts (engine's custom errors) when it is healthy, has
    /// no position, or the oracle is stale or guarded. The caller gets `keeperShare` of the
    /// penalty, unless it is the trader itself.
    /// The oracle is updated first (it never reverts), so the position is valued at a price no
    /// older than the sources' newest data, not at one the caller chose to leave unrefreshed.
    function liquidate(address trader, uint256 marketId) external returns (LiquidationResult memory r) {
        oracle.update(marketId);
        r = engine.liquidatePosition(trader, marketId, _terms(trader));
        _after(trader, marketId, r);
    }

    /// @notice Liquidates every liquidatable target; skips (with an event) those that revert.
    /// The oracle is updated once per distinct market of the batch, before its first target.
    function liquidateMany(LiquidationTarget[] calldata targets) external returns (uint256 liquidated) {
        uint256 n = targets.length;
        uint256[] memory updated = new uint256[](n);
        uint256 updates;
        for (uint256 i; i < n; ++i) {
            address trader = targets[i].trader;
            uint256 marketId = targets[i].marketId;
            if (!_contains(updated, updates, marketId)) {
                uint256 gasAtUpdate = gasleft();
                // an unknown market reverts here; its targets are then skipped below, not the batch
                try oracle.update(marketId) {}
                catch (bytes memory reason) {
                    if (reason.length == 0 && gasleft() < gasAtUpdate / 8) revert InsufficientGas();
                }
                updated[updates++] = marketId;
            }
            uint256 gasBefore = gasleft();
            // Too little left to liquidate anything, or even to record a skip after the engine call
            // runs out (the 1/64 it keeps back): this transaction ran out of gas, not the target.
            if (gasBefore < MIN_TARGET_GAS) revert InsufficientGas();
            try engine.liquidatePosition(trader, marketId, _terms(trader)) returns (LiquidationResult memory r)
            {
                _after(trader, marketId, r);
                ++liquidated;
            } catch (bytes memory reason) {
                // An empty revert that used up nearly all the gas this call was given is this
                // transaction running out of gas, not the position failing (each nested call
                // keeps back 1/64, so under 1/8 left covers the engine's depth).
                if (reason.length == 0 && gasleft() < gasBefore / 8) revert InsufficientGas();
                emit LiquidationSkipped(trader, marketId, reason.length >= 4 ? bytes4(reason) : bytes4(0));
            }
        }
    }

    /// @notice Liquidator's share of the penalty (WAD; 0 on self-liquidation).
    function keeperShare() external view returns (uint256) {
        return _params.keeperShare;
    }

    /// @notice Stakers' share of the rest of the penalty (WAD); the buffer gets the remainder.
    function stakerShare() external view returns (uint256) {
        return _params.stakerShare;
    }

    /// @notice Below this health (WAD) a position is closed in full.
    function fullHealth() external view returns (uint256) {
        return _params.fullHealth;
    }

    /// @notice A remainder with a smaller notional (token units) is closed too.
    function dustNotional() external view returns (uint256) {
        return _params.dustNotional;
    }

    /// @inheritdoc ILiquidationPlanner
    function partialCloseSize(PartialQuote calldata q) external view returns (uint256) {
        return LiquidationMath.checkedPartialSize(q, scale, _params.dustNotional);
    }

    function _terms(address trader) internal view returns (LiquidationTerms memory t) {
        Params memory p = _params;
        t.keeper = msg.sender;
        t.fullHealth = p.fullHealth;
        t.dustNotional = p.dustNotional;
        // Self-liquidation pays no reward: the trader then always loses the whole penalty, more
        // than a voluntary close costs, so liquidating oneself can never be farmed.
        t.keeperShare = trader == msg.sender ? 0 : p.keeperShare;
        t.stakerShare = p.stakerShare;
    }

    function _after(address trader, uint256 marketId, LiquidationResult memory r) internal {
        emit Liquidated(
            trader, marketId, msg.sender, r.closedSize, r.penalty, r.keeperReward, r.payout, r.shortfall, r.full
        );
        if (r.shortfall != 0) fund.coverShortfall(r.shortfall);
        // Value ≤ 0 (full, no penalty, no payout): nothing to share, yet these positions are the
        // ones whose loss grows while they wait. The buffer pays a minimum reward, after the
        // shortfall; none to the trader itself (through a second address the trader earns it only
        // after losing its whole collateral, and governance bounds it).
        if (r.full && r.penalty == 0 && r.payout == 0 && trader != msg.sender) {
            uint256 reward = minKeeperReward;
            if (reward != 0) fund.payKeeperReward(msg.sender, reward);
        }
    }

    function _contains(uint256[] memory list, uint256 len, uint256 v) internal pure returns (bool) {
        for (uint256 j; j < len; ++j) {
            if (list[j] == v) return true;
        }
        return false;
    }

    function _set(uint256 k, uint256 s, uint256 h, uint256 d) internal {
        _bound("keeperShare", k, 0, WAD);
        _bound("stakerShare", s, 0, WAD);
        _bound("fullHealth", h, MIN_FULL_HEALTH, MAX_FULL_HEALTH);
        _bound("dustNotional", d, 0, MAX_DUST);
        _params = Params(uint64(k), uint64(s), uint64(h), uint64(d));
        emit ParametersSet(k, s, h, d);
    }

    function _setMinKeeperReward(uint256 reward) internal {
        _bound("minKeeperReward", reward, 0, maxMinKeeperReward);
        minKeeperReward = reward;
        emit MinKeeperRewardSet(reward);
    }

    function _bound(bytes32 name, uint256 v, uint256 lo, uint256 hi) internal pure {
        if (v < lo || v > hi) revert ParameterOutOfBounds(name, v, lo, hi);
    }
}

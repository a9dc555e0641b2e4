// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IRiskConfig} from "../interfaces/IRiskConfig.sol";
import {IEngineFees} from "../interfaces/IPerpEngineLiquidation.sol";
import {IInsuranceFund, IStakingVault, StakeView} from "../interfaces/IInsurance.sol";
import {StakingMath} from "../libraries/StakingMath.sol";

/// @title StakingVault
/// @notice Insurance stakers' ERC-4626 vault of the settlement token. Yield (the stakers' share
/// of fees and liquidation penalties, accumulated in the engine) raises the share price; slashing
/// by the insurance fund lowers it, pro rata for every share, including shares in cooldown.
/// Exit: `cooldown()` fixes the redeemable shares (the whole balance then, later capped by the
/// lowest balance held since); after `cooldownPeriod` they can be redeemed during
/// `unstakeWindow`, at the share price of that moment. `_decimalsOffset` = 6 against inflation.
/// Slashing is capped per crash: at most `maxSlash` of the vault over any `slashWindow`.
contract StakingVault is IStakingVault, ERC4626, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 internal constant WAD = 1e18;
    /// @notice Live-network defaults.
    uint256 public constant LIVE_COOLDOWN = 10 days;
    uint256 public constant LIVE_WINDOW = 2 days;
    /// @notice Hard bounds.
    uint256 public constant MIN_PERIOD = 1 minutes;
    uint256 public constant MAX_COOLDOWN = 30 days;
    uint256 public constant MAX_WINDOW = 14 days;
    uint256 public constant MIN_MAX_SLASH = 0.01e18;
    uint256 public constant MAX_MAX_SLASH = 0.5e18;
    /// @notice The slash window is split into this many buckets; the cap counts the current
    /// bucket and the `SLASH_BUCKETS` before it, so it holds over any interval of `slashWindow`
    /// (conservative by at most one bucket, `slashWindow / SLASH_BUCKETS`).
    uint256 public constant SLASH_BUCKETS = 8;
    uint256 internal constant SLASH_RING = SLASH_BUCKETS + 1;
    /// @notice Bounds and live default of the slash window: 10 minutes–30 days, 3 days.
    uint256 public constant MIN_SLASH_WINDOW = 10 minutes;
    uint256 public constant MAX_SLASH_WINDOW = 30 days;
    uint256 public constant LIVE_SLASH_WINDOW = 3 days;

    struct Cooldown {
        uint128 shares;
        uint64 start;
    }

    /// @dev Slashes recorded in one bucket of the window, and the time of its latest one.
    struct SlashBucket {
        uint64 lastSlashAt;
        uint192 amount;
    }

    IRiskConfig public immutable config;
    address public immutable engine;
    address public fund;

    /// @notice Tokens held for stakers (internal: donations change nothing).
    uint256 public stakedBalance;
    uint256 public cooldownPeriod;
    uint256 public unstakeWindow;
    uint256 public maxSlash;
    /// @notice Length of the rolling window over which at most `maxSlash` of the vault can be
    /// slashed (a crash, not a block: batching cannot multiply the cap).
    uint256 public slashWindow;
    /// @dev Ring of bucket totals, indexed by (timestamp / bucket length) mod SLASH_RING.
    SlashBucket[SLASH_RING] internal _slashRing;

    mapping(address staker => Cooldown cooldown) internal _cooldowns;

    constructor(
        IERC20 token_,
        IRiskConfig config_,
        address engine_,
        uint256 cooldownPeriod_,
        uint256 unstakeWindow_,
        uint256 maxSlash_
    ) ERC20("Rampart Insurance Stake", "rINS") ERC4626(token_) {
        config = config_;
        engine = engine_;
        _setParameters(cooldownPeriod_, unstakeWindow_, maxSlash_, LIVE_SLASH_WINDOW);
    }

    /// @notice One-time wiring of the insurance fund (the only slasher), by the config owner.
    function setFund(address fund_) external {
        if (msg.sender != config.owner()) revert NotOwner(msg.sender);
        if (fund != address(0)) revert AlreadyWired();
        fund = fund_;
    }

    /// @notice Sets the staking parameters within their bounds (config owner only).
    function setParameters(uint256 cooldownPeriod_, uint256 unstakeWindow_, uint256 maxSlash_, uint256 slashWindow_)
        external
    {
        if (msg.sender != config.owner()) revert NotOwner(msg.sender);
        _setParameters(cooldownPeriod_, unstakeWindow_, maxSlash_, slashWindow_);
    }

    /// @notice Staked tokens plus the stakers' pending share of fees and penalties in the engine.
    /// Zero while no share exists (once the fund is wired): what accrued then belongs to no staker
    /// and goes to the buffer at the next deposit (see `_sendUnownedYieldToBuffer`).
    function totalAssets() public view override returns (uint256) {
        if (totalSupply() == 0 && fund != address(0)) return 0;
        return stakedBalance + IEngineFees(engine).stakerFees();
    }

    function deposit(uint256 assets, address receiver) public override returns (uint256) {
        _sendUnownedYieldToBuffer();
        return super.deposit(assets, receiver);
    }

    function mint(uint256 shares, address receiver) public override returns (uint256) {
        _sendUnownedYieldToBuffer();
        return super.mint(shares, receiver);
    }

    /// @notice Starts (or restarts) the caller's cooldown over its whole balance.
    function cooldown() external {
        uint256 shares = balanceOf(msg.sender);
        if (shares == 0) revert NothingToCooldown();
        _cooldowns[msg.sender] = Cooldown(uint128(shares), uint64(block.timestamp));
        (uint256 ws, uint256 we) = StakingMath.window(block.timestamp, cooldownPeriod, unstakeWindow);
        emit CooldownStarted(msg.sender, shares, convertToAssets(shares), ws, we);
    }

    /// @notice Shares `owner` may redeem now: the cooldown's shares inside the window, else 0.
    function maxRedeem(address owner) public view override returns (uint256) {
        Cooldown memory c = _cooldowns[owner];
        if (!StakingMath.inWindow(c.start, block.timestamp, cooldownPeriod, unstakeWindow)) return 0;
        uint256 bal = balanceOf(owner);
        return c.shares < bal ? c.shares : bal;
    }

    function maxWithdraw(address owner) public view override returns (uint256) {
        return previewRedeem(maxRedeem(owner));
    }

    /// @notice Moves the stakers' pending fee share from the engine into the vault (anyone).
    function harvest() public returns (uint256 amount) {
        if (IEngineFees(engine).stakerFees() == 0) return 0;
        amount = IEngineFees(engine).claimStakerFees();
        stakedBalance += amount;
        emit Harvested(amount);
    }

    /// @notice Slashes up to `amount` and sends it to the insurance fund: what the slashes of the
    /// last `slashWindow` plus this one take stays within `maxSlash` of what the vault held
    /// before them (staked now + those slashes), however the crash is batched into blocks.
    function slash(uint256 amount) external nonReentrant returns (uint256 slashed) {
        if (msg.sender != fund) revert Unauthorized(msg.sender);
        // No shares, no staker to slash: what the vault holds then is unowned yield, bound for
        // the buffer at the next deposit (`totalAssets` is 0, so the cap would be 0 anyway).
        if (totalSupply() == 0) return 0;
        harvest();
        uint256 w = slashWindow;
        slashed = StakingMath.windowSlashable(amount, stakedBalance, slashedInWindow(), maxSlash);
        if (slashed == 0) return 0;
        SlashBucket storage b = _slashRing[(block.timestamp / (w / SLASH_BUCKETS)) % SLASH_RING];
        // The slot holds this bucket, or one SLASH_RING buckets older, outside the window unless
        // governance lengthened it since: then its amount is kept (counted longer, never lost).
        uint256 kept = uint256(b.lastSlashAt) + w > block.timestamp ? b.amount : 0;
        (b.lastSlashAt, b.amount) = (uint64(block.timestamp), uint192(kept + slashed));
        stakedBalance -= slashed;
        IERC20(asset()).safeTransfer(msg.sender, slashed);
        emit Slashed(amount, slashed, stakedBalance);
    }

    /// @notice Slashes counted against the cap now: every bucket whose latest slash is within
    /// the last `slashWindow` (a bucket counts whole, so up to one bucket more than the window).
    function slashedInWindow() public view returns (uint256 recent) {
        uint256 w = slashWindow;
        for (uint256 i; i < SLASH_RING; ++i) {
            SlashBucket memory b = _slashRing[i];
            if (b.lastSlashAt != 0 && uint256(b.lastSlashAt) + w > block.timestamp) recent += b.amount;
        }
    }

    /// @notice What may still be slashed now (token units): the cap's room, at most the stake.
    function slashableNow() external view returns (uint256) {
        if (totalSupply() == 0) return 0;
        uint256 staked = stakedBalance + IEngineFees(engine).stakerFees();
        return StakingMath.windowSlashable(type(uint256).max, staked, slashedInWindow(), maxSlash);
    }

    /// @notice Everything the dashboard shows about the vault and `account`.
    function accountState(address account) external view returns (StakeView memory v) {
        v.stakedAssets = totalAssets();
        v.totalShares = totalSupply();
        v.sharePrice = convertToAssets(10 ** decimals());
        v.accountShares = balanceOf(account);
        v.accountAssets = convertToAssets(v.accountShares);
        Cooldown memory c = _cooldowns[account];
        v.cooldownShares = c.shares < v.accountShares ? c.shares : v.accountShares;
        v.cooldownAssets = convertToAssets(v.cooldownShares);
        v.cooldownStart = c.start;
        if (c.start != 0) (v.windowStart, v.windowEnd) = StakingMath.window(c.start, cooldownPeriod, unstakeWindow);
    }

    function cooldownOf(address account) external view returns (uint256 shares, uint256 start) {
        Cooldown memory c = _cooldowns[account];
        return (c.shares, c.start);
    }

    /// @dev Without this, fees accrued into an empty vault would price the first shares (the
    /// virtual shares of the offset would keep them: stranded, and a share price of millions).
    function _sendUnownedYieldToBuffer() internal {
        if (totalSupply() != 0 || fund == address(0)) return;
        harvest();
        uint256 unowned = stakedBalance;
        if (unowned == 0) return;
        stakedBalance = 0;
        IERC20(asset()).forceApprove(fund, unowned);
        IInsuranceFund(fund).addToBuffer(unowned);
        emit UnownedYieldToBuffer(unowned);
    }

    function _decimalsOffset() internal pure override returns (uint8) {
        return 6;
    }

    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal override nonReentrant {
        stakedBalance += assets;
        super._deposit(caller, receiver, assets, shares);
    }

    function _withdraw(address caller, address receiver, address owner, uint256 assets, uint256 shares)
        internal
        override
        nonReentrant
    {
        if (assets > stakedBalance) harvest();
        Cooldown storage c = _cooldowns[owner];
        c.shares -= uint128(shares); // maxRedeem/maxWithdraw checked shares ≤ c.shares
        stakedBalance -= assets;
        super._withdraw(caller, receiver, owner, assets, shares);
    }

    /// @dev Redeemable shares in cooldown are capped by the lowest balance held since.
    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from != address(0)) {
            Cooldown storage c = _cooldowns[from];
            uint256 bal = balanceOf(from);
            if (c.shares > bal) c.shares = uint128(bal);
        }
    }

    function _setParameters(uint256 cd, uint256 w, uint256 ms, uint256 sw) internal {
        StakingMath.checkBounds("cooldownPeriod", cd, MIN_PERIOD, MAX_COOLDOWN);
        StakingMath.checkBounds("unstakeWindow", w, MIN_PERIOD, MAX_WINDOW);
        StakingMath.checkBounds("maxSlash", ms, MIN_MAX_SLASH, MAX_MAX_SLASH);
        StakingMath.checkBounds("slashWindow", sw, MIN_SLASH_WINDOW, MAX_SLASH_WINDOW);
        (cooldownPeriod, unstakeWindow, maxSlash, slashWindow) = (cd, w, ms, sw);
        emit ParametersSet(cd, w, ms);
        emit SlashWindowSet(sw);
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IRiskConfig} from "../interfaces/IRiskConfig.sol";
import {IPerpEngine} from "../interfaces/IPerpEngine.sol";
import {IPerpEngineTrading} from "../interfaces/IPerpEngineTrading.sol";
import {IPoolReceivable} from "../interfaces/IPerpEngineLiquidation.sol";
import {IOracleAggregator} from "../interfaces/IOracleAggregator.sol";
import {IOracleHistory, PriceObservation} from "../interfaces/IOracleHistory.sol";
import {ILiquidityPool, LpRequest, PoolValue} from "../interfaces/ILiquidityPool.sol";
import {PullPayments} from "../payments/PullPayments.sol";
import {PoolMath} from "../libraries/PoolMath.sol";
import {Units} from "../libraries/Units.sol";

/// @dev The engine's wiring getters the pool reads once, in its constructor.
interface IEngineWiring {
    function config() external view returns (IRiskConfig);
    function oracle() external view returns (IOracleAggregator);
}

/// @title LiquidityPool
/// @notice ERC-4626 vault of the settlement token; the counterparty to every trade. Its tokens are
/// held by the engine (which settles trades against them by internal accounting). The pool is
/// marked to market: `totalAssets()` = tokens + what the debt auction owes − the traders' net
/// unrealised PnL and funding (profit capped), so a trader's loss is in the share price before it
/// is realised and nobody can deposit just in front of it. Entry and exit are two-step
/// (`requestDeposit` / `requestWithdraw`, executed by anyone at the pool value priced with the
/// first oracle observations nobody could know at the request); the direct ERC-4626 paths are
/// closed. Virtual shares (`_decimalsOffset`) stay: a donation to the pool or the engine changes
/// no value, so the first-depositor inflation attack has nothing to inflate.
contract LiquidityPool is ERC4626, PullPayments, ILiquidityPool, IPoolReceivable {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @notice Thrown when anyone but the pool itself calls `executeUnpaid` (the batch's self-call).
    error NotSelf(address caller);

    /// @notice Emitted when the insurance waterfall (or anyone) pays tokens into the pool's assets.
    event LossCovered(address indexed from, uint256 amount);
    /// @notice `owner`'s shares can be withdrawn (requested) from `unlockTime` on: after an
    /// executed deposit, or shares received from a locked sender.
    event UnlockTimeSet(address indexed owner, uint256 unlockTime);

    /// @notice Decimals of virtual shares: 6 (1e6 shares per token unit at the start).
    uint8 public constant DECIMALS_OFFSET = 6;
    /// @notice Why a request was cancelled (`LpRequestCancelled.why`).
    uint8 public constant CANCEL_EXPIRED = 1;
    uint8 public constant CANCEL_BELOW_MIN_OUT = 2;
    uint8 public constant CANCEL_REFUSED = 3;

    // Hard bounds of the parameters (the config owner moves them inside these only).
    uint256 public constant MIN_MIN_DELAY = 1;
    uint256 public constant MAX_MIN_DELAY = 5 minutes;
    uint256 public constant MIN_REQUEST_AGE = 1 minutes;
    uint256 public constant MAX_REQUEST_AGE = 1 days;
    /// @dev in WAD USD; in token units: MAX_EXECUTION_FEE_USD / scale
    uint256 public constant MAX_EXECUTION_FEE_USD = 50e18;
    uint256 public constant MAX_HOLD_TIME = 30 days;
    uint256 public constant MIN_PNL_FRACTION = 0.1e18;
    uint256 public constant MAX_PNL_FRACTION = 1e18;

    IPerpEngine public immutable engine;
    IRiskConfig public immutable config;
    IOracleHistory public immutable oracle;
    /// @notice 10^(18 − token decimals): WAD USD per token unit.
    uint256 public immutable scale;

    /// @dev All parameters in one slot (a request reads them with one SLOAD).
    struct Params {
        uint32 minDelay;
        uint32 maxRequestAge;
        uint96 executionFee;
        uint32 minHoldTime;
    }

    Params internal _params;
    /// @inheritdoc ILiquidityPool
    uint256 public requestCount;
    /// @inheritdoc ILiquidityPool
    uint256 public escrowedShares;
    mapping(uint256 requestId => bytes32) public requestHash;
    mapping(address owner => uint256) public unlockTime;

    constructor(IERC20 asset_, IPerpEngine engine_) ERC20("Rampart LP", "rLP") ERC4626(asset_) {
        engine = engine_;
        config = IEngineWiring(address(engine_)).config();
        oracle = IOracleHistory(address(IEngineWiring(address(engine_)).oracle()));
        scale = Units.scaleFor(IERC20Metadata(address(asset_)).decimals());
        // Live defaults; the devnet and the tests set theirs through `setParameters`.
        _params = Params({
            minDelay: 2,
            maxRequestAge: uint32(1 hours),
            executionFee: uint96(1e18 / scale),
            minHoldTime: uint32(1 days)
        });
        // maxPnlFraction: the engine keeps it (its live default is 50 % too), see setParameters
    }

    // ---------------------------------------------------------------- value

    /// @inheritdoc ILiquidityPool
    /// @dev Σ_m traderNetPnl(m, latest price) in one engine call (`tradersNetPnl`).
    function poolValue() public view returns (PoolValue memory) {
        return _value(IPerpEngineTrading(address(engine)).tradersNetPnl());
    }

    /// @notice The marked value (`poolValue().value`): what the ERC-4626 conversions use.
    function totalAssets() public view override returns (uint256) {
        return poolValue().value;
    }

    /// @notice Pays `amount` tokens from the caller into the pool's assets (the insurance
    /// waterfall covering a liquidation shortfall).
    /// @inheritdoc IPoolReceivable
    mapping(address fund => uint256 owed) public receivableOf;

    /// @inheritdoc IPoolReceivable
    function addPoolReceivable(uint256 amount) external {
        if (msg.sender != config.insuranceFund()) revert NotInsuranceFund(msg.sender);
        receivableOf[msg.sender] += amount;
        engine.adjustPoolReceivable(amount.toInt256());
    }

    /// @inheritdoc IPoolReceivable
    function reducePoolReceivable(uint256 amount) external {
        uint256 owed = receivableOf[msg.sender];
        if (amount > owed) revert ReceivableExceeded(msg.sender, amount, owed);
        receivableOf[msg.sender] = owed - amount;
        engine.adjustPoolReceivable(-amount.toInt256());
    }

    function coverLoss(uint256 amount) external {
        IERC20(asset()).safeTransferFrom(msg.sender, address(engine), amount);
        engine.creditPool(amount);
        emit LossCovered(msg.sender, amount);
    }

    // ---------------------------------------------------------------- requests

    /// @inheritdoc ILiquidityPool
    function requestDeposit(uint256 assets, uint256 minShares, uint256 expiry)
        external
        nonReentrant
        returns (uint256 requestId)
    {
        if (assets == 0) revert ZeroAmount();
        Params memory p = _params;
        _checkExpiry(expiry, p);
        IERC20(asset()).safeTransferFrom(msg.sender, address(this), assets + p.executionFee);
        requestId = _store(LpRequest(msg.sender, true, assets, minShares, p.executionFee, block.timestamp, expiry));
    }

    /// @inheritdoc ILiquidityPool
    function requestWithdraw(uint256 shares, uint256 minAssets, uint256 expiry)
        external
        nonReentrant
        returns (uint256 requestId)
    {
        if (shares == 0) revert ZeroAmount();
        uint256 unlocksAt = unlockTime[msg.sender];
        if (block.timestamp < unlocksAt) revert SharesLocked(msg.sender, unlocksAt);
        Params memory p = _params;
        _checkExpiry(expiry, p);
        _transfer(msg.sender, address(this), shares);
        escrowedShares += shares;
        if (p.executionFee != 0) IERC20(asset()).safeTransferFrom(msg.sender, address(this), p.executionFee);
        requestId = _store(LpRequest(msg.sender, false, shares, minAssets, p.executionFee, block.timestamp, expiry));
    }

    /// @inheritdoc ILiquidityPool
    function executeRequest(uint256 requestId, LpRequest calldata request, uint256[] calldata observationIndices)
        external
        nonReentrant
    {
        _payOrCredit(msg.sender, _execute(requestId, request, observationIndices));
    }

    /// @inheritdoc ILiquidityPool
    /// @dev Each entry runs in a self-call (`executeUnpaid`) inside try/catch; the fees of the
    /// settled entries are paid in one transfer at the end.
    function executeRequests(
        uint256[] calldata requestIds,
        LpRequest[] calldata requests,
        uint256[][] calldata observationIndices
    ) external returns (uint256 settled) {
        uint256 n = requestIds.length;
        if (requests.length != n || observationIndices.length != n) revert LengthMismatch();
        uint256 fees;
        for (uint256 i; i < n; ++i) {
            try this.executeUnpaid(requestIds[i], requests[i], observationIndices[i]) returns (uint256 fee) {
                fees += fee;
                ++settled;
            } catch {}
        }
        _payOrCredit(msg.sender, fees);
    }

    /// @notice `executeRequest` without paying the fee (returned): the batch's self-call only.
    function executeUnpaid(uint256 requestId, LpRequest calldata request, uint256[] calldata observationIndices)
        external
        nonReentrant
        returns (uint256 fee)
    {
        if (msg.sender != address(this)) revert NotSelf(msg.sender);
        return _execute(requestId, request, observationIndices);
    }

    /// @inheritdoc ILiquidityPool
    /// @dev Cancellable when, in some market, no observation accepted by the expiry qualifies:
    /// none recorded yet, the first one overwritten, or the first one accepted after the expiry.
    /// Otherwise the request can be executed (which settles it, cancelling below minOut).
    function cancelExpired(uint256 requestId, LpRequest calldata request) external nonReentrant {
        _checkPending(requestId, request);
        if (block.timestamp <= request.expiry) revert NotCancellable(requestId);
        uint256 markets = config.marketCount();
        uint256 delay = _params.minDelay;
        bool fillable = true;
        for (uint256 m; m < markets && fillable; ++m) {
            (bool found, uint256 index,) = oracle.findFirstQualifying(m, request.createdAt, delay);
            fillable = found && oracle.observation(m, index).acceptedAt <= request.expiry;
        }
        if (fillable) revert NotCancellable(requestId);
        _payOrCredit(msg.sender, _cancel(requestId, request, CANCEL_EXPIRED, ""));
    }

    // ---------------------------------------------------------------- ERC-4626: direct paths closed

    /// @dev 0: the direct path is closed (use `requestDeposit`).
    function maxDeposit(address) public pure override returns (uint256) {
        return 0;
    }

    /// @dev 0: the direct path is closed (use `requestDeposit`).
    function maxMint(address) public pure override returns (uint256) {
        return 0;
    }

    /// @dev 0: the direct path is closed (use `requestWithdraw`).
    function maxWithdraw(address) public pure override returns (uint256) {
        return 0;
    }

    /// @dev 0: the direct path is closed (use `requestWithdraw`).
    function maxRedeem(address) public pure override returns (uint256) {
        return 0;
    }

    // ---------------------------------------------------------------- parameters

    function minDelay() external view returns (uint256) {
        return _params.minDelay;
    }

    function maxRequestAge() external view returns (uint256) {
        return _params.maxRequestAge;
    }

    function executionFee() external view returns (uint256) {
        return _params.executionFee;
    }

    function minHoldTime() external view returns (uint256) {
        return _params.minHoldTime;
    }

    /// @dev Kept by the engine beside the pool's address (its caps and fees read it there).
    function maxPnlFraction() external view returns (uint256) {
        return IPerpEngineTrading(address(engine)).maxPnlFraction();
    }

    /// @inheritdoc ILiquidityPool
    /// @dev Pending requests keep the fee they escrowed; the other parameters apply from now on.
    /// `maxPnlFraction` is written to the engine (its only copy, read by the engine's caps and
    /// fees and by this pool's value) in the same call.
    function setParameters(
        uint256 minDelay_,
        uint256 maxRequestAge_,
        uint256 executionFee_,
        uint256 minHoldTime_,
        uint256 maxPnlFraction_
    ) external {
        if (msg.sender != config.owner()) revert NotOwner(msg.sender);
        _bound(0, minDelay_, MIN_MIN_DELAY, MAX_MIN_DELAY);
        // an expiry must fit between now + minDelay and now + maxRequestAge
        _bound(1, maxRequestAge_, Math.max(MIN_REQUEST_AGE, minDelay_), MAX_REQUEST_AGE);
        _bound(2, executionFee_, 0, MAX_EXECUTION_FEE_USD / scale);
        _bound(3, minHoldTime_, 0, MAX_HOLD_TIME);
        _bound(4, maxPnlFraction_, MIN_PNL_FRACTION, MAX_PNL_FRACTION);
        _params = Params(uint32(minDelay_), uint32(maxRequestAge_), uint96(executionFee_), uint32(minHoldTime_));
        IPerpEngineTrading(address(engine)).setMaxPnlFraction(maxPnlFraction_);
        emit ParametersSet(minDelay_, maxRequestAge_, executionFee_, minHoldTime_, maxPnlFraction_);
    }

    // ---------------------------------------------------------------- internals

    function _execute(uint256 requestId, LpRequest calldata request, uint256[] calldata indices)
        internal
        returns (uint256 fee)
    {
        _checkPending(requestId, request);
        uint256 markets = config.marketCount();
        if (indices.length != markets) revert WrongObservationCount(indices.length, markets);
        uint256 delay = _params.minDelay;
        int256 pnlWad;
        for (uint256 m; m < markets; ++m) {
            // reverts unless indices[m] is the first observation nobody could know at the request
            PriceObservation memory obs = oracle.firstQualifying(m, indices[m], request.createdAt, delay);
            if (obs.acceptedAt > request.expiry) return _cancel(requestId, request, CANCEL_EXPIRED, abi.encode(m));
            pnlWad += IPerpEngineTrading(address(engine)).traderNetPnl(m, obs.price);
        }
        uint256 value = _value(pnlWad).value;
        uint256 supply = totalSupply() + 10 ** DECIMALS_OFFSET;
        if (request.isDeposit) {
            uint256 shares = Math.mulDiv(request.amount, supply, value + 1);
            if (shares < request.minOut || shares == 0) {
                return _cancel(requestId, request, CANCEL_BELOW_MIN_OUT, abi.encode(shares));
            }
            delete requestHash[requestId];
            IERC20(asset()).safeTransfer(address(engine), request.amount);
            engine.creditPool(request.amount);
            _mint(request.owner, shares);
            _lock(request.owner, block.timestamp + _params.minHoldTime);
            emit Deposit(request.owner, request.owner, request.amount, shares);
            emit LpRequestExecuted(requestId, request.owner, msg.sender, request.amount, shares);
        } else {
            uint256 assets = Math.mulDiv(request.amount, value + 1, supply);
            if (assets < request.minOut || assets == 0) {
                return _cancel(requestId, request, CANCEL_BELOW_MIN_OUT, abi.encode(assets));
            }
            uint256 free = engine.withdrawablePoolAssets();
            if (assets > free) return _cancel(requestId, request, CANCEL_REFUSED, abi.encode(assets, free));
            delete requestHash[requestId];
            escrowedShares -= request.amount;
            _burn(address(this), request.amount);
            // paid through the pool so that a token refusing the owner defers, never blocks, it
            engine.debitPool(address(this), assets);
            _payOrCredit(request.owner, assets);
            emit Withdraw(msg.sender, request.owner, request.owner, assets, request.amount);
            emit LpRequestExecuted(requestId, request.owner, msg.sender, assets, request.amount);
        }
        return request.executionFee;
    }

    /// @dev Settles a request without filling it: the escrow goes back to the owner; returns the fee
    /// for the caller.
    function _cancel(uint256 requestId, LpRequest calldata request, uint8 why, bytes memory data)
        internal
        returns (uint256)
    {
        delete requestHash[requestId];
        if (request.isDeposit) {
            _payOrCredit(request.owner, request.amount);
        } else {
            escrowedShares -= request.amount;
            _transfer(address(this), request.owner, request.amount);
        }
        emit LpRequestCancelled(requestId, request.owner, msg.sender, why, data);
        return request.executionFee;
    }

    function _store(LpRequest memory request) internal returns (uint256 requestId) {
        requestId = requestCount++;
        requestHash[requestId] = keccak256(abi.encode(request));
        emit LpRequested(requestId, request.owner, request);
    }

    function _checkPending(uint256 requestId, LpRequest calldata request) internal view {
        bytes32 stored = requestHash[requestId];
        if (stored == 0 || stored != keccak256(abi.encode(request))) revert NotPending(requestId);
    }

    function _checkExpiry(uint256 expiry, Params memory p) internal view {
        uint256 earliest = block.timestamp + p.minDelay;
        uint256 latest = block.timestamp + p.maxRequestAge;
        if (expiry < earliest || expiry > latest) revert InvalidExpiry(expiry, earliest, latest);
    }

    function _bound(uint256 index, uint256 v, uint256 min, uint256 max) internal pure {
        if (v < min || v > max) revert ParameterOutOfBounds(index, v, min, max);
    }

    function _lock(address owner, uint256 until) internal {
        if (until <= unlockTime[owner]) return;
        unlockTime[owner] = until;
        emit UnlockTimeSet(owner, until);
    }

    /// @dev A share transfer carries the sender's lock to the receiver (max of the two), so shares
    /// cannot leave a fresh deposit's holding time by changing hands. The pool's own escrow account
    /// neither takes nor gives a lock.
    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from != address(0) && to != address(0) && from != address(this) && to != address(this)) {
            _lock(to, unlockTime[from]);
        }
    }

    /// @dev The same parts and formula as the engine's `_markedValue` (PoolMath), so the share
    /// price and the engine's caps and fees use one value.
    function _value(int256 traderPnlWad) internal view returns (PoolValue memory) {
        uint256 fraction = IPerpEngineTrading(address(engine)).maxPnlFraction();
        uint256 receivable = engine.poolReceivable();
        return PoolMath.value(engine.poolAssets(), receivable, traderPnlWad, scale, fraction);
    }

    function _paymentToken() internal view override returns (IERC20) {
        return IERC20(asset());
    }

    function _decimalsOffset() internal pure override returns (uint8) {
        return DECIMALS_OFFSET;
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice One LP request. Only its hash is stored (cleared when it settles); the full request is
/// in `LpRequested` and is passed back to execute or cancel it.
struct LpRequest {
    address owner;
    bool isDeposit;
    /// @dev deposit: escrowed assets (token units); withdrawal: escrowed shares
    uint256 amount;
    /// @dev deposit: minimum shares; withdrawal: minimum assets
    uint256 minOut;
    /// @dev escrowed execution fee (token units)
    uint256 executionFee;
    /// @dev commitment time (block.timestamp of the request)
    uint256 createdAt;
    /// @dev last second the fill observations may be accepted at
    uint256 expiry;
}

/// @notice The pool's value and what it is made of (token units).
struct PoolValue {
    /// @dev the pool's tokens held by the engine (`engine.poolAssets()`)
    uint256 tokens;
    /// @dev what the debt auction still owes the pool
    uint256 receivable;
    /// @dev traders' net unrealised PnL minus funding owed, all markets, at the accepted prices
    /// (signed; > 0: traders are up)
    int256 traderPnl;
    /// @dev `traderPnl` with profit capped at `maxPnlFraction` · (tokens + receivable)
    int256 countedTraderPnl;
    /// @dev tokens + receivable − countedTraderPnl (≥ 0)
    uint256 value;
}

/// @title ILiquidityPool
/// @notice The ERC-4626 pool, marked to market, with two-step entry and exit. Direct
/// `deposit`/`mint`/`withdraw`/`redeem` are closed (`maxDeposit` … `maxRedeem` say 0, as ERC-4626
/// requires of a closed path); the documented extension is `requestDeposit`/`requestWithdraw`,
/// executed by anyone (the keeper by default) at the pool value priced with every market's first
/// observation that qualifies for the request (`IOracleAggregator.firstQualifying`, with
/// `minDelay`). Shares can be withdrawn (requested) only `minHoldTime` after the owner's last
/// deposit; shares received by transfer carry the sender's lock.
interface ILiquidityPool {
    /// @notice Thrown for a zero amount.
    error ZeroAmount();
    /// @notice Thrown when the expiry is before `now + minDelay` or after `now + maxRequestAge`.
    error InvalidExpiry(uint256 expiry, uint256 earliest, uint256 latest);
    /// @notice Thrown when requesting a withdrawal before the shares' holding time has passed.
    error SharesLocked(address owner, uint256 unlocksAt);
    /// @notice Thrown when executing or cancelling a request that is not pending, or with a request
    /// whose hash is not the stored one.
    error NotPending(uint256 requestId);
    /// @notice Thrown when cancelling a request that may still be executed.
    error NotCancellable(uint256 requestId);
    /// @notice Thrown when the observation indices do not match the market count.
    error WrongObservationCount(uint256 given, uint256 markets);
    /// @notice Thrown by the config-owner setter for a value outside its hard bounds.
    error ParameterOutOfBounds(uint256 index, uint256 value, uint256 min, uint256 max);
    /// @notice Thrown when anyone but the config owner sets parameters.
    error NotOwner(address caller);
    /// @notice Thrown by `executeRequests` for arrays of different lengths.
    error LengthMismatch();

    /// @notice Why a request was cancelled.
    /// 1 expired (no qualifying observation by the expiry in some market), 2 below `minOut`,
    /// 3 refused (e.g. the withdrawal exceeds the liquidity not backing open interest).
    event LpRequestCancelled(uint256 indexed requestId, address indexed owner, address indexed executor, uint8 why, bytes data);
    event LpRequested(uint256 indexed requestId, address indexed owner, LpRequest request);
    event LpRequestExecuted(
        uint256 indexed requestId, address indexed owner, address indexed executor, uint256 assets, uint256 shares
    );
    event ParametersSet(
        uint256 minDelay, uint256 maxRequestAge, uint256 executionFee, uint256 minHoldTime, uint256 maxPnlFraction
    );

    function requestDeposit(uint256 assets, uint256 minShares, uint256 expiry) external returns (uint256 requestId);
    function requestWithdraw(uint256 shares, uint256 minAssets, uint256 expiry) external returns (uint256 requestId);
    /// @notice Executes (or cancels: expired, below minOut, refused) a pending request; one
    /// observation index per market (0 … marketCount − 1), each the first that qualifies.
    function executeRequest(uint256 requestId, LpRequest calldata request, uint256[] calldata observationIndices)
        external;
    /// @notice `executeRequest` for each entry; one that would revert is skipped.
    function executeRequests(
        uint256[] calldata requestIds,
        LpRequest[] calldata requests,
        uint256[][] calldata observationIndices
    ) external returns (uint256 settled);
    /// @notice Cancels a pending request past its expiry that some market has no qualifying
    /// observation for by the expiry (anyone; the caller gets the execution fee).
    function cancelExpired(uint256 requestId, LpRequest calldata request) external;

    /// @notice keccak256(abi.encode(request)) while pending; 0 once executed or cancelled.
    function requestHash(uint256 requestId) external view returns (bytes32);
    function requestCount() external view returns (uint256);
    /// @notice Shares escrowed by pending withdrawal requests (held by the pool contract).
    function escrowedShares() external view returns (uint256);
    /// @notice When `owner`'s shares may be withdrawn (requested).
    function unlockTime(address owner) external view returns (uint256);
    /// @notice The marked value at the accepted prices and what it is made of.
    function poolValue() external view returns (PoolValue memory);

    function minDelay() external view returns (uint256);
    function maxRequestAge() external view returns (uint256);
    function executionFee() external view returns (uint256);
    function minHoldTime() external view returns (uint256);
    /// @notice Largest fraction (WAD) of tokens + receivable that counted trader profit may reach.
    function maxPnlFraction() external view returns (uint256);
    function setParameters(
        uint256 minDelay_,
        uint256 maxRequestAge_,
        uint256 executionFee_,
        uint256 minHoldTime_,
        uint256 maxPnlFraction_
    ) external;
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice `IOrderRouter.Order`, restated so this file compiles against the one-step API too
/// (same ABI tuple; `kind` is the OrderKind enum).
struct OrderLike {
    address trader;
    uint256 marketId;
    uint8 kind;
    int256 size;
    uint256 collateral;
    uint256 acceptablePrice;
    uint256 executionFee;
    uint256 createdAt;
    uint256 expiry;
}

/// @notice A trader contract that tries to trade on a price it already knows, in one transaction.
/// It speaks to the protocol only through low-level calls, first the one-step API of the engine
/// before issue 10 (`open(uint256,int256,uint256)`, `close(uint256)`) and, when that does not
/// exist, the two-step router: so the same scenario runs against both (docs/security.md).
contract SandwichAttacker {
    IERC20 internal immutable token;
    address internal immutable engine;
    address internal immutable router; // 0 against the one-step engine
    address internal immutable oracle;

    /// @dev the attacker's last request (two-step only)
    uint256 public lastId;
    OrderLike internal _last;

    constructor(IERC20 token_, address engine_, address router_, address oracle_) {
        token = token_;
        engine = engine_;
        router = router_;
        oracle = oracle_;
        token_.approve(engine_, type(uint256).max);
        if (router_ != address(0)) token_.approve(router_, type(uint256).max);
    }

    function lastOrder() external view returns (OrderLike memory) {
        return _last;
    }

    /// @notice Opens at the price the protocol fills now: one-step at the accepted price, or a
    /// two-step request (then `filled` false: a keeper executes it later).
    function open(uint256 m, int256 size, uint256 collateral, uint256 acceptable) public returns (bool filled) {
        (bool ok,) = engine.call(abi.encodeWithSignature("open(uint256,int256,uint256)", m, size, collateral));
        if (ok) return true;
        _request(
            abi.encodeWithSignature(
                "requestOpen(uint256,int256,uint256,uint256,uint256)", m, size, collateral, acceptable, _expiry()
            ),
            m,
            0,
            size,
            collateral,
            acceptable
        );
        return _tryExecute();
    }

    /// @notice Closes at the price the protocol fills now (one-step), or requests a close.
    function close(uint256 m, uint256 acceptable) public returns (bool filled) {
        (bool ok,) = engine.call(abi.encodeWithSignature("close(uint256)", m));
        if (ok) return true;
        _request(
            abi.encodeWithSignature("requestClose(uint256,uint256,uint256)", m, acceptable, _expiry()),
            m,
            3,
            0,
            0,
            acceptable
        );
        return _tryExecute();
    }

    /// @notice The oracle sandwich, atomically: the sources have moved but the aggregate has not;
    /// open at the stale accepted price, accept the new one, close at it.
    function sandwich(uint256 m, int256 size, uint256 collateral, uint256 openAcceptable, uint256 closeAcceptable)
        external
        returns (bool opened, bool closed)
    {
        opened = open(m, size, collateral, openAcceptable);
        _update(m);
        if (opened) closed = close(m, closeAcceptable);
        else _tryExecute(); // the request just made, after the update: still not fillable
    }

    /// @notice The adverse update front-run: close at the stale accepted price, then accept the
    /// new one.
    function closeThenUpdate(uint256 m, uint256 acceptable) external returns (bool closed) {
        closed = close(m, acceptable);
        _update(m);
        if (!closed) closed = _tryExecute();
    }

    /// @notice As an executor: fill the last request at observation `k` (the one that suits it).
    function executeAt(uint256 k) external returns (bool) {
        (bool ok,) = router.call(
            abi.encodeWithSignature(
                "executeOrder(uint256,(address,uint256,uint8,int256,uint256,uint256,uint256,uint256,uint256),uint256)",
                lastId,
                _last,
                k
            )
        );
        return ok;
    }

    function _update(uint256 m) internal {
        (bool ok,) = oracle.call(abi.encodeWithSignature("update(uint256)", m));
        require(ok, "update");
    }

    function _expiry() internal view returns (uint256) {
        if (router == address(0)) return 0;
        (, bytes memory ret) = router.staticcall(abi.encodeWithSignature("maxOrderAge()"));
        return block.timestamp + abi.decode(ret, (uint256));
    }

    function _request(bytes memory call, uint256 m, uint8 kind, int256 size, uint256 collateral, uint256 acceptable)
        internal
    {
        require(router != address(0), "no router");
        (bool ok, bytes memory ret) = router.call(call);
        require(ok, "request");
        lastId = abi.decode(ret, (uint256));
        (, bytes memory fee) = router.staticcall(abi.encodeWithSignature("executionFee()"));
        _last = OrderLike({
            trader: address(this),
            marketId: m,
            kind: kind,
            size: size,
            collateral: collateral,
            acceptablePrice: acceptable,
            executionFee: abi.decode(fee, (uint256)),
            createdAt: block.timestamp,
            expiry: _expiry()
        });
    }

    /// @dev Executes the last request right away if any observation would let it (none can: the
    /// first qualifying one is accepted at least `minDelay` later, on data reported after now).
    function _tryExecute() internal returns (bool) {
        (, bytes memory d) = router.staticcall(abi.encodeWithSignature("minDelay()"));
        (, bytes memory ret) = oracle.staticcall(
            abi.encodeWithSignature(
                "findFirstQualifying(uint256,uint256,uint256)",
                _last.marketId,
                _last.createdAt,
                abi.decode(d, (uint256))
            )
        );
        (bool found, uint256 k,) = abi.decode(ret, (bool, uint256, bool));
        if (!found) return false;
        return this.executeAt(k);
    }
}

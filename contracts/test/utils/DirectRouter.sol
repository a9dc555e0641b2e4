// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IPerpEngineTrading} from "../../src/interfaces/IPerpEngineTrading.sol";
import {IOracleAggregator, OracleStatus, LatestPrice} from "../../src/interfaces/IOracleAggregator.sol";

/// @notice TEST HARNESS ONLY, never deployed: a one-step "router" wired as the engine's router
/// in engine-unit tests, so that tests about the engine (margin, fees, funding, exits, liquidation)
/// keep their one-step meaning: the trader calls `open`/`increase`/`reduce`/`close` and the engine
/// fills at the oracle's accepted price, with no time passing. It has no delay, no escrow and no
/// try/catch, so an engine revert bubbles up unchanged to `vm.expectRevert`.
/// It is exactly the one-transaction oracle sandwich the real `OrderRouter` exists to prevent:
/// router, attack and invariant tests use the real `OrderRouter` instead.
/// Like the engine, it refreshes the aggregator first when the accepted price is not Fresh (so it
/// fills at the price the engine's own refresh accepts); exits on a market still not Fresh then
/// pass price 0 (the engine's conservative exit price), as the real router's exit exception does.
contract DirectRouter {
    using SafeERC20 for IERC20;

    IERC20 public immutable token;
    IPerpEngineTrading public immutable engine;
    IOracleAggregator public immutable oracle;

    constructor(IERC20 token_, IPerpEngineTrading engine_, IOracleAggregator oracle_) {
        token = token_;
        engine = engine_;
        oracle = oracle_;
    }

    function open(uint256 marketId, int256 size, uint256 collateral) external {
        _pull(collateral);
        engine.openFor(msg.sender, marketId, size, collateral, _accepted(marketId).price);
    }

    function increase(uint256 marketId, uint256 sizeDelta, uint256 collateralDelta) external {
        _pull(collateralDelta);
        engine.increaseFor(msg.sender, marketId, sizeDelta, collateralDelta, _accepted(marketId).price);
    }

    function reduce(uint256 marketId, uint256 sizeDelta) external {
        engine.reduceFor(msg.sender, marketId, sizeDelta, _exitFill(marketId));
    }

    function close(uint256 marketId) external {
        engine.closeFor(msg.sender, marketId, _exitFill(marketId));
    }

    function _pull(uint256 amount) private {
        // as the order router does: the collateral waits in the engine, which books it at the fill
        if (amount != 0) token.safeTransferFrom(msg.sender, address(engine), amount);
    }

    /// @dev The accepted price, refreshed first when not Fresh (what the engine would do itself).
    function _accepted(uint256 marketId) private returns (LatestPrice memory l) {
        l = oracle.latest(marketId);
        if (l.status != OracleStatus.Fresh) {
            oracle.update(marketId);
            l = oracle.latest(marketId);
        }
    }

    /// @dev The accepted price while Fresh; 0 (the engine's current exit price) otherwise.
    function _exitFill(uint256 marketId) private returns (uint256) {
        LatestPrice memory l = _accepted(marketId);
        return l.status == OracleStatus.Fresh ? l.price : 0;
    }
}

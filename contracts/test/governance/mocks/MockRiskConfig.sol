// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {GovernedParameters} from "../../../src/governance/GovernedParameters.sol";
import {RiskPausable} from "../../../src/governance/RiskPausable.sol";
import {ParameterKeys} from "../../../src/libraries/ParameterKeys.sol";

/// @notice A stand-in for the core's risk configuration: inherits both governance bases the way
/// the core will, registers a few per-market and global parameters, and has a "new risk" path
/// guarded by the pause and a view that consumes a parameter, so tests observe effects.
contract MockRiskConfig is GovernedParameters, RiskPausable {
    uint256 public constant ETH = 1;
    uint256 public constant BTC = 2;

    bytes32 public immutable MM_BASE_ETH = ParameterKeys.market("mmBase", ETH);
    bytes32 public immutable MM_BASE_BTC = ParameterKeys.market("mmBase", BTC);
    bytes32 public immutable LIQ_PENALTY = ParameterKeys.global("liquidationPenalty");
    bytes32 public immutable COOLDOWN = ParameterKeys.global("stakeCooldown");

    uint256 public opened;
    bytes32 public lastHookId;
    uint256 public lastHookOld;
    uint256 public lastHookNew;

    constructor(address owner_) Ownable(owner_) {
        _registerParameter(MM_BASE_ETH, "ETH-USD maintenance margin base", "wad", 0.005e18, 0.05e18, 0.01e18);
        _registerParameter(MM_BASE_BTC, "BTC-USD maintenance margin base", "wad", 0.004e18, 0.04e18, 0.008e18);
        _registerParameter(LIQ_PENALTY, "Liquidation penalty", "bps", 10, 500, 100);
        _registerParameter(COOLDOWN, "Staking cooldown", "seconds", 10 minutes, 30 days, 10 days);
        // Non-zero from the start so the hook's writes do not dominate gas figures.
        lastHookId = bytes32(uint256(1));
        lastHookOld = 1;
        lastHookNew = 1;
    }

    /// @dev Exposed for registration tests (the core would do this in an owner-only path).
    function registerParameter(
        bytes32 id,
        string memory name,
        string memory unit,
        uint256 minValue,
        uint256 maxValue,
        uint256 value
    ) external onlyOwner {
        _registerParameter(id, name, unit, minValue, maxValue, value);
    }

    /// @dev Same, with a kind (e.g. a vote-only oracle field).
    function registerParameter(
        bytes32 id,
        string memory name,
        string memory unit,
        uint8 kind,
        uint256 minValue,
        uint256 maxValue,
        uint256 value
    ) external onlyOwner {
        _registerParameter(id, name, unit, kind, minValue, maxValue, value);
    }

    /// @dev Stand-in for an open: new risk, guarded by the pause.
    function open(uint256 marketId) external whenRiskNotPaused(marketId) {
        ++opened;
    }

    /// @dev Stand-in for the market's maintenance requirement on a notional (WAD maths).
    function maintenanceRequirement(uint256 marketId, uint256 notional) external view returns (uint256) {
        return notional * _parameter(ParameterKeys.market("mmBase", marketId)) / 1e18;
    }

    function _beforeParameterSet(bytes32 id, uint256 oldValue, uint256 newValue) internal override {
        lastHookId = id;
        lastHookOld = oldValue;
        lastHookNew = newValue;
    }
}

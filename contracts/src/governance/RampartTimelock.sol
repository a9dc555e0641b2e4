// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IGovernanceBounds, SettingBounds} from "../interfaces/IGovernanceBounds.sol";
import {GovernanceBounds} from "../libraries/GovernanceBounds.sol";

/// @title RampartTimelock
/// @notice OpenZeppelin's TimelockController with its delay held in this chain's range
/// (`GovernanceBounds`: live [2 days, 30 days], devnet [1 minute, 30 days]): a proposal can no
/// longer set the delay to zero and have the next one queued and executed in the same second.
/// @dev The one exception is the deploy's hand-over: a timelock built with delay 0 and a temporary
/// admin (the deployer) may run the deploy's own set-up batch at once (accept ownership of the
/// core, wire the token's minter); the admin role can only be given up once `updateDelay` has
/// brought the delay into range, and the Governor queues nothing while it is below.
contract RampartTimelock is TimelockController, IGovernanceBounds {
    constructor(uint256 minDelay, address[] memory proposers, address[] memory executors, address admin)
        TimelockController(minDelay, proposers, executors, admin)
    {
        if (minDelay != 0 || admin == address(0)) GovernanceBounds.checkTimelockDelay(minDelay);
    }

    /// @inheritdoc IGovernanceBounds
    function settingBounds() external view returns (SettingBounds memory) {
        return GovernanceBounds.current();
    }

    /// @inheritdoc IGovernanceBounds
    function liveBounds() external view returns (bool) {
        return GovernanceBounds.isLive();
    }

    /// @notice Changes the delay (the timelock itself only, i.e. a proposal), within range.
    function updateDelay(uint256 newDelay) public override {
        super.updateDelay(newDelay); // the caller check first
        GovernanceBounds.checkTimelockDelay(newDelay);
    }

    /// @dev The deployer's admin role (the hand-over's) ends only with a delay in range.
    function _revokeRole(bytes32 role, address account) internal override returns (bool) {
        if (role == DEFAULT_ADMIN_ROLE && account != address(this)) {
            GovernanceBounds.checkTimelockDelay(getMinDelay());
        }
        return super._revokeRole(role, account);
    }
}

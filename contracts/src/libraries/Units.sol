// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMath} from "./FixedPointMath.sol";

/// @title Units
/// @notice The ONE place where USD amounts move between WAD (18 decimals) and the settlement
/// token's own decimals. `scale` = 10^(18 - tokenDecimals) (1e12 for a 6-decimal token).
/// Credits to a trader round down (toward -infinity), debits round up (toward +infinity).
library Units {
    /// @notice Thrown when the settlement token has more than 18 decimals.
    error UnsupportedDecimals(uint8 decimals);

    /// @notice 10^(18 - decimals).
    function scaleFor(uint8 decimals) internal pure returns (uint256) {
        if (decimals > 18) revert UnsupportedDecimals(decimals);
        return 10 ** (18 - decimals);
    }

    /// @notice floor(usdWad / scale): a WAD USD amount credited to an account, in token units.
    function toTokensDown(int256 usdWad, uint256 scale) internal pure returns (int256) {
        return FixedPointMath.divFloor(usdWad, scale);
    }

    /// @notice ceil(usdWad / scale): a WAD USD amount debited from an account, in token units.
    function toTokensUp(int256 usdWad, uint256 scale) internal pure returns (int256) {
        return FixedPointMath.divCeil(usdWad, scale);
    }

    /// @notice ceil(usdWad / scale) for an unsigned amount (requirements, fees).
    function toTokensUp(uint256 usdWad, uint256 scale) internal pure returns (uint256) {
        return (usdWad + scale - 1) / scale;
    }

    /// @notice tokens · scale: exact.
    function toWad(uint256 tokens, uint256 scale) internal pure returns (uint256) {
        return tokens * scale;
    }

    /// @notice tokens · scale for a signed amount: exact.
    function toWad(int256 tokens, uint256 scale) internal pure returns (int256) {
        return tokens * int256(scale);
    }
}

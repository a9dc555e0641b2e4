/**
 * Gas limit to send for an estimate. An estimate is exact for the state it ran on; by inclusion a
 * new block may accrue funding, move the oracle or turn a partial liquidation into a full one,
 * each of which costs more, and a limit cut to the estimate then fails out of gas. A quarter more
 * (like the buffers GMX's and Aave's interfaces add) covers that; unused gas is not paid for.
 */
export const GAS_MARGIN_BPS = 2_500n

export function withGasMargin(estimate: bigint): bigint {
  if (estimate < 0n) throw new RangeError('A gas estimate cannot be negative.')
  // Rounded up, so a margin is never lost to truncation.
  return estimate + (estimate * GAS_MARGIN_BPS + 9_999n) / 10_000n
}

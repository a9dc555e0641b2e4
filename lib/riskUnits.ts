/**
 * The fixed-point units under `lib/risk.ts` (re-exported there): WAD, mulDiv with the contracts'
 * rounding, the token scale. A module of their own so that a page needing only these (the risk
 * console's main thread, whose maths run in a worker) does not load the whole of the risk maths.
 */

export const WAD = 10n ** 18n
export const MAX_UINT256 = 2n ** 256n - 1n

/** floor(x·y/d), unsigned. */
export function mulDivDown(x: bigint, y: bigint, d: bigint): bigint {
  return (x * y) / d
}

/** ceil(x·y/d), unsigned. */
export function mulDivUp(x: bigint, y: bigint, d: bigint): bigint {
  const product = x * y
  return product === 0n ? 0n : (product - 1n) / d + 1n
}

/** floor(x / d) toward −∞ for a signed x, d > 0 (bigint division truncates toward 0). */
export function divFloor(x: bigint, d: bigint): bigint {
  return x >= 0n ? x / d : -mulDivUp(-x, 1n, d)
}

/** ceil(x / d) toward +∞ for a signed x, d > 0. */
export function divCeil(x: bigint, d: bigint): bigint {
  return x >= 0n ? mulDivUp(x, 1n, d) : -(-x / d)
}

/** 10^(18 − decimals): WAD USD per token unit. */
export function scaleFor(decimals: number): bigint {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 18) throw new Error(`unsupported decimals ${decimals}`)
  return 10n ** BigInt(18 - decimals)
}


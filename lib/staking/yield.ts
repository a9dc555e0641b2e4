/**
 * Stakers' trailing yield from what a share actually gained on chain.
 *
 * Why the share price and not `Harvested` events: the vault's `totalAssets` already counts the
 * stakers' fee share the moment the engine accrues it, while `Harvested` fires only when somebody
 * calls `harvest()` (nobody has to, so it is lumpy or absent), and it ignores slashing. The change
 * in assets per share between two blocks is exactly what a staker holding through them received,
 * net of slashes; deposits and redemptions move it only by rounding. Pure functions; no I/O.
 */

const WAD = 10n ** 18n
export const SECONDS_PER_YEAR = 365n * 24n * 3_600n
const SECONDS_PER_HOUR = 3_600n

/**
 * Shares whose value (`convertToAssets`) is read to measure the share price: large, so the ratio
 * of two reads is exact to ~1e-18 even when a whole share is worth only a few token units.
 */
export const SHARE_PRICE_PROBE = 10n ** 30n

/** The vault's share price at one block: `convertToAssets(SHARE_PRICE_PROBE)` there. */
export type SharePricePoint = { blockNumber: bigint; timestamp: bigint; probeAssets: bigint }

export type TrailingYield = {
  /** What a share gained between the two reads, WAD (negative after a slash): P_now / P_then − 1. */
  growthWad: bigint
  /** Simple annualised return, WAD: growth · year / elapsed. */
  aprWad: bigint
  /** Seconds between the two reads: the window the APR is really measured over. */
  elapsedSeconds: bigint
  /** False when history is shorter than the window asked for (a young vault, a fresh devnet). */
  coversWindow: boolean
}

/**
 * APR between two share-price reads, annualised over the actual elapsed time (not compounded):
 * ((P_now − P_then) / P_then) · SECONDS_PER_YEAR / (t_now − t_then), truncated toward zero.
 * Null when no time has passed or the earlier price is zero.
 */
export function trailingApr(then: SharePricePoint, now: SharePricePoint, windowSeconds: bigint): TrailingYield | null {
  const elapsedSeconds = now.timestamp - then.timestamp
  if (elapsedSeconds <= 0n || then.probeAssets === 0n) return null
  const growthWad = ((now.probeAssets - then.probeAssets) * WAD) / then.probeAssets
  return { growthWad, aprWad: (growthWad * SECONDS_PER_YEAR) / elapsedSeconds, elapsedSeconds, coversWindow: elapsedSeconds >= windowSeconds }
}

/**
 * Where a trailing window of `windowSeconds` ending at `nowTimestamp` starts, rounded down to the
 * hour: the base block is then searched once an hour rather than at every block (the APR is
 * annualised over the real elapsed time, so the extra < 1 h is accounted for).
 */
export function windowStart(nowTimestamp: bigint, windowSeconds: bigint): bigint {
  const start = nowTimestamp - windowSeconds
  return start <= 0n ? 0n : (start / SECONDS_PER_HOUR) * SECONDS_PER_HOUR
}

/**
 * The first block in [lo, hi] whose timestamp is ≥ `target` (hi when none is), by bisection over
 * block timestamps (which never decrease): about log2(hi − lo) header reads.
 */
export async function firstBlockAtOrAfter(
  target: bigint,
  lo: bigint,
  hi: bigint,
  timestampOf: (blockNumber: bigint) => Promise<bigint>,
): Promise<bigint> {
  if (lo > hi) throw new Error(`empty block range ${lo}..${hi}`)
  let [low, high] = [lo, hi]
  while (low < high) {
    const mid = (low + high) / 2n
    if ((await timestampOf(mid)) >= target) high = mid
    else low = mid + 1n
  }
  return low
}

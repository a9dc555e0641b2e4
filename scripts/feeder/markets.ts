import type { RandomWalkParams } from './priceModel'

/**
 * Random-walk settings per market on the devnet: livelier than real markets, so that prices,
 * health and margins visibly move in a demo, while single steps stay far below the oracle's
 * circuit breaker (maxJump). Unknown markets get the DEFAULT.
 */
export const WALK_BY_MARKET: Record<string, RandomWalkParams> = {
  'ETH-USD': { annualVolatility: 0.8, jumpsPerSecond: 1 / 900, jumpSize: 0.004 },
  'BTC-USD': { annualVolatility: 0.6, jumpsPerSecond: 1 / 900, jumpSize: 0.003 },
  'SOL-USD': { annualVolatility: 1.2, jumpsPerSecond: 1 / 600, jumpSize: 0.006 },
}

export const DEFAULT_WALK: RandomWalkParams = { annualVolatility: 0.8, jumpsPerSecond: 1 / 900, jumpSize: 0.004 }

/** Per-source noise around the mid, in basis points: sources agree closely but not exactly. */
export const SOURCE_NOISE_BPS = 1

/**
 * A scripted move (a crash, a squeeze) split into steps no larger than `maxStep`, so the oracle
 * accepts each one instead of tripping its circuit breaker, and liquidations keep running on
 * fresh prices.
 */
export function movePath(from: number, percent: number, maxStep = 0.04): number[] {
  const target = from * (1 + percent / 100)
  if (!(target > 0)) throw new Error(`a move of ${percent}% leaves no positive price`)
  const totalLog = Math.log(target / from)
  const steps = Math.max(1, Math.ceil(Math.abs(totalLog) / Math.log(1 + maxStep)))
  return Array.from({ length: steps }, (_, i) => from * Math.exp((totalLog * (i + 1)) / steps))
}

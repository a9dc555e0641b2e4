import { normal, type Rng } from './random'

export type RandomWalkParams = {
  /** Annualised volatility of the diffusion part, e.g. 0.8 for 80 %. */
  annualVolatility: number
  /** Chance per second of a jump. */
  jumpsPerSecond: number
  /** Typical size of a jump as a fraction of price (the sign is random), e.g. 0.01. */
  jumpSize: number
}

const SECONDS_PER_YEAR = 365 * 24 * 60 * 60

/**
 * Next mid price after `dtSeconds`: geometric Brownian motion plus rare jumps, so that margins see
 * both ordinary noise and the sudden moves that liquidations exist for.
 */
export function nextMidPrice(price: number, dtSeconds: number, params: RandomWalkParams, rng: Rng): number {
  const sigma = params.annualVolatility * Math.sqrt(dtSeconds / SECONDS_PER_YEAR)
  let logReturn = sigma * normal(rng) - (sigma * sigma) / 2
  if (rng() < params.jumpsPerSecond * dtSeconds) {
    const direction = rng() < 0.5 ? -1 : 1
    logReturn += direction * params.jumpSize * (0.5 + rng())
  }
  return price * Math.exp(logReturn)
}

/** Each source reports the mid price with its own small independent noise (in basis points). */
export function sourcePrices(mid: number, sources: number, noiseBps: number, rng: Rng): number[] {
  return Array.from({ length: sources }, () => mid * (1 + (normal(rng) * noiseBps) / 10_000))
}

/** A price as an 8-decimal feed answer, the scale of Chainlink's USD feeds. */
export function toFeedAnswer(price: number, decimals = 8): bigint {
  if (!(price > 0) || !Number.isFinite(price)) throw new Error(`invalid price ${price}`)
  const [whole, fraction = ''] = price.toFixed(decimals).split('.')
  return BigInt(whole + fraction.padEnd(decimals, '0'))
}

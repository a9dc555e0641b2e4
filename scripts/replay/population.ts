/**
 * A seeded trader population (pure: the same seed gives the same traders). Sides skewed long like
 * real perp markets, leverage from 1× to the tier's max with more mass at low leverage, log-normal
 * notionals, three behaviours when health falls (add collateral, close, do nothing), and a few
 * traders who open during the crash instead of before it.
 */
import { createRng, normal } from '../feeder/random'

export type Behaviour = 'topUp' | 'close' | 'passive'

export type TraderSpec = {
  index: number
  /** Index into the replay's markets. */
  market: number
  /** +1 long, −1 short. */
  side: 1 | -1
  leverage: number
  notionalUsd: number
  behaviour: Behaviour
  /** Opens at this file time instead of before the window (a crash opener); null: before. */
  opensAt: number | null
}

export type PopulationParams = {
  traders: number
  seed: number
  /** Each market's max leverage (from its tier). */
  maxLeverage: readonly number[]
  /** Share of longs (0.65: long-skewed, as perp open interest usually is before a crash). */
  longShare: number
  /** Median notional (USD) and log-normal sigma. */
  medianNotional: number
  notionalSigma: number
  /** Shares of behaviours; the rest is passive. */
  topUpShare: number
  closeShare: number
  /** Share of traders who open during the crash, at a time in `crashOpenWindow` (file time). */
  crashOpenerShare: number
  crashOpenWindow: [number, number] | null
}

export const DEFAULT_POPULATION: Omit<PopulationParams, 'traders' | 'seed' | 'maxLeverage' | 'crashOpenWindow'> = {
  longShare: 0.65,
  medianNotional: 5_000,
  notionalSigma: 1.0,
  topUpShare: 0.3,
  closeShare: 0.15,
  crashOpenerShare: 0.05,
}

/** Router minimum position notional is 10 USD; the population stays well above it. */
const MIN_NOTIONAL = 50
const MAX_NOTIONAL = 500_000

export function buildPopulation(p: PopulationParams): TraderSpec[] {
  const rng = createRng(p.seed)
  const markets = p.maxLeverage.length
  return Array.from({ length: p.traders }, (_, index): TraderSpec => {
    const market = Math.floor(rng() * markets) % markets
    const side = rng() < p.longShare ? 1 : -1
    // u² puts more mass near 1×: the median trader runs ~25 % of the tier's max.
    const u = rng()
    const leverage = Math.round((1 + (p.maxLeverage[market] - 1) * u * u) * 100) / 100
    const notional = Math.min(MAX_NOTIONAL, Math.max(MIN_NOTIONAL, p.medianNotional * Math.exp(p.notionalSigma * normal(rng))))
    const b = rng()
    const behaviour: Behaviour = b < p.topUpShare ? 'topUp' : b < p.topUpShare + p.closeShare ? 'close' : 'passive'
    const crash = p.crashOpenWindow !== null && rng() < p.crashOpenerShare
    const opensAt = crash ? Math.round(p.crashOpenWindow![0] + rng() * (p.crashOpenWindow![1] - p.crashOpenWindow![0])) : null
    return { index, market, side, leverage, notionalUsd: Math.round(notional * 100) / 100, behaviour, opensAt }
  })
}

/** The window before a path's lowest low (the last 10 % of the time before it): when crash openers open. */
export function crashWindow(times: readonly number[], lows: readonly number[]): [number, number] {
  let at = 0
  for (let i = 1; i < lows.length; i++) if (lows[i] < lows[at]) at = i
  const start = times[0]
  const end = times[at]
  return [Math.max(start, end - Math.max(600, Math.round((end - start) * 0.1))), end]
}

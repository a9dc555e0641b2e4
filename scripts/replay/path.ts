/**
 * The price path a replay feeds the oracle: each bar visits open, its two extremes in the order
 * the bar's direction implies (a rising bar dips first, then makes its high; a falling bar the
 * reverse), and its close, so wicks reach the oracle. Points of all markets are merged into one
 * schedule of ticks; between a market's own points the price is interpolated linearly, and no
 * two ticks are further apart than `maxStepSeconds` (the sources must stay fresher than the
 * oracle's maxAge).
 */
import type { Rng } from '../feeder/random'
import { normal } from '../feeder/random'
import type { Bar } from './priceFile'

export type PathPoint = { time: number; price: number }

/** open at t, first extreme at t+d/4, second at t+d/2, close at t+3d/4 (next open at t+d). */
export function barPoints(bar: Bar, seconds: number): PathPoint[] {
  const rising = bar.close >= bar.open
  const [first, second] = rising ? [bar.low, bar.high] : [bar.high, bar.low]
  const q = seconds / 4
  return [
    { time: bar.timestamp, price: bar.open },
    { time: bar.timestamp + Math.round(q), price: first },
    { time: bar.timestamp + Math.round(2 * q), price: second },
    { time: bar.timestamp + Math.round(3 * q), price: bar.close },
  ]
}

export function pathOf(bars: readonly Bar[], seconds: number): PathPoint[] {
  const points: PathPoint[] = []
  for (const bar of bars) for (const p of barPoints(bar, seconds)) if (points.length === 0 || p.time > points[points.length - 1].time) points.push(p)
  return points
}

/** The price at `time` on a path: linear between points, flat before the first and after the last. */
export function priceAt(path: readonly PathPoint[], time: number): number {
  if (time <= path[0].time) return path[0].price
  const last = path[path.length - 1]
  if (time >= last.time) return last.price
  let lo = 0
  let hi = path.length - 1
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (path[mid].time <= time) lo = mid
    else hi = mid
  }
  const a = path[lo]
  const b = path[hi]
  return a.price + ((b.price - a.price) * (time - a.time)) / (b.time - a.time)
}

/** Every market's point times, merged, with extra ticks so no gap exceeds `maxStepSeconds`. */
export function tickTimes(paths: readonly (readonly PathPoint[])[], maxStepSeconds: number): number[] {
  const times = [...new Set(paths.flatMap((p) => p.map((x) => x.time)))].sort((a, b) => a - b)
  const out: number[] = []
  for (const t of times) {
    const previous = out[out.length - 1]
    if (previous !== undefined && t - previous > maxStepSeconds) {
      const extra = Math.ceil((t - previous) / maxStepSeconds) - 1
      for (let k = 1; k <= extra; k++) out.push(previous + Math.round(((t - previous) * k) / (extra + 1)))
    }
    out.push(t)
  }
  return out
}

/** How the sources report the path: independent noise, a reporting delay, one source frozen for a while. */
export type SourceModel = {
  /** Standard deviation of each source's independent noise, in basis points. */
  noiseBp: number
  /** Seconds every source lags the path (it reports the price of `delay` seconds ago). */
  delaySeconds: number
  /** A source that stops reporting (keeps its last answer and timestamp) over [from, to] (file time). */
  outage?: { source: number; from: number; to: number }
}

/** Each source's answer at `time`, or null when it does not report (outage). */
export function sourceAnswers(path: readonly PathPoint[], time: number, sources: number, model: SourceModel, rng: Rng): (number | null)[] {
  const base = priceAt(path, time - model.delaySeconds)
  return Array.from({ length: sources }, (_, i) => {
    if (model.outage && model.outage.source === i && time >= model.outage.from && time <= model.outage.to) return null
    return base * (1 + (model.noiseBp / 10_000) * normal(rng))
  })
}

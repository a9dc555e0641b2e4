/**
 * How the pool's exposure moved (issue 14): the pool's net delta per market over a time window,
 * reconstructed from the position events alone. The pool is the counterparty of every trade, so
 * its delta is minus the traders' net size (short open interest − long open interest, as
 * `marketExposure` in lib/risk.ts reads it from the market). Pure and incremental: the page's log
 * subscription and the keeper's `/risk.json` feed it each new range of events; it keeps every open
 * position's signed size (a close or a liquidation names no size, a liquidation an unsigned one)
 * and one point per block and market in which the delta changed, trimmed to the window.
 */
import { keyId } from './positions/openSet'

/** One day: the window the console shows. */
export const EXPOSURE_WINDOW_SECONDS = 86_400n

type EventBase = { trader: `0x${string}`; marketId: bigint; blockNumber: bigint; logIndex: number; timestamp: bigint }

/**
 * A position event, as the engines emit it: `PositionOpened`, `PositionIncreased` and
 * `PositionReduced` carry the position's signed size after the event; `PositionClosed` none;
 * the liquidation engine's `Liquidated` the size it closed (unsigned) and whether that was all.
 */
export type ExposureEvent = EventBase &
  (
    | { kind: 'opened' | 'increased' | 'reduced'; size: bigint }
    | { kind: 'closed' }
    | { kind: 'liquidated'; closedSize: bigint; full: boolean }
  )

/** The pool's delta (base units, WAD) in a market after the events of one block. */
export type ExposurePoint = { blockNumber: bigint; timestamp: bigint; poolDelta: bigint }

export type ExposureHistory = {
  /** Signed size of every open position, by `keyId`. */
  sizes: ReadonlyMap<string, bigint>
  /** Traders' net size per market (market id as a decimal string); the pool's delta is its negative. */
  net: ReadonlyMap<string, bigint>
  /** Per market, chain order; the first may predate the window (the value at its start). */
  points: ReadonlyMap<string, readonly ExposurePoint[]>
  /** The last event applied (a range read again after a retry changes nothing). */
  last?: { blockNumber: bigint; logIndex: number }
  /** The first event's time: before it no position existed, so the history is known "since" then. */
  firstTimestamp?: bigint
}

export const emptyExposureHistory = (): ExposureHistory => ({ sizes: new Map(), net: new Map(), points: new Map() })

const after = (e: { blockNumber: bigint; logIndex: number }, last: ExposureHistory['last']) =>
  !last || e.blockNumber > last.blockNumber || (e.blockNumber === last.blockNumber && e.logIndex > last.logIndex)

/**
 * The history after `events` (applied in chain order; events at or before the last applied are
 * skipped). Points older than `windowSeconds` before the newest event are dropped, all but the
 * newest of them (the delta at the window's start). Returns `history` itself when nothing is new.
 */
export function applyExposureEvents(history: ExposureHistory, events: readonly ExposureEvent[], windowSeconds = EXPOSURE_WINDOW_SECONDS): ExposureHistory {
  const fresh = events
    .filter((e) => after(e, history.last))
    .sort((a, b) => (a.blockNumber !== b.blockNumber ? (a.blockNumber < b.blockNumber ? -1 : 1) : a.logIndex - b.logIndex))
  if (fresh.length === 0) return history
  const sizes = new Map(history.sizes)
  const net = new Map(history.net)
  const points = new Map([...history.points].map(([market, list]) => [market, [...list]]))
  for (const e of fresh) {
    const id = keyId(e)
    const market = String(e.marketId)
    const before = sizes.get(id) ?? 0n
    let size: bigint
    if (e.kind === 'closed') size = 0n
    else if (e.kind === 'liquidated') size = e.full ? 0n : before > 0n ? before - e.closedSize : before + e.closedSize
    else size = e.size
    if (size === 0n) sizes.delete(id)
    else sizes.set(id, size)
    const traders = (net.get(market) ?? 0n) + size - before
    net.set(market, traders)
    const list = points.get(market) ?? []
    const point = { blockNumber: e.blockNumber, timestamp: e.timestamp, poolDelta: -traders }
    // one point per block: the delta once the block's events are applied
    if (list.at(-1)?.blockNumber === e.blockNumber) list[list.length - 1] = point
    else list.push(point)
    points.set(market, list)
  }
  const newest = fresh.at(-1)!
  const windowStart = newest.timestamp - windowSeconds
  for (const [market, list] of points) {
    // keep the last point at or before the window's start: the delta the window opens with
    let firstKept = 0
    while (firstKept + 1 < list.length && list[firstKept + 1].timestamp <= windowStart) firstKept++
    if (firstKept > 0) points.set(market, list.slice(firstKept))
  }
  return { sizes, net, points, last: { blockNumber: newest.blockNumber, logIndex: newest.logIndex }, firstTimestamp: history.firstTimestamp ?? fresh[0].timestamp }
}

export type ExposureSeries = {
  marketId: bigint
  /** Where the series starts: `now − window`, or the first position event when that is later (the history is shorter than the window). */
  from: bigint
  /** True when the history covers the whole window; false: shown "since `from`" (or, with no position event yet, nothing to show). */
  fullWindow: boolean
  /** No position event yet: the delta is 0 and has never moved. */
  noEvents: boolean
  to: bigint
  /** The pool's delta at `from` and now. */
  startDelta: bigint
  endDelta: bigint
  minDelta: bigint
  maxDelta: bigint
  /** The changes within (from, to], each the delta after that block. */
  points: ExposurePoint[]
}

/** The pool's delta in `marketId` over the window ending at `now` (a block timestamp). */
export function exposureSeries(history: ExposureHistory, marketId: bigint, now: bigint, windowSeconds = EXPOSURE_WINDOW_SECONDS): ExposureSeries {
  const windowStart = now - windowSeconds
  const fullWindow = history.firstTimestamp !== undefined && history.firstTimestamp <= windowStart
  // Before the first position event there was no position: the delta was 0 from the deploy on.
  const from = history.firstTimestamp === undefined || fullWindow ? windowStart : history.firstTimestamp
  const list = history.points.get(String(marketId)) ?? []
  let startDelta = 0n
  const points: ExposurePoint[] = []
  for (const p of list) {
    if (p.timestamp > now) break
    if (p.timestamp <= windowStart) startDelta = p.poolDelta
    else points.push(p)
  }
  const deltas = [startDelta, ...points.map((p) => p.poolDelta)]
  return {
    marketId,
    from,
    fullWindow,
    noEvents: history.firstTimestamp === undefined,
    to: now,
    startDelta,
    endDelta: deltas.at(-1)!,
    minDelta: deltas.reduce((m, d) => (d < m ? d : m)),
    maxDelta: deltas.reduce((m, d) => (d > m ? d : m)),
    points,
  }
}

/** The events the history is rebuilt from: the PerpEngine's four position events and the LiquidationEngine's `Liquidated`. */
export const EXPOSURE_EVENT_NAMES = ['PositionOpened', 'PositionIncreased', 'PositionReduced', 'PositionClosed', 'Liquidated'] as const

/** A decoded log (viem: `eventName`, `args`, and the node's `blockTimestamp`). */
export type ExposureLog = {
  eventName: string
  args: { trader: `0x${string}`; marketId: bigint; size?: bigint; closedSize?: bigint; full?: boolean }
  blockNumber: bigint | null
  logIndex: number | null
  blockTimestamp?: bigint | null
}

const KIND = { PositionOpened: 'opened', PositionIncreased: 'increased', PositionReduced: 'reduced' } as const

/** The log as an `ExposureEvent`; null when it is not one of EXPOSURE_EVENT_NAMES or the node gave no block timestamp. */
export function exposureEventFromLog(log: ExposureLog): ExposureEvent | null {
  if (log.blockTimestamp === undefined || log.blockTimestamp === null || log.blockNumber === null || log.logIndex === null) return null
  const base = { trader: log.args.trader, marketId: log.args.marketId, blockNumber: log.blockNumber, logIndex: log.logIndex, timestamp: log.blockTimestamp }
  if (log.eventName === 'PositionClosed') return { ...base, kind: 'closed' }
  if (log.eventName === 'Liquidated' && log.args.closedSize !== undefined && log.args.full !== undefined) return { ...base, kind: 'liquidated', closedSize: log.args.closedSize, full: log.args.full }
  const kind = KIND[log.eventName as keyof typeof KIND]
  return kind && log.args.size !== undefined ? { ...base, kind, size: log.args.size } : null
}

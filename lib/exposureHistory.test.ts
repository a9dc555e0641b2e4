import { describe, expect, it } from 'vitest'
import { applyExposureEvents, emptyExposureHistory, exposureEventFromLog, exposureSeries, type ExposureEvent } from './exposureHistory'

const W = 10n ** 18n
const ALICE = '0x00000000000000000000000000000000000a11ce' as const
const BOB = '0x0000000000000000000000000000000000000b0b' as const
const HOUR = 3_600n
const T0 = 1_000_000n

type Spec = { t: bigint; block: bigint; index?: number; trader?: `0x${string}`; market?: bigint }
const at = ({ t, block, index = 0, trader = ALICE, market = 0n }: Spec) => ({ trader, marketId: market, blockNumber: block, logIndex: index, timestamp: t })
const opened = (s: Spec, size: bigint): ExposureEvent => ({ ...at(s), kind: 'opened', size })
const increased = (s: Spec, size: bigint): ExposureEvent => ({ ...at(s), kind: 'increased', size })
const reduced = (s: Spec, size: bigint): ExposureEvent => ({ ...at(s), kind: 'reduced', size })
const closed = (s: Spec): ExposureEvent => ({ ...at(s), kind: 'closed' })
const liquidated = (s: Spec, closedSize: bigint, full: boolean): ExposureEvent => ({ ...at(s), kind: 'liquidated', closedSize, full })

const deltas = (events: ExposureEvent[], market = 0n) => (applyExposureEvents(emptyExposureHistory(), events).points.get(String(market)) ?? []).map((p) => [p.blockNumber, p.poolDelta])

describe('exposure history from position events', () => {
  it('open, increase, reduce, close: the pool holds minus the trader at each block', () => {
    // Alice long 2, increased to 5, reduced to 1.5, closed: pool −2, −5, −1.5, 0.
    const events = [opened({ t: T0, block: 10n }, 2n * W), increased({ t: T0 + 60n, block: 11n }, 5n * W), reduced({ t: T0 + 120n, block: 12n }, (3n * W) / 2n), closed({ t: T0 + 180n, block: 13n })]
    expect(deltas(events)).toEqual([
      [10n, -2n * W],
      [11n, -5n * W],
      [12n, -(3n * W) / 2n],
      [13n, 0n],
    ])
  })

  it('a short adds to the pool, a partial liquidation of it subtracts the closed size, a full one the rest', () => {
    // Bob short 4 (pool +4); Alice long 1 (pool +3); Bob partially liquidated 1.5 (short −2.5: pool +1.5);
    // Bob fully liquidated (pool −1, Alice's long alone).
    const events = [
      opened({ t: T0, block: 20n, trader: BOB }, -4n * W),
      opened({ t: T0 + 1n, block: 21n }, W),
      liquidated({ t: T0 + 2n, block: 22n, trader: BOB }, (3n * W) / 2n, false),
      liquidated({ t: T0 + 3n, block: 23n, trader: BOB }, (5n * W) / 2n, true),
    ]
    expect(deltas(events)).toEqual([
      [20n, 4n * W],
      [21n, 3n * W],
      [22n, (3n * W) / 2n],
      [23n, -W],
    ])
  })

  it('a partial liquidation of a long lowers the traders’ net by the closed size', () => {
    const events = [opened({ t: T0, block: 5n }, 3n * W), liquidated({ t: T0 + 1n, block: 6n }, W, false), reduced({ t: T0 + 2n, block: 7n }, W)]
    // long 3 → 2 after the liquidation → reduced to 1
    expect(deltas(events)).toEqual([
      [5n, -3n * W],
      [6n, -2n * W],
      [7n, -W],
    ])
  })

  it('keeps one point per block (the delta after its last event) and separates markets', () => {
    const events = [
      opened({ t: T0, block: 30n, index: 0 }, W),
      opened({ t: T0, block: 30n, index: 1, trader: BOB }, -3n * W),
      opened({ t: T0, block: 30n, index: 2, market: 1n }, 7n * W),
    ]
    expect(deltas(events, 0n)).toEqual([[30n, 2n * W]])
    expect(deltas(events, 1n)).toEqual([[30n, -7n * W]])
  })

  it('applies events in chain order whatever order they come in, and a range read twice changes nothing', () => {
    const a = opened({ t: T0, block: 40n }, W)
    const b = closed({ t: T0 + 5n, block: 41n })
    const once = applyExposureEvents(emptyExposureHistory(), [b, a])
    expect([...once.points.get('0')!].map((p) => p.poolDelta)).toEqual([-W, 0n])
    const again = applyExposureEvents(once, [a, b])
    expect(again).toBe(once)
    // incremental: two ranges give the same as one
    const split = applyExposureEvents(applyExposureEvents(emptyExposureHistory(), [a]), [b])
    expect(split.points).toEqual(once.points)
    expect(split.sizes.size).toBe(0)
  })

  it('drops points older than the window but the one the window opens with', () => {
    let h = emptyExposureHistory()
    h = applyExposureEvents(h, [opened({ t: T0, block: 1n }, W)])
    h = applyExposureEvents(h, [increased({ t: T0 + HOUR, block: 2n }, 2n * W)])
    h = applyExposureEvents(h, [increased({ t: T0 + 2n * HOUR, block: 3n }, 4n * W)])
    // 24.5 h after block 2: its point is the delta the window opens with; block 1's is gone
    const now = T0 + 25n * HOUR + HOUR / 2n
    h = applyExposureEvents(h, [reduced({ t: now, block: 4n }, 3n * W)])
    expect(h.points.get('0')!.map((p) => p.blockNumber)).toEqual([2n, 3n, 4n])
    const s = exposureSeries(h, 0n, now)
    expect(s.fullWindow).toBe(true)
    expect(s.from).toBe(T0 + HOUR + HOUR / 2n)
    expect(s.startDelta).toBe(-2n * W)
    expect(s.points.map((p) => p.poolDelta)).toEqual([-4n * W, -3n * W])
    expect(s.endDelta).toBe(-3n * W)
    expect(s.minDelta).toBe(-4n * W)
    expect(s.maxDelta).toBe(-2n * W)
  })

  it('a history shorter than the window starts at the first event, from zero, and says so', () => {
    const h = applyExposureEvents(emptyExposureHistory(), [opened({ t: T0, block: 1n, trader: BOB }, -2n * W), opened({ t: T0 + HOUR, block: 2n }, 5n * W)])
    const s = exposureSeries(h, 0n, T0 + 2n * HOUR)
    expect(s.fullWindow).toBe(false)
    expect(s.noEvents).toBe(false)
    expect(s.from).toBe(T0)
    expect(s.startDelta).toBe(0n)
    expect(s.points.map((p) => [p.timestamp, p.poolDelta])).toEqual([
      [T0, 2n * W],
      [T0 + HOUR, -3n * W],
    ])
    expect([s.minDelta, s.maxDelta, s.endDelta]).toEqual([-3n * W, 2n * W, -3n * W])
    // a market without events in a history that has some: flat at 0 over the same span
    const other = exposureSeries(h, 1n, T0 + 2n * HOUR)
    expect([other.from, other.startDelta, other.endDelta, other.points.length]).toEqual([T0, 0n, 0n, 0])
  })

  it('no events yet: nothing to show, delta 0', () => {
    const s = exposureSeries(emptyExposureHistory(), 0n, T0)
    expect(s.noEvents).toBe(true)
    expect(s.fullWindow).toBe(false)
    expect([s.startDelta, s.endDelta, s.points.length]).toEqual([0n, 0n, 0])
  })

  it('a point after `now` (a later block than the one shown) is left out', () => {
    const h = applyExposureEvents(emptyExposureHistory(), [opened({ t: T0, block: 1n }, W), closed({ t: T0 + 10n, block: 2n })])
    expect(exposureSeries(h, 0n, T0 + 5n).endDelta).toBe(-W)
  })
})

describe('exposureEventFromLog', () => {
  const log = { blockNumber: 9n, logIndex: 3, blockTimestamp: T0 }
  const key = { trader: ALICE, marketId: 1n }
  it('maps the engines’ events, and needs the block timestamp', () => {
    expect(exposureEventFromLog({ ...log, eventName: 'PositionReduced', args: { ...key, size: -W } })).toEqual({ ...key, blockNumber: 9n, logIndex: 3, timestamp: T0, kind: 'reduced', size: -W })
    expect(exposureEventFromLog({ ...log, eventName: 'PositionClosed', args: key })?.kind).toBe('closed')
    expect(exposureEventFromLog({ ...log, eventName: 'Liquidated', args: { ...key, closedSize: W, full: false } })).toMatchObject({ kind: 'liquidated', closedSize: W, full: false })
    expect(exposureEventFromLog({ ...log, eventName: 'CollateralAdded', args: key })).toBeNull()
    expect(exposureEventFromLog({ ...log, blockTimestamp: undefined, eventName: 'PositionOpened', args: { ...key, size: W } })).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import {
  applyPositionEvents,
  keyId,
  logsCurrent,
  positionEventsFromLogs,
  trackedSetOf,
  withoutKeys,
  type PositionEvent,
  type PositionKey,
} from './openSet'

const ALICE = '0xAbCdEf0000000000000000000000000000000001'
const BOB = '0x00000000000000000000000000000000000000b0'
const key = (trader: `0x${string}`, marketId: bigint): PositionKey => ({ trader, marketId })
const at = (kind: PositionEvent['kind'], k: PositionKey, blockNumber: bigint, logIndex: number): PositionEvent => ({ kind, ...k, blockNumber, logIndex })
const ids = (set: ReadonlyMap<string, PositionKey>) => [...set.keys()].sort()

describe('applyPositionEvents', () => {
  const empty = trackedSetOf([])

  it('adds opened and removes closed positions, leaving the others', () => {
    const start = trackedSetOf([key(BOB, 0n), key(BOB, 1n)])
    const next = applyPositionEvents(start, [at('opened', key(ALICE, 2n), 10n, 0), at('closed', key(BOB, 0n), 10n, 1)])
    expect(ids(next)).toEqual([keyId(key(BOB, 1n)), keyId(key(ALICE, 2n))].sort())
    expect(ids(start)).toHaveLength(2) // the input is not changed
  })

  it('open then close in the same range leaves nothing, even when the close is listed first', () => {
    // Events are read per type, so a close can come before the open it follows.
    const events = [at('closed', key(ALICE, 0n), 12n, 0), at('opened', key(ALICE, 0n), 11n, 3)]
    expect(ids(applyPositionEvents(empty, events))).toEqual([])
  })

  it('close then reopen keeps the position, ordered by log index within a block', () => {
    const start = trackedSetOf([key(ALICE, 0n)])
    const events = [at('opened', key(ALICE, 0n), 20n, 7), at('closed', key(ALICE, 0n), 20n, 2)]
    expect(ids(applyPositionEvents(start, events))).toEqual([keyId(key(ALICE, 0n))])
    // …and the reverse order in the chain closes it.
    const reversed = [at('opened', key(ALICE, 0n), 20n, 2), at('closed', key(ALICE, 0n), 20n, 7)]
    expect(ids(applyPositionEvents(start, reversed))).toEqual([])
  })

  it('ignores duplicated logs and a range applied twice', () => {
    const events = [at('opened', key(ALICE, 0n), 5n, 0), at('closed', key(ALICE, 0n), 6n, 0), at('opened', key(BOB, 1n), 6n, 1)]
    const once = applyPositionEvents(empty, events)
    expect(ids(applyPositionEvents(empty, [...events, ...events]))).toEqual(ids(once))
    expect(ids(applyPositionEvents(once, events))).toEqual(ids(once))
    expect(ids(once)).toEqual([keyId(key(BOB, 1n))])
  })

  it('treats checksummed and lower-case addresses as the same trader', () => {
    const start = trackedSetOf([key(ALICE, 0n)])
    const lower = ALICE.toLowerCase() as `0x${string}`
    expect(ids(applyPositionEvents(start, [at('closed', key(lower, 0n), 1n, 0)]))).toEqual([])
  })
})

describe('positionEventsFromLogs', () => {
  const log = <A>(args: A, blockNumber: bigint, logIndex: number) => ({ args, blockNumber, logIndex })

  it('turns a full liquidation into a close and ignores a partial one', () => {
    const events = positionEventsFromLogs({
      opened: [log(key(ALICE, 0n), 3n, 1)],
      closed: [log(key(BOB, 1n), 4n, 0)],
      liquidated: [log({ ...key(BOB, 2n), full: true }, 4n, 5), log({ ...key(ALICE, 0n), full: false }, 4n, 6)],
    })
    expect(events).toEqual([at('opened', key(ALICE, 0n), 3n, 1), at('closed', key(BOB, 1n), 4n, 0), at('closed', key(BOB, 2n), 4n, 5)])
    const tracked = applyPositionEvents(trackedSetOf([key(BOB, 1n), key(BOB, 2n)]), events)
    expect(ids(tracked)).toEqual([keyId(key(ALICE, 0n))])
  })
})

describe('withoutKeys', () => {
  it('removes the given keys only', () => {
    const set = withoutKeys(trackedSetOf([key(ALICE, 0n), key(BOB, 1n)]), [key(ALICE, 0n), key(ALICE, 9n)])
    expect(ids(set)).toEqual([keyId(key(BOB, 1n))])
  })
})

describe('logsCurrent', () => {
  it('accepts logs through the block or the one before it (a head that just arrived), not older ones', () => {
    expect(logsCurrent(10n, 10n)).toBe(true)
    expect(logsCurrent(9n, 10n)).toBe(true)
    expect(logsCurrent(8n, 10n)).toBe(false)
    expect(logsCurrent(undefined, 10n)).toBe(false)
    expect(logsCurrent(10n, undefined)).toBe(false)
  })
})

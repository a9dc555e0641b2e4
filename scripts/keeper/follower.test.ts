import { describe, expect, it } from 'vitest'
import { createLogger } from '../service/log'
import { createPositionFollower } from './follower'
import type { KeeperReads } from './reads'
import { applyPositionEvents, keyId, trackedSetOf, type PositionEvent, type PositionKey } from '../../lib/positions/openSet'

const WAD = 10n ** 18n
const DEPLOY = 5n
const trader = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as `0x${string}`
const A: PositionKey = { trader: trader(1), marketId: 0n }
const B: PositionKey = { trader: trader(2), marketId: 1n }
const C: PositionKey = { trader: trader(3), marketId: 0n }
const event = (kind: PositionEvent['kind'], k: PositionKey, blockNumber: bigint): PositionEvent => ({ kind, ...k, blockNumber, logIndex: 0 })

/**
 * A chain in memory: open positions are `events` applied up to a block; `hidden` events change
 * the chain but are never returned by the event read (a lost log). Records every read.
 */
function fakeChain(events: PositionEvent[], hidden: PositionEvent[] = []) {
  const calls: string[] = []
  const openAt = (block: bigint) => applyPositionEvents(trackedSetOf([]), [...events, ...hidden].filter((e) => e.blockNumber <= block))
  const view = (k: PositionKey, open: boolean) => ({ ...k, health: 2n * WAD, liquidatable: false, size: open ? WAD : 0n })
  const reads: KeeperReads = {
    async positionEvents(from, to) {
      calls.push(`events@${from}-${to}`)
      return events.filter((e) => e.blockNumber >= from && e.blockNumber <= to)
    },
    async positions(keys, block) {
      calls.push(`positions@${block}:${keys.map((k) => k.trader.slice(-1)).join(',')}`)
      const open = openAt(block)
      return keys.map((k) => view(k, open.has(keyId(k))))
    },
  }
  return { reads, calls }
}

function setup(chain: ReturnType<typeof fakeChain>) {
  const lines: Record<string, unknown>[] = []
  const log = createLogger('test', (line) => lines.push(JSON.parse(line)))
  return { follower: createPositionFollower({ reads: chain.reads, deployBlock: DEPLOY, log }), lines }
}
const traders = (positions: { trader: string }[]) => positions.map((p) => p.trader).sort()

describe('createPositionFollower', () => {
  it('scans the logs from the deploy block first, then follows each range and reads the health of exactly the tracked positions', async () => {
    const chain = fakeChain([event('opened', A, 6n), event('opened', B, 12n), event('opened', C, 13n), event('closed', A, 13n)])
    const { follower, lines } = setup(chain)

    expect(follower.lastScanBlock()).toBeNull()
    expect(traders(await follower.update(10n, 10n))).toEqual([A.trader])
    expect(follower.lastScanBlock()).toBe(10n)
    expect(lines.find((l) => l.event === 'synced')).toMatchObject({ fromBlock: '5', block: '10', tracked: 1 })
    expect(traders(await follower.update(11n, 12n))).toEqual([A.trader, B.trader])
    expect(traders(await follower.update(13n, 14n))).toEqual([B.trader, C.trader])
    expect(chain.calls).toEqual(['events@5-10', 'positions@10:1', 'events@11-12', 'positions@12:1,2', 'events@13-14', 'positions@14:2,3'])
    expect(follower.lastScanBlock()).toBe(10n) // never scanned whole again while nothing fails
  })

  it('keeps a position opened and closed before the start out of the set', async () => {
    const chain = fakeChain([event('opened', A, 6n), event('opened', B, 7n), event('closed', A, 8n)])
    const { follower } = setup(chain)
    expect(traders(await follower.update(9n, 9n))).toEqual([B.trader])
    expect(chain.calls).toEqual(['events@5-9', 'positions@9:2'])
  })

  it('drops a tracked position that is not open, with a warning, and stops reading it', async () => {
    const chain = fakeChain([event('opened', A, 6n), event('opened', B, 6n)], [event('closed', B, 9n)])
    const { follower, lines } = setup(chain)

    await follower.update(8n, 8n)
    expect(traders(await follower.update(9n, 9n))).toEqual([A.trader])
    expect(lines.find((l) => l.event === 'tracked position not open')).toMatchObject({ level: 'warn', dropped: [`${B.trader}:1`] })
    await follower.update(10n, 10n)
    expect(chain.calls.at(-1)).toBe('positions@10:1')
  })

  it('scans the logs from the deploy block again after a reset', async () => {
    const chain = fakeChain([event('opened', A, 6n), event('opened', B, 9n)])
    const { follower } = setup(chain)

    await follower.update(8n, 8n)
    follower.reset()
    expect(traders(await follower.update(9n, 11n))).toEqual([A.trader, B.trader])
    expect(chain.calls).toEqual(['events@5-8', 'positions@8:1', 'events@5-11', 'positions@11:1,2'])
    expect(follower.lastScanBlock()).toBe(11n)
  })
})

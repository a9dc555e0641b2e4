import { describe, expect, it } from 'vitest'
import { createLogger } from '../service/log'
import { createPositionFollower } from './follower'
import type { KeeperReads } from './reads'
import { applyPositionEvents, keyId, trackedSetOf, type PositionEvent, type PositionKey } from './tracker'

const WAD = 10n ** 18n
const trader = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as `0x${string}`
const A: PositionKey = { trader: trader(1), marketId: 0n }
const B: PositionKey = { trader: trader(2), marketId: 1n }
const C: PositionKey = { trader: trader(3), marketId: 0n }
const event = (kind: PositionEvent['kind'], k: PositionKey, blockNumber: bigint): PositionEvent => ({ kind, ...k, blockNumber, logIndex: 0 })

/**
 * A chain in memory: open positions are `initial` plus `events` up to a block; `hidden` events
 * change the chain but are never returned by the event read (a lost log). Records every read.
 */
function fakeChain(initial: PositionKey[], events: PositionEvent[], hidden: PositionEvent[] = []) {
  const calls: string[] = []
  const openAt = (block: bigint) => applyPositionEvents(trackedSetOf(initial), [...events, ...hidden].filter((e) => e.blockNumber <= block))
  const view = (k: PositionKey, open: boolean) => ({ ...k, health: 2n * WAD, liquidatable: false, size: open ? WAD : 0n })
  const reads: KeeperReads = {
    async openPositions(block) {
      calls.push(`view@${block}`)
      return [...openAt(block).values()].map((k) => view(k, true))
    },
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

function setup(chain: ReturnType<typeof fakeChain>, resyncBlocks = 50n) {
  const lines: Record<string, unknown>[] = []
  const log = createLogger('test', (line) => lines.push(JSON.parse(line)))
  return { follower: createPositionFollower({ reads: chain.reads, resyncBlocks, log }), lines }
}
const traders = (positions: { trader: string }[]) => positions.map((p) => p.trader).sort()

describe('createPositionFollower', () => {
  it('reads the paged view first, then follows events and reads the health of exactly the tracked positions', async () => {
    const chain = fakeChain([A], [event('opened', B, 12n), event('opened', C, 13n), event('closed', A, 13n)])
    const { follower } = setup(chain)

    expect(traders(await follower.update(10n, 10n))).toEqual([A.trader])
    expect(follower.lastResyncBlock()).toBe(10n)
    expect(traders(await follower.update(11n, 12n))).toEqual([A.trader, B.trader])
    expect(traders(await follower.update(13n, 14n))).toEqual([B.trader, C.trader])
    expect(chain.calls).toEqual(['view@10', 'events@11-12', 'positions@12:1,2', 'events@13-14', 'positions@14:2,3'])
    expect(follower.lastResyncBlock()).toBe(10n)
  })

  it('reads the view again every resyncBlocks blocks and adopts it, warning about what events missed', async () => {
    // D's open and A's close are logs the event read never returns; A closes in the resync block,
    // so no health read can notice it first.
    const D: PositionKey = { trader: trader(4), marketId: 2n }
    const chain = fakeChain([A], [event('opened', B, 3n)], [event('opened', D, 4n), event('closed', A, 6n)])
    const { follower, lines } = setup(chain, 5n)

    await follower.update(1n, 1n)
    expect(traders(await follower.update(2n, 5n))).toEqual([A.trader, B.trader]) // events only: D unseen, A looks open…
    expect(traders(await follower.update(6n, 6n))).toEqual([B.trader, D.trader]) // …until the resync at 6 = 1 + 5
    expect(chain.calls).toEqual(['view@1', 'events@2-5', 'positions@5:1,2', 'events@6-6', 'view@6'])
    expect(follower.lastResyncBlock()).toBe(6n)
    const warning = lines.find((l) => l.event === 'resync mismatch')
    expect(warning).toMatchObject({ level: 'warn', block: '6', missing: [`${D.trader}:2`], extra: [`${A.trader}:0`], adopted: 2 })

    // The adopted set is what is followed next; a resync that agrees is an info line.
    await follower.update(7n, 11n)
    expect(chain.calls.slice(-2)).toEqual(['events@7-11', 'view@11'])
    expect(lines.at(-1)).toMatchObject({ level: 'info', event: 'resynced', block: '11', tracked: 2 })
  })

  it('drops a tracked position that is not open, with a warning, and stops reading it', async () => {
    const chain = fakeChain([A, B], [], [event('closed', B, 3n)])
    const { follower, lines } = setup(chain)

    await follower.update(1n, 1n)
    expect(traders(await follower.update(2n, 3n))).toEqual([A.trader])
    expect(lines.find((l) => l.event === 'tracked position not open')).toMatchObject({ level: 'warn', dropped: [`${B.trader}:1`] })
    await follower.update(4n, 4n)
    expect(chain.calls.at(-1)).toBe('positions@4:1')
  })

  it('rebuilds from the paged view after a reset', async () => {
    const chain = fakeChain([A], [], [event('opened', B, 3n)])
    const { follower } = setup(chain)

    await follower.update(1n, 1n)
    follower.reset()
    expect(traders(await follower.update(2n, 3n))).toEqual([A.trader, B.trader])
    expect(chain.calls).toEqual(['view@1', 'view@3'])
    expect(follower.lastResyncBlock()).toBe(3n)
  })
})

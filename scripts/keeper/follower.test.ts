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
  const view = (k: PositionKey, open: boolean) => ({ ...k, health: 2n * WAD, liquidatable: false, size: open ? WAD : 0n, entryPrice: WAD, collateral: 0n, fundingOwed: 0n, maintenanceMarginRatio: 0n })
  const reads: KeeperReads = {
    async positionEvents(from, to) {
      calls.push(`events@${from}-${to}`)
      return { events: events.filter((e) => e.blockNumber >= from && e.blockNumber <= to), touched: [] }
    },
    async positions(keys, block) {
      calls.push(`positions@${block}:${keys.map((k) => k.trader.slice(-1)).join(',')}`)
      const open = openAt(block)
      return keys.map((k) => view(k, open.has(keyId(k))))
    },
    async markets() {
      throw new Error('no band in these tests')
    },
    async scale() {
      return 10n ** 12n
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

describe('createPositionFollower with the health band', () => {
  const P = 2_000n * WAD
  // Longs of 1 ETH at 2,000: A 10× (L ≈ 1,818), B 2× (L ≈ 1,010), C 10×; mm 1 %.
  const collateral: Record<string, bigint> = { [A.trader]: 200_000_000n, [B.trader]: 1_000_000_000n, [C.trader]: 200_000_000n }
  function bandChain() {
    const calls: string[] = []
    let price = P
    let touched: PositionKey[] = []
    const reads: KeeperReads = {
      async positionEvents(from, to) {
        const events = from === DEPLOY ? [event('opened', A, 6n), event('opened', B, 6n), event('opened', C, 6n)] : []
        const t = touched
        touched = []
        return { events: events.filter((e) => e.blockNumber <= to), touched: t }
      },
      async positions(keys, block) {
        calls.push(`positions@${block}:${keys.map((k) => k.trader.slice(-1)).join(',')}`)
        return keys.map((k) => {
          const c = collateral[k.trader] * 10n ** 12n
          const equity = c + price - P
          const mmr = (price * WAD) / 100n / WAD
          const health = equity <= 0n ? 0n : (equity * WAD) / mmr
          return { ...k, health, liquidatable: health < WAD, size: WAD, entryPrice: P, collateral: collateral[k.trader], fundingOwed: 0n, maintenanceMarginRatio: WAD / 100n }
        })
      },
      async markets(ids) {
        return ids.map((marketId) => ({ marketId, price, fresh: true, mm: WAD / 100n, fundingIndex: 0n, fundingRate: 0n, time: 0n }))
      },
      async scale() {
        return 10n ** 12n
      },
    }
    return { reads, calls, setPrice: (p: bigint) => (price = p), touch: (k: PositionKey) => touched.push(k) }
  }

  it('reads only the positions the price came near, those an event named, and all of them every fullCheckBlocks; misses no liquidatable one', async () => {
    const chain = bandChain()
    const follower = createPositionFollower({ reads: chain.reads, deployBlock: DEPLOY, log: createLogger('test', () => {}), band: { bandWad: WAD / 100n, fullCheckBlocks: 10n } })
    await follower.update(10n, 10n) // first: full
    expect(follower.lastRead()).toEqual({ read: 3, full: true })
    await follower.update(11n, 11n)
    expect(chain.calls.at(-1)).toBe('positions@11:') // nothing near
    chain.setPrice(1_830n * WAD) // within 1 % of A's and C's L (≈ 1,818.2), far from B's
    await follower.update(12n, 12n)
    expect(chain.calls.at(-1)).toBe('positions@12:1,3')
    chain.setPrice(1_800n * WAD) // A and C are liquidatable now
    const positions = await follower.update(13n, 13n)
    expect(positions.filter((p) => p.liquidatable).map((p) => p.trader).sort()).toEqual([A.trader, C.trader])
    chain.setPrice(1_900n * WAD)
    chain.touch(B) // a collateral change names B: read it whatever the price
    await follower.update(14n, 14n)
    expect(chain.calls.at(-1)).toBe('positions@14:2')
    await follower.update(20n, 20n) // ten blocks after the last full read
    expect(follower.lastRead()).toEqual({ read: 3, full: true })
  })

  it('hands over the positions already past their last liquidation price before the health reads, none an event named, and does not read them', async () => {
    const chain = bandChain()
    const follower = createPositionFollower({ reads: chain.reads, deployBlock: DEPLOY, log: createLogger('test', () => {}), band: { bandWad: WAD / 100n, fullCheckBlocks: 100n } })
    const seen: { at: number; traders: string[] }[] = []
    const onPredicted = (positions: { trader: string; liquidatable: boolean }[]) => {
      expect(positions.every((p) => p.liquidatable)).toBe(true)
      seen.push({ at: chain.calls.length, traders: traders(positions) })
    }
    await follower.update(10n, 10n, { onPredicted }) // no read yet: nothing to predict from
    expect(seen).toEqual([])
    await follower.update(11n, 11n, { onPredicted }) // far from every L
    expect(seen).toEqual([])
    chain.setPrice(1_800n * WAD) // under A's and C's L (≈ 1,818.2)
    chain.touch(C) // C changed by an event: its last read says nothing now
    const positions = await follower.update(12n, 12n, { onPredicted })
    expect(seen).toEqual([{ at: 2, traders: [A.trader] }]) // two reads so far: before this update's health read
    expect(chain.calls.at(-1)).toBe('positions@12:3') // A's batch is on its way: only C is read
    expect(positions.filter((p) => p.liquidatable).map((p) => p.trader).sort()).toEqual([A.trader, C.trader])

    // A wrong prediction: the batch skipped A (an event names it), so A is read, not predicted again.
    chain.setPrice(1_817n * WAD)
    chain.touch(A)
    seen.length = 0
    await follower.update(13n, 13n, { onPredicted })
    expect(seen.flatMap((s) => s.traders)).not.toContain(A.trader)
    expect(chain.calls.at(-1)).toContain('positions@13:1')
  })

  it('drops a predicted position read as closed on a full check without the missed-event warning (its batch was mined during the read)', async () => {
    const chain = bandChain()
    const lines: Record<string, unknown>[] = []
    const follower = createPositionFollower({ reads: chain.reads, deployBlock: DEPLOY, log: createLogger('test', (line) => lines.push(JSON.parse(line))), band: { bandWad: WAD / 100n, fullCheckBlocks: 1n } })
    await follower.update(10n, 10n)
    chain.setPrice(1_800n * WAD)
    const closed = new Set([A.trader, B.trader])
    const read = chain.reads.positions
    chain.reads.positions = async (keys, block) => (await read(keys, block)).map((p) => (closed.has(p.trader) ? { ...p, size: 0n } : p))
    const positions = await follower.update(11n, 11n, { onPredicted: () => {} })
    expect(chain.calls.at(-1)).toBe('positions@11:1,2,3') // full check: every position
    expect(traders(positions)).toEqual([C.trader])
    expect(lines.filter((l) => l.event === 'tracked position not open').map((l) => l.dropped)).toEqual([[`${B.trader}:1`]])
  })
})

import type { Logger } from '../service/log'
import { bandSnapshot, fullCheckDue, needsHealthRead, predictedHealth, predictedLiquidatable, type BandMarket, type BandSettings, type BandSnapshot } from './band'
import type { TrackedPosition } from './plan'
import type { KeeperReads } from './reads'
import { applyPositionEvents, keyId, keyLabel, trackedSetOf, withoutKeys, type PositionKey, type TrackedSet } from '../../lib/positions/openSet'

export type PositionFollower = {
  /**
   * The open positions at `toBlock` with their health, having followed `fromBlock`…`toBlock`.
   * With `onPredicted` (band only), called before the health reads with the positions the last
   * read already says are liquidatable at this block's prices (band.ts `predictedLiquidatable`;
   * none named by an event of the range), so the caller can send them while the reads run.
   */
  update(fromBlock: bigint, toBlock: bigint, options?: { onPredicted?: (positions: TrackedPosition[]) => void }): Promise<TrackedPosition[]>
  /** Forgets the set: the next update rebuilds it from the logs since the deploy block (after an error that may have lost events). */
  reset(): void
  /** Block up to which the last full scan of the position logs (from the deploy block) ran, null before the first. */
  lastScanBlock(): bigint | null
  /** How many positions the last update read the health of, and whether it was a full re-check. */
  lastRead(): { read: number; full: boolean }
}

/**
 * Events only: the engine keeps no list of open positions (its enumeration cost ~22k gas per
 * open), so the set is built from the position logs since the deploy block at the first update
 * (and after `reset`), then kept by the position events of each new range. A tracked key found
 * not open is dropped with a warning.
 *
 * Health reads: without `band`, every tracked position every update. With `band`
 * (scripts/keeper/band.ts), only the positions whose liquidation price the move since their last
 * read could have crossed, those an event named, and every position every `fullCheckBlocks`
 * blocks; the others are returned with the health of their last read and `liquidatable: false`
 * (outside the band no price at this block liquidates them).
 */
export function createPositionFollower({ reads, deployBlock, log, band }: { reads: KeeperReads; deployBlock: bigint; log: Logger; band?: BandSettings }): PositionFollower {
  let tracked: TrackedSet | null = null
  let lastScan: bigint | null = null
  let lastFull: bigint | null = null
  let lastRead = { read: 0, full: true }
  const snapshots = new Map<string, BandSnapshot>()
  const cached = new Map<string, TrackedPosition>()

  const marketIdsOf = (keys: Iterable<PositionKey>) => [...new Set([...keys].map((k) => k.marketId))]

  return {
    reset: () => {
      tracked = null
      lastFull = null
      snapshots.clear()
      cached.clear()
    },
    lastScanBlock: () => lastScan,
    lastRead: () => lastRead,

    async update(fromBlock, toBlock, options) {
      let current: TrackedSet
      let touched: PositionKey[] = []
      const previous = tracked
      // The markets' state is read beside the events (band only): those of the set so far.
      const marketsRead = band && previous ? reads.markets(marketIdsOf(previous.values()), toBlock) : Promise.resolve([] as BandMarket[])
      if (previous === null) {
        const { events } = await reads.positionEvents(deployBlock, toBlock)
        current = applyPositionEvents(trackedSetOf([]), events)
        lastScan = toBlock
        log.info('synced', { fromBlock: deployBlock, block: toBlock, tracked: current.size })
      } else {
        const logs = await reads.positionEvents(fromBlock, toBlock)
        current = applyPositionEvents(previous, logs.events)
        touched = logs.touched
        if (logs.events.length > 0)
          log.info('positions changed', {
            fromBlock,
            toBlock,
            opened: logs.events.filter((e) => e.kind === 'opened').length,
            closed: logs.events.filter((e) => e.kind === 'closed').length,
            tracked: current.size,
          })
      }

      const all = [...current.values()]
      const predicted: TrackedPosition[] = []
      const predictedIds = new Set<string>()
      let toRead = all
      const markets = new Map((await marketsRead).map((m) => [m.marketId, m]))
      const full = !band || fullCheckDue(toBlock, lastFull, band)
      if (band) {
        const missing = marketIdsOf(all).filter((id) => !markets.has(id))
        if (missing.length > 0) for (const m of await reads.markets(missing, toBlock)) markets.set(m.marketId, m)
        const named = new Set(touched.map(keyId))
        if (options?.onPredicted) {
          for (const k of all) {
            const id = keyId(k)
            const snap = snapshots.get(id)
            const market = markets.get(k.marketId)!
            if (snap === undefined || named.has(id) || !predictedLiquidatable(snap, market)) continue
            predicted.push({ trader: k.trader, marketId: k.marketId, health: predictedHealth(snap, market), liquidatable: true })
            predictedIds.add(id)
          }
          if (predicted.length > 0) options.onPredicted(predicted)
        }
        if (!full) {
          // A predicted position is not read: its batch is on its way, and a wrong prediction shows
          // as the batch's `LiquidationSkipped`, an event naming it, so the next pass reads it.
          toRead = all.filter((k) => {
            const id = keyId(k)
            const snap = snapshots.get(id)
            return !predictedIds.has(id) && (snap === undefined || named.has(id) || needsHealthRead(snap, markets.get(k.marketId)!, band.bandWad))
          })
        }
      }

      const read = await reads.positions(toRead, toBlock)
      lastRead = { read: read.length, full }
      if (full) lastFull = toBlock
      // A tracked key that is not open means an event was missed or misread: drop it now.
      const notOpen = read.filter((p) => p.size === 0n)
      // A predicted position's batch may be mined while its read runs, and a node (anvil) answers a
      // read at its head block with the state of a block mined meanwhile: expected, no warning.
      const unexpected = notOpen.filter((p) => !predictedIds.has(keyId(p)))
      if (unexpected.length > 0) log.warn('tracked position not open', { block: toBlock, dropped: unexpected.map(keyLabel) })
      tracked = withoutKeys(current, notOpen)
      for (const id of snapshots.keys()) if (!tracked.has(id)) snapshots.delete(id)
      for (const id of cached.keys()) if (!tracked.has(id)) cached.delete(id)
      const scale = band ? await reads.scale() : 0n
      for (const p of read) {
        if (p.size === 0n) continue
        const id = keyId(p)
        cached.set(id, { trader: p.trader, marketId: p.marketId, health: p.health, liquidatable: p.liquidatable })
        if (band) snapshots.set(id, bandSnapshot(p, markets.get(p.marketId)!, scale))
      }
      const readIds = new Set(read.map(keyId))
      const predictedById = new Map(predicted.map((p) => [keyId(p), p]))
      return [...tracked.values()].map((k) => {
        const id = keyId(k)
        const p = cached.get(id)!
        return readIds.has(id) ? p : (predictedById.get(id) ?? { ...p, liquidatable: false })
      })
    },
  }
}

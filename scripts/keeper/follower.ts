import type { Logger } from '../service/log'
import type { TrackedPosition } from './plan'
import type { KeeperReads } from './reads'
import { applyPositionEvents, diffTracked, isResyncDue, keyLabel, trackedSetOf, withoutKeys, type TrackedSet } from './tracker'

export type PositionFollower = {
  /** The open positions at `toBlock` with their health, having followed `fromBlock`…`toBlock`. */
  update(fromBlock: bigint, toBlock: bigint): Promise<TrackedPosition[]>
  /** Forgets the set: the next update rebuilds it from the paged view (after an error that may have lost events). */
  reset(): void
  /** Block of the last full read of the paged view, null before the first. */
  lastResyncBlock(): bigint | null
}

/**
 * Events plus the paged view: the set of open positions is read whole from the paged view at the
 * first update (and after `reset`), then kept by the position events of each range, and read
 * whole again every `resyncBlocks` blocks as a safety net; a difference there is logged and the
 * view wins. Between full reads only the tracked positions' health is read (batched).
 */
export function createPositionFollower({ reads, resyncBlocks, log }: { reads: KeeperReads; resyncBlocks: bigint; log: Logger }): PositionFollower {
  let tracked: TrackedSet | null = null
  let lastResync: bigint | null = null

  async function readView(block: bigint) {
    const positions = await reads.openPositions(block)
    lastResync = block
    return { positions, set: trackedSetOf(positions) }
  }

  return {
    reset: () => void (tracked = null),
    lastResyncBlock: () => lastResync,

    async update(fromBlock, toBlock) {
      if (tracked === null) {
        const view = await readView(toBlock)
        tracked = view.set
        log.info('synced', { block: toBlock, tracked: tracked.size })
        return view.positions
      }

      const events = await reads.positionEvents(fromBlock, toBlock)
      const fromEvents = applyPositionEvents(tracked, events)
      if (events.length > 0)
        log.info('positions changed', {
          fromBlock,
          toBlock,
          opened: events.filter((e) => e.kind === 'opened').length,
          closed: events.filter((e) => e.kind === 'closed').length,
          tracked: fromEvents.size,
        })

      if (lastResync === null || isResyncDue(lastResync, toBlock, resyncBlocks)) {
        const view = await readView(toBlock)
        const { missing, extra } = diffTracked(fromEvents, view.set)
        if (missing.length + extra.length > 0)
          log.warn('resync mismatch', { block: toBlock, missing: missing.map(keyLabel), extra: extra.map(keyLabel), adopted: view.set.size })
        else log.info('resynced', { block: toBlock, tracked: view.set.size })
        tracked = view.set
        return view.positions
      }

      const read = await reads.positions([...fromEvents.values()], toBlock)
      // A tracked key that is not open means an event was missed or misread: drop it now rather
      // than carry it to the next resync.
      const notOpen = read.filter((p) => p.size === 0n)
      if (notOpen.length > 0) log.warn('tracked position not open', { block: toBlock, dropped: notOpen.map(keyLabel) })
      tracked = withoutKeys(fromEvents, notOpen)
      return read.filter((p) => p.size !== 0n).map(({ trader, marketId, health, liquidatable }) => ({ trader, marketId, health, liquidatable }))
    },
  }
}

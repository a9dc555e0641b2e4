import type { Logger } from '../service/log'
import type { TrackedPosition } from './plan'
import type { KeeperReads } from './reads'
import { applyPositionEvents, keyLabel, trackedSetOf, withoutKeys, type TrackedSet } from '../../lib/positions/openSet'

export type PositionFollower = {
  /** The open positions at `toBlock` with their health, having followed `fromBlock`…`toBlock`. */
  update(fromBlock: bigint, toBlock: bigint): Promise<TrackedPosition[]>
  /** Forgets the set: the next update rebuilds it from the logs since the deploy block (after an error that may have lost events). */
  reset(): void
  /** Block up to which the last full scan of the position logs (from the deploy block) ran, null before the first. */
  lastScanBlock(): bigint | null
}

/**
 * Events only: the engine keeps no list of open positions (its enumeration cost ~22k gas per
 * open), so the set is built from the position logs since the deploy block at the first update
 * (and after `reset`), then kept by the position events of each new range. Each update reads the
 * tracked positions' health in batches; a tracked key found not open is dropped with a warning.
 */
export function createPositionFollower({ reads, deployBlock, log }: { reads: KeeperReads; deployBlock: bigint; log: Logger }): PositionFollower {
  let tracked: TrackedSet | null = null
  let lastScan: bigint | null = null

  return {
    reset: () => void (tracked = null),
    lastScanBlock: () => lastScan,

    async update(fromBlock, toBlock) {
      let current: TrackedSet
      if (tracked === null) {
        current = applyPositionEvents(trackedSetOf([]), await reads.positionEvents(deployBlock, toBlock))
        lastScan = toBlock
        log.info('synced', { fromBlock: deployBlock, block: toBlock, tracked: current.size })
      } else {
        const events = await reads.positionEvents(fromBlock, toBlock)
        current = applyPositionEvents(tracked, events)
        if (events.length > 0)
          log.info('positions changed', {
            fromBlock,
            toBlock,
            opened: events.filter((e) => e.kind === 'opened').length,
            closed: events.filter((e) => e.kind === 'closed').length,
            tracked: current.size,
          })
      }

      const read = await reads.positions([...current.values()], toBlock)
      // A tracked key that is not open means an event was missed or misread: drop it now.
      const notOpen = read.filter((p) => p.size === 0n)
      if (notOpen.length > 0) log.warn('tracked position not open', { block: toBlock, dropped: notOpen.map(keyLabel) })
      tracked = withoutKeys(current, notOpen)
      return read.filter((p) => p.size !== 0n).map(({ trader, marketId, health, liquidatable }) => ({ trader, marketId, health, liquidatable }))
    },
  }
}

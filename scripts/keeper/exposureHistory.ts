/**
 * The keeper's side of the exposure history in `/risk.json`: the same reconstruction as the page
 * (lib/exposureHistory.ts), fed block range by block range. The first update reads the position
 * events since the deploy block (in pages); later ones only the blocks since the last, so the day
 * is never re-read. A chain that went back (a block before the last read) starts it over.
 */
import type { PublicClient } from 'viem'
import type { Deployment } from '../../lib/config/types'
import { liquidationEngineAbi, perpEngineAbi } from '../../lib/contracts/generated'
import { applyExposureEvents, emptyExposureHistory, EXPOSURE_EVENT_NAMES, exposureEventFromLog, type ExposureEvent, type ExposureHistory, type ExposureLog } from '../../lib/exposureHistory'

/** Blocks per `eth_getLogs` when reading the history (as the page's log reader). */
const PAGE_BLOCKS = 5_000n

const EVENTS = [...perpEngineAbi, ...liquidationEngineAbi].filter(
  (item) => item.type === 'event' && (EXPOSURE_EVENT_NAMES as readonly string[]).includes(item.name),
)

export type ExposureFollower = {
  /** The history through `toBlock`; null when the node's logs carry no block timestamp. */
  update(toBlock: bigint): Promise<ExposureHistory | null>
}

export function createExposureFollower(client: PublicClient, deployment: Deployment): ExposureFollower {
  const c = deployment.contracts
  const address = c.LiquidationEngine ? [c.PerpEngine, c.LiquidationEngine] : [c.PerpEngine]
  let history = emptyExposureHistory()
  let readTo: bigint | null = null
  let unavailable = false
  return {
    async update(toBlock) {
      if (readTo !== null && toBlock < readTo) {
        history = emptyExposureHistory()
        readTo = null
      }
      const start = readTo === null ? BigInt(deployment.deployBlock) : readTo + 1n
      for (let from = start; from <= toBlock; from += PAGE_BLOCKS) {
        const to = from + PAGE_BLOCKS - 1n < toBlock ? from + PAGE_BLOCKS - 1n : toBlock
        const logs = await client.getLogs({ address, events: EVENTS as never, fromBlock: from, toBlock: to, strict: true })
        const events = (logs as unknown as ExposureLog[]).map(exposureEventFromLog)
        if (events.some((e) => e === null)) unavailable = true
        else history = applyExposureEvents(history, events as ExposureEvent[])
        readTo = to
      }
      return unavailable ? null : history
    },
  }
}

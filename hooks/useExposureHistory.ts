'use client'

import { useMemo, useRef } from 'react'
import { useDeployment } from '@/hooks/useDeployment'
import { liquidationEngineAbi } from '@/lib/contracts/abi/LiquidationEngine'
import { perpEngineAbi } from '@/lib/contracts/abi/PerpEngine'
import { applyExposureEvents, emptyExposureHistory, EXPOSURE_EVENT_NAMES, exposureEventFromLog, type ExposureEvent, type ExposureHistory, type ExposureLog } from '@/lib/exposureHistory'
import { useContractEvents } from './useContractEvents'

const EXPOSURE_EVENTS_ABI = [...perpEngineAbi, ...liquidationEngineAbi] as const

/**
 * The pool's delta per market over the last day, rebuilt from the position events
 * (lib/exposureHistory.ts). One more subscription of the app's log reader, so no request of its
 * own: its history is read once with the page's other subscriptions, then each block's one
 * `eth_getLogs` extends it, and only the logs new since the last render are applied.
 * `unavailable`: the node's logs carry no block timestamp, so the history cannot be placed in time.
 */
export function useExposureHistory(): { history?: ExposureHistory; toBlock?: bigint; unavailable: boolean } {
  const { contracts: c } = useDeployment()
  const addresses = c.LiquidationEngine ? [c.PerpEngine, c.LiquidationEngine] : [c.PerpEngine]
  const { logs, toBlock } = useContractEvents({ addresses, abi: EXPOSURE_EVENTS_ABI, eventNames: EXPOSURE_EVENT_NAMES })
  // The log cache only grows (earlier entries kept as they are) unless the chain went back: then it is rebuilt.
  const applied = useRef<{ first: unknown; count: number; history: ExposureHistory; unavailable: boolean }>(undefined)

  return useMemo(() => {
    if (!logs) return { unavailable: false }
    let from = applied.current
    if (!from || logs.length < from.count || (from.count > 0 && logs[0] !== from.first)) from = { first: logs[0], count: 0, history: emptyExposureHistory(), unavailable: false }
    const events = (logs.slice(from.count) as unknown as ExposureLog[]).map(exposureEventFromLog)
    const unavailable = from.unavailable || events.some((e) => e === null)
    const history = unavailable ? from.history : applyExposureEvents(from.history, events as ExposureEvent[])
    applied.current = { first: logs[0], count: logs.length, history, unavailable }
    return { history, toBlock, unavailable }
  }, [logs, toBlock])
}

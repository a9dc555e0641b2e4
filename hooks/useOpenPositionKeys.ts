'use client'

import { useMemo } from 'react'
import { timed } from '@/lib/timing'
import { useDeployment } from '@/hooks/useDeployment'
import { liquidationEngineAbi } from '@/lib/contracts/abi/LiquidationEngine'
import { perpEngineAbi } from '@/lib/contracts/abi/PerpEngine'
import { applyPositionEvents, positionEventsFromLogs, trackedSetOf, type PositionKey } from '@/lib/positions/openSet'
import { useContractEvents } from './useContractEvents'

export { logsCurrent } from '@/lib/positions/openSet'

type KeyLog = { args: PositionKey; blockNumber: bigint; logIndex: number }
type LiquidationLog = { args: PositionKey & { full: boolean }; blockNumber: bigint; logIndex: number }

const POSITION_EVENTS_ABI = [...perpEngineAbi, ...liquidationEngineAbi] as const
const POSITION_EVENTS = ['PositionOpened', 'PositionClosed', 'Liquidated'] as const

/**
 * The keys of every open position, from the logs: the engine keeps no list of open positions (it
 * cost ~22k gas per open), so the set is `PositionOpened` minus `PositionClosed` and the
 * liquidation engine's `Liquidated` with `full` (lib/positions/openSet.ts, as the keeper does).
 * One subscription of the app's log reader; `toBlock` is the block the set is complete through.
 */
export function useOpenPositionKeys(): { keys?: PositionKey[]; toBlock?: bigint; isError: boolean } {
  const { contracts: c } = useDeployment()
  const addresses = c.LiquidationEngine ? [c.PerpEngine, c.LiquidationEngine] : [c.PerpEngine]
  const { logs, toBlock, isError } = useContractEvents({ addresses, abi: POSITION_EVENTS_ABI, eventNames: POSITION_EVENTS })

  const keys = useMemo(() => timed('risk:openKeys', () => {
    if (!logs) return undefined
    const of = (name: (typeof POSITION_EVENTS)[number]) => logs.filter((log) => log.eventName === name) as unknown[]
    const events = positionEventsFromLogs({
      opened: of('PositionOpened') as KeyLog[],
      closed: of('PositionClosed') as KeyLog[],
      liquidated: of('Liquidated') as LiquidationLog[],
    })
    return [...applyPositionEvents(trackedSetOf([]), events).values()]
  }), [logs])

  return { keys, toBlock, isError }
}

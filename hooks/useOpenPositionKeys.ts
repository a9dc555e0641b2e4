'use client'

import { useMemo } from 'react'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import { liquidationEngineAbi, perpEngineAbi } from '@/lib/contracts/generated'
import { applyPositionEvents, positionEventsFromLogs, trackedSetOf, type PositionKey } from '@/lib/positions/openSet'

export { logsCurrent } from '@/lib/positions/openSet'
import { useEventLog } from './useEventLog'

type KeyLog = { args: PositionKey; blockNumber: bigint; logIndex: number }
type LiquidationLog = { args: PositionKey & { full: boolean }; blockNumber: bigint; logIndex: number }

/**
 * The keys of every open position, from the logs: the engine keeps no list of open positions (it
 * cost ~22k gas per open), so the set is `PositionOpened` minus `PositionClosed` and the
 * liquidation engine's `Liquidated` with `full` (lib/positions/openSet.ts, as the keeper does).
 * Read once from the deploy block and then only the new blocks, through the log cache.
 * `toBlock` is the block the set is complete through (the least advanced of the three caches).
 */
export function useOpenPositionKeys(): { keys?: PositionKey[]; toBlock?: bigint; isError: boolean } {
  const { contracts: c } = useAppConfig().deployment
  const opened = useEventLog({ address: c.PerpEngine, abi: perpEngineAbi, eventName: 'PositionOpened' })
  const closed = useEventLog({ address: c.PerpEngine, abi: perpEngineAbi, eventName: 'PositionClosed' })
  const liquidated = useEventLog({ address: c.LiquidationEngine, abi: liquidationEngineAbi, eventName: 'Liquidated' })
  const isError = opened.isError || closed.isError || liquidated.isError
  const ready = opened.logs && closed.logs && liquidated.logs
  const toBlock = ready ? [opened.toBlock!, closed.toBlock!, liquidated.toBlock!].reduce((a, b) => (a < b ? a : b)) : undefined

  const keys = useMemo(() => {
    if (!opened.logs || !closed.logs || !liquidated.logs || toBlock === undefined) return undefined
    // Only logs through the common block: a cache that is ahead must not close or open early.
    const upTo = <L extends { blockNumber: bigint }>(logs: readonly L[]) => logs.filter((l) => l.blockNumber <= toBlock)
    const events = positionEventsFromLogs({
      opened: upTo(opened.logs as unknown as KeyLog[]),
      closed: upTo(closed.logs as unknown as KeyLog[]),
      liquidated: upTo(liquidated.logs as unknown as LiquidationLog[]),
    })
    return [...applyPositionEvents(trackedSetOf([]), events).values()]
  }, [opened.logs, closed.logs, liquidated.logs, toBlock])

  return { keys, toBlock, isError }
}

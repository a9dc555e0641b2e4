'use client'

import { useMemo } from 'react'
import { useAccount } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { perpEngineAbi } from '@/lib/contracts/abi/PerpEngine'
import { indexedTopic } from '@/lib/events/logReader'
import { positionCostsByMarket, type PositionEventLogs } from '@/lib/events/positionCosts'
import { useContractEvents } from './useContractEvents'

const COST_EVENTS = ['PositionOpened', 'PositionIncreased', 'PositionReduced', 'FundingSettled'] as const

/**
 * The connected account's trading fees and settled funding per market, for the position open now,
 * from the engine's events (the trader is their first indexed topic), through the app's log
 * reader. Keyed by market id.
 */
export function usePositionCosts() {
  const deployment = useDeployment()
  const { address } = useAccount()
  const { logs } = useContractEvents({
    addresses: [deployment.contracts.PerpEngine],
    abi: perpEngineAbi,
    eventNames: COST_EVENTS,
    topics: address ? [indexedTopic(address)] : undefined,
    enabled: !!address,
  })
  return useMemo(() => {
    if (!address || !logs) return undefined
    const of = (name: (typeof COST_EVENTS)[number]) => logs.filter((log) => log.eventName === name) as never[]
    const split: PositionEventLogs = { opened: of('PositionOpened'), increased: of('PositionIncreased'), reduced: of('PositionReduced'), fundingSettled: of('FundingSettled') }
    return positionCostsByMarket(split)
  }, [address, logs])
}

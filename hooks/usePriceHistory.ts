'use client'

import { useMemo } from 'react'
import { useDeployment } from '@/hooks/useDeployment'
import type { PricePoint } from '@/components/chart/PriceChart'
import { oracleAggregatorAbi } from '@/lib/contracts/abi/OracleAggregator'
import { indexedTopic } from '@/lib/events/logReader'
import { useContractEvents } from './useContractEvents'

const PRICE_EVENTS = ['PriceAccepted'] as const

/** A market's accepted oracle prices since deployment, or over the direct reads' bound (PriceAccepted events), for the chart. */
export function usePriceHistory(marketId: bigint): PricePoint[] | undefined {
  const deployment = useDeployment()
  const { logs } = useContractEvents({
    addresses: [deployment.contracts.OracleAggregator],
    abi: oracleAggregatorAbi,
    eventNames: PRICE_EVENTS,
    topics: [indexedTopic(marketId)],
    history: true,
  })
  return useMemo(() => logs?.map((log) => ({ time: Number(log.args.dataTime), value: Number(log.args.price) / 1e18 })), [logs])
}

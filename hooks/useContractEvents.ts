'use client'

import { useMemo } from 'react'
import { formatLog, parseEventLogs, toEventSelector, type Abi, type AbiEvent, type ContractEventName, type Log, type ParseEventLogsReturnType, type RpcLog } from 'viem'
import { useDeployment } from '@/hooks/useDeployment'
import { useCurrentChain } from '@/hooks/useCurrentChain'
import type { Hex, LogSubscription } from '@/lib/events/logReader'
import { historyLookback, historySource } from '@/lib/history/source'
import { queryKeys } from '@/lib/queryKeys'
import { useLogs } from './useLogs'

/**
 * Events of one or more contracts, decoded with their ABI, through the app's one log reader (one
 * `eth_getLogs` per new block for every event the page listens to). `topics` filters indexed
 * arguments 1 and 2 (`indexedTopic(value)`; `null` for any). `history`: a view of past events that
 * may start later than the deploy block when direct log reads are bounded (lib/history/source.ts);
 * leave it off for anything rebuilt from the events (open positions, pending requests, proposals).
 */
export function useContractEvents<const TAbi extends Abi, const TNames extends readonly ContractEventName<TAbi>[]>({
  addresses,
  abi,
  eventNames,
  topics,
  enabled = true,
  history = false,
}: {
  addresses: readonly Hex[]
  abi: TAbi
  eventNames: TNames
  topics?: readonly (Hex | null)[]
  enabled?: boolean
  history?: boolean
}) {
  type Decoded = ParseEventLogsReturnType<TAbi, TNames[number], true>[number]
  const deployment = useDeployment()
  const chain = useCurrentChain()
  const { chainId } = chain
  const lookbackBlocks = history ? historyLookback(historySource(chain)) : undefined
  const key = [...queryKeys.contractEvents(chainId, addresses, eventNames, topics ?? []), `lookback:${lookbackBlocks ?? 'none'}`].join('|')
  const subscription = useMemo((): LogSubscription<Decoded> => {
    const selectors = eventNames.map((name) => {
      const item = abi.find((entry) => entry.type === 'event' && entry.name === name) as AbiEvent | undefined
      if (!item) throw new Error(`No event ${name} in the ABI`)
      return toEventSelector(item)
    })
    return {
      key,
      addresses,
      selectors,
      topics,
      fromBlock: BigInt(deployment.deployBlock),
      lookbackBlocks,
      decode: (raw) => parseEventLogs({ abi, logs: raw.map((log) => formatLog(log as RpcLog) as Log), eventName: [...eventNames] as never, strict: true }) as Decoded[],
    }
  }, [key]) // eslint-disable-line react-hooks/exhaustive-deps
  return useLogs(subscription, enabled && addresses.length > 0)
}

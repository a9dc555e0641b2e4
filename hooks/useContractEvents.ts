'use client'

import { useMemo } from 'react'
import { formatLog, parseEventLogs, toEventSelector, type Abi, type AbiEvent, type ContractEventName, type Log, type ParseEventLogsReturnType, type RpcLog } from 'viem'
import { useDeployment } from '@/hooks/useDeployment'
import { useCurrentChain } from '@/hooks/useCurrentChain'
import type { Hex, LogSubscription } from '@/lib/events/logReader'
import { queryKeys } from '@/lib/queryKeys'
import { useLogs } from './useLogs'

/**
 * Events of one or more contracts, decoded with their ABI, through the app's one log reader (one
 * `eth_getLogs` per new block for every event the page listens to). `topics` filters indexed
 * arguments 1 and 2 (`indexedTopic(value)`; `null` for any).
 */
export function useContractEvents<const TAbi extends Abi, const TNames extends readonly ContractEventName<TAbi>[]>({
  addresses,
  abi,
  eventNames,
  topics,
  enabled = true,
}: {
  addresses: readonly Hex[]
  abi: TAbi
  eventNames: TNames
  topics?: readonly (Hex | null)[]
  enabled?: boolean
}) {
  type Decoded = ParseEventLogsReturnType<TAbi, TNames[number], true>[number]
  const deployment = useDeployment()
  const { chainId } = useCurrentChain()
  const key = queryKeys.contractEvents(chainId, addresses, eventNames, topics ?? []).join('|')
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
      decode: (raw) => parseEventLogs({ abi, logs: raw.map((log) => formatLog(log as RpcLog) as Log), eventName: [...eventNames] as never, strict: true }) as Decoded[],
    }
  }, [key]) // eslint-disable-line react-hooks/exhaustive-deps
  return useLogs(subscription, enabled && addresses.length > 0)
}

'use client'

import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useRef } from 'react'
import { formatLog, numberToHex, pad, parseEventLogs, toEventSelector, type Abi, type AbiEvent, type Address, type ContractEventName, type Log, type ParseEventLogsReturnType, type RpcLog } from 'viem'
import { useBlockNumber, usePublicClient } from 'wagmi'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import { blockRanges, nextRead, type LogCache } from '@/lib/events/logCache'
import { queryKeys } from '@/lib/queryKeys'

/** Blocks per `eth_getLogs` request on the first read: well under what public RPCs accept. */
const PAGE_SIZE = 5_000n

/**
 * Every event a page listens to, of one or more contracts, in ONE `eth_getLogs` per block
 * extension (the first read from the deploy block, in pages; then only the new blocks; a chain
 * that went backwards resets the cache). With `account`, only logs whose second indexed topic is
 * that account are read (the trader of an order event, the owner of an LP request event).
 */
export function useMultiEventLog<const TAbi extends Abi, const TNames extends readonly ContractEventName<TAbi>[]>({
  addresses,
  abi,
  eventNames,
  account,
  enabled = true,
}: {
  addresses: readonly Address[]
  abi: TAbi
  eventNames: TNames
  account?: Address
  enabled?: boolean
}) {
  type Decoded = ParseEventLogsReturnType<TAbi, TNames[number], true>[number]
  const { chainId, deployment } = useAppConfig()
  const client = usePublicClient()
  const queryClient = useQueryClient()
  const { data: head } = useBlockNumber({ watch: true })
  const headRef = useRef(head)
  headRef.current = head
  const queryKey = queryKeys.multiEventLog(chainId, addresses, eventNames, account)
  const topics = useMemo(() => {
    const selectors = eventNames.map((name) => {
      const item = abi.find((entry) => entry.type === 'event' && entry.name === name) as AbiEvent | undefined
      if (!item) throw new Error(`No event ${name} in the ABI`)
      return toEventSelector(item)
    })
    return account ? [selectors, null, pad(account.toLowerCase() as Address)] : [selectors]
  }, [abi, eventNames, account])

  const query = useQuery({
    queryKey,
    enabled: enabled && !!client && head !== undefined,
    staleTime: Infinity,
    queryFn: async (): Promise<LogCache<Decoded>> => {
      const current = headRef.current!
      const cache = queryClient.getQueryData<LogCache<Decoded>>(queryKey)
      const read = nextRead(cache, current, BigInt(deployment.deployBlock))
      if (!read) return cache ?? { toBlock: current, logs: [] }
      const pages = await Promise.all(
        blockRanges(read.range.fromBlock, read.range.toBlock, PAGE_SIZE).map(async (range) => {
          const raw = (await client!.request({
            method: 'eth_getLogs',
            params: [{ address: [...addresses], topics, fromBlock: numberToHex(range.fromBlock), toBlock: numberToHex(range.toBlock) }],
          } as never)) as RpcLog[]
          return parseEventLogs({ abi, logs: raw.map((log) => formatLog(log) as Log), eventName: [...eventNames] as never, strict: true }) as Decoded[]
        }),
      )
      const fresh = pages.flat()
      return { toBlock: read.range.toBlock, logs: read.reset ? fresh : [...cache!.logs, ...fresh] }
    },
  })

  const { refetch } = query
  useEffect(() => {
    // Several components may follow the same logs: one read per block, the others join it.
    if (head !== undefined && enabled) void refetch({ cancelRefetch: false })
  }, [head, refetch, enabled])

  return { logs: query.data?.logs, toBlock: query.data?.toBlock, isLoading: query.isLoading, isError: query.isError }
}

'use client'

import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import type { Abi, Address, ContractEventName, GetContractEventsReturnType } from 'viem'
import { useBlockNumber, usePublicClient } from 'wagmi'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import { blockRanges, nextRead, type LogCache } from '@/lib/events/logCache'
import { queryKeys } from '@/lib/queryKeys'

/** Blocks per `eth_getLogs` request: well under what public RPCs accept. */
const PAGE_SIZE = 5_000n

/**
 * A contract event's full history: read once with getLogs from the deploy block, in pages, then
 * extended block by block with only the new blocks. Filtering by indexed `args` is done with the
 * log filter, so each market's price history is its own small cache.
 */
export function useEventLog<const TAbi extends Abi, TEventName extends ContractEventName<TAbi>>({
  address,
  abi,
  eventName,
  args,
}: {
  address: Address
  abi: TAbi
  eventName: TEventName
  args?: Record<string, unknown>
}) {
  type Log = GetContractEventsReturnType<TAbi, TEventName>[number]
  const { chainId, deployment } = useAppConfig()
  const client = usePublicClient()
  const queryClient = useQueryClient()
  const { data: head } = useBlockNumber({ watch: true })
  const headRef = useRef(head)
  headRef.current = head
  const queryKey = [...queryKeys.eventLog(chainId, address, eventName), JSON.stringify(args ?? {}, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))]

  const query = useQuery({
    queryKey,
    enabled: !!client && head !== undefined,
    staleTime: Infinity,
    queryFn: async (): Promise<LogCache<Log>> => {
      const current = headRef.current!
      const cache = queryClient.getQueryData<LogCache<Log>>(queryKey)
      const read = nextRead(cache, current, BigInt(deployment.deployBlock))
      if (!read) return cache ?? { toBlock: current, logs: [] }
      const pages = await Promise.all(
        blockRanges(read.range.fromBlock, read.range.toBlock, PAGE_SIZE).map(
          (range) =>
            client!.getContractEvents({ address, abi, eventName, args, ...range } as Parameters<NonNullable<typeof client>["getContractEvents"]>[0]) as Promise<Log[]>,
        ),
      )
      const fresh = pages.flat()
      return { toBlock: read.range.toBlock, logs: read.reset ? fresh : [...cache!.logs, ...fresh] }
    },
  })

  const { refetch } = query
  useEffect(() => {
    if (head !== undefined) void refetch()
  }, [head, refetch])

  return { logs: query.data?.logs, toBlock: query.data?.toBlock, isLoading: query.isLoading, isError: query.isError }
}

'use client'

import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useMemo, useRef } from 'react'
import { formatLog, numberToHex, pad, parseEventLogs, toEventSelector, type AbiEvent, type Address, type Log, type RpcLog } from 'viem'
import { useBlockNumber, usePublicClient } from 'wagmi'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import { liquidationEngineAbi, perpEngineAbi } from '@/lib/contracts/generated'
import { blockRanges, nextRead } from '@/lib/events/logCache'
import {
  ENGINE_HISTORY_EVENTS,
  historyEntryFromLog,
  historyStorageKey,
  LIQUIDATION_HISTORY_EVENTS,
  parseStoredHistory,
  serializeHistory,
  type HistoryEntry,
} from '@/lib/history/accountHistory'
import { queryKeys } from '@/lib/queryKeys'

/** Blocks per `eth_getLogs` request on the first read: well under what public RPCs accept. */
const PAGE_SIZE = 5_000n

const HISTORY_ABI = [...perpEngineAbi, ...liquidationEngineAbi] as const
const HISTORY_EVENTS = [...ENGINE_HISTORY_EVENTS, ...LIQUIDATION_HISTORY_EVENTS]

export type AccountHistory = {
  /** through this block, in read order (oldest first) */
  toBlock: bigint
  entries: HistoryEntry[]
  /**
   * The block this session's history started from (the stored one, or the head at the first
   * scan): entries after it happened while the app was watching, or since the last visit.
   */
  watchedFrom: bigint
}

/**
 * The account's history (engine and liquidation engine events with the account as first indexed
 * topic) in ONE `eth_getLogs` per new block, kept in localStorage per (chain, deployment,
 * account) so that a reload reads only the blocks after the stored one. A stored history whose
 * newest entry's block no longer has the same hash (a devnet restarted or reverted under it) is
 * dropped and read again; a chain that went backwards resets it too.
 */
export function useAccountHistory(account: Address | undefined) {
  const { chainId, deployment } = useAppConfig()
  const client = usePublicClient()
  const queryClient = useQueryClient()
  const { data: head } = useBlockNumber({ watch: true })
  const headRef = useRef(head)
  headRef.current = head
  const { PerpEngine: engine, LiquidationEngine: liquidator } = deployment.contracts
  const queryKey = queryKeys.accountHistory(chainId, engine, account)
  const topics = useMemo(() => {
    const selectors = HISTORY_EVENTS.map((name) => toEventSelector(HISTORY_ABI.find((item) => item.type === 'event' && item.name === name) as AbiEvent))
    return account ? [selectors, pad(account.toLowerCase() as Address)] : undefined
  }, [account])

  const query = useQuery({
    queryKey,
    enabled: !!account && !!client && head !== undefined,
    staleTime: Infinity,
    queryFn: async (): Promise<AccountHistory> => {
      const current = headRef.current!
      const storageKey = historyStorageKey(chainId, engine, deployment.deployBlock, account!)
      let cache = queryClient.getQueryData<AccountHistory>(queryKey)
      if (!cache) {
        const stored = parseStoredHistory(readStorage(storageKey))
        if (stored && (await stillOnChain(client!, stored.entries))) cache = { toBlock: stored.toBlock, entries: stored.entries, watchedFrom: stored.toBlock }
      }
      const read = nextRead(cache ? { toBlock: cache.toBlock, logs: cache.entries } : undefined, current, BigInt(deployment.deployBlock))
      if (!read) return cache ?? { toBlock: current, entries: [], watchedFrom: current }
      const pages = await Promise.all(
        blockRanges(read.range.fromBlock, read.range.toBlock, PAGE_SIZE).map(async (range) => {
          const raw = (await client!.request({
            method: 'eth_getLogs',
            params: [{ address: liquidator ? [engine, liquidator] : [engine], topics, fromBlock: numberToHex(range.fromBlock), toBlock: numberToHex(range.toBlock) }],
          } as never)) as RpcLog[]
          const logs = raw.map((log) => formatLog(log) as Log)
          return parseEventLogs({ abi: HISTORY_ABI, logs, eventName: HISTORY_EVENTS as never, strict: true }).flatMap((log) => historyEntryFromLog(log as never) ?? [])
        }),
      )
      const fresh = pages.flat()
      const next: AccountHistory = read.reset || !cache
        ? { toBlock: read.range.toBlock, entries: fresh, watchedFrom: read.range.toBlock }
        : { toBlock: read.range.toBlock, entries: [...cache.entries, ...fresh], watchedFrom: cache.watchedFrom }
      writeStorage(storageKey, serializeHistory({ version: 1, toBlock: next.toBlock, entries: next.entries }))
      return next
    },
  })

  const { refetch } = query
  useEffect(() => {
    // The header's notifier and the portfolio's tab follow the same history: one read per block.
    if (head !== undefined && account) void refetch({ cancelRefetch: false })
  }, [head, refetch, account])

  return { history: query.data, isLoading: query.isLoading, isError: query.isError }
}

/** Whether the newest stored entry's block is still the chain's block of that number. */
async function stillOnChain(client: NonNullable<ReturnType<typeof usePublicClient>>, entries: readonly HistoryEntry[]): Promise<boolean> {
  const newest = entries.at(-1)
  if (!newest?.blockHash) return entries.length === 0
  try {
    const block = await client.getBlock({ blockNumber: newest.blockNumber })
    return block.hash === newest.blockHash
  } catch {
    return false
  }
}

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key)
  } catch {
    return null // storage disabled: read from the chain every visit
  }
}

function writeStorage(key: string, value: string) {
  try {
    window.localStorage.setItem(key, value)
  } catch {
    // full or disabled: the in-memory history still works
  }
}

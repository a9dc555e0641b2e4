'use client'

import { useMemo } from 'react'
import { formatLog, parseEventLogs, toEventSelector, type AbiEvent, type Address, type Client, type Log, type RpcLog } from 'viem'
import { getBlock } from 'viem/actions'
import { useClient } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { useCurrentChain } from '@/hooks/useCurrentChain'
import { liquidationEngineAbi } from '@/lib/contracts/abi/LiquidationEngine'
import { perpEngineAbi } from '@/lib/contracts/abi/PerpEngine'
import { indexedTopic, type LogSubscription } from '@/lib/events/logReader'
import {
  ENGINE_HISTORY_EVENTS,
  historyEntryFromLog,
  historyStorageKey,
  LIQUIDATION_HISTORY_EVENTS,
  parseStoredHistory,
  serializeHistory,
  type HistoryEntry,
} from '@/lib/history/accountHistory'
import { historyLookback, historySource } from '@/lib/history/source'
import { queryKeys } from '@/lib/queryKeys'
import { useLogs } from './useLogs'

const HISTORY_ABI = [...perpEngineAbi, ...liquidationEngineAbi] as const
const HISTORY_EVENTS = [...ENGINE_HISTORY_EVENTS, ...LIQUIDATION_HISTORY_EVENTS]
const HISTORY_SELECTORS = HISTORY_EVENTS.map((name) => toEventSelector(HISTORY_ABI.find((item) => item.type === 'event' && item.name === name) as AbiEvent))

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
 * topic), one subscription of the app's log reader, kept in localStorage per (chain, deployment,
 * account) so that a reload reads only the blocks after the stored one. A stored history whose
 * newest entry's block no longer has the same hash (a devnet restarted or reverted under it) is
 * dropped and read again; a chain that went backwards resets it too.
 */
export function useAccountHistory(account: Address | undefined) {
  const deployment = useDeployment()
  const chain = useCurrentChain()
  const { chainId } = chain
  const client = useClient()
  const { PerpEngine: engine, LiquidationEngine: liquidator } = deployment.contracts
  // from the indexer: all of it; from the node: the configured bound, if any (lib/history/source.ts)
  const lookbackBlocks = historyLookback(historySource(chain))
  const key = [...queryKeys.accountHistory(chainId, engine, account), `lookback:${lookbackBlocks ?? 'none'}`].join('|')
  const subscription = useMemo((): LogSubscription<HistoryEntry> => {
    const storageKey = account ? historyStorageKey(chainId, engine, deployment.deployBlock, account) : ''
    return {
      key,
      addresses: liquidator ? [engine, liquidator] : [engine],
      selectors: HISTORY_SELECTORS,
      topics: account ? [indexedTopic(account)] : [],
      fromBlock: BigInt(deployment.deployBlock),
      lookbackBlocks,
      decode: (raw) =>
        parseEventLogs({ abi: HISTORY_ABI, logs: raw.map((log) => formatLog(log as RpcLog) as Log), eventName: HISTORY_EVENTS as never, strict: true }).flatMap(
          (log) => historyEntryFromLog(log as never) ?? [],
        ),
      restore: async () => {
        const stored = parseStoredHistory(readStorage(storageKey))
        return stored && client && (await stillOnChain(client, stored.entries)) ? { toBlock: stored.toBlock, logs: stored.entries } : undefined
      },
      persist: (cache) => writeStorage(storageKey, serializeHistory({ version: 1, toBlock: cache.toBlock, entries: cache.logs })),
    }
  }, [key]) // eslint-disable-line react-hooks/exhaustive-deps
  const { logs, toBlock, watchedFrom, isLoading, isError } = useLogs(subscription, !!account && !!client)
  const history = useMemo(
    (): AccountHistory | undefined => (logs && toBlock !== undefined ? { toBlock, entries: logs, watchedFrom: watchedFrom ?? toBlock } : undefined),
    [logs, toBlock, watchedFrom],
  )
  return { history, isLoading, isError }
}

/** Whether the newest stored entry's block is still the chain's block of that number (one `eth_getBlockByNumber`, at load). */
async function stillOnChain(client: Client, entries: readonly HistoryEntry[]): Promise<boolean> {
  const newest = entries.at(-1)
  if (!newest?.blockHash) return entries.length === 0
  try {
    const block = await getBlock(client, { blockNumber: newest.blockNumber })
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

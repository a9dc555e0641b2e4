'use client'

import { useBlockNumber } from 'wagmi'
import { useCurrentChain } from './useCurrentChain'

/**
 * The newest block number, as every per-block read keys on it. Fed by the app's one block watcher
 * (components/providers/BlockHeadWatcher.tsx) through React Query's cache: components only read
 * it, so mounting or re-rendering one never restarts the node subscription. Fetched once if no
 * block has been pushed yet; never on a chain without a deployment (shown as unsupported, not read).
 */
export function useHeadBlockNumber() {
  const deployed = useCurrentChain().deployment !== null
  return useBlockNumber({ query: { staleTime: Number.POSITIVE_INFINITY, enabled: deployed } })
}

'use client'

import { useBlockNumber } from 'wagmi'

/**
 * The newest block number, as every per-block read keys on it. Fed by the app's one block watcher
 * (components/providers/BlockHeadWatcher.tsx) through React Query's cache: components only read
 * it, so mounting or re-rendering one never restarts the node subscription. Fetched once if no
 * block has been pushed yet.
 */
export function useHeadBlockNumber() {
  return useBlockNumber({ query: { staleTime: Number.POSITIVE_INFINITY } })
}

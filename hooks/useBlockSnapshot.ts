'use client'

import { keepPreviousData } from '@tanstack/react-query'
import { useHeadBlockNumber } from './useHeadBlockNumber'

/**
 * Options for `useReadContracts` that make it one batched read per block: all its contracts go out
 * as a single Multicall3 `eth_call` pinned to the newest block, so every number on the page comes
 * from the same state, and the previous snapshot stays on screen while the next one loads.
 *
 *   useReadContracts({ contracts, allowFailure: false, ...useBlockSnapshot() })
 *
 * Always `useReadContracts`, even for one call: viem batches `multicall` reads and single
 * `readContract` calls with two different batchers, so a `useReadContract` pinned to the block
 * would cost a second `eth_call` per block.
 */
export function useBlockSnapshot({ enabled = true }: { enabled?: boolean } = {}) {
  const { data: blockNumber } = useHeadBlockNumber()
  return {
    blockNumber,
    query: { enabled: enabled && blockNumber !== undefined, placeholderData: keepPreviousData },
  }
}

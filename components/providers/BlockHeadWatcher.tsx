'use client'

import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { useChainId, useConfig } from 'wagmi'
import { watchBlockNumber } from 'wagmi/actions'
import { getBlockNumberQueryKey } from 'wagmi/query'
import { useCurrentChain } from '@/hooks/useCurrentChain'

/**
 * The app's one subscription to new blocks (a WebSocket `newHeads`, or polling where there is
 * none: lib/config/headsTransport.ts), writing each block number where `useHeadBlockNumber` reads
 * it. One watcher with stable inputs: wagmi's `useBlockNumber({ watch: true })` re-subscribes
 * whenever its component re-renders, which with a subscription is an `eth_unsubscribe` and an
 * `eth_subscribe` every block.
 */
export function BlockHeadWatcher() {
  const config = useConfig()
  const chainId = useChainId()
  // a chain without a deployment is shown as unsupported: nothing is read from it, blocks neither
  const deployed = useCurrentChain().deployment !== null
  const queryClient = useQueryClient()
  useEffect(
    () =>
      deployed
        ? watchBlockNumber(config, {
            chainId,
            onBlockNumber: (blockNumber) => queryClient.setQueryData(getBlockNumberQueryKey({ chainId }), blockNumber),
          })
        : undefined,
    [config, chainId, queryClient, deployed],
  )
  return null
}

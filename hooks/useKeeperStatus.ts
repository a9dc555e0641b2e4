'use client'

import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useChainId } from 'wagmi'
import { useHeadBlockNumber } from './useHeadBlockNumber'
import { parseKeeperStatus, type KeeperStatusView } from '@/lib/keeper/status'
import { queryKeys } from '@/lib/queryKeys'

/** The status of the current chain's keeper (through the app's /api/keeper), asked again at each new block. */
export function useKeeperStatus() {
  const chainId = useChainId()
  const { data: blockNumber } = useHeadBlockNumber()
  const { data } = useQuery({
    queryKey: queryKeys.keeperStatus(chainId, blockNumber),
    enabled: blockNumber !== undefined,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<KeeperStatusView> => {
      const response = await fetch(`/api/keeper?chain=${chainId}`, { cache: 'no-store' })
      return response.ok ? parseKeeperStatus(await response.json()) : { online: false }
    },
  })
  return { status: data, head: blockNumber }
}

'use client'

import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useHeadBlockNumber } from './useHeadBlockNumber'
import { parseKeeperStatus, type KeeperStatusView } from '@/lib/keeper/status'
import { queryKeys } from '@/lib/queryKeys'

/** The keeper's status (through the app's /api/keeper), asked again at each new block. */
export function useKeeperStatus() {
  const { data: blockNumber } = useHeadBlockNumber()
  const { data } = useQuery({
    queryKey: queryKeys.keeperStatus(blockNumber),
    enabled: blockNumber !== undefined,
    placeholderData: keepPreviousData,
    queryFn: async (): Promise<KeeperStatusView> => {
      const response = await fetch('/api/keeper', { cache: 'no-store' })
      return response.ok ? parseKeeperStatus(await response.json()) : { online: false }
    },
  })
  return { status: data, head: blockNumber }
}

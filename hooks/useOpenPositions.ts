'use client'

import { useReadContract } from 'wagmi'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import { iPerpLensAbi } from '@/lib/contracts/generated'
import { useBlockSnapshot } from './useBlockSnapshot'

/** How many open positions the risk console shows (the lens pages its enumeration). */
export const RISK_CONSOLE_PAGE_SIZE = 100n

/** Open positions across all traders and markets, with their full risk state, each block. */
export function useOpenPositions(page = 0n) {
  const { deployment } = useAppConfig()
  const snapshot = useBlockSnapshot()
  const { data } = useReadContract({
    address: deployment.contracts.PerpLens,
    abi: iPerpLensAbi,
    functionName: 'getOpenPositions',
    args: [page * RISK_CONSOLE_PAGE_SIZE, RISK_CONSOLE_PAGE_SIZE],
    ...snapshot,
  })
  return { positions: data?.[0], total: data?.[1], blockNumber: snapshot.blockNumber }
}

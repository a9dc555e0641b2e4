'use client'

import { useReadContract } from 'wagmi'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'

/** The settlement token's decimals: read once, they never change. */
export function useTokenDecimals(): number | undefined {
  const { deployment } = useAppConfig()
  const { data } = useReadContract({
    address: deployment.contracts.TestUSD,
    abi: testUsdAbi,
    functionName: 'decimals',
    query: { staleTime: Infinity },
  })
  return data
}

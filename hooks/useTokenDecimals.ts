'use client'

import { useReadContract } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'

/** The settlement token's decimals: read once, they never change. */
export function useTokenDecimals(): number | undefined {
  const deployment = useDeployment()
  const { data } = useReadContract({
    address: deployment.contracts.SettlementToken,
    abi: testUsdAbi,
    functionName: 'decimals',
    query: { staleTime: Infinity },
  })
  return data
}

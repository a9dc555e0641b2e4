'use client'

import { useReadContract } from 'wagmi'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import { multicall3Abi } from '@/lib/contracts/generated'
import { useBlockSnapshot } from './useBlockSnapshot'

/** The newest block's timestamp (the chain's "now": expiries and holding times count in it; a devnet clock may be warped). */
export function useChainTime(): bigint | undefined {
  const { deployment } = useAppConfig()
  const { data } = useReadContract({ address: deployment.contracts.Multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp', ...useBlockSnapshot() })
  return data
}

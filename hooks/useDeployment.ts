'use client'

import type { Deployment } from '@/lib/config/types'
import { useCurrentChain } from './useCurrentChain'

/**
 * The protocol's deployment on the chain the app is on. Everything that reads it is mounted under
 * the supported-chain gate (components/chain/ChainGate.tsx), which shows a chain without a
 * deployment as unsupported instead of rendering them: here a missing one is a programming error.
 */
export function useDeployment(): Deployment {
  const { deployment, chainId } = useCurrentChain()
  if (!deployment) throw new Error(`useDeployment on chain ${chainId}, which has no deployment: render it under <SupportedChainGate>`)
  return deployment
}

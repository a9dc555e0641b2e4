'use client'

import { useChainId } from 'wagmi'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import type { ChainConfig } from '@/lib/config/types'

/**
 * The configured chain the app is on: the connected wallet's when the wallet is on one of the
 * configured chains (wagmi follows it), else the one chosen in the header's network selector (or
 * the first configured). A wallet on a chain that is not configured leaves the app where it was.
 */
export function useCurrentChain(): ChainConfig {
  const { chains } = useAppConfig()
  const chainId = useChainId()
  return chains.find((chain) => chain.chainId === chainId) ?? chains[0]
}

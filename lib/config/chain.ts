import { defineChain } from 'viem'
import type { AppConfig } from './types'

/** The one chain the dApp talks to, with its Multicall3 so every read batches. */
export function chainFromConfig(config: AppConfig) {
  return defineChain({
    id: config.chainId,
    name: config.chainName,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
    contracts: { multicall3: { address: config.deployment.contracts.Multicall3, blockCreated: 0 } },
    testnet: true,
  })
}

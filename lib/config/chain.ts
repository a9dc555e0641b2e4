import { defineChain } from 'viem'
import type { ChainConfig } from './types'

/** Where Multicall3 lives on most chains; a deployment names its own (the devnet deploys one). */
const CANONICAL_MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11'

/** A configured chain for viem/wagmi, with its Multicall3 so every read batches. */
export function chainFromConfig(config: ChainConfig) {
  return defineChain({
    id: config.chainId,
    name: config.name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: config.rpcUrls } },
    blockExplorers: config.explorerUrl ? { default: { name: 'Explorer', url: config.explorerUrl } } : undefined,
    contracts: { multicall3: { address: config.deployment?.contracts.Multicall3 ?? CANONICAL_MULTICALL3, blockCreated: 0 } },
    testnet: true,
  })
}

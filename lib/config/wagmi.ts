import { connectorsForWallets } from '@rainbow-me/rainbowkit'
import { injectedWallet, walletConnectWallet } from '@rainbow-me/rainbowkit/wallets'
import { createConfig, http } from 'wagmi'
import { chainFromConfig } from './chain'
import type { AppConfig } from './types'

/** Blocks come every second on the devnet: poll at that pace so numbers move with the chain. */
export const POLLING_INTERVAL_MS = 1_000

/**
 * Wallets: whatever announces itself over EIP-6963 (wagmi discovers them; RainbowKit lists them as
 * installed) plus the generic injected wallet. WalletConnect only when a project id is configured,
 * so an offline devnet makes no request to any wallet service.
 */
export function createWagmiConfig(config: AppConfig) {
  const chain = chainFromConfig(config)
  const projectId = config.walletConnectProjectId
  const connectors = connectorsForWallets(
    [{ groupName: 'Wallets', wallets: projectId ? [injectedWallet, walletConnectWallet] : [injectedWallet] }],
    // RainbowKit requires a project id string even when no WalletConnect wallet is listed.
    { appName: 'Rampart', projectId: projectId ?? 'walletconnect-disabled' },
  )
  return createConfig({
    chains: [chain],
    connectors,
    transports: { [chain.id]: http(config.rpcUrl) },
    batch: { multicall: true },
    pollingInterval: POLLING_INTERVAL_MS,
    multiInjectedProviderDiscovery: true,
    ssr: true,
  })
}

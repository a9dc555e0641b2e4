import { injectedWallet, walletConnectWallet } from '@rainbow-me/rainbowkit/wallets'
import { createConfig } from 'wagmi'
import { chainFromConfig } from './chain'
import { headsOverWebSocket } from './headsTransport'
import type { AppConfig, ChainConfig } from './types'
import { walletConnectors } from './walletConnectors'

/** Blocks come every second on the devnet: without a WebSocket, poll at that pace so numbers move with the chain. */
export const POLLING_INTERVAL_MS = 1_000
/** How long reads wait for others of the same block to join their multicall. */
const MULTICALL_WAIT_MS = 25
/** Calldata per multicall before it is split: a few hundred positions' reads. */
const MULTICALL_BATCH_BYTES = 64 * 1024

/**
 * Wallets: whatever announces itself over EIP-6963 (wagmi discovers them; RainbowKit lists them as
 * installed) plus the generic injected wallet. WalletConnect only when a project id is configured,
 * so an offline devnet makes no request to any wallet service. The connectors are created without
 * RainbowKit's modal (lib/config/walletConnectors.ts): the modal loads when someone connects.
 */
export function createWagmiConfig(config: AppConfig) {
  const chains = config.chains.map(chainFromConfig)
  const projectId = config.walletConnectProjectId
  const connectors = walletConnectors(
    [{ groupName: 'Wallets', wallets: projectId ? [injectedWallet, walletConnectWallet] : [injectedWallet] }],
    // RainbowKit requires a project id string even when no WalletConnect wallet is listed.
    { appName: 'Rampart', projectId: projectId ?? 'walletconnect-disabled' },
  )
  return createConfig({
    // every configured chain: the wallet is asked to switch among them, a visitor picks one in the header
    chains: chains as [(typeof chains)[number], ...(typeof chains)[number][]],
    connectors,
    // New blocks are pushed over the node's WebSocket (lib/config/headsTransport.ts): the reads of a
    // block start as soon as it exists, instead of up to a polling interval later.
    transports: Object.fromEntries(config.chains.map((chain) => [chain.chainId, chainTransport(chain)])),
    // Every contract read of a block goes out as ONE Multicall3 eth_call: the reads started within
    // `wait` ms share a batch, and the batch is split only past `batchSize` bytes of calldata
    // (viem's default, 1 KB, cut a page's snapshot into several calls).
    batch: { multicall: { wait: MULTICALL_WAIT_MS, batchSize: MULTICALL_BATCH_BYTES } },
    pollingInterval: POLLING_INTERVAL_MS,
    multiInjectedProviderDiscovery: true,
    ssr: true,
  })
}

/**
 * Reads over the chain's RPC URLs, the first preferred and the rest fallbacks in order (viem's
 * `fallback`, loaded only where a chain lists more than one), new blocks over its WebSocket.
 */
function chainTransport(chain: ChainConfig) {
  const [first, ...rest] = chain.rpcUrls
  return headsOverWebSocket({ httpUrl: first, fallbackUrls: rest, wsUrl: chain.rpcWsUrl, pollingIntervalMs: POLLING_INTERVAL_MS })
}

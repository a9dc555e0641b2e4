'use client'

import '@rainbow-me/rainbowkit/styles.css'
import { ConnectButton, RainbowKitProvider, connectorsForWallets } from '@rainbow-me/rainbowkit'
import { injectedWallet } from '@rainbow-me/rainbowkit/wallets'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { defineChain, type Address } from 'viem'
import { WagmiProvider, createConfig, http, useBalance } from 'wagmi'

/**
 * What a developer would write instead of Rampart's dashboard: wagmi + RainbowKit as their guides
 * set them up (the same injected wallet list the dashboard offers), a ConnectButton and one
 * balance read. The bench builds it with the dashboard's packages and measures its first load.
 */
const RPC_URL = process.env.NEXT_PUBLIC_BARE_RPC_URL ?? 'http://127.0.0.1:8545'
/** anvil's first account: a balance that exists on any devnet. */
const WATCHED: Address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'

const chain = defineChain({
  id: 31337,
  name: 'Devnet',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: [RPC_URL] } },
})

const config = createConfig({
  chains: [chain],
  connectors: connectorsForWallets([{ groupName: 'Wallets', wallets: [injectedWallet] }], { appName: 'Bare', projectId: 'walletconnect-disabled' }),
  transports: { [chain.id]: http(RPC_URL) },
  ssr: true,
})

function Balance() {
  const { data } = useBalance({ address: WATCHED, query: { refetchInterval: 1_000 } })
  return <p data-testid="bare-balance">{data ? `${data.formatted} ${data.symbol}` : '—'}</p>
}

export function BarePage() {
  const [queryClient] = useState(() => new QueryClient())
  return (
    <WagmiProvider config={config}>
      <QueryClientProvider client={queryClient}>
        <RainbowKitProvider>
          <main>
            <ConnectButton />
            <Balance />
          </main>
        </RainbowKitProvider>
      </QueryClientProvider>
    </WagmiProvider>
  )
}

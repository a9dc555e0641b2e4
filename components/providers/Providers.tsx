'use client'

import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { WagmiProvider, useChainId } from 'wagmi'
import { createWagmiConfig } from '@/lib/config/wagmi'
import type { AppConfig } from '@/lib/config/types'
import { ToastProvider } from '@/components/toast/ToastProvider'
import { WalletKitProvider } from '@/components/wallet/WalletKitContext'
import { AppConfigContext } from './AppConfigContext'
import { BlockHeadWatcher } from './BlockHeadWatcher'
import { LogReaderProvider } from './LogReaderProvider'
import { ChainChoice } from '@/components/chain/ChainChoice'

export function Providers({ config, children }: { config: AppConfig; children: ReactNode }) {
  const [wagmiConfig] = useState(() => createWagmiConfig(config))
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } } }),
  )
  return (
    <AppConfigContext.Provider value={config}>
      <WagmiProvider config={wagmiConfig}>
        <QueryClientProvider client={queryClient}>
          <ChainChoice />
          <BlockHeadWatcher />
          {/* RainbowKit itself loads on demand (components/wallet/WalletButton.tsx) */}
          <WalletKitProvider>
            <ChainScope>{children}</ChainScope>
          </WalletKitProvider>
        </QueryClientProvider>
      </WagmiProvider>
    </AppConfigContext.Provider>
  )
}

/**
 * Everything below is mounted afresh when the app moves to another chain: the log reader and
 * every component's state belong to one chain's deployment, none may carry over to the next.
 */
function ChainScope({ children }: { children: ReactNode }) {
  const chainId = useChainId()
  return (
    <LogReaderProvider key={chainId}>
      <ToastProvider>{children}</ToastProvider>
    </LogReaderProvider>
  )
}

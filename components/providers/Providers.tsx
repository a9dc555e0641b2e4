'use client'

import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useState, type ReactNode } from 'react'
import { WagmiProvider } from 'wagmi'
import { createWagmiConfig } from '@/lib/config/wagmi'
import type { AppConfig } from '@/lib/config/types'
import { ToastProvider } from '@/components/toast/ToastProvider'
import { WalletKitProvider } from '@/components/wallet/WalletKitContext'
import { AppConfigContext } from './AppConfigContext'
import { BlockHeadWatcher } from './BlockHeadWatcher'
import { LogReaderProvider } from './LogReaderProvider'

export function Providers({ config, children }: { config: AppConfig; children: ReactNode }) {
  const [wagmiConfig] = useState(() => createWagmiConfig(config))
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } } }),
  )
  return (
    <AppConfigContext.Provider value={config}>
      <WagmiProvider config={wagmiConfig}>
        <QueryClientProvider client={queryClient}>
          <BlockHeadWatcher />
          {/* RainbowKit itself loads on demand (components/wallet/WalletButton.tsx) */}
          <WalletKitProvider>
            <LogReaderProvider>
              <ToastProvider>{children}</ToastProvider>
            </LogReaderProvider>
          </WalletKitProvider>
        </QueryClientProvider>
      </WagmiProvider>
    </AppConfigContext.Provider>
  )
}

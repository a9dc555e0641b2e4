'use client'

import '@rainbow-me/rainbowkit/styles.css'
import { ConnectButton, RainbowKitProvider, darkTheme, useConnectModal } from '@rainbow-me/rainbowkit'
import { useEffect, useRef } from 'react'

const THEME = darkTheme({ accentColor: '#10b981' })

/** Opens the connect modal once per request made before or after the kit loaded. */
function ConnectModalOpener({ openRequests }: { openRequests: number }) {
  const { openConnectModal } = useConnectModal()
  const handled = useRef(0)
  useEffect(() => {
    if (openRequests > handled.current && openConnectModal) {
      handled.current = openRequests
      openConnectModal()
    }
  }, [openRequests, openConnectModal])
  return null
}

/**
 * RainbowKit: its provider (the connect, account and chain modals, rendered into a portal), the
 * account button and the opener for connect requests from elsewhere in the app. Loaded on demand
 * by components/wallet/WalletButton.tsx; wagmi and React Query are already mounted above it.
 */
export default function WalletKit({ openRequests }: { openRequests: number }) {
  return (
    <RainbowKitProvider theme={THEME} modalSize="compact">
      <ConnectButton chainStatus="icon" showBalance={false} accountStatus={{ smallScreen: 'address', largeScreen: 'full' }} />
      <ConnectModalOpener openRequests={openRequests} />
    </RainbowKitProvider>
  )
}

'use client'

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'

type WalletKitState = {
  /** Whether RainbowKit (modal, account button) has been asked for in this visit: once asked, it stays. */
  wanted: boolean
  /** Counts "open the connect modal" requests; the kit opens the modal for each one it has not handled. */
  openRequests: number
  load: () => void
  openConnectModal: () => void
}

const WalletKitContext = createContext<WalletKitState | null>(null)

/**
 * The wallet stack loads when it is needed, not with the page: a visitor who never connects never
 * downloads RainbowKit's modal. It is needed when someone clicks a connect button (the modal opens
 * once loaded) or when a wallet is (re)connected (the header shows RainbowKit's account button).
 */
export function WalletKitProvider({ children }: { children: ReactNode }) {
  const [wanted, setWanted] = useState(false)
  const [openRequests, setOpenRequests] = useState(0)
  const load = useCallback(() => setWanted(true), [])
  const openConnectModal = useCallback(() => {
    setWanted(true)
    setOpenRequests((n) => n + 1)
  }, [])
  const value = useMemo(() => ({ wanted, openRequests, load, openConnectModal }), [wanted, openRequests, load, openConnectModal])
  return <WalletKitContext.Provider value={value}>{children}</WalletKitContext.Provider>
}

export function useWalletKit(): WalletKitState {
  const state = useContext(WalletKitContext)
  if (!state) throw new Error('useWalletKit must be used inside <WalletKitProvider>')
  return state
}

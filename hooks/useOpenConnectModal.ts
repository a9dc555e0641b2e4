'use client'

import { useWalletKit } from '@/components/wallet/WalletKitContext'

/**
 * Opens RainbowKit's connect modal, loading the wallet stack first if this visit has not needed it
 * yet (components/wallet/WalletKitContext.tsx). For "connect a wallet to …" buttons outside the header.
 */
export function useOpenConnectModal(): () => void {
  return useWalletKit().openConnectModal
}

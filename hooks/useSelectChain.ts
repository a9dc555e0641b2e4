'use client'

import { useCallback, useState } from 'react'
import { useConfig } from 'wagmi'

/** Where the chosen chain is kept in the address, so a link can name it: `?chain=<chainId>`. */
export const CHAIN_PARAM = 'chain'
/** Where the chosen chain is kept between visits (components/chain/ChainChoice.tsx). */
export const CHAIN_STORAGE_KEY = 'rampart.chainId'

/**
 * Moves the app to another configured chain. With a wallet connected the wallet is asked to
 * switch (the app follows once it has); without one, the app switches by itself. The choice is
 * kept in localStorage and an address's `?chain=` names it (components/chain/ChainChoice.tsx);
 * the address is kept in step here.
 */
export function useSelectChain() {
  const config = useConfig()
  const [isPending, setPending] = useState(false)
  const select = useCallback(
    async (chainId: number) => {
      setPending(true)
      try {
        // wagmi's switchChain: the wallet's when connected, the app's own state when not
        const { switchChain } = await import('wagmi/actions')
        await switchChain(config, { chainId })
        const url = new URL(window.location.href)
        if (url.searchParams.has(CHAIN_PARAM)) {
          url.searchParams.set(CHAIN_PARAM, String(chainId))
          window.history.replaceState(window.history.state, '', url)
        }
        return true
      } catch {
        // declined in the wallet: the app stays where it is
        return false
      } finally {
        setPending(false)
      }
    },
    [config],
  )
  return { select, isPending }
}

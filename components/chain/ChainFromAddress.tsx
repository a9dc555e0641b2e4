'use client'

import { useEffect } from 'react'
import { useConfig } from 'wagmi'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import { CHAIN_PARAM, useSelectChain } from '@/hooks/useSelectChain'

type PersistApi = { hasHydrated(): boolean; onFinishHydration(listener: () => void): () => void }

/**
 * Applies `?chain=<chainId>` once on load when it names a configured chain (a shared link). After
 * wagmi has restored its stored state (the chain chosen last time), so the address wins over it.
 */
export function ChainFromAddress() {
  const { chains } = useAppConfig()
  const config = useConfig()
  const { select } = useSelectChain()
  useEffect(() => {
    const wanted = Number(new URLSearchParams(window.location.search).get(CHAIN_PARAM))
    if (chains.length < 2 || !chains.some((c) => c.chainId === wanted)) return
    const apply = () => void (config.state.chainId !== wanted && select(wanted))
    const persist = (config._internal.store as unknown as { persist?: PersistApi }).persist
    if (!persist || persist.hasHydrated()) return apply()
    return persist.onFinishHydration(apply)
    // once per load
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  return null
}

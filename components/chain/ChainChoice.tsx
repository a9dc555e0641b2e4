'use client'

import { useEffect, useState } from 'react'
import { useChainId, useConfig } from 'wagmi'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import { CHAIN_PARAM, CHAIN_STORAGE_KEY, useSelectChain } from '@/hooks/useSelectChain'

type PersistApi = { hasHydrated(): boolean; onFinishHydration(listener: () => void): () => void }

/**
 * Keeps the chosen chain across visits and links. On load, once wagmi has restored its state: the
 * chain an address names (`?chain=<chainId>`, a shared link), else the one chosen last time
 * (localStorage `rampart.chainId`) unless a wallet is reconnecting (then the wallet's chain
 * decides, and nobody is asked to switch on load). From then on every chain change is stored.
 * (wagmi's own store cannot keep it: with server rendering it writes its initial chain over the
 * stored one before reading it.)
 */
export function ChainChoice() {
  const { chains } = useAppConfig()
  const config = useConfig()
  const chainId = useChainId()
  const { select } = useSelectChain()
  const [restored, setRestored] = useState(false)
  useEffect(() => {
    const known = (id: number) => chains.some((c) => c.chainId === id)
    const apply = async () => {
      const named = Number(new URLSearchParams(window.location.search).get(CHAIN_PARAM))
      const stored = Number(window.localStorage.getItem(CHAIN_STORAGE_KEY))
      const wanted = known(named) ? named : config.state.current === null && known(stored) ? stored : null
      if (wanted !== null && wanted !== config.state.chainId) await select(wanted)
      setRestored(true)
    }
    const persist = (config._internal.store as unknown as { persist?: PersistApi }).persist
    if (!persist || persist.hasHydrated()) return void apply()
    return persist.onFinishHydration(() => void apply())
    // once per load
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])
  useEffect(() => {
    if (restored) window.localStorage.setItem(CHAIN_STORAGE_KEY, String(chainId))
  }, [restored, chainId])
  return null
}

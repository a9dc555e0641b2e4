'use client'

import { useAppConfig } from '@/components/providers/AppConfigContext'
import { useCurrentChain } from '@/hooks/useCurrentChain'
import { useSelectChain } from '@/hooks/useSelectChain'

/**
 * The header's network selector (as GMX and Aave have one): every configured chain, the ones
 * without a deployment marked. Works without a wallet; with one, the wallet is asked to switch.
 * A plain <select>: nothing heavy in the first load. Hidden when only one chain is configured.
 */
export function NetworkSelector() {
  const { chains } = useAppConfig()
  const current = useCurrentChain()
  const { select, isPending } = useSelectChain()
  if (chains.length < 2) return null
  return (
    <label className="flex items-center gap-1.5 text-sm text-zinc-400">
      <span className="sr-only">Network</span>
      <select
        data-testid="network-select"
        aria-label="Network"
        value={current.chainId}
        disabled={isPending}
        onChange={(event) => void select(Number(event.target.value))}
        className="max-w-40 rounded-lg border border-zinc-700 bg-zinc-900 px-2 py-1.5 text-zinc-200"
      >
        {chains.map((chain) => (
          <option key={chain.chainId} value={chain.chainId}>
            {chain.name}
            {chain.deployment ? '' : ' (unsupported)'}
          </option>
        ))}
      </select>
    </label>
  )
}

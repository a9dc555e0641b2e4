'use client'

import type { ReactNode } from 'react'
import { useCurrentChain } from '@/hooks/useCurrentChain'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import { useSelectChain } from '@/hooks/useSelectChain'

/**
 * The page, or, on a configured chain where the protocol is not deployed, a banner that says so
 * and offers the chains where it is. Nothing under the gate renders there, so nothing reads from
 * that chain.
 */
export function SupportedChainGate({ children }: { children: ReactNode }) {
  const chain = useCurrentChain()
  const { chains } = useAppConfig()
  const { select, isPending } = useSelectChain()
  if (chain.deployment) return <>{children}</>
  const supported = chains.filter((c) => c.deployment)
  return (
    <div role="alert" data-testid="unsupported-chain" className="mx-auto max-w-xl rounded-xl border border-amber-600/60 bg-amber-950/60 p-6 text-amber-100">
      <h1 className="text-lg font-semibold">{chain.name} is not supported</h1>
      <p className="mt-2 text-sm">
        Rampart is not deployed on {chain.name} (chain {chain.chainId}): there is nothing to show here. Switch to a network where it is:
      </p>
      <div className="mt-4 flex flex-wrap gap-2">
        {supported.map((c) => (
          <button
            key={c.chainId}
            type="button"
            disabled={isPending}
            data-testid={`switch-to-${c.chainId}`}
            onClick={() => select(c.chainId)}
            className="rounded-lg bg-emerald-500 px-3 py-1.5 text-sm font-medium text-zinc-950 hover:bg-emerald-400 disabled:opacity-40"
          >
            {c.name}
          </button>
        ))}
      </div>
    </div>
  )
}

/** Its children only on a chain where the protocol is deployed (header and footer parts that read it). */
export function DeployedOnly({ children }: { children: ReactNode }) {
  return useCurrentChain().deployment ? <>{children}</> : null
}

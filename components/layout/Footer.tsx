'use client'

import { useCurrentChain } from '@/hooks/useCurrentChain'
import { useConnectionHealth } from '@/hooks/useConnectionHealth'
import type { ChainConfig } from '@/lib/config/types'
import { historyLabel, historySource } from '@/lib/history/source'

/** Which chain the numbers come from, how fresh they are, whether the RPC answers, and where history comes from. */
export function Footer() {
  const chain = useCurrentChain()
  return (
    <footer className="border-t border-zinc-800 text-xs text-zinc-400">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-1 px-4 py-3">
        <span data-testid="footer-chain">
          {chain.name} · chain {chain.chainId}
          {chain.deployment ? '' : ' · not deployed'}
        </span>
        {chain.deployment && <ConnectionStatus chain={chain} deployBlock={chain.deployment.deployBlock} />}
      </div>
    </footer>
  )
}

function ConnectionStatus({ chain, deployBlock }: { chain: ChainConfig; deployBlock: number }) {
  const connection = useConnectionHealth()
  const { blockNumber } = connection
  // "connected" only while new blocks arrive: a node that stopped answering is not.
  const rpcStatus =
    connection.status === 'connecting' ? 'connecting'
    : connection.status === 'live' ? 'connected'
    : connection.reason === 'requestsFailing' ? 'requests failing'
    : `no new block for ${Math.floor(connection.ageMs / 1000)} s`
  const dot = connection.status === 'live' ? 'bg-emerald-400' : connection.status === 'connecting' ? 'bg-amber-400' : 'bg-rose-500'
  return (
    <>
      <span>
        Block <span data-testid="footer-block" className="font-mono text-zinc-200">{blockNumber?.toString() ?? '—'}</span>
      </span>
      <span className="flex items-center gap-1.5">
        <span className={`inline-block h-2 w-2 rounded-full ${dot}`} aria-hidden />
        RPC <span data-testid="footer-rpc-status">{rpcStatus}</span>
      </span>
      <span data-testid="footer-history">{historyLabel(historySource(chain), blockNumber, deployBlock)}</span>
    </>
  )
}

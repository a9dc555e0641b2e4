'use client'

import { useKeeperStatus } from '@/hooks/useKeeperStatus'

/** Whether a keeper is watching, and what it sees: the liquidation engine only works if one runs. */
export function KeeperStatusCard() {
  const { status, head } = useKeeperStatus()
  const online = status?.online === true
  const lag = online && status.lastBlock !== null && head !== undefined ? head - status.lastBlock : null
  const figures: [string, string, string, string?][] = online
    ? [
        ['Positions tracked', String(status.positionsTracked), 'keeper-tracked'],
        ['At risk', String(status.atRisk), 'keeper-at-risk', 'health under 1.2'],
        ['Liquidatable now', String(status.liquidatable), 'keeper-liquidatable'],
        ['Liquidated', String(status.liquidated), 'keeper-liquidated', 'since this keeper started'],
        ['Last block', status.lastBlock === null ? '—' : `#${status.lastBlock}`, 'keeper-last-block', lag === null ? undefined : lag <= 0n ? 'at head' : `${lag} behind head`],
      ]
    : []
  return (
    <section className="rounded-xl border border-zinc-800 bg-zinc-900/40 p-4" aria-label="Keeper" data-testid="keeper-card">
      <div className="flex items-center gap-2">
        <span aria-hidden className={`h-2 w-2 rounded-full ${status === undefined ? 'bg-zinc-600' : online ? 'bg-emerald-400' : 'bg-rose-500'}`} />
        <h2 className="font-medium">Keeper</h2>
        <span data-testid="keeper-status" className="text-sm text-zinc-400">
          {status === undefined ? 'checking…' : online ? 'online' : 'offline'}
        </span>
        {online && status.errors > 0 && <span className="text-xs text-amber-300" data-testid="keeper-errors">{status.errors} RPC errors retried</span>}
      </div>
      {online ? (
        <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-5">
          {figures.map(([label, value, testId, hint]) => (
            <div key={testId}>
              <dt className="text-xs text-zinc-500">{label}</dt>
              <dd className="font-mono text-sm" data-testid={testId}>{value}</dd>
              {hint && <dd className="text-[10px] text-zinc-500">{hint}</dd>}
            </div>
          ))}
        </dl>
      ) : (
        status !== undefined && (
          <p className="mt-2 text-sm text-zinc-400">
            No keeper answered. Liquidations are permissionless: anyone may run <code className="text-zinc-300">npm run keeper</code> (the devnet launcher starts one).
          </p>
        )
      )}
    </section>
  )
}

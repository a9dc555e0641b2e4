'use client'

import { Panel } from '@/components/Panel'
import { useDeployment } from '@/hooks/useDeployment'
import type { LpRequestRow } from '@/hooks/useLpRequests'
import type { PoolSnapshot } from '@/hooks/usePoolSnapshot'
import { useTransaction } from '@/hooks/useTransaction'
import { iLiquidityPoolAbi } from '@/lib/contracts/abi/ILiquidityPool'
import { formatAmount, formatDuration } from '@/lib/format'
import { secondsUntilCancellable } from '@/lib/orders/requestLifecycle'

const RECENT_SETTLED = 5

/** The connected LP's pending requests (cancel after expiry) and the latest settled ones with why. */
export function LpRequestsList({ requests, snapshot }: { requests: LpRequestRow[] | undefined; snapshot: PoolSnapshot }) {
  if (!snapshot.account) return null
  const pending = (requests ?? []).filter((r) => r.state.status === 'pending')
  const settled = (requests ?? []).filter((r) => r.state.status !== 'pending').slice(0, RECENT_SETTLED)
  return (
    <Panel title="Your requests" testId="lp-requests">
      <p className="text-xs text-zinc-400">
        Pending <span className="font-mono" data-testid="lp-pending-count">{requests ? pending.length : '…'}</span>
      </p>
      <ul className="space-y-2">
        {[...pending, ...settled].map((r) => <LpRequestItem key={String(r.id)} row={r} snapshot={snapshot} />)}
      </ul>
    </Panel>
  )
}

function LpRequestItem({ row, snapshot }: { row: LpRequestRow; snapshot: PoolSnapshot }) {
  const deployment = useDeployment()
  const { send, isBusy } = useTransaction()
  const { id, request, state, filled } = row
  const t = snapshot.tokenDecimals
  const s = snapshot.shareDecimals
  const wait = secondsUntilCancellable(request.expiry, snapshot.timestamp)
  const cancel = () =>
    send({ abi: iLiquidityPoolAbi, address: deployment.contracts.LiquidityPool, functionName: 'cancelExpired', args: [id, request], label: `Cancel request #${id}` })
  return (
    <li data-testid={`lp-request-${id}`} className="rounded-lg bg-zinc-950/60 p-3 text-xs">
      <div className="flex items-center justify-between">
        <span className="font-medium">
          #{String(id)} {request.isDeposit ? `Deposit ${formatAmount(request.amount, t)} tUSD` : `Withdraw ${formatAmount(request.amount, s, 4)} shares`}
        </span>
        <span data-testid={`lp-request-status-${id}`} className={state.status === 'executed' ? 'text-emerald-400' : state.status === 'cancelled' ? 'text-rose-400' : 'text-sky-300'}>
          {state.status}
        </span>
      </div>
      <p className="mt-1 font-mono text-zinc-400">
        at least {request.isDeposit ? `${formatAmount(request.minOut, s, 4)} shares` : `${formatAmount(request.minOut, t)} tUSD`} · fee {formatAmount(request.executionFee, t)}
      </p>
      {filled && (
        <p className="mt-1 text-emerald-300" data-testid={`lp-request-fill-${id}`}>
          {formatAmount(filled.assets, t)} tUSD ↔ {formatAmount(filled.shares, s, 4)} shares
        </p>
      )}
      {state.status === 'cancelled' && <p className="mt-1 text-rose-300" data-testid={`lp-request-why-${id}`}>Why: {state.why}</p>}
      {state.status === 'pending' && (
        <div className="mt-1 flex items-center justify-between text-zinc-400">
          <span>{wait > 0n ? `expires in ${formatDuration(wait)}` : 'expired: anyone may cancel it'}</span>
          <button type="button" data-testid={`lp-request-cancel-${id}`} disabled={wait > 0n || isBusy} onClick={cancel}
            className="rounded-md bg-zinc-800 px-2 py-1 text-zinc-200 disabled:cursor-not-allowed disabled:opacity-40">
            Cancel
          </button>
        </div>
      )}
    </li>
  )
}

'use client'

import { useAccount } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { useOrderLifecycleToasts, useOrderRequests, type OrderRequest } from '@/hooks/useOrderRequests'
import { useTransaction } from '@/hooks/useTransaction'
import { iOrderRouterAbi } from '@/lib/contracts/abi/IOrderRouter'
import { formatAmount, formatDuration, formatWad } from '@/lib/format'
import { ORDER_KINDS_BY_VALUE, secondsUntilCancellable } from '@/lib/orders/requestLifecycle'

/** Settled requests shown under the pending ones (the newest). */
const RECENT_SETTLED = 5

/**
 * The connected account's orders: pending ones with their limit and time left, and a cancel
 * button once their expiry has passed (anyone may cancel then; the router refuses while a fresh
 * price before the expiry can still fill it); then the latest executed or cancelled ones with why.
 * `marketId` narrows it to one market; `now` is the chain time of the page's snapshot.
 */
export function OrderRequestsList({ marketId, now, decimals }: { marketId?: bigint; now: bigint | undefined; decimals: number }) {
  const { isConnected } = useAccount()
  const { orders } = useOrderRequests()
  useOrderLifecycleToasts(orders)
  const deployment = useDeployment()
  const names = Object.fromEntries(Object.entries(deployment.markets).map(([name, id]) => [String(id), name]))
  if (!isConnected) return null
  const mine = (orders ?? []).filter((o) => marketId === undefined || o.order.marketId === marketId)
  const pending = mine.filter((o) => o.state.status === 'pending')
  const settled = mine.filter((o) => o.state.status !== 'pending').slice(0, RECENT_SETTLED)
  return (
    <section className="space-y-2 rounded-xl border border-zinc-800 bg-zinc-900/40 p-4" aria-label="Your orders" data-testid="order-requests">
      <h2 className="text-sm font-medium text-zinc-300">
        Pending orders <span data-testid="pending-order-count" className="font-mono">{orders ? pending.length : '…'}</span>
      </h2>
      {orders && pending.length === 0 && <p className="text-xs text-zinc-500">None waiting.</p>}
      <ul className="space-y-2">
        {pending.map((o) => <OrderRow key={String(o.id)} request={o} now={now} decimals={decimals} market={names[String(o.order.marketId)]} />)}
      </ul>
      {settled.length > 0 && (
        <>
          <h3 className="pt-2 text-xs uppercase tracking-wide text-zinc-500">Recently settled</h3>
          <ul className="space-y-2">
            {settled.map((o) => <OrderRow key={String(o.id)} request={o} now={now} decimals={decimals} market={names[String(o.order.marketId)]} />)}
          </ul>
        </>
      )}
    </section>
  )
}

function OrderRow({ request, now, decimals, market }: { request: OrderRequest; now: bigint | undefined; decimals: number; market: string | undefined }) {
  const { send, isBusy } = useTransaction()
  const deployment = useDeployment()
  const { id, order, state } = request
  const kind = ORDER_KINDS_BY_VALUE[order.kind] ?? 'Order'
  const side = order.kind === 0 ? (order.size > 0n ? ' long' : ' short') : ''
  const size = order.size < 0n ? -order.size : order.size
  const wait = now === undefined ? undefined : secondsUntilCancellable(order.expiry, now)
  const cancel = () =>
    send({ abi: iOrderRouterAbi, address: deployment.contracts.OrderRouter, functionName: 'cancelExpired', args: [id, order], label: `Cancel order #${id}` })
  return (
    <li data-testid={`order-row-${id}`} className="rounded-lg bg-zinc-950/60 p-3 text-xs">
      <div className="flex items-center justify-between gap-2">
        <span className="font-medium text-zinc-200">
          #{String(id)} {kind}{side} {market ?? `market ${order.marketId}`}
        </span>
        <span data-testid={`order-status-${id}`} className={state.status === 'executed' ? 'text-emerald-400' : state.status === 'cancelled' ? 'text-rose-400' : 'text-sky-300'}>
          {state.status}
        </span>
      </div>
      <p className="mt-1 font-mono text-zinc-400">
        {size !== 0n && <>size {formatWad(size, 4)} · </>}
        {order.collateral !== 0n && <>collateral {formatAmount(order.collateral, decimals)} · </>}
        limit {formatWad(order.acceptablePrice)} · fee {formatAmount(order.executionFee, decimals)}
      </p>
      {state.status === 'executed' && state.price !== undefined && (
        <p className="mt-1 text-emerald-300" data-testid={`order-fill-${id}`}>Filled at {formatWad(state.price)}</p>
      )}
      {state.status === 'cancelled' && <p className="mt-1 text-rose-300" data-testid={`order-why-${id}`}>Why: {state.why}</p>}
      {state.status === 'pending' && wait !== undefined && (
        <div className="mt-1 flex items-center justify-between gap-2 text-zinc-400">
          <span data-testid={`order-expiry-${id}`}>{wait > 0n ? `expires in ${formatDuration(wait)}` : 'expired: anyone may cancel it'}</span>
          <button type="button" data-testid={`order-cancel-${id}`} disabled={wait > 0n || isBusy} onClick={cancel}
            title={wait > 0n ? 'A request can be cancelled only after its expiry (no free option).' : undefined}
            className="rounded-md bg-zinc-800 px-2 py-1 text-zinc-200 disabled:cursor-not-allowed disabled:opacity-40">
            Cancel
          </button>
        </div>
      )}
    </li>
  )
}

'use client'

import { useEffect, useMemo, useRef } from 'react'
import type { Address } from 'viem'
import { useAccount } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { useToast } from '@/components/toast/ToastProvider'
import { iOrderRouterAbi } from '@/lib/contracts/abi/IOrderRouter'
import { formatAmount } from '@/lib/format'
import { describeOrderCancel, joinRequests, ORDER_KINDS_BY_VALUE, type RequestState } from '@/lib/orders/requestLifecycle'
import { describeRevertData } from '@/lib/tx/describeRevertData'
import { indexedTopic } from '@/lib/events/logReader'
import { useAllErrorsAbi } from './useAllErrorsAbi'
import { useContractEvents } from './useContractEvents'

const ORDER_EVENTS = ['OrderRequested', 'OrderExecuted', 'OrderCancelled'] as const

/** The full order as `OrderRequested` carries it: what `cancelExpired` takes back. */
export type RouterOrder = {
  trader: Address
  marketId: bigint
  kind: number
  size: bigint
  collateral: bigint
  acceptablePrice: bigint
  executionFee: bigint
  createdAt: bigint
  expiry: bigint
}

export type OrderRequest = { id: bigint; block: bigint; order: RouterOrder; state: RequestState }

/**
 * The connected account's orders (all markets) with their state, from the router's logs read
 * through the app's log reader (one getLogs per block for the whole page, the cache shared by
 * every component that asks). Toasts are `useOrderLifecycleToasts`' job, once per page.
 */
export function useOrderRequests(): { orders: OrderRequest[] | undefined } {
  const deployment = useDeployment()
  const { address } = useAccount()
  const router = deployment.contracts.OrderRouter
  // the trader is every order event's second indexed topic
  const { logs } = useContractEvents({
    addresses: router ? [router] : [],
    abi: iOrderRouterAbi,
    eventNames: ORDER_EVENTS,
    topics: address ? [null, indexedTopic(address)] : undefined,
    enabled: !!address && !!router,
  })

  const errorsAbi = useAllErrorsAbi(!!address)
  const orders = useMemo(() => {
    if (!logs || !errorsAbi) return undefined
    const requested: { id: bigint; block: bigint; order: RouterOrder }[] = []
    const settled: { id: bigint; block: bigint; state: Exclude<RequestState, { status: 'pending' }> }[] = []
    for (const log of logs) {
      const block = log.blockNumber ?? 0n
      if (log.eventName === 'OrderRequested') requested.push({ id: log.args.orderId, block, order: log.args.order as RouterOrder })
      else if (log.eventName === 'OrderExecuted') settled.push({ id: log.args.orderId, block, state: { status: 'executed', price: log.args.price, block } })
      else settled.push({ id: log.args.orderId, block, state: { status: 'cancelled', why: describeOrderCancel(log.args.why, log.args.data, (data) => describeRevertData(data, errorsAbi)), block } })
    }
    return joinRequests(requested, settled)
  }, [logs, errorsAbi])
  return { orders }
}

const orderLabel = (o: OrderRequest) => `${ORDER_KINDS_BY_VALUE[o.order.kind] ?? 'Order'} #${o.id}`
const orderFill = (o: OrderRequest) => (o.state.status === 'executed' && o.state.price !== undefined ? `Filled at ${formatAmount(o.state.price, 18, 2)} USD.` : undefined)

/** A toast for each order that is requested or settles while the page is open: executed at its price, or cancelled with why. */
export function useOrderLifecycleToasts(orders: readonly OrderRequest[] | undefined) {
  useLifecycleToasts(orders, orderLabel, orderFill)
}

/**
 * Toasts each request's lifecycle as it happens on screen: "pending" when a new request appears,
 * then "executed" or "cancelled (why)". Requests already settled when the page loaded stay quiet.
 */
export function useLifecycleToasts<T extends { id: bigint; state: RequestState }>(
  requests: readonly T[] | undefined,
  label: (request: T) => string,
  executedDetail: (request: T) => string | undefined,
) {
  const toast = useToast()
  const seen = useRef<Map<bigint, { status: RequestState['status']; toastId?: number }> | null>(null)
  useEffect(() => {
    if (!requests) return
    if (seen.current === null) {
      seen.current = new Map(requests.map((r) => [r.id, { status: r.state.status }]))
      return
    }
    for (const request of requests) {
      const before = seen.current.get(request.id)
      const status = request.state.status
      if (before?.status === status) continue
      const title = label(request)
      if (status === 'pending') {
        const toastId = toast.show({ kind: 'pending', title: `${title}: pending`, detail: 'Waits for the next fresh price; the keeper executes it.' })
        seen.current.set(request.id, { status, toastId })
        continue
      }
      const next =
        request.state.status === 'executed'
          ? { kind: 'success' as const, title: `${title}: executed`, detail: executedDetail(request) }
          : { kind: 'error' as const, title: `${title}: cancelled`, detail: `Why: ${(request.state as { why: string }).why}. Your escrow came back (the execution fee paid whoever settled it).` }
      if (before?.toastId !== undefined) toast.update(before.toastId, next)
      else toast.show(next)
      seen.current.set(request.id, { status })
    }
  }, [requests, toast, label, executedDetail])
}

'use client'

import { useMemo } from 'react'
import type { Address } from 'viem'
import { useAccount } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { iLiquidityPoolAbi } from '@/lib/contracts/abi/ILiquidityPool'
import { formatAmount } from '@/lib/format'
import { describeLpCancel, joinRequests, type RequestState } from '@/lib/orders/requestLifecycle'
import { sharePriceWad, type SharePricePoint } from '@/lib/pool/poolValue'
import { useLifecycleToasts } from './useOrderRequests'
import { useContractEvents } from './useContractEvents'

const LP_EVENTS = ['LpRequested', 'LpRequestExecuted', 'LpRequestCancelled'] as const

/** The full request as `LpRequested` carries it: what `cancelExpired` takes back. */
export type PoolRequest = { owner: Address; isDeposit: boolean; amount: bigint; minOut: bigint; executionFee: bigint; createdAt: bigint; expiry: bigint }
export type LpRequestRow = { id: bigint; block: bigint; request: PoolRequest; state: RequestState; filled?: { assets: bigint; shares: bigint } }

/**
 * The pool's request logs, through the app's log reader (all LPs: every
 * execution is a point of the share price history). Returns the connected LP's requests with their
 * state (toasted as they settle) and the share price at each execution.
 */
export function useLpRequests(decimals: { share: number; token: number } | undefined) {
  const deployment = useDeployment()
  const { address } = useAccount()
  const { logs } = useContractEvents({ addresses: [deployment.contracts.LiquidityPool], abi: iLiquidityPoolAbi, eventNames: LP_EVENTS })

  const { requests, executions } = useMemo(() => {
    if (!logs) return { requests: undefined, executions: undefined }
    const mine = address?.toLowerCase()
    const requested: { id: bigint; block: bigint; request: PoolRequest }[] = []
    const settled: { id: bigint; block: bigint; state: Exclude<RequestState, { status: 'pending' }> }[] = []
    const fills = new Map<bigint, { assets: bigint; shares: bigint }>()
    const executions: SharePricePoint[] = []
    for (const log of logs) {
      const block = log.blockNumber ?? 0n
      if (log.eventName === 'LpRequestExecuted') {
        const { assets, shares } = log.args
        const price = decimals ? sharePriceWad(assets, shares, decimals.share, decimals.token) : null
        if (price !== null) executions.push({ block, priceWad: price, source: 'execution' })
      }
      if (log.args.owner.toLowerCase() !== mine) continue
      if (log.eventName === 'LpRequested') requested.push({ id: log.args.requestId, block, request: log.args.request as PoolRequest })
      else if (log.eventName === 'LpRequestExecuted') {
        fills.set(log.args.requestId, { assets: log.args.assets, shares: log.args.shares })
        settled.push({ id: log.args.requestId, block, state: { status: 'executed', block } })
      } else settled.push({ id: log.args.requestId, block, state: { status: 'cancelled', why: describeLpCancel(log.args.why), block } })
    }
    const requests: LpRequestRow[] = joinRequests(requested, settled).map((r) => ({ ...r, filled: fills.get(r.id) }))
    return { requests, executions }
  }, [logs, address, decimals?.share, decimals?.token]) // eslint-disable-line react-hooks/exhaustive-deps

  useLifecycleToasts(
    requests,
    (r) => `${r.request.isDeposit ? 'Deposit' : 'Withdrawal'} #${r.id}`,
    (r) => (r.filled && decimals ? `${formatAmount(r.filled.assets, decimals.token)} tUSD for ${formatAmount(r.filled.shares, decimals.share, 4)} shares.` : undefined),
  )
  return { requests, executions }
}

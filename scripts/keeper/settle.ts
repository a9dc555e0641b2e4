/**
 * Settles pending two-step requests: plans each one (scripts/keeper/requests.ts) from its first
 * qualifying observation, then sends one `executeRequests` batch (LP first: the pool's value backs
 * the open-interest caps of the orders) and one `executeOrders` batch per chunk, and `cancelExpired`
 * for each expired request. The contracts skip an entry that would revert, so one bad request
 * never blocks the others; a batch whose simulation settles nothing is not sent (another keeper
 * was faster, or nothing is executable yet).
 *
 * The keeper calls `settle` every block with the set it follows from the logs; the devnet deploy
 * and the e2e tests call `settlePendingOnce`, which rebuilds the set from the logs first: the
 * same code path.
 */
import { parseEventLogs, type Account, type Hash, type PublicClient, type WalletClient } from 'viem'
import { iLiquidityPoolAbi, iOracleAggregatorAbi, iOrderRouterAbi } from '../../lib/contracts/generated'
import type { Deployment } from '../../lib/config/types'
import { withGasMargin } from '../../lib/tx/gasMargin'
import { noSendLock, type SendLock } from './sendLock'
import type { Logger } from '../service/log'
import { requestReads, type RequestReads } from './requestReads'
import { lookupKey, planLpRequest, planOrder, settlePlan, type LpRequest, type Order, type PendingRequests, type QualifyingLookup } from './requests'

/** What one settle pass did (counted from the receipts' events, not from simulations). */
export type SettleCounts = { ordersExecuted: number; ordersCancelled: number; lpExecuted: number; lpCancelled: number; waiting: number }

export const noSettleCounts = (): SettleCounts => ({ ordersExecuted: 0, ordersCancelled: 0, lpExecuted: 0, lpCancelled: 0, waiting: 0 })

export function addCounts(a: SettleCounts, b: SettleCounts): SettleCounts {
  return {
    ordersExecuted: a.ordersExecuted + b.ordersExecuted,
    ordersCancelled: a.ordersCancelled + b.ordersCancelled,
    lpExecuted: a.lpExecuted + b.lpExecuted,
    lpCancelled: a.lpCancelled + b.lpCancelled,
    waiting: b.waiting,
  }
}

/**
 * Gas for a batch of `entries`. The router forwards a fixed 2,000,000 gas to the engine for each
 * fill and skips (reverts) an entry when less is left (OrderRouter.ENGINE_CALL_GAS, its guard
 * against a starved fill), so every entry must start with that much available: a reserve for the
 * last entry, plus what each entry actually uses (an order runs the engine; an LP execution prices
 * every market).
 */
export const GAS_PER_ENTRY = 700_000n
const ENTRY_RESERVE_GAS = 2_000_000n + 2_000_000n / 63n + 400_000n
const BATCH_BASE_GAS = 200_000n
/** Under anvil's 30M block gas limit, with room for the block's other transactions. */
const MAX_BATCH_GAS = 25_000_000n

export function batchGas(entries: number): bigint {
  const gas = BATCH_BASE_GAS + ENTRY_RESERVE_GAS + GAS_PER_ENTRY * BigInt(entries)
  return gas < MAX_BATCH_GAS ? gas : MAX_BATCH_GAS
}

export type SettlerOptions = {
  client: PublicClient
  wallet: WalletClient
  account: Account
  deployment: Deployment
  log: Logger
  /** Entries per executeOrders / executeRequests transaction. */
  batchSize: number
  /** Calls per Multicall3 read. */
  readBatch: number
  /** When some request waits for an observation, ask the oracle to accept the sources' latest data (`updateMany`). */
  updateOracle?: boolean
  /**
   * Seconds a request waits past its minDelay before the keeper updates the oracle itself (3): a
   * feeder that pushes and updates every block should record the observation; an update of the
   * keeper's that lands first in that second, before the sources report, would take the second's
   * history entry with older data and delay the fill by a block.
   */
  oracleGraceSeconds?: bigint
  /** Held while each transaction is submitted, when other code sends from the same account at the same time (scripts/keeper/sendLock.ts). */
  sendLock?: SendLock
  /** A sent transaction whose receipt has not come after this long fails the settle pass (viem's default waits 3 minutes). */
  receiptTimeoutMs?: number
}

export function createRequestSettler({ client, wallet, account, deployment, log, batchSize, readBatch, updateOracle = true, oracleGraceSeconds = 3n, sendLock = noSendLock, receiptTimeoutMs = 30_000 }: SettlerOptions) {
  const reads: RequestReads = requestReads(client, deployment, { readBatch })
  const router = { address: deployment.contracts.OrderRouter, abi: iOrderRouterAbi } as const
  const pool = { address: deployment.contracts.LiquidityPool, abi: iLiquidityPoolAbi } as const
  const oracle = { address: deployment.contracts.OracleAggregator, abi: iOracleAggregatorAbi } as const

  async function send(label: string, request: Record<string, unknown>, fixedGas?: bigint) {
    // With a margin over the estimate: a later block can make the batch dearer (funding, prices).
    const gas = fixedGas ?? withGasMargin(await client.estimateContractGas({ ...request, account } as never))
    const hash: Hash = await sendLock(() => wallet.writeContract({ ...request, account, chain: wallet.chain, gas } as never))
    const receipt = await client.waitForTransactionReceipt({ hash, timeout: receiptTimeoutMs })
    if (receipt.status !== 'success') throw new Error(`${label} reverted in ${hash}`)
    return receipt
  }

  /**
   * Sends a batch unless its simulation settles nothing. Not at the node's gas estimate: the batch
   * catches each entry's failure, so the lowest gas at which the transaction succeeds is one at
   * which the entries run out of gas and are skipped. A fixed budget per entry instead.
   */
  async function sendBatch(label: string, request: Record<string, unknown>, entries: number) {
    const { result } = await client.simulateContract({ ...request, account } as never)
    if ((result as bigint) === 0n) return null
    return send(label, request, batchGas(entries))
  }

  async function settle(pending: PendingRequests, blockNumber: bigint): Promise<SettleCounts> {
    const counts = noSettleCounts()
    if (pending.orders.size === 0 && pending.lp.size === 0) return counts
    const ctx = await reads.context(blockNumber)

    // One lookup per distinct (market, commitment): orders of one block share it; an LP request needs every market.
    const queries = new Map<string, { marketId: bigint; createdAt: bigint; minDelay: bigint }>()
    const orderKey = (o: Order) => `o:${lookupKey(o.marketId, o.createdAt)}`
    const lpKey = (m: number, r: LpRequest) => `lp:${lookupKey(BigInt(m), r.createdAt)}`
    for (const order of pending.orders.values()) queries.set(orderKey(order), { marketId: order.marketId, createdAt: order.createdAt, minDelay: ctx.orderMinDelay })
    for (const request of pending.lp.values())
      for (let m = 0; m < ctx.marketCount; m++) queries.set(lpKey(m, request), { marketId: BigInt(m), createdAt: request.createdAt, minDelay: ctx.lpMinDelay })
    const keys = [...queries.keys()]
    const results = await reads.lookups([...queries.values()], blockNumber)
    const lookup = new Map<string, QualifyingLookup>(keys.map((key, i) => [key, results[i]]))

    const orders = settlePlan(
      [...pending.orders].map(([id, order]) => ({
        id,
        request: order,
        action: planOrder(order, lookup.get(orderKey(order))!, {
          now: ctx.now,
          minDelay: ctx.orderMinDelay,
          marketFresh: ctx.fresh[Number(order.marketId)] ?? false,
          observationCount: ctx.observationCount[Number(order.marketId)] ?? 0n,
        }),
      })),
      batchSize,
    )
    const lp = settlePlan(
      [...pending.lp].map(([id, request]) => ({
        id,
        request,
        action: planLpRequest(request, Array.from({ length: ctx.marketCount }, (_, m) => lookup.get(lpKey(m, request))!), { now: ctx.now }),
      })),
      batchSize,
    )
    counts.waiting = orders.waiting + lp.waiting
    const overdue =
      [...pending.orders.values()].some((o) => !lookup.get(orderKey(o))!.found && ctx.now >= o.createdAt + ctx.orderMinDelay + oracleGraceSeconds && ctx.now <= o.expiry) ||
      [...pending.lp.values()].some((r) => ctx.now >= r.createdAt + ctx.lpMinDelay + oracleGraceSeconds && ctx.now <= r.expiry && Array.from({ length: ctx.marketCount }, (_, m) => lookup.get(lpKey(m, r))!).some((l) => !l.found))

    for (const batch of lp.executeBatches) {
      const receipt = await sendBatch('executeRequests', { ...pool, functionName: 'executeRequests', args: [batch.ids, batch.requests, batch.indices] }, batch.ids.length)
      if (!receipt) continue
      const executed = parseEventLogs({ abi: iLiquidityPoolAbi, logs: receipt.logs, eventName: 'LpRequestExecuted' })
      const cancelled = parseEventLogs({ abi: iLiquidityPoolAbi, logs: receipt.logs, eventName: 'LpRequestCancelled' })
      counts.lpExecuted += executed.length
      counts.lpCancelled += cancelled.length
      log.info('lp requests settled', { block: receipt.blockNumber, tx: receipt.transactionHash, executed: executed.map((e) => e.args.requestId), cancelled: cancelled.map((e) => ({ id: e.args.requestId, why: e.args.why })) })
    }
    for (const batch of orders.executeBatches) {
      const receipt = await sendBatch('executeOrders', { ...router, functionName: 'executeOrders', args: [batch.ids, batch.requests, batch.indices.map((i) => i[0])] }, batch.ids.length)
      if (!receipt) continue
      const executed = parseEventLogs({ abi: iOrderRouterAbi, logs: receipt.logs, eventName: 'OrderExecuted' })
      const cancelled = parseEventLogs({ abi: iOrderRouterAbi, logs: receipt.logs, eventName: 'OrderCancelled' })
      counts.ordersExecuted += executed.length
      counts.ordersCancelled += cancelled.length
      log.info('orders settled', { block: receipt.blockNumber, tx: receipt.transactionHash, executed: executed.map((e) => e.args.orderId), cancelled: cancelled.map((e) => ({ id: e.args.orderId, why: e.args.why })) })
    }
    // Expired requests one by one: cancelExpired has no batch form. A failure is logged, not fatal:
    // someone else may have cancelled it first.
    for (const { id, request } of lp.cancels) {
      const ok = await cancelOne('lp', () => send('cancelExpired', { ...pool, functionName: 'cancelExpired', args: [id, request] }), id)
      if (ok) counts.lpCancelled++
    }
    for (const { id, request } of orders.cancels) {
      const ok = await cancelOne('order', () => send('cancelExpired', { ...router, functionName: 'cancelExpired', args: [id, request] }), id)
      if (ok) counts.ordersCancelled++
    }
    if (updateOracle && overdue) await refreshOracle(ctx.marketCount)
    return counts
  }

  async function cancelOne(kind: string, run: () => Promise<unknown>, id: bigint) {
    try {
      await run()
      log.info('request expired', { kind, id })
      return true
    } catch (error) {
      log.warn('cancel failed', { kind, id, error: error instanceof Error ? error.message.split('\n')[0] : String(error) })
      return false
    }
  }

  /**
   * Requests wait for an observation whose sources all reported after the commitment: on a network
   * where sources update on their own nobody else may call `update`, so the keeper does (it never
   * reverts because of a source; at most one history entry per market per second).
   */
  async function refreshOracle(marketCount: number) {
    try {
      // Fixed gas: the estimate prices an update without news, and the sources may report before it lands.
      await send('updateMany', { ...oracle, functionName: 'updateMany', args: [Array.from({ length: marketCount }, (_, m) => BigInt(m))] }, 3_000_000n)
    } catch (error) {
      log.warn('oracle update failed', { error: error instanceof Error ? error.message.split('\n')[0] : String(error) })
    }
  }

  return {
    reads,
    settle,
    /** Rebuilds the pending set from the logs at the current block and settles it once. */
    async settlePendingOnce(): Promise<SettleCounts> {
      const blockNumber = await client.getBlockNumber()
      return settle(await reads.rebuild(blockNumber), blockNumber)
    },
  }
}

/**
 * Two-step requests (docs/two-step.md): which trade orders and LP requests are pending, and what
 * the keeper does with each this block. Pure: the keeper feeds it logs and chain reads, this
 * decides.
 *
 * Only a request's hash is stored on chain; the full struct is in its request event and must be
 * passed back to execute or cancel it, so the pending set is kept from the events: a request event
 * adds it, an executed or cancelled event removes it.
 */
import type { Address } from 'viem'
import { chunk } from './chunk'

/** `Order` of IOrderRouter, as viem decodes it. kind: 0 Open, 1 Increase, 2 Reduce, 3 Close. */
export type Order = {
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

/** `LpRequest` of ILiquidityPool, as viem decodes it. */
export type LpRequest = {
  owner: Address
  isDeposit: boolean
  amount: bigint
  minOut: bigint
  executionFee: bigint
  createdAt: bigint
  expiry: bigint
}

export const ORDER_KIND = { Open: 0, Increase: 1, Reduce: 2, Close: 3 } as const

/** Pending requests by id (the router's and the pool's ids are separate sequences). */
export type PendingRequests = { orders: ReadonlyMap<bigint, Order>; lp: ReadonlyMap<bigint, LpRequest> }

export const emptyPending = (): PendingRequests => ({ orders: new Map(), lp: new Map() })

/** A request log reduced to what the pending set needs. */
export type RequestEvent =
  | { kind: 'orderRequested'; id: bigint; order: Order; blockNumber: bigint; logIndex: number }
  | { kind: 'orderSettled'; id: bigint; blockNumber: bigint; logIndex: number }
  | { kind: 'lpRequested'; id: bigint; request: LpRequest; blockNumber: bigint; logIndex: number }
  | { kind: 'lpSettled'; id: bigint; blockNumber: bigint; logIndex: number }

/**
 * The pending set after `events`, applied in chain order (they are read per event type). Applying
 * a log twice changes nothing, so a range read again after a retry is harmless; an id is never
 * reused, so a settled request never comes back.
 */
export function applyRequestEvents(pending: PendingRequests, events: readonly RequestEvent[]): PendingRequests {
  const ordered = [...events].sort((a, b) =>
    a.blockNumber !== b.blockNumber ? (a.blockNumber < b.blockNumber ? -1 : 1) : a.logIndex - b.logIndex,
  )
  const orders = new Map(pending.orders)
  const lp = new Map(pending.lp)
  const settledOrders = new Set<bigint>()
  const settledLp = new Set<bigint>()
  for (const event of ordered) {
    if (event.kind === 'orderRequested' && !settledOrders.has(event.id)) orders.set(event.id, event.order)
    else if (event.kind === 'orderSettled') (settledOrders.add(event.id), orders.delete(event.id))
    else if (event.kind === 'lpRequested' && !settledLp.has(event.id)) lp.set(event.id, event.request)
    else if (event.kind === 'lpSettled') (settledLp.add(event.id), lp.delete(event.id))
  }
  return { orders, lp }
}

/**
 * Keeps only the requests whose stored hash is still set (`orderHash` / `requestHash` ≠ 0): a
 * rebuild from the request logs alone, without trusting that every settle log was seen.
 */
export function keepStillPending<T>(requests: ReadonlyMap<bigint, T>, hashes: ReadonlyMap<bigint, `0x${string}`>): Map<bigint, T> {
  return new Map([...requests].filter(([id]) => /^0x0*$/.test(hashes.get(id) ?? '0x') === false))
}

/** `findFirstQualifying` of IOracleHistory for one (market, commitment, delay). */
export type QualifyingLookup = { found: boolean; index: bigint; evicted: boolean }

/** What the keeper does with one request this block. */
export type RequestAction =
  | { action: 'execute'; indices: bigint[] }
  | { action: 'cancel' }
  | { action: 'wait'; why: 'no observation yet' | 'evicted, not expired' }

/**
 * An order: executed at its first qualifying observation as soon as there is one (the router
 * itself cancels it when that observation came after the expiry or breaches the acceptable price),
 * cancelled once expired without one. Exit exception: a Reduce or Close on a market that is not
 * Fresh, with no qualifying observation, is executed once `minDelay` has passed. The router first
 * has the oracle accept the sources' latest data (`OrderRouter._exitWithoutObservation`): if that
 * leaves the market still not Fresh it fills at the engine's conservative exit price and ignores
 * the index; if it makes the market Fresh, the order fills at the observation that update records,
 * the market's next one, so the index sent is `observationCount` (no retained observation
 * qualifies, so that one is the first that can).
 * `now` is the latest block's timestamp: the transaction lands in a later block, so a request
 * expired now is expired then.
 */
export function planOrder(
  order: Order,
  lookup: QualifyingLookup,
  { now, minDelay, marketFresh, observationCount }: { now: bigint; minDelay: bigint; marketFresh: boolean; observationCount: bigint },
): RequestAction {
  if (lookup.found) return { action: 'execute', indices: [lookup.index] }
  if (now > order.expiry) return { action: 'cancel' }
  const isExit = order.kind === ORDER_KIND.Reduce || order.kind === ORDER_KIND.Close
  if (isExit && !marketFresh && !lookup.evicted && now >= order.createdAt + minDelay) return { action: 'execute', indices: [observationCount] }
  return { action: 'wait', why: lookup.evicted ? 'evicted, not expired' : 'no observation yet' }
}

/**
 * An LP request needs one first qualifying observation per market (`lookups[m]` for market m):
 * executed once every market has one, cancelled once expired while some market has none.
 */
export function planLpRequest(request: LpRequest, lookups: readonly QualifyingLookup[], { now }: { now: bigint }): RequestAction {
  if (lookups.length > 0 && lookups.every((l) => l.found)) return { action: 'execute', indices: lookups.map((l) => l.index) }
  if (now > request.expiry) return { action: 'cancel' }
  return { action: 'wait', why: lookups.some((l) => l.evicted) ? 'evicted, not expired' : 'no observation yet' }
}

/** The keeper's transactions for one kind of request this block. */
export type SettlePlan<T> = {
  /** `executeOrders` / `executeRequests` batches, each at most `batchSize` entries, in id order. */
  executeBatches: { ids: bigint[]; requests: T[]; indices: bigint[][] }[]
  /** Expired requests to `cancelExpired`, one transaction each. */
  cancels: { id: bigint; request: T }[]
  waiting: number
}

export function settlePlan<T>(
  planned: readonly { id: bigint; request: T; action: RequestAction }[],
  batchSize: number,
): SettlePlan<T> {
  const sorted = [...planned].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const executable = sorted.filter((p) => p.action.action === 'execute')
  return {
    executeBatches: chunk(executable, batchSize).map((batch) => ({
      ids: batch.map((p) => p.id),
      requests: batch.map((p) => p.request),
      indices: batch.map((p) => (p.action as { indices: bigint[] }).indices),
    })),
    cancels: sorted.filter((p) => p.action.action === 'cancel').map(({ id, request }) => ({ id, request })),
    waiting: sorted.filter((p) => p.action.action === 'wait').length,
  }
}

/** Distinct (market, commitment) pairs to look up for the orders, so each is read once. */
export function lookupKey(marketId: bigint, createdAt: bigint): string {
  return `${marketId}:${createdAt}`
}

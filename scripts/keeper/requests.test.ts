import { describe, expect, it } from 'vitest'
import { batchGas, GAS_PER_ENTRY } from './settle'
import {
  applyRequestEvents,
  emptyPending,
  keepStillPending,
  ORDER_KIND,
  planLpRequest,
  planOrder,
  settlePlan,
  type LpRequest,
  type Order,
  type RequestEvent,
} from './requests'

const TRADER = '0x00000000000000000000000000000000000000a1'
const order = (over: Partial<Order> = {}): Order => ({
  trader: TRADER,
  marketId: 0n,
  kind: ORDER_KIND.Open,
  size: 10n ** 18n,
  collateral: 100_000_000n,
  acceptablePrice: 3_000n * 10n ** 18n,
  executionFee: 500_000n,
  createdAt: 1_000n,
  expiry: 1_600n,
  ...over,
})
const lpRequest = (over: Partial<LpRequest> = {}): LpRequest => ({
  owner: TRADER,
  isDeposit: true,
  amount: 1_000_000_000n,
  minOut: 0n,
  executionFee: 500_000n,
  createdAt: 1_000n,
  expiry: 1_600n,
  ...over,
})
const found = (index: bigint) => ({ found: true, index, evicted: false })
const none = { found: false, index: 0n, evicted: false }
const evicted = { found: false, index: 0n, evicted: true }

const requested = (id: bigint, blockNumber: bigint, logIndex = 0): RequestEvent => ({ kind: 'orderRequested', id, order: order(), blockNumber, logIndex })
const settled = (id: bigint, blockNumber: bigint, logIndex = 0): RequestEvent => ({ kind: 'orderSettled', id, blockNumber, logIndex })

describe('applyRequestEvents', () => {
  it('adds requested and removes executed or cancelled requests, orders and LP requests apart', () => {
    const lp: RequestEvent = { kind: 'lpRequested', id: 1n, request: lpRequest(), blockNumber: 5n, logIndex: 1 }
    const next = applyRequestEvents(emptyPending(), [requested(1n, 5n), requested(2n, 5n, 2), settled(1n, 6n), lp])
    expect([...next.orders.keys()]).toEqual([2n])
    expect([...next.lp.keys()]).toEqual([1n]) // the pool's id 1 is not the router's id 1
    expect(applyRequestEvents(next, [{ kind: 'lpSettled', id: 1n, blockNumber: 7n, logIndex: 0 }]).lp.size).toBe(0)
  })
  it('a request settled in the same range is gone, whatever order the per-type reads list them in', () => {
    expect(applyRequestEvents(emptyPending(), [settled(3n, 9n, 4), requested(3n, 9n, 1)]).orders.size).toBe(0)
    expect(applyRequestEvents(emptyPending(), [settled(3n, 10n), requested(3n, 9n)]).orders.size).toBe(0)
  })
  it('a settle log read again, or a request log read again after it settled, does not bring it back', () => {
    const once = applyRequestEvents(emptyPending(), [requested(1n, 1n), settled(1n, 2n), requested(2n, 2n, 1)])
    expect([...applyRequestEvents(once, [requested(1n, 1n), settled(1n, 2n), requested(2n, 2n, 1)]).orders.keys()]).toEqual([2n])
  })
  it('does not change its input', () => {
    const start = applyRequestEvents(emptyPending(), [requested(1n, 1n)])
    applyRequestEvents(start, [settled(1n, 2n)])
    expect(start.orders.size).toBe(1)
  })
})

describe('keepStillPending', () => {
  it('keeps the requests whose stored hash is set, drops cleared or unknown ones', () => {
    const requests = new Map([[1n, 'a'], [2n, 'b'], [3n, 'c']])
    const hashes = new Map<bigint, `0x${string}`>([[1n, `0x${'ab'.repeat(32)}`], [2n, `0x${'0'.repeat(64)}`]])
    expect([...keepStillPending(requests, hashes).keys()]).toEqual([1n])
  })
})

describe('planOrder', () => {
  const ctx = { now: 1_100n, minDelay: 1n, marketFresh: true, observationCount: 42n }
  it('executes at the first qualifying observation, even past the expiry (the router cancels it then)', () => {
    expect(planOrder(order(), found(7n), ctx)).toEqual({ action: 'execute', indices: [7n] })
    expect(planOrder(order(), found(7n), { ...ctx, now: 2_000n })).toEqual({ action: 'execute', indices: [7n] })
  })
  it('waits without an observation, and cancels once expired (strictly after the expiry second)', () => {
    expect(planOrder(order(), none, ctx)).toEqual({ action: 'wait', why: 'no observation yet' })
    expect(planOrder(order(), none, { ...ctx, now: 1_600n })).toMatchObject({ action: 'wait' })
    expect(planOrder(order(), none, { ...ctx, now: 1_601n })).toEqual({ action: 'cancel' })
    expect(planOrder(order(), evicted, ctx)).toEqual({ action: 'wait', why: 'evicted, not expired' })
    expect(planOrder(order(), evicted, { ...ctx, now: 1_601n })).toEqual({ action: 'cancel' })
  })
  it('exit exception: a Reduce or Close on a market that is not Fresh executes once minDelay has passed', () => {
    const stale = { ...ctx, marketFresh: false }
    for (const kind of [ORDER_KIND.Reduce, ORDER_KIND.Close]) {
      // The index of the observation the router's own oracle refresh records (the market's next
      // one): it qualifies when that refresh makes the market Fresh; ignored when it does not.
      expect(planOrder(order({ kind }), none, stale)).toEqual({ action: 'execute', indices: [42n] })
      expect(planOrder(order({ kind }), none, { ...stale, observationCount: 0n })).toEqual({ action: 'execute', indices: [0n] })
      expect(planOrder(order({ kind }), none, { ...stale, now: 1_000n })).toMatchObject({ action: 'wait' }) // before createdAt + minDelay
      expect(planOrder(order({ kind }), none, ctx)).toMatchObject({ action: 'wait' }) // Fresh: wait for the observation
    }
    // New risk never: an open or increase waits for a Fresh observation.
    for (const kind of [ORDER_KIND.Open, ORDER_KIND.Increase]) expect(planOrder(order({ kind }), none, stale)).toMatchObject({ action: 'wait' })
  })
})

describe('planLpRequest', () => {
  it('executes once every market has a first qualifying observation, one index per market', () => {
    expect(planLpRequest(lpRequest(), [found(3n), found(9n), found(0n)], { now: 1_100n })).toEqual({ action: 'execute', indices: [3n, 9n, 0n] })
  })
  it('waits while one market has none, cancels once expired', () => {
    expect(planLpRequest(lpRequest(), [found(3n), none, found(0n)], { now: 1_100n })).toEqual({ action: 'wait', why: 'no observation yet' })
    expect(planLpRequest(lpRequest(), [found(3n), evicted], { now: 1_100n })).toEqual({ action: 'wait', why: 'evicted, not expired' })
    expect(planLpRequest(lpRequest(), [found(3n), none], { now: 1_601n })).toEqual({ action: 'cancel' })
  })
  it('never executes with no market to price', () => {
    expect(planLpRequest(lpRequest(), [], { now: 1_100n })).toMatchObject({ action: 'wait' })
  })
})

describe('settlePlan', () => {
  it('puts every executable request in batches of at most batchSize, in id order, and lists the cancels', () => {
    const planned = [5n, 1n, 3n, 2n, 4n].map((id) => ({
      id,
      request: `r${id}`,
      action: id === 4n ? ({ action: 'cancel' } as const) : id === 5n ? ({ action: 'wait', why: 'no observation yet' } as const) : { action: 'execute' as const, indices: [id * 10n] },
    }))
    const plan = settlePlan(planned, 2)
    expect(plan.executeBatches).toEqual([
      { ids: [1n, 2n], requests: ['r1', 'r2'], indices: [[10n], [20n]] },
      { ids: [3n], requests: ['r3'], indices: [[30n]] },
    ])
    expect(plan.cancels).toEqual([{ id: 4n, request: 'r4' }])
    expect(plan.waiting).toBe(1)
    expect(settlePlan(planned, 100).executeBatches).toHaveLength(1)
  })
})

describe('batchGas', () => {
  it('budgets every entry (never the node estimate, at which the batch skips entries out of gas), capped under the block limit', () => {
    expect(batchGas(2) - batchGas(1)).toBe(GAS_PER_ENTRY)
    expect(batchGas(1)).toBeGreaterThan(2_100_000n) // the router's per-fill engine allowance and its starvation guard
    expect(batchGas(1_000)).toBeLessThan(30_000_000n)
  })
})

import { describe, expect, it } from 'vitest'
import { pendingExit, pendingExitMessage, pendingOpen, pendingOpenMessage } from './pendingExit'
import type { RequestState } from './requestLifecycle'

const pending: RequestState = { status: 'pending' }
const executed: RequestState = { status: 'executed', price: 1n, block: 9n }
const cancelled: RequestState = { status: 'cancelled', why: 'price moved beyond your limit', block: 9n }
// kind: 0 Open, 1 Increase, 2 Reduce, 3 Close (IOrderRouter.OrderKind)
const row = (id: bigint, marketId: bigint, kind: number, state: RequestState = pending) => ({ id, order: { marketId, kind }, state })

describe('pendingExit', () => {
  it('finds a pending close or reduce of the position in that market', () => {
    expect(pendingExit([row(4n, 0n, 3)], 0n)).toEqual({ id: 4n, kind: 'Close' })
    expect(pendingExit([row(5n, 0n, 2)], 0n)).toEqual({ id: 5n, kind: 'Reduce' })
  })
  it('ignores other markets, opens and increases, and settled requests', () => {
    expect(pendingExit([row(4n, 1n, 3), row(5n, 0n, 0), row(6n, 0n, 1), row(7n, 0n, 3, executed), row(8n, 0n, 2, cancelled)], 0n)).toBeUndefined()
    expect(pendingExit(undefined, 0n)).toBeUndefined()
    expect(pendingExit([], 0n)).toBeUndefined()
  })
  it('names the oldest when several wait (the list is newest first)', () => {
    expect(pendingExit([row(9n, 0n, 3), row(7n, 0n, 2), row(8n, 0n, 3)], 0n)).toEqual({ id: 7n, kind: 'Reduce' })
  })
})

describe('pendingExitMessage', () => {
  it('says which request waits, by id', () => {
    expect(pendingExitMessage({ id: 12n, kind: 'Close' })).toMatch(/^A close request is pending: #12\./)
    expect(pendingExitMessage({ id: 3n, kind: 'Reduce' })).toMatch(/^A reduce request is pending: #3\./)
  })
})

describe('pendingOpen', () => {
  it('finds the oldest pending open in that market only', () => {
    expect(pendingOpen([row(6n, 0n, 0), row(5n, 0n, 0), row(4n, 1n, 0)], 0n)).toEqual({ id: 5n })
    expect(pendingOpen([row(4n, 0n, 0, executed), row(5n, 0n, 0, cancelled), row(6n, 0n, 1), row(7n, 0n, 3), row(8n, 1n, 0)], 0n)).toBeUndefined()
    expect(pendingOpen(undefined, 0n)).toBeUndefined()
    expect(pendingOpenMessage({ id: 5n })).toMatch(/^An open request is pending: #5\./)
  })
})

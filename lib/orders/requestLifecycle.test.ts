import { describe, expect, it } from 'vitest'
import { describeLpCancel, describeOrderCancel, joinRequests, secondsUntilCancellable } from './requestLifecycle'

describe('describeOrderCancel', () => {
  const decode = (data: `0x${string}`) => `decoded ${data}`
  it('says why, decoding the engine error only for Rejected', () => {
    expect(describeOrderCancel(1, '0x', decode)).toMatch(/^expired/)
    expect(describeOrderCancel(2, '0x', decode)).toBe('price moved beyond your limit')
    expect(describeOrderCancel(3, '0x1234', decode)).toBe('rejected by the engine: decoded 0x1234')
    expect(describeOrderCancel(9, '0x', decode)).toMatch(/reason 9/)
  })
})

describe('describeLpCancel', () => {
  it('names each pool reason', () => {
    expect(describeLpCancel(1)).toMatch(/^expired/)
    expect(describeLpCancel(2)).toMatch(/minimum/)
    expect(describeLpCancel(3)).toMatch(/^refused/)
  })
})

describe('secondsUntilCancellable', () => {
  it('is 0 only strictly after the expiry', () => {
    expect(secondsUntilCancellable(100n, 90n)).toBe(11n)
    expect(secondsUntilCancellable(100n, 100n)).toBe(1n)
    expect(secondsUntilCancellable(100n, 101n)).toBe(0n)
  })
})

describe('joinRequests', () => {
  it('marks settled requests and leaves the rest pending, newest first', () => {
    const joined = joinRequests(
      [
        { id: 1n, block: 10n },
        { id: 2n, block: 11n },
        { id: 3n, block: 12n },
      ],
      [
        { id: 1n, block: 12n, state: { status: 'executed', price: 5n, block: 12n } },
        { id: 3n, block: 13n, state: { status: 'cancelled', why: 'expired', block: 13n } },
        { id: 99n, block: 13n, state: { status: 'executed', block: 13n } },
      ],
    )
    expect(joined.map((r) => [r.id, r.state.status])).toEqual([
      [3n, 'cancelled'],
      [2n, 'pending'],
      [1n, 'executed'],
    ])
  })
})

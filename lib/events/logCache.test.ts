import { describe, expect, it } from 'vitest'
import { blockRanges, nextRead } from './logCache'

describe('blockRanges', () => {
  it('pages a range without gaps or overlaps', () => {
    expect(blockRanges(10n, 24n, 5n)).toEqual([
      { fromBlock: 10n, toBlock: 14n },
      { fromBlock: 15n, toBlock: 19n },
      { fromBlock: 20n, toBlock: 24n },
    ])
    expect(blockRanges(10n, 11n, 5n)).toEqual([{ fromBlock: 10n, toBlock: 11n }])
    expect(blockRanges(12n, 11n, 5n)).toEqual([])
    expect(() => blockRanges(1n, 2n, 0n)).toThrow()
  })
})

describe('nextRead', () => {
  it('reads from the start block the first time', () => {
    expect(nextRead(undefined, 50n, 7n)).toEqual({ range: { fromBlock: 7n, toBlock: 50n }, reset: true })
  })
  it('then only new blocks', () => {
    expect(nextRead({ toBlock: 50n, logs: [] }, 53n, 7n)).toEqual({ range: { fromBlock: 51n, toBlock: 53n }, reset: false })
    expect(nextRead({ toBlock: 50n, logs: [] }, 50n, 7n)).toBeNull()
  })
  it('starts over when the chain went backwards', () => {
    expect(nextRead({ toBlock: 50n, logs: [1] }, 20n, 7n)).toEqual({ range: { fromBlock: 7n, toBlock: 20n }, reset: true })
  })
  it('waits when the chain has not reached the start block', () => {
    expect(nextRead(undefined, 3n, 7n)).toBeNull()
  })
})

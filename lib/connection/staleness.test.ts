import { describe, expect, it } from 'vitest'
import { blockTimeMs, connectionAt, GAPS_KEPT, MIN_STALE_MS, staleAfterMs, withGap } from './staleness'

describe('block time and stale threshold', () => {
  it('learns the block time as the median gap, robust to one long pause', () => {
    expect(blockTimeMs([])).toBeUndefined()
    expect(blockTimeMs([1_000, 1_100, 900, 20_000, 1_000])).toBe(1_000)
  })

  it('is three block times, never under the minimum', () => {
    expect(staleAfterMs([])).toBe(MIN_STALE_MS)
    expect(staleAfterMs([1_000, 1_000])).toBe(MIN_STALE_MS)
    expect(staleAfterMs([12_000, 12_000, 12_000])).toBe(36_000)
  })

  it('keeps the last gaps only', () => {
    let gaps: number[] = []
    let at: number | undefined
    for (let i = 0; i < GAPS_KEPT + 3; i++) {
      gaps = withGap(gaps, at, i * 1_000 + (i > GAPS_KEPT ? 500 * i : 0))
      at = i * 1_000 + (i > GAPS_KEPT ? 500 * i : 0)
    }
    expect(gaps).toHaveLength(GAPS_KEPT)
    expect(withGap([5], undefined, 10)).toEqual([5])
  })
})

describe('connectionAt', () => {
  const gapsMs = [1_000, 1_000, 1_000]
  it('is connecting before any block', () => {
    expect(connectionAt({ nowMs: 5, lastNewBlockAtMs: undefined, gapsMs, requestFailed: false })).toEqual({ status: 'connecting' })
  })

  it('is live while blocks keep coming, stale once none came for the threshold', () => {
    expect(connectionAt({ nowMs: 12_000, lastNewBlockAtMs: 10_000, gapsMs, requestFailed: false })).toEqual({ status: 'live', ageMs: 2_000 })
    expect(connectionAt({ nowMs: 13_000, lastNewBlockAtMs: 10_000, gapsMs, requestFailed: false }).status).toBe('live')
    expect(connectionAt({ nowMs: 13_001, lastNewBlockAtMs: 10_000, gapsMs, requestFailed: false })).toEqual({ status: 'stale', ageMs: 3_001, reason: 'noNewBlock' })
  })

  it('is stale at once when block requests fail, with the age of the data it has', () => {
    expect(connectionAt({ nowMs: 10_500, lastNewBlockAtMs: 10_000, gapsMs, requestFailed: true })).toEqual({ status: 'stale', ageMs: 500, reason: 'requestsFailing' })
  })
})

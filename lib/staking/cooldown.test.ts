import { describe, expect, it } from 'vitest'
import { cooldownPhase } from './cooldown'

// Cooldown started at 1,000 with a 300 s cooldown and a 600 s window, as on the devnet.
const started = { cooldownStart: 1_000n, windowStart: 1_300n, windowEnd: 1_900n, cooldownShares: 5n }

describe('cooldownPhase', () => {
  it('is none without a cooldown', () => {
    expect(cooldownPhase({ cooldownStart: 0n, windowStart: 0n, windowEnd: 0n, cooldownShares: 0n }, 5_000n)).toEqual({ phase: 'none' })
  })
  it('is none once the cooldown shares are all redeemed', () => {
    expect(cooldownPhase({ ...started, cooldownShares: 0n }, 1_500n)).toEqual({ phase: 'none' })
  })
  it('cools down until the window starts', () => {
    expect(cooldownPhase(started, 1_000n)).toEqual({ phase: 'coolingDown', windowStart: 1_300n, windowEnd: 1_900n })
    expect(cooldownPhase(started, 1_299n).phase).toBe('coolingDown')
  })
  it('opens the window at its start, inclusive, and closes it at its end, exclusive (as the vault)', () => {
    expect(cooldownPhase(started, 1_300n)).toEqual({ phase: 'windowOpen', windowEnd: 1_900n })
    expect(cooldownPhase(started, 1_899n).phase).toBe('windowOpen')
    expect(cooldownPhase(started, 1_900n)).toEqual({ phase: 'windowExpired', windowEnd: 1_900n })
  })
})

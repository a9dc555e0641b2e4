import { describe, expect, it } from 'vitest'
import { GAS_MARGIN_BPS, withGasMargin } from './gasMargin'

describe('withGasMargin', () => {
  it('adds a quarter to the estimate', () => {
    expect(GAS_MARGIN_BPS).toBe(2_500n)
    expect(withGasMargin(100_000n)).toBe(125_000n)
  })

  it('rounds the margin up, never down', () => {
    expect(withGasMargin(21_001n)).toBe(26_252n) // 21_001 × 1.25 = 26_251.25
    expect(withGasMargin(1n)).toBe(2n)
  })

  it('keeps zero at zero and refuses a negative estimate', () => {
    expect(withGasMargin(0n)).toBe(0n)
    expect(() => withGasMargin(-1n)).toThrow(RangeError)
  })
})

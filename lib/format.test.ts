import { describe, expect, it } from 'vitest'
import { formatAmount, shortAddress } from './format'

describe('formatAmount', () => {
  it('groups thousands and pads decimals', () => {
    expect(formatAmount(1_234_567_891n, 6)).toBe('1,234.57')
    expect(formatAmount(10_000_000_000n, 6)).toBe('10,000.00')
    expect(formatAmount(0n, 6)).toBe('0.00')
  })
  it('rounds half up at the last shown place', () => {
    expect(formatAmount(1_005_000n, 6)).toBe('1.01')
    expect(formatAmount(1_004_999n, 6)).toBe('1.00')
  })
  it('keeps the sign of negative amounts', () => {
    expect(formatAmount(-2_500_000n, 6)).toBe('-2.50')
  })
  it('drops the sign of a negative amount that rounds to zero', () => {
    expect(formatAmount(-4_000n, 6)).toBe('0.00')
    expect(formatAmount(-5_000n, 6)).toBe('-0.01')
  })
  it('shows whole numbers without a fraction when places is 0', () => {
    expect(formatAmount(3_600_000n, 6, 0)).toBe('4')
  })
  it('handles 18-decimal values', () => {
    expect(formatAmount(3_000_123_400_000_000_000_000n, 18, 4)).toBe('3,000.1234')
  })
})

describe('shortAddress', () => {
  it('keeps the prefix and the last four characters', () => {
    expect(shortAddress('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266')).toBe('0xf39F…2266')
  })
})

describe('WAD formatting', async () => {
  const { formatWad, formatPercent, formatHealth, formatLeverage } = await import('./format')
  const MAX = 2n ** 256n - 1n
  it('formats prices, ratios, health and leverage', () => {
    expect(formatWad(3_012_345_000_000_000_000_000n)).toBe('3,012.35')
    expect(formatPercent(12_500_000_000_000_000n)).toBe('1.25%')
    expect(formatPercent(-3_000_000_000_000_000n, 1)).toBe('-0.3%')
    expect(formatHealth(MAX)).toBe('∞')
    expect(formatHealth(1_234_000_000_000_000_000n)).toBe('1.23')
    expect(formatLeverage(MAX)).toBe('—')
    expect(formatLeverage(4_250_000_000_000_000_000n)).toBe('4.25×')
  })
})

describe('formatSignificant', async () => {
  const { formatSignificant } = await import('./format')
  it('keeps six significant digits of small amounts', () => {
    expect(formatSignificant(1_139_866_458n, 12)).toBe('0.00113987')
    expect(formatSignificant(1_500_000n, 6)).toBe('1.50000')
    expect(formatSignificant(1_234_567n, 6)).toBe('1.23457')
  })
  it('shows two places for large amounts and for zero', () => {
    expect(formatSignificant(20_000_123_456_789_000_000n, 18)).toBe('20.0001')
    expect(formatSignificant(20_000_000_000_000n, 12)).toBe('20.0000')
    expect(formatSignificant(12_345_678_000_000n, 6)).toBe('12,345,678.00')
    expect(formatSignificant(0n, 12)).toBe('0.00')
  })
  it('never shows more places than the token has', () => {
    expect(formatSignificant(1n, 6)).toBe('0.000001')
  })
})

describe('formatDuration', async () => {
  const { formatDuration } = await import('./format')
  it.each([
    [604_800n, '7 d'],
    [2_592_000n, '30 d'],
    [5_400n, '1 h 30 min'],
    [300n, '5 min'],
    [250n, '4 min 10 s'],
    [45n, '45 s'],
    [259_205n, '3 d'],
    [0n, '0 s'],
  ])('%s s is %j', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text)
  })
})

import { describe, expect, it } from 'vitest'
import { countedTraderPnl, holdingTimeLeft, mergeSharePriceHistory, poolBreakdown, sharePriceWad, utilisation } from './poolValue'

const WAD = 10n ** 18n
const HALF = WAD / 2n

describe('countedTraderPnl', () => {
  it('counts losses whole and caps profit at maxPnlFraction of tokens + receivable', () => {
    expect(countedTraderPnl(-500n, 1_000n, 0n, HALF)).toBe(-500n)
    expect(countedTraderPnl(300n, 1_000n, 0n, HALF)).toBe(300n)
    expect(countedTraderPnl(900n, 1_000n, 200n, HALF)).toBe(600n)
  })
})

describe('poolBreakdown', () => {
  it('shows what the cap leaves out and checks the parts add up to the value', () => {
    const b = poolBreakdown({ tokens: 1_000n, receivable: 200n, traderPnl: 900n, countedTraderPnl: 600n, value: 600n }, HALF)
    expect(b.profitCap).toBe(600n)
    expect(b.uncounted).toBe(300n)
    expect(b.consistent).toBe(true)
  })
  it('adds trader losses to the value', () => {
    const b = poolBreakdown({ tokens: 1_000n, receivable: 0n, traderPnl: -250n, countedTraderPnl: -250n, value: 1_250n }, HALF)
    expect(b.uncounted).toBe(0n)
    expect(b.consistent).toBe(true)
  })
  it('flags parts that do not add up', () => {
    expect(poolBreakdown({ tokens: 1_000n, receivable: 0n, traderPnl: 0n, countedTraderPnl: 0n, value: 999n }, HALF).consistent).toBe(false)
  })
})

describe('sharePriceWad', () => {
  it('is assets per whole share in WAD, across decimals', () => {
    // 6-decimal token, 18-decimal shares (virtual-share offset): 1,000 tUSD for 1,000e18 shares → 1.0
    expect(sharePriceWad(1_000n * 10n ** 6n, 1_000n * WAD, 18, 6)).toBe(WAD)
    expect(sharePriceWad(1_100n * 10n ** 6n, 1_000n * WAD, 18, 6)).toBe((11n * WAD) / 10n)
    expect(sharePriceWad(1n, 0n, 18, 6)).toBeNull()
  })
})

describe('holdingTimeLeft', () => {
  it('counts down to the unlock time and stays at 0 after it', () => {
    expect(holdingTimeLeft(1_600n, 1_000n)).toBe(600n)
    expect(holdingTimeLeft(1_000n, 1_000n)).toBe(0n)
    expect(holdingTimeLeft(0n, 1_000n)).toBe(0n)
  })
})

describe('utilisation', () => {
  it('is each side notional over the per-side cap', () => {
    const u = utilisation({ longOpenInterest: 2n * WAD, shortOpenInterest: WAD, price: 2_000n * WAD, openInterestCap: 8_000n * WAD })
    expect(u.longNotional).toBe(4_000n * WAD)
    expect(u.longFraction).toBe(HALF)
    expect(u.shortFraction).toBe(WAD / 4n)
    expect(utilisation({ longOpenInterest: WAD, shortOpenInterest: 0n, price: WAD, openInterestCap: 0n }).longFraction).toBeNull()
  })
})

describe('mergeSharePriceHistory', () => {
  it('keeps one point per block, executions over snapshots, in block order', () => {
    const merged = mergeSharePriceHistory([
      { block: 5n, priceWad: 2n, source: 'snapshot' },
      { block: 3n, priceWad: 1n, source: 'execution' },
      { block: 5n, priceWad: 3n, source: 'execution' },
      { block: 5n, priceWad: 4n, source: 'snapshot' },
    ])
    expect(merged).toEqual([
      { block: 3n, priceWad: 1n, source: 'execution' },
      { block: 5n, priceWad: 3n, source: 'execution' },
    ])
  })
})

describe('minOut', async () => {
  const { minOut, POOL_PRICE_PROBE } = await import('./poolValue')
  // 12-decimal shares, 6-decimal token, 1 share = 1.1 tUSD: POOL_PRICE_PROBE shares are worth 1.1e24 units.
  const probeAssets = (POOL_PRICE_PROBE * 11n) / 10n / 10n ** 6n
  it('is the expected shares of a deposit less the slippage', () => {
    // 110 tUSD → 100 shares (1e14 share units); 1 % slippage → 99 shares
    expect(minOut(110n * 10n ** 6n, true, probeAssets, 100n)).toBe(99n * 10n ** 12n)
  })
  it('is the expected assets of a withdrawal less the slippage', () => {
    expect(minOut(100n * 10n ** 12n, false, probeAssets, 100n)).toBe(108_900_000n)
  })
  it('is 0 when the price is unknown', () => {
    expect(minOut(1n, true, 0n, 50n)).toBe(0n)
  })
})

describe('convertToAssets', async () => {
  const { convertToAssets } = await import('./poolValue')
  it('follows the ERC-4626 virtual-share formula, rounding down', () => {
    // empty pool: 1e6 virtual shares per token unit
    expect(convertToAssets(10n ** 12n, 0n, 0n, 6)).toBe(10n ** 6n)
    // 1,000 tUSD for 1,000e12 shares, plus 10 % profit
    expect(convertToAssets(10n * 10n ** 12n, 1_100n * 10n ** 6n, 1_000n * 10n ** 12n, 6)).toBe(10_999_999n)
  })
})

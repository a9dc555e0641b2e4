import { describe, expect, it } from 'vitest'
import { liquidationPrice, WAD } from '../../lib/risk'
import { bandSnapshot, DEFAULT_BAND, fullCheckDue, liquidationPriceDrift, needsHealthRead, predictedHealth, predictedLiquidatable, type BandMarket } from './band'

const SCALE = 10n ** 12n // tUSD: 6 decimals
const P = 2_000n * WAD
const market = (over: Partial<BandMarket> = {}): BandMarket => ({ marketId: 0n, price: P, fresh: true, mm: WAD / 100n, fundingIndex: 0n, fundingRate: 0n, time: 1_000n, ...over })
// A 10× long and short of 1 ETH at 2,000 with 200 tUSD collateral, mm 1 %.
const long = { marketId: 0n, size: WAD, entryPrice: P, collateral: 200_000_000n, fundingOwed: 0n, maintenanceMarginRatio: WAD / 100n }
const short = { ...long, size: -WAD }
const band = DEFAULT_BAND.bandWad

describe('bandSnapshot', () => {
  it('takes the liquidation price from lib/risk.ts', () => {
    const snap = bandSnapshot(long, market(), SCALE)
    expect(snap.liquidationPrice).toBe(liquidationPrice(WAD, P, 200_000_000n, 0n, WAD / 100n, SCALE))
    expect(snap.long).toBe(true)
    // (2000 − 200) / 0.99 ≈ 1,818.18
    expect(Number(snap.liquidationPrice / 10n ** 14n) / 1e4).toBeCloseTo(1818.1818, 3)
    expect(bandSnapshot(short, market(), SCALE).long).toBe(false)
  })
})

describe('needsHealthRead', () => {
  const snapLong = bandSnapshot(long, market(), SCALE)
  const snapShort = bandSnapshot(short, market(), SCALE)
  const L = snapLong.liquidationPrice
  const Ls = snapShort.liquidationPrice

  it('reads a long only once the price is within the band above its liquidation price', () => {
    expect(needsHealthRead(snapLong, market({ price: P }), band)).toBe(false)
    expect(needsHealthRead(snapLong, market({ price: (L * 102n) / 100n }), band)).toBe(false)
    expect(needsHealthRead(snapLong, market({ price: (L * 1005n) / 1000n }), band)).toBe(true)
    expect(needsHealthRead(snapLong, market({ price: L - 1n }), band)).toBe(true)
  })

  it('reads a short only once the price is within the band below its liquidation price', () => {
    expect(needsHealthRead(snapShort, market({ price: P }), band)).toBe(false)
    expect(needsHealthRead(snapShort, market({ price: (Ls * 98n) / 100n }), band)).toBe(false)
    expect(needsHealthRead(snapShort, market({ price: (Ls * 995n) / 1000n }), band)).toBe(true)
    expect(needsHealthRead(snapShort, market({ price: Ls + 1n }), band)).toBe(true)
  })

  it('reads every position of a market whose oracle is guarded or stale (the exit price is not the accepted price)', () => {
    expect(needsHealthRead(snapLong, market({ fresh: false }), band)).toBe(true)
    expect(needsHealthRead(snapShort, market({ fresh: false }), band)).toBe(true)
  })

  it('widens the band by a margin rise: the liquidation price moved up with it', () => {
    const price = (L * 102n) / 100n // 2 % above L: outside the 1 % band
    expect(needsHealthRead(snapLong, market({ price }), band)).toBe(false)
    // mm 1 % → 2.5 %: L rises by (1 − 0.01)/(1 − 0.025) − 1 ≈ 1.54 %, past the price less the band
    const risen = market({ price, mm: (WAD * 25n) / 1000n })
    expect(needsHealthRead(snapLong, risen, band)).toBe(true)
    // the position really is closer than the band now: its new L (lib/risk.ts) is within 1 % of the price
    const newL = liquidationPrice(WAD, P, 200_000_000n, 0n, (WAD * 25n) / 1000n, SCALE)
    expect(price * WAD <= newL * (WAD + band)).toBe(true)
  })

  it('widens the band by the funding accrued since the read (index moved and rate × elapsed)', () => {
    const price = (L * 103n) / 100n
    expect(needsHealthRead(snapLong, market({ price }), band)).toBe(false)
    // 30 USD per ETH of funding owed: L rises ≈ 30/0.99 ≈ 30.3 USD ≈ 1.67 %
    expect(needsHealthRead(snapLong, market({ price, fundingIndex: 30n * WAD }), band)).toBe(false)
    expect(needsHealthRead(snapLong, market({ price, fundingIndex: 40n * WAD }), band)).toBe(true)
    // the same through the rate alone: 40 USD over 1,000 s
    expect(needsHealthRead(snapLong, market({ price, fundingRate: (40n * WAD) / 1000n, time: 2_000n }), band)).toBe(true)
    const owed = liquidationPrice(WAD, P, 200_000_000n, 40_000_000n, WAD / 100n, SCALE)
    expect(price * WAD <= owed * (WAD + band)).toBe(true)
  })

  it('reads a long with no liquidation price only when funding moved (it could give it one)', () => {
    const safe = bandSnapshot({ ...long, collateral: 2_100_000_000n }, market(), SCALE)
    expect(safe.liquidationPrice).toBe(0n)
    expect(needsHealthRead(safe, market({ price: 1n }), band)).toBe(false)
    expect(needsHealthRead(safe, market({ fundingIndex: 1n }), band)).toBe(true)
  })
})

describe('liquidationPriceDrift', () => {
  it('is 0 without margin or funding change, and never negative for a falling margin', () => {
    const snap = bandSnapshot(long, market(), SCALE)
    expect(liquidationPriceDrift(snap, market())).toBe(0n)
    expect(liquidationPriceDrift(snap, market({ mm: WAD / 200n }))).toBe(0n)
  })
})

describe('fullCheckDue', () => {
  it('at the first update and every fullCheckBlocks blocks', () => {
    expect(fullCheckDue(100n, null, DEFAULT_BAND)).toBe(true)
    expect(fullCheckDue(119n, 100n, DEFAULT_BAND)).toBe(false)
    expect(fullCheckDue(120n, 100n, DEFAULT_BAND)).toBe(true)
  })
})

describe('predictedLiquidatable', () => {
  const snapLong = bandSnapshot(long, market(), SCALE)
  const snapShort = bandSnapshot(short, market(), SCALE)
  const L = snapLong.liquidationPrice
  const Ls = snapShort.liquidationPrice

  it('says a long is liquidatable once the price is at or under its last liquidation price, a short at or over; ordered by how far past', () => {
    expect(predictedLiquidatable(snapLong, market({ price: L + 1n }))).toBe(false)
    expect(predictedLiquidatable(snapLong, market({ price: L }))).toBe(true)
    expect(predictedLiquidatable(snapLong, market({ price: (L * 9n) / 10n }))).toBe(true)
    expect(predictedLiquidatable(snapShort, market({ price: Ls - 1n }))).toBe(false)
    expect(predictedLiquidatable(snapShort, market({ price: Ls }))).toBe(true)
    // the deeper past L, the lower the figure (worst first in the batches), under 1e18 once past
    expect(predictedHealth(snapLong, market({ price: (L * 9n) / 10n }))).toBeLessThan(predictedHealth(snapLong, market({ price: (L * 99n) / 100n })))
    expect(predictedHealth(snapLong, market({ price: (L * 99n) / 100n }))).toBeLessThan(WAD)
    expect(predictedHealth(snapShort, market({ price: (Ls * 11n) / 10n }))).toBeLessThan(WAD)
  })

  it('agrees with the health the contract formula gives (equity under maintenance margin) on both sides of L', () => {
    // health = equity / (mm · notional) for the 10x long: 200 + (P - 2000), mm 1 % of P
    const health = (price: bigint) => ((200n * WAD + price - P) * WAD) / (price / 100n)
    for (const price of [L - 10n ** 16n, L + 10n ** 16n, (L * 95n) / 100n, (L * 105n) / 100n])
      expect(predictedLiquidatable(snapLong, market({ price }))).toBe(health(price) < WAD)
  })

  it('never predicts a position with no liquidation price', () => {
    const safe = bandSnapshot({ ...long, collateral: 3_000_000_000n }, market(), SCALE)
    expect(safe.liquidationPrice).toBe(0n)
    expect(predictedLiquidatable(safe, market({ price: 1n }))).toBe(false)
  })
})

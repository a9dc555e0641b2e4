import { describe, expect, it } from 'vitest'
import {
  coverageMultiple,
  coverageRatio,
  coverCapacity,
  openInterestNotional,
  shortfallAt,
  crashCapacity,
  stressedPrice,
  stressLoss,
  stressMove,
  WAD,
  Z_99,
  type StressPosition,
} from './risk'

const SCALE = 10n ** 12n // a 6-decimal token
const tokens = (n: number) => BigInt(Math.round(n * 1e6))
const wad = (n: number) => BigInt(Math.round(n * 1e6)) * 10n ** 12n
/** The annualised volatility whose 99 % one-day move is `move` (a fraction). */
const volatilityForMove = (move: number) => BigInt(Math.round(((move * Math.sqrt(365)) / Z_99) * 1e18))
const near = (actual: bigint, expected: bigint, tolerance: bigint) => {
  const diff = actual > expected ? actual - expected : expected - actual
  expect(diff, `${actual} ≈ ${expected}`).toBeLessThanOrEqual(tolerance)
}

describe('stressMove', () => {
  it('is z99·σ/√365 of the annualised volatility', () => {
    near(stressMove(volatilityForMove(0.1)), wad(0.1), 1_000n)
    // 80 % a year: 2.326 · 0.8 / 19.105 ≈ 9.74 % a day
    near(stressMove(wad(0.8)), BigInt(Math.round((2.326 * 0.8 * 1e18) / Math.sqrt(365))), 1_000n)
    expect(stressMove(0n)).toBe(0n)
  })
  it('scales linearly with volatility', () => {
    near(stressMove(2n * wad(0.5)), 2n * stressMove(wad(0.5)), 2n)
  })
})

describe('stressedPrice', () => {
  it('moves a long down and a short up, by the fraction of the price', () => {
    expect(stressedPrice(wad(100), true, wad(0.1))).toBe(wad(90))
    expect(stressedPrice(wad(100), false, wad(0.1))).toBe(wad(110))
  })
  it('rounds the move against the position', () => {
    // 3 wei · 1/2 = 1.5 wei of move: 2 wei against each side
    expect(stressedPrice(3n, true, WAD / 2n)).toBe(1n)
    expect(stressedPrice(3n, false, WAD / 2n)).toBe(5n)
  })
  it('does not take a long below zero', () => {
    expect(stressedPrice(wad(100), true, wad(1.5))).toBe(0n)
  })
})

describe('shortfallAt', () => {
  // 10 units at 100: notional 1,000 USD
  const long = { size: wad(10), entryPrice: wad(100), collateral: tokens(50), fundingOwed: 0n }
  const short = { ...long, size: -wad(10) }
  it('is zero while equity stays positive', () => {
    expect(shortfallAt(long, wad(96), SCALE)).toBe(0n) // Q = 50 − 40 = 10
    expect(shortfallAt(long, wad(95), SCALE)).toBe(0n) // Q = 0 exactly
  })
  it('is the negative equity beyond the collateral', () => {
    expect(shortfallAt(long, wad(90), SCALE)).toBe(tokens(50)) // Q = 50 − 100
    expect(shortfallAt(short, wad(110), SCALE)).toBe(tokens(50))
    expect(shortfallAt(short, wad(90), SCALE)).toBe(0n) // a winning short owes nothing
  })
  it('adds funding owed, and subtracts funding received', () => {
    expect(shortfallAt({ ...long, fundingOwed: tokens(5) }, wad(90), SCALE)).toBe(tokens(55))
    expect(shortfallAt({ ...long, fundingOwed: -tokens(5) }, wad(90), SCALE)).toBe(tokens(45))
  })
})

describe('stressLoss', () => {
  const ETH = 0n
  const SOL = 2n
  const at = (marketId: bigint, size: number, collateral: number): StressPosition => ({
    marketId,
    size: wad(size),
    entryPrice: wad(100),
    markPrice: wad(100),
    collateral: tokens(collateral),
    fundingOwed: 0n,
  })
  it('sums the shortfalls of the positions the move wipes out, each in its own market', () => {
    const vol = new Map([
      [ETH, volatilityForMove(0.1)],
      [SOL, volatilityForMove(0.2)],
    ])
    const positions = [
      at(ETH, 10, 50), // 20×, −10 %: −50
      at(ETH, -10, 200), // 5× short, +10 %: fine
      at(SOL, 10, 100), // 10×, −20 %: −100
      at(SOL, -5, 200), // 2.5× short, +20 %: fine
    ]
    const loss = stressLoss(positions, vol, SCALE)
    expect(loss.positionsInDeficit).toBe(2)
    near(loss.total, tokens(150), 2n) // the float square root may shift the price by a few wei
  })
  it('is zero without volatility or without positions', () => {
    expect(stressLoss([at(ETH, 10, 50)], new Map([[ETH, 0n]]), SCALE)).toEqual({ total: 0n, positionsInDeficit: 0 })
    expect(stressLoss([], new Map(), SCALE)).toEqual({ total: 0n, positionsInDeficit: 0 })
  })
  it('refuses a position whose market it has no volatility for', () => {
    expect(() => stressLoss([at(SOL, 1, 10)], new Map([[ETH, 0n]]), SCALE)).toThrow(/market 2/)
  })
})

describe('coverage', () => {
  const fund = { buffer: tokens(1_000), pendingBufferFees: tokens(500), stakedAssets: tokens(38_500), maxSlash: wad(0.3) }
  it('adds buffer, pending buffer fees and staked assets', () => {
    expect(coverCapacity(fund)).toBe(tokens(40_000))
  })
  it('takes from the stakers only what the slash window still allows', () => {
    expect(crashCapacity({ ...fund, slashableNow: tokens(11_550) })).toBe(tokens(1_500 + 11_550))
    expect(crashCapacity({ ...fund, slashableNow: 0n })).toBe(tokens(1_500))
  })
  it('sums both sides of every market at its price', () => {
    const markets = [
      { longOpenInterest: wad(12), shortOpenInterest: wad(5), price: wad(3_000) },
      { longOpenInterest: wad(1), shortOpenInterest: wad(0.5), price: wad(60_000) },
    ]
    expect(openInterestNotional(markets)).toBe(wad(17 * 3_000 + 1.5 * 60_000))
    expect(openInterestNotional([])).toBe(0n)
  })
  it('divides capacity by open interest, and by the stress loss', () => {
    expect(coverageRatio(tokens(40_000), wad(160_000), SCALE)).toBe(wad(0.25))
    expect(coverageRatio(tokens(40_000), 0n, SCALE)).toBeNull()
    expect(coverageMultiple(tokens(40_000), tokens(8_000))).toBe(wad(5))
    expect(coverageMultiple(tokens(40_000), 0n)).toBeNull()
  })
})

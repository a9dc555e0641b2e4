import { describe, expect, it } from 'vitest'
import {
  auctionCapacity,
  bankruptcyPrice,
  cascadeForecast,
  expectedLiquidationReward,
  healthHistogram,
  liquidationMap,
  marketExposure,
  positionRisk,
  scaleFor,
  shockedPrice,
  stressScenario,
  throughWaterfall,
  WAD,
  type ConsoleMarket,
  type ConsolePosition,
} from './risk'

const SCALE = scaleFor(6)
const usd = (x: number) => BigInt(Math.round(x * 1e6))
const wad = (x: number) => BigInt(Math.round(x * 1e6)) * 10n ** 12n
const A = '0x00000000000000000000000000000000000000a1' as const
const B = '0x00000000000000000000000000000000000000b2' as const

const market: ConsoleMarket = {
  marketId: 0n,
  price: wad(1000),
  mm: wad(0.05),
  volatility: wad(0.8),
  penalty: wad(0.05),
  maxJump: wad(0.1),
  longOpenInterest: wad(10),
  shortOpenInterest: wad(4),
  fundingRatePerSecond: 10n ** 12n, // 1e-6 of the price per second, longs pay
}

// 1 ETH long at 1,000 with 100 tUSD: liquidation price 900 / 0.95 = 947.368…, bankrupt at 900.
const long: ConsolePosition = { trader: A, marketId: 0n, size: wad(1), entryPrice: wad(1000), collateral: usd(100), fundingOwed: 0n }
// 1 ETH short at 1,000 with 200 tUSD: liquidation price 1,200 / 1.05 = 1,142.857…, bankrupt at 1,200.
const short: ConsolePosition = { trader: B, marketId: 0n, size: -wad(1), entryPrice: wad(1000), collateral: usd(200), fundingOwed: 0n }

describe('liquidation map', () => {
  it('cumulates longs below and shorts above the price, each at its liquidation price', () => {
    const map = liquidationMap([long, short], market, SCALE, wad(0.2), 4) // levels every 5 %
    const below = map.levels.filter((l) => l.side === 'long')
    const above = map.levels.filter((l) => l.side === 'short')
    expect(below.map((l) => l.price)).toEqual([wad(800), wad(850), wad(900), wad(950)])
    expect(above.map((l) => l.price)).toEqual([wad(1050), wad(1100), wad(1150), wad(1200)])
    const longNotional = 947_368_421_052_631_578_948n // 1 ETH at ceil(900e18·1e36 / (1e18·0.95e18))
    // the long is liquidated once the price is at or below 947.37: from the 900 level down, not at 950
    expect(below.map((l) => l.cumulative)).toEqual([longNotional, longNotional, longNotional, 0n])
    const shortNotional = 1_142_857_142_857_142_857_142n // floor(1200e18·1e36 / (1e18·1.05e18))
    expect(above.map((l) => l.cumulative)).toEqual([0n, 0n, shortNotional, shortNotional])
  })

  it('marks the 1-day 99 % move: z99·σ/√365 = 9.74 % at σ = 80 %', () => {
    const map = liquidationMap([long, short], market, SCALE, wad(0.2))
    expect(Number(map.move99) / 1e18).toBeCloseTo(0.0974, 4)
    // 1,000 · (1 − 0.0974) = 902.6 ≤ 947.37: the long is inside; 1,097.4 < 1,142.86: the short is not
    expect(map.longsWithinMove).toBe(947_368_421_052_631_578_948n)
    expect(map.shortsWithinMove).toBe(0n)
  })
})

describe('cascade forecast', () => {
  it('sums the reflection-principle chance per position (hand-computed at σ = 80 %)', () => {
    const { markets, total } = cascadeForecast([long], [market], SCALE)
    // 24 h: σ√T = 0.8/√365 = 0.041874; |ln(947.368/1000)| = 0.054067; p = 2Φ(−1.29119) = 0.19664
    const day = total['24h']
    expect(Number(day.expectedLiquidatedNotional) / 1e18).toBeCloseTo(0.19664 * 947.368, 1) // 186.29
    // executed one maxJump (10 %) past 947.368 = 852.63: equity 100 − 147.37 = −47.37 tUSD
    expect(Number(day.expectedBadDebt) / 1e6).toBeCloseTo(0.19664 * 47.3684, 2) // 9.31
    expect(day.positionsAtRisk).toBe(1)
    // 1 h: σ√T = 0.008547, 6.3 σ away: p ≈ 2.5e-10, below the 1e-9 the sum keeps
    expect(total['1h'].expectedLiquidatedNotional).toBe(0n)
    expect(total['1h'].expectedBadDebt).toBe(0n)
    expect(markets[0]['24h']).toEqual(day)
  })

  it('adds positions: the short raises the expected liquidation but its execution leaves no bad debt', () => {
    const both = cascadeForecast([long, short], [market], SCALE).total['24h']
    const alone = cascadeForecast([long], [market], SCALE).total['24h']
    // short: |ln(1142.857/1000)| = 0.133531 → 3.1889 σ → p = 2Φ(−3.1889) = 0.001429
    expect(Number(both.expectedLiquidatedNotional - alone.expectedLiquidatedNotional) / 1e18).toBeCloseTo(0.001429 * 1142.857, 1)
    // executed at 1,142.857 · 1.1 = 1,257.14: equity 200 − 257.14 < 0, shortfall 57.14 tUSD
    expect(Number(both.expectedBadDebt - alone.expectedBadDebt) / 1e6).toBeCloseTo(0.001429 * 57.1429, 2)
  })

  it('finds the shock at which bad debt first appears: the nearest bankruptcy price, each way', () => {
    expect(bankruptcyPrice(long, SCALE)).toBe(wad(900))
    expect(bankruptcyPrice(short, SCALE)).toBe(wad(1200))
    const { total } = cascadeForecast([long, short], [market], SCALE)
    expect(total.badDebtShockDown).toBe(wad(0.1))
    expect(total.badDebtShockUp).toBe(wad(0.2))
  })

  it('is all zero without measured volatility, and certain for a position already past its liquidation price', () => {
    expect(cascadeForecast([long], [{ ...market, volatility: 0n }], SCALE).total['24h'].expectedBadDebt).toBe(0n)
    const crashed = { ...market, price: wad(920), volatility: 0n }
    const day = cascadeForecast([long], [crashed], SCALE).total['24h']
    // already liquidatable: p = 1, executed 10 % below 920 = 828: shortfall 100 − 172 = 72 tUSD
    expect(day.expectedBadDebt).toBe(usd(72))
  })
})

describe('what-if stress through the waterfall', () => {
  it('fills buffer, stakers, auction, then reaches the pool', () => {
    const big: ConsolePosition = { trader: A, marketId: 0n, size: wad(10), entryPrice: wad(1000), collateral: usd(1000), fundingOwed: 0n }
    // −30 %: 10 ETH at 700, equity 1,000 − 3,000 = −2,000 tUSD
    const result = stressScenario([big], [market], new Map([[0n, -wad(0.3)]]), { buffer: usd(500), slashableNow: usd(700), auction: usd(300) }, SCALE)
    expect(result.liquidatedCount).toBe(1)
    expect(result.liquidatedNotional).toBe(wad(7000))
    expect(result.penalties).toBe(0n) // capped at an equity below 0
    expect(result.badDebt).toBe(usd(2000))
    expect(result.covered).toEqual({ buffer: usd(500), stakers: usd(700), auction: usd(300), pool: usd(500) })
    expect(result.reaches).toBe('pool')
  })

  it('liquidates without bad debt when the shock stops between liquidation and bankruptcy prices', () => {
    // −7 %: the long (liq 947.37, bankrupt 900) at 930: equity 30, penalty min(46.5, 30) = 30
    const result = stressScenario([long, short], [market], new Map([[0n, -wad(0.07)]]), { buffer: usd(1), slashableNow: 0n, auction: 0n }, SCALE)
    expect(result.liquidatedCount).toBe(1)
    expect(result.penalties).toBe(usd(30))
    expect(result.badDebt).toBe(0n)
    expect(result.reaches).toBe('none')
  })

  it('stops at the first layer that holds enough', () => {
    expect(throughWaterfall(usd(10), { buffer: usd(50), slashableNow: usd(50), auction: 0n })).toEqual({
      covered: { buffer: usd(10), stakers: 0n, auction: 0n, pool: 0n },
      reaches: 'buffer',
    })
    expect(throughWaterfall(usd(80), { buffer: usd(50), slashableNow: usd(50), auction: 0n }).reaches).toBe('stakers')
    // the auction's reach: 1,000 RPT mintable at a floor of 1 tUSD per RPT
    expect(auctionCapacity(wad(1000), usd(1))).toBe(usd(1000))
  })

  it('moves each market by its own shock, rounding the price down', () => {
    expect(shockedPrice(wad(1000), wad(0.6))).toBe(wad(1600))
    expect(shockedPrice(wad(1000), -wad(0.6))).toBe(wad(400))
    expect(shockedPrice(wad(1000), -WAD * 2n)).toBe(0n)
  })
})

describe('protocol exposure', () => {
  it("is the traders' net position reversed, with PnL and delta after ±1 % and ±10 %", () => {
    const exposure = marketExposure([long, short], market, SCALE)
    expect(exposure.poolDelta).toBe(-wad(6))
    expect(exposure.poolDeltaUsd).toBe(-wad(6000))
    const [down10, down1, up1, up10] = exposure.moves
    expect(down10.poolPnl).toBe(wad(600))
    expect(up1.poolPnl).toBe(-wad(60))
    expect(down1.deltaAfter).toBe(-wad(6))
    // at 900 the long is liquidated: the pool no longer holds its short side
    expect(down10.deltaAfter).toBe(-wad(5))
    // at 1,100 the short (liq 1,142.86) stays
    expect(up10.deltaAfter).toBe(-wad(6))
    // 1e-6 · 1,000 · 3,600 · (10 − 4) = 21.6 USD an hour to the pool
    expect(exposure.fundingPerHour).toBe(wad(21.6))
  })
})

describe('health histogram', () => {
  it('counts positions and notional per bucket', () => {
    const buckets = healthHistogram([
      { health: wad(0.5), notional: wad(100) },
      { health: WAD, notional: wad(200) },
      { health: wad(1.3), notional: wad(300) },
      { health: wad(1.3), notional: wad(5) },
      { health: 2n ** 256n - 1n, notional: 0n },
    ])
    expect(buckets.map((b) => b.count)).toEqual([1, 1, 0, 2, 0, 0, 0, 1])
    expect(buckets[3].notional).toBe(wad(305))
    expect(buckets[0]).toMatchObject({ from: 0n, to: WAD })
    expect(buckets[7].to).toBeNull()
  })
})

describe('expected liquidation reward', () => {
  const terms = { keeperShare: wad(0.5), fullHealth: wad(0.5), minKeeperReward: usd(5), buffer: usd(1000) }
  it('is the keeper share of the penalty capped at equity', () => {
    const risk = positionRisk(long, { price: wad(940), mm: market.mm, im: market.mm, scale: SCALE })
    // equity 100 − 60 = 40; penalty 5 % of 940 = 47, capped at 40; keeper 50 %: 20
    expect(risk.equity).toBe(usd(40))
    expect(expectedLiquidationReward(risk, market.penalty, terms, SCALE)).toEqual({ reward: usd(20), full: false, minimum: false })
    const deeper = positionRisk(long, { price: wad(910), mm: market.mm, im: market.mm, scale: SCALE })
    // equity 10, health 10 / 45.5 < 0.5: a full close, keeper 5
    expect(expectedLiquidationReward(deeper, market.penalty, terms, SCALE)).toEqual({ reward: usd(5), full: true, minimum: false })
  })

  it('is the fund’s minimum reward for a position worth ≤ 0, out of the buffer left after its shortfall', () => {
    const underwater = positionRisk(long, { price: wad(850), mm: market.mm, im: market.mm, scale: SCALE })
    expect(underwater.equity).toBe(-usd(50))
    expect(expectedLiquidationReward(underwater, market.penalty, terms, SCALE)).toEqual({ reward: usd(5), full: true, minimum: true })
    expect(expectedLiquidationReward(underwater, market.penalty, { ...terms, buffer: usd(52) }, SCALE).reward).toBe(usd(2))
  })
})

import { describe, expect, it } from 'vitest'
import { positionRisk, scaleFor, type ConsoleMarket } from './risk'
import { buildRiskReport, mapRange, STRESS_LADDER, waterfallCapacity } from './riskReport'

const SCALE = scaleFor(6)
const wad = (x: number) => BigInt(Math.round(x * 1e6)) * 10n ** 12n
const usd = (x: number) => BigInt(Math.round(x * 1e6))
const market: ConsoleMarket = {
  marketId: 0n,
  price: wad(940),
  mm: wad(0.05),
  volatility: 0n,
  penalty: wad(0.05),
  maxJump: wad(0.1),
  longOpenInterest: wad(1),
  shortOpenInterest: 0n,
  fundingRatePerSecond: 0n,
}
const terms = { size: wad(1), entryPrice: wad(1000), collateral: usd(100), fundingOwed: 0n }
const row = { trader: '0x00000000000000000000000000000000000000a1' as const, marketId: 0n, ...terms, ...positionRisk(terms, { price: wad(940), mm: wad(0.05), im: wad(0.1), scale: SCALE }) }

describe('buildRiskReport', () => {
  it('composes the console: liquidatable with reward, capacity with the auction reach, a stress ladder', () => {
    const report = buildRiskReport(
      {
        markets: [market],
        rows: [row],
        fund: { buffer: usd(10), pendingBufferFees: usd(1), slashableNow: usd(50) },
        auction: { active: false, mintableNow: wad(100), roundMinPrice: 0n, minPrice: usd(1) },
        liquidation: { keeperShare: wad(0.5), fullHealth: wad(0.5), minKeeperReward: usd(5) },
        scale: SCALE,
      },
      { withLadder: true },
    )
    expect(report.capacity).toEqual({ buffer: usd(11), slashableNow: usd(50), auction: usd(100) })
    // equity 40, penalty min(47, 40) → keeper half
    expect(report.liquidatable.map((p) => p.reward.reward)).toEqual([usd(20)])
    expect(report.histogram[0].count).toBe(1)
    expect(report.stressLadder.map((s) => s.shock)).toEqual(STRESS_LADDER)
    // −60 %: 1 ETH at 376, equity 100 − 624 = −524: buffer 11, stakers 50, auction 100, pool 363
    expect(report.stressLadder[0].result.covered).toEqual({ buffer: usd(11), stakers: usd(50), auction: usd(100), pool: usd(363) })
    expect(waterfallCapacity({ buffer: 0n, pendingBufferFees: 0n, slashableNow: 0n }, { active: true, mintableNow: wad(10), roundMinPrice: usd(2), minPrice: usd(1) }).auction).toBe(usd(20))
  })

  it('spans the map over three 1-day 99 % moves, within 20 %…60 %', () => {
    expect(mapRange(0n)).toBe(wad(0.2))
    expect(mapRange(wad(10))).toBe(wad(0.6))
    expect(Number(mapRange(wad(1.2))) / 1e18).toBeCloseTo(3 * 2.326 * 1.2 / Math.sqrt(365), 6)
  })
})

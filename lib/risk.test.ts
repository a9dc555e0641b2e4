import { describe, expect, it } from 'vitest'
import {
  averageEntry,
  divCeil,
  divFloor,
  equity,
  fundingOwed,
  health,
  initialMarginRatio,
  leverage,
  liquidationPrice,
  marginRequirement,
  marketMargins,
  MAX_UINT256,
  maxSafeLeverage,
  newRiskMaintenanceMargin,
  nextMaintenanceMargin,
  mulDivUp,
  notional,
  positionRisk,
  scaleFor,
  unrealisedPnl,
  WAD,
} from './risk'

const SCALE = scaleFor(6)
const usd = (x: number) => BigInt(Math.round(x * 1e6))
const wad = (x: number | string) => {
  const [whole, fraction = ''] = String(x).split('.')
  const sign = whole.startsWith('-') ? -1n : 1n
  return sign * (BigInt(whole.replace('-', '')) * WAD + BigInt(fraction.padEnd(18, '0').slice(0, 18)))
}

describe('integer helpers', () => {
  it('round signed divisions toward −∞ and +∞', () => {
    expect(divFloor(7n, 2n)).toBe(3n)
    expect(divFloor(-7n, 2n)).toBe(-4n)
    expect(divCeil(7n, 2n)).toBe(4n)
    expect(divCeil(-7n, 2n)).toBe(-3n)
    expect(divFloor(-8n, 2n)).toBe(-4n)
    expect(divCeil(-8n, 2n)).toBe(-4n)
  })
  it('mulDivUp rounds up only when there is a remainder', () => {
    expect(mulDivUp(10n, 3n, 5n)).toBe(6n)
    expect(mulDivUp(10n, 3n, 4n)).toBe(8n)
    expect(mulDivUp(0n, 3n, 4n)).toBe(0n)
  })
  it('scaleFor refuses more than 18 decimals', () => {
    expect(scaleFor(6)).toBe(10n ** 12n)
    expect(() => scaleFor(19)).toThrow()
  })
})

describe('position maths (spec formulas)', () => {
  // 2 ETH long from 3000, 1,000 tUSD collateral, mm 1 %.
  const size = wad(2)
  const entry = wad(3000)
  const collateral = usd(1000)
  const mm = wad('0.01')

  it('notional, PnL and equity', () => {
    expect(notional(size, wad(3100))).toBe(wad(6200))
    expect(unrealisedPnl(size, entry, wad(3100))).toBe(wad(200))
    expect(unrealisedPnl(-size, entry, wad(3100))).toBe(wad(-200))
    expect(equity(collateral, wad(200), wad(5), SCALE)).toBe(usd(1195))
  })

  it('health and leverage', () => {
    const n = notional(size, wad(3000))
    const mmr = marginRequirement(n, mm, SCALE)
    expect(mmr).toBe(usd(60))
    expect(health(usd(1000), mmr)).toBe((usd(1000) * WAD) / usd(60))
    expect(health(0n, mmr)).toBe(0n)
    expect(health(usd(5), 0n)).toBe(MAX_UINT256)
    expect(leverage(n, usd(1000), SCALE)).toBe(wad(6))
    expect(leverage(n, -1n, SCALE)).toBe(MAX_UINT256)
    expect(leverage(0n, usd(1000), SCALE)).toBe(0n)
  })

  it('liquidation price matches the spec for a long and a short', () => {
    // long: (s·E − C + F) / (s·(1 − mm)) = (6000 − 1000) / (2 · 0.99) = 2525.2525…
    const long = liquidationPrice(size, entry, collateral, 0n, mm, SCALE)
    expect(long).toBe(mulDivUp(wad(5000), WAD * WAD, size * (WAD - mm)))
    expect(Number(long) / 1e18).toBeCloseTo(5000 / 1.98, 9)
    // short: (q·E + C − F) / (q·(1 + mm)) = 7000 / 2.02
    const short = liquidationPrice(-size, entry, collateral, 0n, mm, SCALE)
    expect(Number(short) / 1e18).toBeCloseTo(7000 / 2.02, 9)
    // funding owed moves both toward the mark
    expect(liquidationPrice(size, entry, collateral, usd(50), mm, SCALE)).toBeGreaterThan(long)
    expect(liquidationPrice(-size, entry, collateral, usd(50), mm, SCALE)).toBeLessThan(short)
  })

  it('liquidation price is 0 when no positive price liquidates', () => {
    expect(liquidationPrice(size, entry, usd(7000), 0n, mm, SCALE)).toBe(0n)
    expect(liquidationPrice(0n, entry, collateral, 0n, mm, SCALE)).toBe(0n)
  })

  it('funding owed rounds up against the trader', () => {
    expect(fundingOwed(wad(1), wad('0.000000000000000001'), 0n)).toBe(1n)
    expect(fundingOwed(wad('0.5'), 1n, 0n)).toBe(1n)
    expect(fundingOwed(wad('-0.5'), 1n, 0n)).toBe(0n)
  })

  it('initial margin ratio is the stricter of mm·multiplier and 1/maxLeverage', () => {
    expect(initialMarginRatio(wad('0.01'), wad(2), wad(20))).toBe(wad('0.05'))
    expect(initialMarginRatio(wad('0.04'), wad(2), wad(20))).toBe(wad('0.08'))
  })

  it('new risk is priced at the larger of the current and target margin, clamped (issue 13)', () => {
    expect(newRiskMaintenanceMargin(wad('0.02'), wad('0.05'), wad('0.01'), wad('0.05'))).toBe(wad('0.05'))
    expect(newRiskMaintenanceMargin(wad('0.03'), wad('0.02'), wad('0.01'), wad('0.05'))).toBe(wad('0.03'))
    expect(newRiskMaintenanceMargin(wad('0.03'), wad('0.2'), wad('0.01'), wad('0.15'))).toBe(wad('0.15'))
    const tier = { mmBase: wad('0.025'), mmMax: wad('0.15'), imMultiplier: wad(2), maxLeverage: wad(8) }
    // maintenance from the current margin; initial from the target: 2 × 15 % = 30 %
    expect(marketMargins(wad('0.03'), tier, wad('0.15'))).toEqual({ mm: wad('0.03'), im: wad('0.3') })
    // no target given: the current margin stands for it (1/8 binds)
    expect(marketMargins(wad('0.03'), tier)).toEqual({ mm: wad('0.03'), im: wad('0.125') })
  })

  it('gap-aware leverage cap: floor(1 / (maxJump + penalty + takerFee))', () => {
    // the devnet: 10 % + 1 % + 0.05 % → 9.0497…x; 10 % + 2 % + 0.05 % → 8.298…x
    expect(maxSafeLeverage(wad('0.1'), wad('0.01'), wad('0.0005'))).toBe((WAD * WAD) / wad('0.1105'))
    expect(maxSafeLeverage(wad('0.1'), wad('0.01'), wad('0.0005')) >= wad(9)).toBe(true)
    expect(maxSafeLeverage(wad('0.1'), wad('0.02'), wad('0.0005')) >= wad(8)).toBe(true)
    expect(maxSafeLeverage(wad('0.1'), wad('0.02'), wad('0.0005')) < wad(9)).toBe(true)
  })

  it('maintenance ramp: the larger of the governed rate and the gap per hour (issue 13)', () => {
    // the values of contracts/test/unit/Maths.t.sol test_nextMargin_risesRateLimitedFallsAtOnce
    expect(nextMaintenanceMargin(wad('0.01'), wad('0.05'), wad('0.05'), wad('0.01'), wad('0.005'), 1800n, false)).toBe(wad('0.03'))
    expect(nextMaintenanceMargin(wad('0.01'), wad('0.05'), wad('0.05'), wad('0.01'), wad('0.005'), 5n * 3600n, false)).toBe(wad('0.05'))
    expect(nextMaintenanceMargin(wad('0.01'), wad('0.05'), wad('0.05'), wad('0.01'), wad('0.005'), 60n, false)).toBe(wad('0.01') + (wad('0.04') * 60n) / 3600n)
    expect(nextMaintenanceMargin(wad('0.01'), wad('0.012'), wad('0.012'), wad('0.01'), wad('0.005'), 60n, false)).toBe(wad('0.01') + (wad('0.005') * 60n) / 3600n)
    expect(nextMaintenanceMargin(wad('0.04'), wad('0.02'), wad('0.02'), wad('0.01'), wad('0.005'), 1n, false)).toBe(wad('0.02'))
    expect(nextMaintenanceMargin(0n, wad('0.03'), wad('0.03'), wad('0.01'), wad('0.005'), 0n, true)).toBe(wad('0.03'))
    expect(nextMaintenanceMargin(wad('0.01095'), wad('0.05'), wad('0.05'), wad('0.015'), wad('0.005'), 1800n, false)).toBe(wad('0.0325'))
    expect(nextMaintenanceMargin(wad('0.01095'), wad('0.016'), wad('0.016'), wad('0.015'), wad('0.005'), 1800n, false)).toBe(wad('0.016'))
  })

  it("maintenance ramp: a vote's raise still ramping lifts the margin at the rate only", () => {
    // the values of contracts/test/unit/Maths.t.sol test_nextMargin_catchUpBelowTargetRisesAtTheRate
    expect(nextMaintenanceMargin(wad('0.01'), wad('0.05'), wad('0.01'), wad('0.01'), wad('0.005'), 3600n, false)).toBe(wad('0.015'))
    expect(nextMaintenanceMargin(wad('0.01'), wad('0.05'), wad('0.02'), wad('0.01'), wad('0.005'), 1800n, false)).toBe(wad('0.015'))
    expect(nextMaintenanceMargin(wad('0.03'), wad('0.05'), wad('0.02'), wad('0.01'), wad('0.005'), 3600n, false)).toBe(wad('0.035'))
  })

  it('average entry rounds against the trader', () => {
    expect(averageEntry(wad(1), wad(3000), wad(1), wad(3001))).toBe(wad('3000.5'))
    expect(averageEntry(wad(3), 10n, wad(0), 10n)).toBe(10n)
    expect(averageEntry(wad(1), 1n, wad(1), 2n)).toBe(2n) // 1.5 up for a long
    expect(averageEntry(wad(-1), 1n, wad(1), 2n)).toBe(1n) // 1.5 down for a short
  })
})

describe('positionRisk', () => {
  // Deterministic pseudo-random grid: health is ~1 at the liquidation price and the position is
  // liquidatable just past it, for longs and shorts, with and without funding.
  let seed = 12345
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)

  it('puts health at 1 at the liquidation price', () => {
    for (let i = 0; i < 500; i++) {
      const side = rand() < 0.5 ? 1n : -1n
      const size = side * (wad(Math.ceil(rand() * 100)) / 10n)
      const entry = wad(Math.ceil(100 + rand() * 5000))
      const mm = wad('0.005') + BigInt(Math.floor(rand() * 4e16))
      const lev = 2 + rand() * 15
      const collateral = (notional(size, entry) / SCALE * 1000n) / BigInt(Math.round(lev * 1000))
      const fundingOwed = BigInt(Math.floor(rand() * 1e6))
      const market = (price: bigint) => ({ price, mm, im: mm * 2n, scale: SCALE })
      const liq = positionRisk({ size, entryPrice: entry, collateral, fundingOwed }, market(entry)).liquidationPrice
      if (liq === 0n) continue
      const at = positionRisk({ size, entryPrice: entry, collateral, fundingOwed }, market(liq))
      // within a few token units of rounding of H = 1
      expect(Number(at.health) / 1e18).toBeCloseTo(1, 3)
      const beyond = side > 0n ? (liq * 999n) / 1000n : (liq * 1001n) / 1000n
      expect(positionRisk({ size, entryPrice: entry, collateral, fundingOwed }, market(beyond)).liquidatable).toBe(true)
      const safe = side > 0n ? (liq * 1010n) / 1000n : (liq * 990n) / 1000n
      expect(positionRisk({ size, entryPrice: entry, collateral, fundingOwed }, market(safe)).liquidatable).toBe(false)
    }
  })
})

describe('liquidation distance and probability', async () => {
  const { distanceToLiquidation, liquidationProbability, normalCdf } = await import('./risk')
  it('distance is |P_liq − P| / P', () => {
    expect(distanceToLiquidation(wad(3000), wad(2700))).toBe(wad('0.1'))
    expect(distanceToLiquidation(wad(3000), 0n)).toBeNull()
  })
  it('normalCdf is accurate', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7)
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4)
    expect(normalCdf(-2.326)).toBeCloseTo(0.01, 4)
  })
  it('follows the reflection principle for a driftless log price', () => {
    // σ = 80 %/yr over one day: σ√T ≈ 0.04187; a 10 % fall is ln(0.9) ≈ −0.10536 → 2·Φ(−2.516) ≈ 1.19 %
    const p = liquidationProbability(wad(3000), wad(2700), true, wad('0.8'))
    expect(p).toBeCloseTo(2 * normalCdf(-Math.log(1 / 0.9) / (0.8 * Math.sqrt(1 / 365))), 9)
    expect(p).toBeGreaterThan(0.01)
    expect(p).toBeLessThan(0.014)
  })
  it('is higher when closer and more volatile, 1 past the price, 0 without one', () => {
    const near = liquidationProbability(wad(3000), wad(2900), true, wad('0.8'))
    const far = liquidationProbability(wad(3000), wad(2500), true, wad('0.8'))
    expect(near).toBeGreaterThan(far)
    expect(liquidationProbability(wad(3000), wad(2700), true, wad('1.6'))).toBeGreaterThan(liquidationProbability(wad(3000), wad(2700), true, wad('0.8')))
    expect(liquidationProbability(wad(3000), wad(3100), true, wad('0.8'))).toBe(1)
    expect(liquidationProbability(wad(3000), wad(2900), false, wad('0.8'))).toBe(1)
    expect(liquidationProbability(wad(3000), 0n, true, wad('0.8'))).toBe(0)
    expect(liquidationProbability(wad(3000), wad(3300), false, 0n)).toBe(0)
  })
})

describe('collateral for a target health', async () => {
  const { collateralForHealth, DEFAULT_TARGET_HEALTH, positionRisk: risk } = await import('./risk')
  it('is the least amount whose health, by the engine formula, reaches the target', () => {
    // 10 ETH long at 3,000 entered at 3,100 with 2,500 tUSD and 3 owed: Q = 1,497, MMR = 5 % × 30,000 = 1,500.
    const market = { price: wad(3000), mm: wad('0.05'), im: wad('0.1'), scale: SCALE }
    const position = { size: wad(10), entryPrice: wad(3100), collateral: usd(2500), fundingOwed: usd(3) }
    const before = risk(position, market)
    const target = wad(8)
    const amount = collateralForHealth(before.equity, before.mmr, target)
    // 8 × 1,500 − 1,497 = 10,503 tUSD.
    expect(amount).toBe(usd(10503))
    expect(risk({ ...position, collateral: position.collateral + amount }, market).health).toBeGreaterThanOrEqual(target)
    expect(risk({ ...position, collateral: position.collateral + amount - 1n }, market).health).toBeLessThan(target)
  })
  it('rounds the requirement up: one unit short never reaches the target', () => {
    // MMR of 3 units, target 1.5: 4.5 units of equity → 5 are needed.
    expect(collateralForHealth(0n, 3n, DEFAULT_TARGET_HEALTH)).toBe(5n)
    expect(collateralForHealth(4n, 3n, DEFAULT_TARGET_HEALTH)).toBe(1n)
  })
  it('is 0 when the position is already there, or has no size; covers negative equity', () => {
    expect(collateralForHealth(usd(500), usd(100), DEFAULT_TARGET_HEALTH)).toBe(0n)
    expect(collateralForHealth(usd(5), 0n, DEFAULT_TARGET_HEALTH)).toBe(0n)
    expect(collateralForHealth(-usd(20), usd(100), DEFAULT_TARGET_HEALTH)).toBe(usd(170))
  })
})

import { describe, expect, it } from 'vitest'
import { decodeAction, encodeSetParameter } from './decodeActions'
import { proposalImpact, touchesMargins } from './impact'
import { parameterCatalog } from './parameterCatalog'
import { parameterKeys } from './parameterKeys'
import { clampMaintenanceMargin, marketMargins, positionRisk, scaleFor, WAD, type ImpactPositionInput, type TierMargins } from '../risk'

const CONFIG = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const
const SCALE = scaleFor(6)
const pct = (x: number) => (BigInt(Math.round(x * 1e4)) * WAD) / 1_000_000n
const usd = (x: number) => BigInt(x) * 1_000_000n
const base = { updatedAt: 0n, governanceSetAt: 0n, kind: 1, minValue: 0n, unit: 'wad' }
const mmBaseId = parameterKeys.tier('mmBase', 0n)
const feeId = parameterKeys.market('takerFee', 0n)
const catalog = parameterCatalog(
  [
    { ...base, id: mmBaseId, name: 'tier 0 maintenance margin base', value: pct(1), governanceValue: pct(1), maxValue: pct(50) },
    { ...base, id: feeId, name: 'ETH-USD taker fee', value: pct(0.05), governanceValue: pct(0.05), maxValue: pct(1) },
  ],
  [{ marketId: 0n, name: 'ETH-USD', tierId: 0n }, { marketId: 2n, name: 'SOL-USD', tierId: 1n }],
)
const setMmBase = (v: bigint) => decodeAction({ target: CONFIG, value: 0n, calldata: encodeSetParameter(mmBaseId, v) }, CONFIG, catalog)
const tiers = new Map<bigint, TierMargins>([
  [0n, { mmBase: pct(1), mmMax: pct(5), imMultiplier: 2n * WAD, maxLeverage: 20n * WAD }],
  [1n, { mmBase: pct(2.5), mmMax: pct(15), imMultiplier: 2n * WAD, maxLeverage: 10n * WAD }],
])
const markets = [
  { marketId: 0n, tierId: 0n, mmDynamic: pct(1.2) },
  { marketId: 2n, tierId: 1n, mmDynamic: pct(3) },
]
const position = (trader: `0x${string}`, marketId: bigint, size: bigint, collateral: bigint, price: bigint): ImpactPositionInput => ({
  trader, marketId, size, entryPrice: price, collateral, fundingOwed: 0n, markPrice: price,
})
// ETH at 2,000: 10 ETH = 20,000 notional. Equity 1,000 (5 %), 300 (1.5 %), 10,000 (50 %).
const positions = [
  position('0x0000000000000000000000000000000000000001', 0n, 10n * WAD, usd(1_000), 2_000n * WAD),
  position('0x0000000000000000000000000000000000000002', 0n, -10n * WAD, usd(300), 2_000n * WAD),
  position('0x0000000000000000000000000000000000000003', 0n, 10n * WAD, usd(10_000), 2_000n * WAD),
  position('0x0000000000000000000000000000000000000004', 2n, 100n * WAD, usd(100), 100n * WAD),
]

describe('margin maths for a change', () => {
  it('clamps the dynamic margin as the engine does and derives im from it', () => {
    expect(clampMaintenanceMargin(pct(0.5), pct(1), pct(5))).toBe(pct(1))
    expect(clampMaintenanceMargin(pct(9), pct(1), pct(5))).toBe(pct(5))
    expect(clampMaintenanceMargin(pct(2), pct(1), pct(5))).toBe(pct(2))
    // im = max(mm·2, 1/20 = 5 %)
    expect(marketMargins(pct(1.2), tiers.get(0n)!)).toEqual({ mm: pct(1.2), im: pct(5) })
    expect(marketMargins(pct(1.2), { ...tiers.get(0n)!, mmBase: pct(4) })).toEqual({ mm: pct(4), im: pct(8) })
  })
})

describe('proposalImpact', () => {
  it('names the positions a margin raise reaches, and counts those it would make liquidatable with their notional', () => {
    const impact = proposalImpact([setMmBase(pct(2))], positions, markets, tiers, SCALE)
    // Every ETH position needs more margin (1.2 % → 2 %); SOL (another tier) is untouched.
    expect(impact.affected.map((a) => a.position.trader)).toEqual([
      '0x0000000000000000000000000000000000000001',
      '0x0000000000000000000000000000000000000002',
      '0x0000000000000000000000000000000000000003',
    ])
    expect(impact.moreMargin).toEqual({ count: 3, notional: 60_000n * WAD })
    // Only the 1.5 % one falls under 2 %.
    expect(impact.liquidatable).toEqual({ count: 1, notional: 20_000n * WAD })
    const short = impact.affected[1]
    expect(short.becomesLiquidatable).toBe(true)
    expect(short.before).toEqual(positionRisk(positions[1], { price: 2_000n * WAD, mm: pct(1.2), im: pct(5), scale: SCALE }))
    expect(short.after.mmr).toBe(usd(400))
    // The 5 % one stays above maintenance but drops under the new initial margin (4 %·2 = 8 %) only for bigger raises.
    const bigger = proposalImpact([setMmBase(pct(4))], positions, markets, tiers, SCALE)
    expect(bigger.affected[0]).toMatchObject({ becomesLiquidatable: false, becomesBelowInitial: true })
    expect(bigger.liquidatable.count).toBe(1)
  })

  it('counts nothing for a cut, a non-margin change, or a raise that stays under the dynamic margin', () => {
    expect(proposalImpact([setMmBase(pct(0.5))], positions, markets, tiers, SCALE).affected).toEqual([])
    const fee = decodeAction({ target: CONFIG, value: 0n, calldata: encodeSetParameter(feeId, pct(0.06)) }, CONFIG, catalog)
    expect(touchesMargins([fee])).toBe(false)
    expect(proposalImpact([fee], positions, markets, tiers, SCALE).affected).toEqual([])
    expect(proposalImpact([setMmBase(pct(1.1))], positions, markets, tiers, SCALE).affected).toEqual([])
    expect(touchesMargins([setMmBase(pct(1.1))])).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import { divCeil, positionRisk, scaleFor, stressScenario, WAD } from './risk'
import { consoleRow, createConsoleModel, type ConsoleModelInput, type ModelMarket, type StoredPosition } from './riskConsoleModel'
import { buildRiskReport } from './riskReport'

const SCALE = scaleFor(6)
const wad = (x: number) => BigInt(Math.round(x * 1e6)) * 10n ** 12n
const usd = (x: number) => BigInt(Math.round(x * 1e6))
const market = (marketId: bigint, price: number, extra: Partial<ModelMarket> = {}): ModelMarket => ({
  marketId,
  price: wad(price),
  mm: wad(0.05),
  im: wad(0.1),
  fundingIndex: 0n,
  volatility: wad(0.8),
  penalty: wad(0.05),
  maxJump: wad(0.1),
  longOpenInterest: wad(3),
  shortOpenInterest: wad(1),
  fundingRatePerSecond: 0n,
  ...extra,
})
const trader = (i: number) => `0x${i.toString(16).padStart(40, '0')}` as `0x${string}`
const stored = (i: number, marketId: bigint, size: number, entry: number, collateral: number, extra: Partial<StoredPosition> = {}): StoredPosition => ({
  trader: trader(i),
  marketId,
  size: wad(size),
  entryPrice: wad(entry),
  collateral: usd(collateral),
  fundingOwed: 0n,
  readBlock: 1n,
  fundingIndex: 0n,
  ...extra,
})
const positions = [stored(1, 0n, 1, 1000, 100), stored(2, 0n, -2, 1000, 150), stored(3, 1n, 10, 50, 60), stored(4, 1n, 5, 52, 20), stored(5, 0n, 1, 900, 30)]
const base = (markets: ModelMarket[], extra: Partial<ConsoleModelInput> = {}): ConsoleModelInput => ({
  blockNumber: 10n,
  markets,
  fund: { buffer: usd(10), pendingBufferFees: usd(1), slashableNow: usd(50) },
  auction: { active: false, mintableNow: wad(100), roundMinPrice: 0n, minPrice: usd(1) },
  liquidation: { keeperShare: wad(0.5), fullHealth: wad(0.5), minKeeperReward: usd(5) },
  scale: SCALE,
  stress: [[0n, wad(-0.3)], [1n, wad(-0.3)]],
  ...extra,
})

describe('consoleRow', () => {
  it('carries funding forward with the market index, rounded up as the engine does, and takes the risk from lib/risk.ts', () => {
    const p = stored(1, 0n, 1, 1000, 100, { fundingOwed: usd(2), fundingIndex: wad(0.5) })
    const m = market(0n, 940, { fundingIndex: wad(0.5) + 3n * 10n ** 12n + 1n })
    const row = consoleRow(p, m, SCALE)
    // s·ΔI / WAD = 1e18·(3e12+1)/1e18 → 3e12+1 (WAD USD) → ceil / 1e12 = 4 token units
    expect(row.fundingOwed).toBe(usd(2) + 4n)
    expect(row.fundingOwed).toBe(usd(2) + divCeil(divCeil(p.size * (m.fundingIndex - p.fundingIndex), WAD), SCALE))
    const terms = { size: p.size, entryPrice: p.entryPrice, collateral: p.collateral, fundingOwed: row.fundingOwed }
    expect(row).toMatchObject({ ...positionRisk(terms, { price: m.price, mm: m.mm, im: m.im, scale: SCALE }), markPrice: m.price, readBlock: 1n })
  })
})

describe('createConsoleModel', () => {
  it('gives the same figures as buildRiskReport and stressScenario over the same rows', () => {
    const markets = [market(0n, 940), market(1n, 45)]
    const out = createConsoleModel()(base(markets, { positions }))
    const rows = out.rowsByMarket.flatMap(([, r]) => r)
    expect(rows).toHaveLength(5)
    const direct = buildRiskReport({ ...base(markets), rows })
    expect(out.parts.map(([, p]) => p.map)).toEqual(direct.maps.map((m) => m.map))
    expect(out.parts.map(([, p]) => p.exposure)).toEqual(direct.exposures)
    expect(out.parts.map(([, p]) => p.forecast)).toEqual(direct.forecast.markets)
    expect(out.report.forecastTotal).toEqual(direct.forecast.total)
    expect(out.report.histogram).toEqual(direct.histogram)
    expect(out.report.liquidatable).toEqual(direct.liquidatable)
    expect(out.report.capacity).toEqual(direct.capacity)
    expect(out.stress.result).toEqual(stressScenario(rows, markets, new Map([[0n, wad(-0.3)], [1n, wad(-0.3)]]), direct.capacity, SCALE))
    // Something to see: at 45 the 10-unit long of market 1 (entry 50, collateral 60) is past its liquidation price.
    expect(out.report.liquidatable.map((r) => r.trader)).toContain(trader(4))
  })

  it('recomputes only the market whose state changed, and keeps the other one out of the output', () => {
    const model = createConsoleModel()
    const first = model(base([market(0n, 940), market(1n, 45)], { positions }))
    expect(first.rowsByMarket.map(([id]) => id)).toEqual([0n, 1n])
    expect(first.parts.map(([id]) => id)).toEqual([0n, 1n])
    const moved = model(base([market(0n, 930), market(1n, 45)], { blockNumber: 11n }))
    expect(moved.rowsByMarket.map(([id]) => id)).toEqual([0n])
    expect(moved.parts.map(([id]) => id)).toEqual([0n])
    expect(moved.rowsByMarket[0][1].every((r) => r.markPrice === wad(930))).toBe(true)
    // The totals still span both markets.
    const direct = buildRiskReport({ ...base([market(0n, 930), market(1n, 45)]), rows: [...moved.rowsByMarket[0][1], ...first.rowsByMarket[1][1]] })
    expect(moved.report.forecastTotal).toEqual(direct.forecast.total)
    expect(moved.report.histogram).toEqual(direct.histogram)
    // Open interest alone (the part, not the rows): only the part is recomputed.
    const oi = model(base([market(0n, 930), market(1n, 45, { shortOpenInterest: wad(2) })], { blockNumber: 12n }))
    expect(oi.rowsByMarket).toEqual([])
    expect(oi.parts.map(([id]) => id)).toEqual([1n])
    expect(oi.parts[0][1].exposure.poolDelta).toBe(wad(2) - wad(3))
    // Nothing changed: nothing but the totals and the stress.
    const still = model(base([market(0n, 930), market(1n, 45, { shortOpenInterest: wad(2) })], { blockNumber: 13n, stress: [[1n, wad(-0.5)]] }))
    expect(still.rowsByMarket).toEqual([])
    expect(still.parts).toEqual([])
    expect(still.stress.shocks).toEqual([[1n, wad(-0.5)]])
    // Market 1 at −50 % (22.5): both its longs; market 0 unshocked at 930: the 1-unit long from 1,000 (equity 30 < 46.5 required) already.
    expect(still.stress.result?.liquidatedCount).toBe(3)
  })

  it('recomputes only the market whose positions changed (one re-read)', () => {
    const model = createConsoleModel()
    model(base([market(0n, 940), market(1n, 45)], { positions }))
    const reread = [...positions.slice(0, 4), stored(5, 0n, 1, 900, 80, { readBlock: 12n })]
    const next = model(base([market(0n, 940), market(1n, 45)], { positions: reread }))
    expect(next.rowsByMarket.map(([id, rows]) => [id, rows.length])).toEqual([[0n, 3]])
    expect(next.parts.map(([id]) => id)).toEqual([0n])
    expect(next.rowsByMarket[0][1].find((r) => r.trader === trader(5))?.collateral).toBe(usd(80))
    expect(next.report.histogram.reduce((n, b) => n + b.count, 0)).toBe(5)
  })

  it('recomputes every market whose positions changed (a position closed in one, one re-read in the other)', () => {
    const model = createConsoleModel()
    model(base([market(0n, 940), market(1n, 45)], { positions }))
    const next = model(base([market(0n, 940), market(1n, 45)], { positions: [...positions.slice(0, 3), stored(5, 0n, 1, 900, 80, { readBlock: 12n })] }))
    expect(next.rowsByMarket.map(([id, rows]) => [id, rows.length])).toEqual([
      [0n, 3],
      [1n, 1],
    ])
    expect(next.rowsByMarket[0][1].find((r) => r.trader === trader(5))?.collateral).toBe(usd(80))
    expect(next.report.histogram.reduce((n, b) => n + b.count, 0)).toBe(4)
  })
})

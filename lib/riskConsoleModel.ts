/**
 * The risk console's per-block computation, as the page's Web Worker runs it (lib/riskConsole.worker.ts):
 * every position's risk at the block's prices and the report (lib/riskReport.ts), incremental by
 * market. A market's rows are recomputed only when its price, margins or funding index changed or
 * its positions changed (one re-read or closed position leaves the other markets' rows alone); its report part (map, exposure, forecast) only when its state or its rows
 * changed. The output carries only what changed, so the main thread merges it and keeps the rest
 * (same objects: React skips what they feed). Pure, no I/O (tested in Node without a worker).
 * The maths are lib/risk.ts's.
 */
import { divCeil, positionRisk, stressScenario, WAD, type ConsoleMarket, type ConsolePosition, type PositionRisk, type StressResult } from './risk'
import { assembleRiskReport, marketReportPart, type MarketReportPart, type RiskReport, type RiskReportInput } from './riskReport'

/** A position as read from the chain: its stored terms at `readBlock`, with its market's funding index at that block. */
export type StoredPosition = ConsolePosition & { readBlock: bigint; fundingIndex: bigint }

/** One market at the block: what the report needs, plus the initial margin and the funding index for positions' risk. */
export type ModelMarket = ConsoleMarket & { im: bigint; fundingIndex: bigint }

/** One open position as the console shows it: its stored terms (funding carried forward) and its risk at the block. */
export type ConsoleRow = ConsolePosition & PositionRisk & { markPrice: bigint; readBlock: bigint }

export type ConsoleModelInput = Omit<RiskReportInput, 'markets' | 'rows'> & {
  blockNumber: bigint
  markets: ModelMarket[]
  /** Every open position that has been read. Given when that set or any stored terms changed since the last input; omitted, the previous set stands. */
  positions?: StoredPosition[]
  /** The what-if panel's shock per market (WAD fraction); null when its field holds no valid shock. */
  stress: [marketId: bigint, shock: bigint][] | null
}

export type ConsoleModelOutput = {
  blockNumber: bigint
  /** The rows of every market whose rows changed since the last output (every market in the first). */
  rowsByMarket: [marketId: bigint, rows: ConsoleRow[]][]
  /** The report parts of every market whose part changed. */
  parts: [marketId: bigint, part: MarketReportPart][]
  /** What spans all markets, every time. */
  report: Pick<RiskReport<ConsoleRow>, 'capacity' | 'histogram' | 'liquidatable'> & { forecastTotal: RiskReport<ConsoleRow>['forecast']['total'] }
  /** The what-if projection and the shocks it was computed for. */
  stress: { result: StressResult | null; shocks: ConsoleModelInput['stress'] }
}

/** A market's inputs to its rows' risk, as a comparable key. */
const rowsKey = (m: ModelMarket, scale: bigint) => `${m.price}|${m.mm}|${m.im}|${m.fundingIndex}|${scale}`
/** Everything a market's report part reads of the market. */
const partKey = (m: ModelMarket, scale: bigint) =>
  `${rowsKey(m, scale)}|${m.volatility}|${m.penalty}|${m.maxJump}|${m.longOpenInterest}|${m.shortOpenInterest}|${m.fundingRatePerSecond}`

/** One stored position's row at the market's state: funding carried forward with the market's index, F += ceil(ceil(s·ΔI / WAD) / scale), as the engine rounds. */
export function consoleRow(stored: StoredPosition, market: ModelMarket, scale: bigint): ConsoleRow {
  const fundingOwed = stored.fundingOwed + divCeil(divCeil(stored.size * (market.fundingIndex - stored.fundingIndex), WAD), scale)
  const terms = { size: stored.size, entryPrice: stored.entryPrice, collateral: stored.collateral, fundingOwed }
  const risk = positionRisk(terms, { price: market.price, mm: market.mm, im: market.im, scale })
  return { trader: stored.trader, marketId: stored.marketId, ...terms, ...risk, markPrice: market.price, readBlock: stored.readBlock }
}

/** A fresh model: call it once per block (and when the stress shock changes) with that block's input. */
export function createConsoleModel(): (input: ConsoleModelInput) => ConsoleModelOutput {
  let positionsByMarket = new Map<bigint, StoredPosition[]>()
  const rowsCache = new Map<bigint, { key: string; positions: StoredPosition[] | undefined; rows: ConsoleRow[] }>()
  const partCache = new Map<bigint, { key: string; rows: ConsoleRow[]; part: MarketReportPart }>()

  return (input) => {
    const { markets, scale } = input
    if (input.positions) {
      const grouped = new Map<bigint, StoredPosition[]>()
      for (const p of input.positions) {
        const list = grouped.get(p.marketId)
        if (list) list.push(p)
        else grouped.set(p.marketId, [p])
      }
      // A market whose stored positions are the same objects keeps its previous list, so its rows stand.
      for (const [id, list] of grouped) {
        const previous = positionsByMarket.get(id)
        if (previous && previous.length === list.length && previous.every((p, i) => p === list[i])) grouped.set(id, previous)
      }
      positionsByMarket = grouped
    }
    const rowsByMarket: ConsoleModelOutput['rowsByMarket'] = []
    const parts: ConsoleModelOutput['parts'] = []
    const allRows: ConsoleRow[] = []
    const orderedParts: MarketReportPart[] = []
    for (const market of markets) {
      const key = rowsKey(market, scale)
      const marketPositions = positionsByMarket.get(market.marketId)
      let cached = rowsCache.get(market.marketId)
      if (!cached || cached.key !== key || cached.positions !== marketPositions) {
        const rows = (marketPositions ?? []).map((p) => consoleRow(p, market, scale))
        cached = { key, positions: marketPositions, rows }
        rowsCache.set(market.marketId, cached)
        rowsByMarket.push([market.marketId, rows])
      }
      for (const row of cached.rows) allRows.push(row)
      const pKey = partKey(market, scale)
      let part = partCache.get(market.marketId)
      if (!part || part.key !== pKey || part.rows !== cached.rows) {
        part = { key: pKey, rows: cached.rows, part: marketReportPart(cached.rows, market, scale) }
        partCache.set(market.marketId, part)
        parts.push([market.marketId, part.part])
      }
      orderedParts.push(part.part)
    }
    const report = assembleRiskReport({ ...input, rows: allRows }, orderedParts)
    const stress = { result: input.stress ? stressScenario(allRows, markets, new Map(input.stress), report.capacity, scale) : null, shocks: input.stress }
    return {
      blockNumber: input.blockNumber,
      rowsByMarket,
      parts,
      report: { capacity: report.capacity, histogram: report.histogram, liquidatable: report.liquidatable, forecastTotal: report.forecast.total },
      stress,
    }
  }
}

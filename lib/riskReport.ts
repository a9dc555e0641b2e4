/**
 * The risk console's figures, composed from lib/risk.ts: what the /risk page shows and what the
 * keeper's status service serves as /risk.json, built by this one function so both always agree.
 * Pure; the callers read the chain (the page through its per-block batch, the keeper with its
 * own multicall).
 */
import {
  auctionCapacity,
  expectedLiquidationReward,
  forecastTotal,
  healthHistogram,
  liquidationMap,
  marketExposure,
  marketForecast,
  stressMove,
  stressScenario,
  WAD,
  type CascadeForecast,
  type ConsoleMarket,
  type ConsolePosition,
  type ExpectedReward,
  type HealthBucket,
  type LiquidationMap,
  type MarketExposure,
  type MarketForecast,
  type PositionRisk,
  type StressResult,
  type WaterfallCapacity,
} from './risk'

export type RiskReportInput = {
  markets: readonly ConsoleMarket[]
  /** Open positions with their risk at the block's prices. */
  rows: readonly (ConsolePosition & PositionRisk)[]
  fund: { buffer: bigint; pendingBufferFees: bigint; slashableNow: bigint }
  auction: { active: boolean; mintableNow: bigint; roundMinPrice: bigint; minPrice: bigint }
  liquidation: { keeperShare: bigint; fullHealth: bigint; minKeeperReward: bigint }
  scale: bigint
}

export type LiquidatableEntry<T> = T & { reward: ExpectedReward }

export type RiskReport<T extends ConsolePosition & PositionRisk> = {
  capacity: WaterfallCapacity
  maps: { marketId: bigint; map: LiquidationMap }[]
  forecast: CascadeForecast
  exposures: MarketExposure[]
  histogram: HealthBucket[]
  /** Liquidatable now, largest reward first. */
  liquidatable: LiquidatableEntry<T>[]
  /** All markets together, −60 % … +60 % in steps of 10 %. */
  stressLadder: { shock: bigint; result: StressResult }[]
}

const MIN_RANGE = WAD / 5n
const MAX_RANGE = (WAD * 3n) / 5n

/** The liquidation map spans three 1-day 99 % moves each way, between 20 % and 60 %. */
export function mapRange(volatility: bigint): bigint {
  const range = 3n * stressMove(volatility)
  return range < MIN_RANGE ? MIN_RANGE : range > MAX_RANGE ? MAX_RANGE : range
}

/** The waterfall's room now: buffer with its pending fees, the stakers' slashable room, the debt auction's reach this period. */
export function waterfallCapacity(fund: RiskReportInput['fund'], auction: RiskReportInput['auction']): WaterfallCapacity {
  return {
    buffer: fund.buffer + fund.pendingBufferFees,
    slashableNow: fund.slashableNow,
    auction: auctionCapacity(auction.mintableNow, auction.active ? auction.roundMinPrice : auction.minPrice),
  }
}

export const STRESS_LADDER = [-60, -50, -40, -30, -20, -10, 10, 20, 30, 40, 50, 60].map((percent) => (BigInt(percent) * WAD) / 100n)

/** What the report holds for one market: its liquidation map, exposure and forecast (they read only that market's positions). */
export type MarketReportPart = { marketId: bigint; map: LiquidationMap; exposure: MarketExposure; forecast: MarketForecast }

/** One market's part of the report; `rows` may hold other markets' positions (they are skipped). */
export function marketReportPart(rows: readonly (ConsolePosition & PositionRisk)[], market: ConsoleMarket, scale: bigint): MarketReportPart {
  return {
    marketId: market.marketId,
    map: liquidationMap(rows, market, scale, mapRange(market.volatility)),
    exposure: marketExposure(rows, market, scale),
    forecast: marketForecast(rows, market, scale),
  }
}

/**
 * The report from its per-market parts (in `input.markets`' order) and what spans all markets:
 * the waterfall's capacity, the histogram, the liquidatable positions with their rewards, and on
 * request the stress ladder. The page's worker keeps the parts of markets whose state and
 * positions did not change (lib/riskConsoleModel.ts); `buildRiskReport` computes them all.
 */
export function assembleRiskReport<T extends ConsolePosition & PositionRisk>(
  input: RiskReportInput & { rows: readonly T[] },
  parts: readonly MarketReportPart[],
  { withLadder = false } = {},
): RiskReport<T> {
  const { markets, rows, scale } = input
  const capacity = waterfallCapacity(input.fund, input.auction)
  const terms = { ...input.liquidation, buffer: capacity.buffer }
  const penaltyOf = new Map(markets.map((m) => [m.marketId, m.penalty]))
  const liquidatable = rows
    .filter((r) => r.liquidatable)
    .map((r) => ({ ...r, reward: expectedLiquidationReward(r, penaltyOf.get(r.marketId) ?? 0n, terms, scale) }) as LiquidatableEntry<T>)
    .sort((a, b) => (a.reward.reward > b.reward.reward ? -1 : a.reward.reward < b.reward.reward ? 1 : 0))
  const forecasts = parts.map((p) => p.forecast)
  return {
    capacity,
    maps: parts.map((p) => ({ marketId: p.marketId, map: p.map })),
    forecast: { markets: forecasts, total: forecastTotal(forecasts) },
    exposures: parts.map((p) => p.exposure),
    histogram: healthHistogram(rows),
    liquidatable,
    stressLadder: withLadder
      ? STRESS_LADDER.map((shock) => ({ shock, result: stressScenario(rows, markets, new Map(markets.map((m) => [m.marketId, shock])), capacity, scale) }))
      : [],
  }
}

export function buildRiskReport<T extends ConsolePosition & PositionRisk>(input: RiskReportInput & { rows: readonly T[] }, options: { withLadder?: boolean } = {}): RiskReport<T> {
  return assembleRiskReport(input, input.markets.map((m) => marketReportPart(input.rows, m, input.scale)), options)
}


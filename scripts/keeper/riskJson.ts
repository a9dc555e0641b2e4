/**
 * The keeper's `/risk.json`: the risk console's figures (lib/riskReport.ts, the page's own
 * composition of lib/risk.ts) from the chain at one block, so operators can alert on them without
 * a browser. Reads with Multicall3: every market, tier, oracle state and parameters, the fund, the
 * debt auction, the liquidation parameters, and the tracked positions' views in chunks.
 */
import type { PublicClient } from 'viem'
import { debtAuctionAbi, iOracleAggregatorAbi, iPerpLensAbi, insuranceFundAbi, liquidationEngineAbi, multicall3Abi, riskConfigAbi, testUsdAbi } from '../../lib/contracts/generated'
import type { Deployment } from '../../lib/config/types'
import { EXPOSURE_WINDOW_SECONDS, exposureSeries, type ExposureHistory } from '../../lib/exposureHistory'
import type { PositionKey } from '../../lib/positions/openSet'
import { positionRisk, scaleFor, stressMove, type ConsoleMarket } from '../../lib/risk'
import { RISK_REPORT_ASSUMPTIONS } from '../../lib/riskConsoleExplainers'
import { buildRiskReport } from '../../lib/riskReport'
import { chunk } from './chunk'

const ORACLE_STATUS = ['fresh', 'stale', 'guarded'] as const

/**
 * Reads the chain at `blockNumber` and builds the JSON-ready report (bigints stay bigints; the
 * status server writes them as decimal strings). `exposureHistory`: the position events through
 * `blockNumber` (scripts/keeper/exposureHistory.ts); null when the node's logs carry no block time.
 */
export async function readRiskJson(client: PublicClient, deployment: Deployment, keys: readonly PositionKey[], blockNumber: bigint, readBatch: number, exposureHistory: ExposureHistory | null) {
  const c = deployment.contracts
  const config = { address: c.RiskConfig, abi: riskConfigAbi } as const
  const lens = { address: c.PerpLens, abi: iPerpLensAbi } as const
  const liquidation = { address: c.LiquidationEngine, abi: liquidationEngineAbi } as const
  const at = { blockNumber, allowFailure: false, multicallAddress: c.Multicall3 } as const
  const [marketCount, tierCount, decimals, fund, auction, keeperShare, fullHealth, minKeeperReward, timestamp] = await client.multicall({
    ...at,
    contracts: [
      { ...config, functionName: 'marketCount' },
      { ...config, functionName: 'tierCount' },
      { address: c.SettlementToken, abi: testUsdAbi, functionName: 'decimals' },
      { address: c.InsuranceFund, abi: insuranceFundAbi, functionName: 'fundState', args: ['0x0000000000000000000000000000000000000000'] },
      { address: c.DebtAuction, abi: debtAuctionAbi, functionName: 'auctionState' },
      { ...liquidation, functionName: 'keeperShare' },
      { ...liquidation, functionName: 'fullHealth' },
      { ...liquidation, functionName: 'minKeeperReward' },
      { address: c.Multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' },
    ],
  })
  const ids = Array.from({ length: Number(marketCount) }, (_, i) => BigInt(i))
  const [markets, oracleParams, oracles, tiers] = await Promise.all([
    client.multicall({ ...at, contracts: ids.map((id) => ({ ...lens, functionName: 'getMarket', args: [id] }) as const) }),
    client.multicall({ ...at, contracts: ids.map((id) => ({ ...config, functionName: 'oracleParams', args: [id] }) as const) }),
    client.multicall({ ...at, contracts: ids.map((id) => ({ address: c.OracleAggregator, abi: iOracleAggregatorAbi, functionName: 'getOracleState', args: [id] }) as const) }),
    client.multicall({ ...at, contracts: Array.from({ length: Number(tierCount) }, (_, i) => ({ ...config, functionName: 'tier', args: [BigInt(i)] }) as const) }),
  ])
  const views = (
    await Promise.all(chunk([...keys], readBatch).map((part) => client.readContract({ ...lens, functionName: 'getPositions', args: [part.map((k) => ({ trader: k.trader, marketId: k.marketId }))], blockNumber })))
  ).flat()
  const scale = scaleFor(Number(decimals))
  const consoleMarkets = markets.map(
    (m, i): ConsoleMarket => ({
      marketId: m.marketId,
      price: m.price,
      mm: m.currentMaintenanceMargin,
      volatility: m.volatility,
      penalty: tiers[Number(m.tierId)]?.liquidationPenalty ?? 0n,
      maxJump: oracleParams[i].maxJump,
      longOpenInterest: m.longOpenInterest,
      shortOpenInterest: m.shortOpenInterest,
      fundingRatePerSecond: m.fundingRatePerSecond,
    }),
  )
  const byId = new Map(markets.map((m) => [m.marketId, m]))
  const rows = views
    .filter((v) => v.size !== 0n && byId.has(v.marketId))
    .map((v) => {
      const m = byId.get(v.marketId)!
      const terms = { size: v.size, entryPrice: v.entryPrice, collateral: v.collateral, fundingOwed: v.fundingOwed }
      return { trader: v.trader, marketId: v.marketId, ...terms, ...positionRisk(terms, { price: m.price, mm: m.currentMaintenanceMargin, im: m.initialMarginRatio, scale }) }
    })
  const report = buildRiskReport({ markets: consoleMarkets, rows, fund, auction, liquidation: { keeperShare, fullHealth, minKeeperReward }, scale }, { withLadder: true })
  return {
    block: blockNumber.toString(),
    timestamp,
    exposureWindowSeconds: EXPOSURE_WINDOW_SECONDS,
    tokenDecimals: Number(decimals),
    units: 'prices, sizes, notionals and fractions WAD (1e18); token amounts in token units',
    positions: rows.length,
    markets: markets.map((m, i) => {
      const map = report.maps[i].map
      const forecast = report.forecast.markets[i]
      return {
        marketId: m.marketId,
        name: m.name,
        price: m.price,
        volatility: m.volatility,
        move99: stressMove(m.volatility),
        liquidationMap: { longsWithinMove: map.longsWithinMove, shortsWithinMove: map.shortsWithinMove, levels: map.levels },
        forecast,
        exposure: report.exposures[i],
        exposureHistory: exposureHistory === null ? { unavailable: 'the node’s logs carry no block timestamp' } : exposureSeries(exposureHistory, m.marketId, timestamp),
        oracle: {
          status: ORACLE_STATUS[oracles[i].status] ?? String(oracles[i].status),
          guardedSince: oracles[i].guardedSince,
          pendingPrice: oracles[i].pendingPrice,
          sources: oracles[i].sources.map((s) => ({ source: s.source, price: s.price, age: s.age, deviation: s.deviation, status: s.status })),
        },
      }
    }),
    forecast: report.forecast.total,
    stress: report.stressLadder.map(({ shock, result }) => ({ shock, ...result })),
    waterfallCapacity: report.capacity,
    healthHistogram: report.histogram,
    liquidatable: report.liquidatable.map((p) => ({ trader: p.trader, marketId: p.marketId, health: p.health, equity: p.equity, notional: p.notional, reward: p.reward.reward, full: p.reward.full })),
    auction: { active: auction.active, priceNow: auction.priceNow, remainingDeficit: auction.remainingDeficit, roundEnd: auction.roundEnd },
    assumptions: RISK_REPORT_ASSUMPTIONS,
  }
}

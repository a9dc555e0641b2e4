'use client'

import { useMemo } from 'react'
import { useExposureHistory } from '@/hooks/useExposureHistory'
import { useRiskConsole } from '@/hooks/useRiskConsole'
import { exposureSeries } from '@/lib/exposureHistory'
import { buildRiskReport } from '@/lib/riskReport'
import { timed } from '@/lib/timing'
import { AuctionsPanel } from './AuctionsPanel'
import { ExposurePanel } from './ExposurePanel'
import { ForecastPanel } from './ForecastPanel'
import { HealthHistogram } from './HealthHistogram'
import { LiquidationMapChart } from './LiquidationMapChart'
import { LiquidatorConsole } from './LiquidatorConsole'
import { OraclePanel } from './OraclePanel'
import { Panel } from '@/components/Panel'
import { marketNameOf } from './marketName'
import { PositionsTable } from './PositionsTable'
import { StressPanel } from './StressPanel'

/** The risk console: everything from one per-block snapshot, the maths from lib/risk.ts. */
export function RiskConsole() {
  const { snapshot } = useRiskConsole()
  const exposureHistory = useExposureHistory()
  const history = useMemo(() => {
    if (!snapshot || !exposureHistory.history) return { unavailable: exposureHistory.unavailable }
    const { history: events } = exposureHistory
    return { unavailable: exposureHistory.unavailable, series: snapshot.markets.map((m) => exposureSeries(events, m.marketId, snapshot.timestamp)) }
  }, [exposureHistory, snapshot])
  const derived = useMemo(() => {
    if (!snapshot) return undefined
    const nameOf = (id: bigint) => marketNameOf(snapshot.markets, id)
    const report = timed('risk:report', () => buildRiskReport({ markets: snapshot.consoleMarkets, rows: snapshot.rows, fund: snapshot.fund, auction: snapshot.auction, liquidation: snapshot.liquidation, scale: snapshot.scale }))
    return { ...report, nameOf, maps: report.maps.map(({ marketId, map }) => ({ name: nameOf(marketId), map })) }
  }, [snapshot])

  if (!snapshot || !derived) return <p className="text-sm text-zinc-500" data-testid="risk-loading">Loading the risk console…</p>
  const decimals = snapshot.tokenDecimals
  return (
    <div className="space-y-6" data-testid="risk-console" data-block={String(snapshot.blockNumber)}>
      <Panel title="Liquidation map" testId="liquidation-map">
        <p className="text-xs text-zinc-500">
          Notional (USD) liquidated as the price moves: longs (green) below the current price, shorts (red) above, cumulative from the current price outwards. White: the price; dashed: the 1-day 99 % move from the market&apos;s on-chain volatility.
        </p>
        <div className="grid gap-4 lg:grid-cols-2">
          {derived.maps.map(({ name, map }) => (
            <div key={name} className="min-w-0">
              <h3 className="text-sm font-medium">{name}</h3>
              <LiquidationMapChart name={name} map={map} />
            </div>
          ))}
        </div>
      </Panel>
      <ForecastPanel forecast={derived.forecast} nameOf={derived.nameOf} decimals={decimals} />
      <div className="grid gap-6 xl:grid-cols-2">
        <StressPanel positions={snapshot.rows} markets={snapshot.consoleMarkets} capacity={derived.capacity} scale={snapshot.scale} decimals={decimals} nameOf={derived.nameOf} />
        <HealthHistogram buckets={derived.histogram} />
      </div>
      <ExposurePanel exposures={derived.exposures} nameOf={derived.nameOf} history={history} />
      <LiquidatorConsole rows={derived.liquidatable} nameOf={derived.nameOf} decimals={decimals} />
      <AuctionsPanel snapshot={snapshot} />
      <PositionsTable rows={snapshot.rows} nameOf={derived.nameOf} decimals={decimals} complete={snapshot.complete} marketIds={snapshot.markets.map((m) => m.marketId)} />
      <OraclePanel oracles={snapshot.oracles} names={snapshot.markets.map((m) => m.name)} now={snapshot.timestamp} />
    </div>
  )
}

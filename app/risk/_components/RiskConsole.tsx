'use client'

import { useCallback, useMemo, useState } from 'react'
import { useExposureHistory } from '@/hooks/useExposureHistory'
import { useRiskConsole } from '@/hooks/useRiskConsole'
import { useRiskReport } from '@/hooks/useRiskReport'
import { exposureSeries } from '@/lib/exposureHistory'
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
import { DEFAULT_STRESS, StressPanel, stressShocks } from './StressPanel'

/**
 * The risk console: the chain's state from one per-block snapshot (useRiskConsole), every
 * position's risk and the report computed off the main thread (useRiskReport), the maths from
 * lib/risk.ts.
 */
export function RiskConsole() {
  const { snapshot } = useRiskConsole()
  const [shocks, setShocks] = useState<[bigint, bigint][] | null | undefined>(undefined)
  const onShocks = useCallback((next: [bigint, bigint][] | null) => setShocks(next), [])
  const view = useRiskReport(snapshot, shocks === undefined ? (snapshot ? stressShocks(DEFAULT_STRESS.target, DEFAULT_STRESS.text, snapshot.modelMarkets) : null) : shocks)
  const exposureHistory = useExposureHistory()
  const history = useMemo(() => {
    if (!snapshot || !exposureHistory.history) return { unavailable: exposureHistory.unavailable }
    const { history: events } = exposureHistory
    return { unavailable: exposureHistory.unavailable, series: snapshot.markets.map((m) => exposureSeries(events, m.marketId, snapshot.timestamp)) }
  }, [exposureHistory, snapshot])
  // Stable while the markets' names are: memoised rows and charts are not re-rendered for a new block's copy.
  const markets = snapshot?.markets
  const namesKey = markets?.map((m) => `${m.marketId}:${m.name}`).join(',')
  const nameOf = useCallback((id: bigint) => (markets ? marketNameOf(markets, id) : `#${id}`), [namesKey]) // eslint-disable-line react-hooks/exhaustive-deps
  const derived = useMemo(() => {
    if (!view) return undefined
    return {
      maps: view.parts.map((p) => ({ name: nameOf(p.marketId), map: p.map })),
      forecast: { markets: view.parts.map((p) => p.forecast), total: view.forecastTotal },
      exposures: view.parts.map((p) => p.exposure),
    }
  }, [view, nameOf])
  const marketIds = useMemo(() => (markets ?? []).map((m) => m.marketId), [namesKey]) // eslint-disable-line react-hooks/exhaustive-deps

  if (!snapshot || !view || !derived) return <p className="text-sm text-zinc-500" data-testid="risk-loading">Loading the risk console…</p>
  const decimals = snapshot.tokenDecimals
  return (
    <div className="space-y-6" data-testid="risk-console" data-block={String(snapshot.blockNumber)} data-report-block={String(view.blockNumber)}>
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
      <ForecastPanel forecast={derived.forecast} nameOf={nameOf} decimals={decimals} />
      <div className="grid gap-6 xl:grid-cols-2">
        <StressPanel markets={snapshot.modelMarkets} capacity={view.capacity} decimals={decimals} nameOf={nameOf} onShocks={onShocks} computed={view.stress} />
        <HealthHistogram buckets={view.histogram} />
      </div>
      <ExposurePanel exposures={derived.exposures} nameOf={nameOf} history={history} />
      <LiquidatorConsole rows={view.liquidatable} nameOf={nameOf} decimals={decimals} />
      <AuctionsPanel snapshot={snapshot} />
      <PositionsTable rows={view.rows} nameOf={nameOf} decimals={decimals} complete={snapshot.complete && view.rows.length === snapshot.positions.length} marketIds={marketIds} />
      <OraclePanel oracles={snapshot.oracles} names={snapshot.markets.map((m) => m.name)} now={snapshot.timestamp} />
    </div>
  )
}

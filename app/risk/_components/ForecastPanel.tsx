import { formatAmount, formatPercent, formatWad } from '@/lib/format'
import type { CascadeForecast, MarketForecast } from '@/lib/risk'
import { CASCADE_FORECAST_EXPLAINER } from '@/lib/riskConsoleExplainers'
import { Panel } from '@/components/Panel'

const shock = (value: bigint | null, sign: string) => (value === null ? '—' : `${sign}${formatPercent(value)}`)

/** Expected liquidations and bad debt over 1 h and 24 h, per market and in total, with the model one click away. */
export function ForecastPanel({ forecast, nameOf, decimals }: { forecast: CascadeForecast; nameOf: (id: bigint) => string; decimals: number }) {
  const rows: [string, MarketForecast][] = [...forecast.markets.map((m): [string, MarketForecast] => [nameOf(m.marketId), m]), ['total', forecast.total]]
  return (
    <Panel title="Cascade forecast" testId="forecast-panel">
      <div className="overflow-x-auto">
        <table className="stack-on-mobile w-full text-sm" data-testid="forecast-table">
          <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              <th className="px-2 py-1">Market</th>
              <th className="px-2 py-1 text-right">Liquidated 1 h</th>
              <th className="px-2 py-1 text-right">Bad debt 1 h</th>
              <th className="px-2 py-1 text-right">Liquidated 24 h</th>
              <th className="px-2 py-1 text-right">Bad debt 24 h</th>
              <th className="px-2 py-1 text-right">Bad debt from</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-800 font-mono">
            {rows.map(([name, f]) => (
              <tr key={name} data-testid={`forecast-row-${name}`} className={name === 'total' ? 'font-semibold' : ''}>
                <td data-label="Market" className="px-2 py-1 font-sans">{name === 'total' ? 'All markets' : name}</td>
                <td data-label="Liquidated 1 h" className="px-2 py-1 text-right" data-testid={`forecast-liquidated-1h-${name}`}>{formatWad(f['1h'].expectedLiquidatedNotional)}</td>
                <td data-label="Bad debt 1 h" className="px-2 py-1 text-right" data-testid={`forecast-bad-debt-1h-${name}`}>{formatAmount(f['1h'].expectedBadDebt, decimals)}</td>
                <td data-label="Liquidated 24 h" className="px-2 py-1 text-right" data-testid={`forecast-liquidated-24h-${name}`}>{formatWad(f['24h'].expectedLiquidatedNotional)}</td>
                <td data-label="Bad debt 24 h" className="px-2 py-1 text-right" data-testid={`forecast-bad-debt-24h-${name}`}>{formatAmount(f['24h'].expectedBadDebt, decimals)}</td>
                <td data-label="Bad debt from" className="px-2 py-1 text-right" data-testid={`forecast-shock-${name}`}>
                  {shock(f.badDebtShockDown, '−')} / {shock(f.badDebtShockUp, '+')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-zinc-500">Liquidated notional in USD, bad debt in tUSD, expected values. &quot;Bad debt from&quot;: the smallest fall / rise, in one gap, that leaves a position below zero.</p>
      <details data-testid="forecast-assumptions" className="text-xs text-zinc-400">
        <summary className="cursor-pointer text-zinc-300">Assumptions</summary>
        <p className="mt-1 max-w-3xl" data-testid="forecast-assumptions-text">{CASCADE_FORECAST_EXPLAINER}</p>
      </details>
    </Panel>
  )
}

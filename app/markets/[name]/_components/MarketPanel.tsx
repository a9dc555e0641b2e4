import { OracleStatusBadge } from '@/components/OracleStatusBadge'
import { formatPercent, formatWad } from '@/lib/format'
import { SECONDS_PER_HOUR, SOURCE_STATUS } from '@/lib/protocol'
import { notional } from '@/lib/risk'
import type { LoadedTradeSnapshot } from '@/components/position/types'

function Stat({ label, value, testId, hint }: { label: string; value: string; testId: string; hint?: string }) {
  return (
    <div title={hint}>
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="font-mono text-sm" data-testid={testId}>
        {value}
      </dd>
    </div>
  )
}

export function MarketPanel({ market, oracle }: Pick<LoadedTradeSnapshot, 'market' | 'oracle'>) {
  const agreeing = oracle.sources.filter((s) => s.status === 0).length
  return (
    <section className="space-y-4 rounded-xl border border-zinc-800 bg-zinc-900/40 p-4">
      <div className="flex flex-wrap items-center gap-3">
        <span className="font-mono text-xl" data-testid="market-price">{formatWad(market.price)}</span>
        <OracleStatusBadge status={market.oracleStatus} testId="market-oracle-status" />
        <span className="text-xs text-zinc-400" data-testid="oracle-sources-agreeing">
          {agreeing} of {oracle.sources.length} sources agree
        </span>
        {market.paused && <span className="rounded bg-zinc-700 px-1.5 text-xs">new risk paused</span>}
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Maintenance margin" value={formatPercent(market.currentMaintenanceMargin)} testId="market-mm-current"
          hint="What a position must keep as equity, as a share of its notional. It rises gradually toward the target." />
        <Stat label="Target margin" value={formatPercent(market.targetMaintenanceMargin)} testId="market-mm-target"
          hint="mmBase + z·σ·√horizon, clamped to the tier's floor and ceiling" />
        <Stat label="Volatility (annualised)" value={formatPercent(market.volatility, 1)} testId="market-volatility" hint="EWMA of the oracle's log returns" />
        <Stat label="Max leverage" value={`${formatWad(market.maxLeverage, 0)}×`} testId="market-max-leverage" />
        <Stat label="Funding / hour" value={formatPercent(market.fundingRatePerSecond * SECONDS_PER_HOUR, 4)} testId="market-funding" hint="Positive: longs pay shorts and the pool" />
        <Stat label="Open interest long" value={`${formatWad(notional(market.longOpenInterest, market.price), 0)} / ${formatWad(market.openInterestCap, 0)}`} testId="market-oi-long" />
        <Stat label="Open interest short" value={`${formatWad(notional(market.shortOpenInterest, market.price), 0)} / ${formatWad(market.openInterestCap, 0)}`} testId="market-oi-short" />
        <Stat label="Initial margin" value={formatPercent(market.initialMarginRatio)} testId="market-im" />
      </dl>
      <table className="w-full text-xs">
        <thead className="text-left text-zinc-500">
          <tr><th className="py-1">Source</th><th className="text-right">Price</th><th className="text-right">Age</th><th className="text-right">Deviation</th><th className="text-right">Status</th></tr>
        </thead>
        <tbody className="font-mono">
          {oracle.sources.map((source) => (
            <tr key={source.source} data-testid="oracle-source">
              <td className="py-0.5">{source.source.slice(0, 8)}…</td>
              <td className="text-right">{formatWad(source.price)}</td>
              <td className="text-right">{source.age.toString()} s</td>
              <td className="text-right">{formatPercent(source.deviation, 3)}</td>
              <td className="text-right">{SOURCE_STATUS[source.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

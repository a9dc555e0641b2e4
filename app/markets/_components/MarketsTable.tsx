'use client'

import Link from 'next/link'
import { OracleStatusBadge } from '@/components/OracleStatusBadge'
import { useMarkets } from '@/hooks/useMarkets'
import { formatPercent, formatWad } from '@/lib/format'
import { SECONDS_PER_HOUR } from '@/lib/protocol'
import { notional } from '@/lib/risk'

export function MarketsTable() {
  const { markets } = useMarkets()
  if (!markets) return <p className="text-sm text-zinc-500">Loading markets…</p>
  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-800">
      <table className="stack-on-mobile w-full text-sm">
        <thead className="bg-zinc-900/80 text-left text-xs uppercase tracking-wide text-zinc-500">
          <tr>
            <th className="px-3 py-2">Market</th>
            <th className="px-3 py-2 text-right">Price</th>
            <th className="px-3 py-2">Oracle</th>
            <th className="px-3 py-2 text-right">OI long / short (USD)</th>
            <th className="px-3 py-2 text-right">Cap per side</th>
            <th className="px-3 py-2 text-right">Funding / h</th>
            <th className="px-3 py-2 text-right">Maint. margin (target)</th>
            <th className="px-3 py-2 text-right">Volatility</th>
            <th className="px-3 py-2 text-right">Max lev.</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-800 font-mono">
          {markets.map((market) => (
            <tr key={market.marketId.toString()} data-testid={`market-row-${market.name}`}>
              <td data-label="Market" className="px-3 py-2 font-sans font-medium">
                <Link href={`/markets/${market.name}`} className="text-emerald-300 hover:underline" data-testid="market-link">
                  {market.name}
                </Link>
                {market.paused && <span className="ml-2 rounded bg-zinc-700 px-1.5 text-xs">paused</span>}
              </td>
              <td data-label="Price" className="px-3 py-2 text-right" data-testid="market-price">
                {formatWad(market.price)}
              </td>
              <td data-label="Oracle" className="px-3 py-2">
                <OracleStatusBadge status={market.oracleStatus} testId="market-oracle-status" />
              </td>
              <td data-label="OI long / short (USD)" className="px-3 py-2 text-right">
                {formatWad(notional(market.longOpenInterest, market.price), 0)} / {formatWad(notional(market.shortOpenInterest, market.price), 0)}
              </td>
              <td data-label="Cap per side" className="px-3 py-2 text-right">{formatWad(market.openInterestCap, 0)}</td>
              <td data-label="Funding / h" className="px-3 py-2 text-right" data-testid="market-funding">
                {formatPercent(market.fundingRatePerSecond * SECONDS_PER_HOUR, 4)}
              </td>
              <td data-label="Maint. margin (target)" className="px-3 py-2 text-right" data-testid="market-mm">
                {formatPercent(market.currentMaintenanceMargin)} ({formatPercent(market.targetMaintenanceMargin)})
              </td>
              <td data-label="Volatility" className="px-3 py-2 text-right">{formatPercent(market.volatility, 1)}</td>
              <td data-label="Max lev." className="px-3 py-2 text-right">{formatWad(market.maxLeverage, 0)}×</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

'use client'

import Link from 'next/link'
import { useAccount } from 'wagmi'
import { HealthBar } from '@/components/HealthBar'
import { useAccountPositions } from '@/hooks/useAccountPositions'
import { formatAmount, formatLeverage, formatPercent, formatWad } from '@/lib/format'
import { useTokenDecimals } from '@/hooks/useTokenDecimals'
import { distanceToLiquidation, LIQUIDATION_PROBABILITY_EXPLAINER as PROBABILITY_HINT, liquidationProbability } from '@/lib/risk'


export function PositionsTable() {
  const { isConnected } = useAccount()
  const { rows } = useAccountPositions()
  const decimals = useTokenDecimals()
  if (!isConnected) return <p className="text-sm text-zinc-400">Connect a wallet to see your positions.</p>
  if (!rows || decimals === undefined) return <p className="text-sm text-zinc-500">Loading positions…</p>
  if (rows.length === 0)
    return (
      <p className="text-sm text-zinc-400" data-testid="no-positions">
        No open positions. <Link href="/markets" className="underline">Pick a market</Link>.
      </p>
    )
  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-800">
      <table className="w-full whitespace-nowrap text-sm">
        <thead className="bg-zinc-900/80 text-left text-xs uppercase tracking-wide text-zinc-500">
          <tr>
            {['Market', 'Side', 'Size', 'Entry', 'Mark', 'PnL', 'PnL after funding', 'Collateral', 'Leverage', 'Health', 'Liq. price', 'Distance'].map((h) => (
              <th key={h} className="px-3 py-2">{h}</th>
            ))}
            <th className="px-3 py-2" title={PROBABILITY_HINT}><span className="underline decoration-dotted">Liq. in 24 h</span></th>
            <th className="px-3 py-2" />
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-800 font-mono">
          {rows.map(({ position: p, market }) => {
            const isLong = p.size > 0n
            const distance = distanceToLiquidation(p.markPrice, p.liquidationPrice)
            const probability = liquidationProbability(p.markPrice, p.liquidationPrice, isLong, market.volatility)
            return (
              <tr key={market.name} data-testid={`portfolio-row-${market.name}`}>
                <td className="px-3 py-2 font-sans">{market.name}</td>
                <td className={`px-3 py-2 font-sans ${isLong ? 'text-emerald-400' : 'text-rose-400'}`}>{isLong ? 'Long' : 'Short'}</td>
                <td className="px-3 py-2">{formatWad(isLong ? p.size : -p.size, 4)}</td>
                <td className="px-3 py-2">{formatWad(p.entryPrice)}</td>
                <td className="px-3 py-2">{formatWad(p.markPrice)}</td>
                <td className="px-3 py-2" data-testid="portfolio-pnl">{formatAmount(p.unrealisedPnl, decimals)}</td>
                <td className="px-3 py-2">{formatAmount(p.unrealisedPnl - p.fundingOwed, decimals)}</td>
                <td className="px-3 py-2">{formatAmount(p.collateral, decimals)}</td>
                <td className="px-3 py-2">{formatLeverage(p.leverage)}</td>
                <td className="px-3 py-2"><HealthBar health={p.health} testId="portfolio-health" /></td>
                <td className="px-3 py-2" data-testid="portfolio-liquidation-price">{p.liquidationPrice === 0n ? '—' : formatWad(p.liquidationPrice)}</td>
                <td className="px-3 py-2">{distance === null ? '—' : formatPercent(distance)}</td>
                <td className="px-3 py-2" title={PROBABILITY_HINT} data-testid="portfolio-liquidation-probability">{(probability * 100).toFixed(2)}%</td>
                <td className="px-3 py-2 font-sans"><Link className="text-emerald-300 hover:underline" href={`/markets/${market.name}`}>Manage</Link></td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

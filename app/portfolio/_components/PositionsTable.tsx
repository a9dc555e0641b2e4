'use client'

import Link from 'next/link'
import { Fragment, useState } from 'react'
import { useAccount } from 'wagmi'
import { HealthBar } from '@/components/HealthBar'
import { NetPnl } from '@/components/position/NetPnl'
import { useAccountPositions } from '@/hooks/useAccountPositions'
import { usePositionCosts } from '@/hooks/usePositionCosts'
import { useTokenDecimals } from '@/hooks/useTokenDecimals'
import { formatAmount, formatLeverage, formatPercent, formatWad } from '@/lib/format'
import { distanceToLiquidation, LIQUIDATION_PROBABILITY_EXPLAINER as PROBABILITY_HINT, liquidationProbability, NET_PNL_EXPLAINER } from '@/lib/risk'
import { ManagePosition } from './ManagePosition'

const HEADERS: [string, string?][] = [
  ['Market'], ['Side'], ['Size'], ['Entry'], ['Mark'], ['PnL'], ['PnL after fees & funding', NET_PNL_EXPLAINER],
  ['Collateral'], ['Leverage'], ['Health'], ['Liq. price'], ['Distance'], ['Liq. in 24 h', PROBABILITY_HINT], [''],
]

export function PositionsTable() {
  const { isConnected } = useAccount()
  const { rows } = useAccountPositions()
  const costs = usePositionCosts()
  const decimals = useTokenDecimals()
  const [managing, setManaging] = useState<string | null>(null)
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
            {HEADERS.map(([label, hint]) => (
              <th key={label} className="px-3 py-2" title={hint}>{hint ? <span className="underline decoration-dotted">{label}</span> : label}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-800 font-mono">
          {rows.map(({ position: p, market }) => {
            const isLong = p.size > 0n
            const distance = distanceToLiquidation(p.markPrice, p.liquidationPrice)
            const probability = liquidationProbability(p.markPrice, p.liquidationPrice, isLong, market.volatility)
            const isManaging = managing === market.name
            return (
              <Fragment key={market.name}>
                <tr data-testid={`portfolio-row-${market.name}`}>
                  <td className="px-3 py-2 font-sans">{market.name}</td>
                  <td className={`px-3 py-2 font-sans ${isLong ? 'text-emerald-400' : 'text-rose-400'}`}>{isLong ? 'Long' : 'Short'}</td>
                  <td className="px-3 py-2">{formatWad(isLong ? p.size : -p.size, 4)}</td>
                  <td className="px-3 py-2">{formatWad(p.entryPrice)}</td>
                  <td className="px-3 py-2">{formatWad(p.markPrice)}</td>
                  <td className="px-3 py-2" data-testid="portfolio-pnl">{formatAmount(p.unrealisedPnl, decimals)}</td>
                  <td className="px-3 py-2">
                    <NetPnl position={p} takerFee={market.takerFee} costs={costs?.get(String(market.marketId))} decimals={decimals} testId="portfolio-pnl-net" />
                  </td>
                  <td className="px-3 py-2" data-testid="portfolio-collateral">{formatAmount(p.collateral, decimals)}</td>
                  <td className="px-3 py-2">{formatLeverage(p.leverage)}</td>
                  <td className="px-3 py-2"><HealthBar health={p.health} testId="portfolio-health" /></td>
                  <td className="px-3 py-2" data-testid="portfolio-liquidation-price">{p.liquidationPrice === 0n ? '—' : formatWad(p.liquidationPrice)}</td>
                  <td className="px-3 py-2">{distance === null ? '—' : formatPercent(distance)}</td>
                  <td className="px-3 py-2" title={PROBABILITY_HINT} data-testid="portfolio-liquidation-probability">{(probability * 100).toFixed(2)}%</td>
                  <td className="space-x-3 px-3 py-2 font-sans">
                    <button type="button" data-testid="portfolio-manage" aria-expanded={isManaging} onClick={() => setManaging(isManaging ? null : market.name)}
                      className="text-emerald-300 hover:underline">
                      {isManaging ? 'Done' : 'Manage'}
                    </button>
                    <Link className="text-zinc-400 hover:underline" href={`/markets/${market.name}`}>Chart</Link>
                  </td>
                </tr>
                {isManaging && (
                  <tr data-testid={`portfolio-actions-${market.name}`} className="bg-zinc-900/40">
                    <td colSpan={HEADERS.length} className="px-3 py-4 font-sans">
                      {/* Sticky: stays in view however far the wide table is scrolled. */}
                      <div className="sticky left-3 max-w-xl">
                        <ManagePosition marketId={market.marketId} />
                      </div>
                    </td>
                  </tr>
                )}
              </Fragment>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

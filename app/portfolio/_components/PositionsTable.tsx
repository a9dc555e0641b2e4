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
import { distanceToLiquidation, liquidationProbability } from '@/lib/risk'
import { LIQUIDATION_PROBABILITY_EXPLAINER as PROBABILITY_HINT, NET_PNL_EXPLAINER } from '@/lib/riskExplainers'
import { ManagePosition } from './ManagePosition'

/**
 * Nine columns that fit from 1280 px: the secondary number of a pair sits under the first (entry
 * over mark, collateral over leverage, liquidation price over its distance) rather than in a
 * column of its own; actions and the rest open in the row (Manage). Below md each row is a card.
 */
const HEADERS: [string, string?][] = [
  ['Market'], ['Size'], ['Entry / mark'], ['PnL'], ['After fees & funding', NET_PNL_EXPLAINER],
  ['Collateral / lev.'], ['Health'], ['Liq. price / distance'], ['Liq. in 24 h', PROBABILITY_HINT], [''],
]
const label = (i: number) => HEADERS[i][0]

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
    <div className="rounded-xl border border-zinc-800">
      <table className="stack-on-mobile w-full text-sm">
        <thead className="bg-zinc-900/80 text-left text-xs uppercase tracking-wide text-zinc-500">
          <tr>
            {HEADERS.map(([text, hint]) => (
              <th key={text} className="px-2 py-2 xl:px-3" title={hint}>{hint ? <span className="underline decoration-dotted">{text}</span> : text}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-800 font-mono">
          {rows.map(({ position: p, market }) => {
            const isLong = p.size > 0n
            const distance = distanceToLiquidation(p.markPrice, p.liquidationPrice)
            const probability = liquidationProbability(p.markPrice, p.liquidationPrice, isLong, market.volatility)
            const isManaging = managing === market.name
            const cell = 'px-2 py-2 align-top xl:px-3'
            return (
              <Fragment key={market.name}>
                <tr data-testid={`portfolio-row-${market.name}`}>
                  <td className={`${cell} font-sans`} data-label={label(0)}>
                    <span className="whitespace-nowrap">{market.name}</span>{' '}
                    <span className={isLong ? 'text-emerald-400' : 'text-rose-400'}>{isLong ? 'Long' : 'Short'}</span>
                  </td>
                  <td className={cell} data-label={label(1)}>{formatWad(isLong ? p.size : -p.size, 4)}</td>
                  <td className={cell} data-label={label(2)}>
                    <span className="inline-flex flex-col">
                      <span>{formatWad(p.entryPrice)}</span>
                      <span className="text-xs text-zinc-400">{formatWad(p.markPrice)}</span>
                    </span>
                  </td>
                  <td className={cell} data-label={label(3)} data-testid="portfolio-pnl">{formatAmount(p.unrealisedPnl, decimals)}</td>
                  <td className={cell} data-label={label(4)}>
                    <NetPnl position={p} takerFee={market.takerFee} costs={costs?.get(String(market.marketId))} decimals={decimals} testId="portfolio-pnl-net" />
                  </td>
                  <td className={cell} data-label={label(5)}>
                    <span className="inline-flex flex-col">
                      <span data-testid="portfolio-collateral">{formatAmount(p.collateral, decimals)}</span>
                      <span className="text-xs text-zinc-400">{formatLeverage(p.leverage)}</span>
                    </span>
                  </td>
                  <td className={cell} data-label={label(6)}><HealthBar health={p.health} testId="portfolio-health" /></td>
                  <td className={cell} data-label={label(7)}>
                    <span className="inline-flex flex-col">
                      <span data-testid="portfolio-liquidation-price">{p.liquidationPrice === 0n ? '—' : formatWad(p.liquidationPrice)}</span>
                      <span className="text-xs text-zinc-400">{distance === null ? '—' : formatPercent(distance)}</span>
                    </span>
                  </td>
                  <td className={cell} data-label={label(8)} title={PROBABILITY_HINT} data-testid="portfolio-liquidation-probability">{(probability * 100).toFixed(2)}%</td>
                  <td className={`${cell} whitespace-nowrap font-sans`}>
                    <span className="flex justify-end gap-3 md:justify-start">
                      <button type="button" data-testid="portfolio-manage" aria-expanded={isManaging} onClick={() => setManaging(isManaging ? null : market.name)}
                        className="text-emerald-300 hover:underline">
                        {isManaging ? 'Done' : 'Manage'}
                      </button>
                      <Link className="text-zinc-400 hover:underline" href={`/markets/${market.name}`}>Chart</Link>
                    </span>
                  </td>
                </tr>
                {isManaging && (
                  <tr data-testid={`portfolio-actions-${market.name}`} className="bg-zinc-900/40">
                    <td colSpan={HEADERS.length} className="px-3 py-4 font-sans">
                      <div className="max-w-xl">
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

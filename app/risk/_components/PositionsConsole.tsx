'use client'

import { HealthBar } from '@/components/HealthBar'
import { useMarkets } from '@/hooks/useMarkets'
import { useOpenPositions } from '@/hooks/useOpenPositions'
import { useTokenDecimals } from '@/hooks/useTokenDecimals'
import { formatAmount, formatLeverage, formatWad, shortAddress } from '@/lib/format'

export function PositionsConsole() {
  const { positions, total, complete } = useOpenPositions()
  const { markets } = useMarkets()
  const decimals = useTokenDecimals()
  if (!positions || decimals === undefined) return <p className="text-sm text-zinc-500">Loading positions…</p>
  const nameOf = (id: bigint) => markets?.find((m) => m.marketId === id)?.name ?? `#${id}`
  const ranked = [...positions].sort((a, b) => (a.health < b.health ? -1 : a.health > b.health ? 1 : 0))
  return (
    <div className="space-y-2">
      <p className="text-sm text-zinc-400">
        <span data-testid="open-position-count">{total?.toString()}</span> open positions
        {!complete && <span data-testid="open-positions-catching-up"> · reading the latest position logs…</span>}
      </p>
      <div className="overflow-x-auto rounded-xl border border-zinc-800">
        <table className="stack-on-mobile w-full text-sm">
          <thead className="bg-zinc-900/80 text-left text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              <th className="px-3 py-2">Trader</th>
              <th className="px-3 py-2">Market</th>
              <th className="px-3 py-2">Side</th>
              <th className="px-3 py-2 text-right">Size</th>
              <th className="px-3 py-2 text-right">Entry</th>
              <th className="px-3 py-2 text-right">Mark</th>
              <th className="px-3 py-2 text-right">PnL</th>
              <th className="px-3 py-2 text-right">Collateral</th>
              <th className="px-3 py-2 text-right">Equity</th>
              <th className="px-3 py-2 text-right">Leverage</th>
              <th className="px-3 py-2">Health</th>
              <th className="px-3 py-2 text-right">Liq. price</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-800 whitespace-nowrap font-mono">
            {ranked.map((p) => {
              const key = `${p.trader}-${p.marketId}`
              const long = p.size > 0n
              return (
                <tr key={key} data-testid={`position-row-${p.trader.toLowerCase()}-${nameOf(p.marketId)}`}>
                  <td data-label="Trader" className="px-3 py-2" title={p.trader}>{shortAddress(p.trader)}</td>
                  <td data-label="Market" className="px-3 py-2 font-sans">{nameOf(p.marketId)}</td>
                  <td data-label="Side" className={`px-3 py-2 font-sans ${long ? 'text-emerald-400' : 'text-rose-400'}`}>{long ? 'Long' : 'Short'}</td>
                  <td data-label="Size" className="px-3 py-2 text-right">{formatWad(long ? p.size : -p.size, 4)}</td>
                  <td data-label="Entry" className="px-3 py-2 text-right">{formatWad(p.entryPrice)}</td>
                  <td data-label="Mark" className="px-3 py-2 text-right" data-testid="position-mark">{formatWad(p.markPrice)}</td>
                  <td data-label="PnL" className={`px-3 py-2 text-right ${p.unrealisedPnl < 0n ? 'text-rose-400' : 'text-emerald-400'}`} data-testid="position-pnl">
                    {formatAmount(p.unrealisedPnl, decimals)}
                  </td>
                  <td data-label="Collateral" className="px-3 py-2 text-right">{formatAmount(p.collateral, decimals)}</td>
                  <td data-label="Equity" className="px-3 py-2 text-right" data-testid="position-equity">{formatAmount(p.equity, decimals)}</td>
                  <td data-label="Leverage" className="px-3 py-2 text-right">{formatLeverage(p.leverage)}</td>
                  <td data-label="Health" className="px-3 py-2"><HealthBar health={p.health} testId="position-health" /></td>
                  <td data-label="Liq. price" className="px-3 py-2 text-right" data-testid="position-liquidation-price">
                    {p.liquidationPrice === 0n ? '—' : formatWad(p.liquidationPrice)}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
}

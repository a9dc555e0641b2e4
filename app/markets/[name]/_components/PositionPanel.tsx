'use client'

import { HealthBar } from '@/components/HealthBar'
import { HealthBanner } from '@/components/position/HealthBanner'
import { NetPnl } from '@/components/position/NetPnl'
import { PositionActions } from '@/components/position/PositionActions'
import type { LoadedTradeSnapshot } from '@/components/position/types'
import { usePositionCosts } from '@/hooks/usePositionCosts'
import { formatAmount, formatLeverage, formatPercent, formatWad } from '@/lib/format'
import { distanceToLiquidation, liquidationProbability } from '@/lib/risk'
import { LIQUIDATION_PROBABILITY_EXPLAINER as PROBABILITY_HINT } from '@/lib/riskExplainers'

export function PositionPanel({ marketId, snapshot }: { marketId: bigint; snapshot: LoadedTradeSnapshot }) {
  const costs = usePositionCosts()
  const { position, market, decimals } = snapshot
  if (!position) return null
  const isLong = position.size > 0n
  const distance = distanceToLiquidation(position.markPrice, position.liquidationPrice)
  const probability = liquidationProbability(position.markPrice, position.liquidationPrice, isLong, market.volatility)

  const cells: [string, React.ReactNode, string][] = [
    ['Side', <span key="s" className={isLong ? 'text-emerald-400' : 'text-rose-400'}>{isLong ? 'Long' : 'Short'}</span>, 'side'],
    ['Size', formatWad(isLong ? position.size : -position.size, 4), 'size'],
    ['Entry', formatWad(position.entryPrice), 'entry'],
    ['Mark', formatWad(position.markPrice), 'mark'],
    ['PnL (price only)', formatAmount(position.unrealisedPnl, decimals), 'pnl'],
    ['PnL after fees & funding', <NetPnl key="n" position={position} takerFee={market.takerFee} costs={costs?.get(String(marketId))} decimals={decimals} testId="position-pnl-net" />, 'pnl-net-cell'],
    ['Collateral', formatAmount(position.collateral, decimals), 'collateral'],
    ['Leverage', formatLeverage(position.leverage), 'leverage'],
    ['Liquidation price', position.liquidationPrice === 0n ? '—' : formatWad(position.liquidationPrice), 'liquidation-price'],
    ['Distance', distance === null ? '—' : formatPercent(distance), 'liquidation-distance'],
  ]

  return (
    <section className="space-y-4 rounded-xl border border-zinc-800 bg-zinc-900/40 p-4" aria-label="Your position" data-testid="position-panel" id="position-panel">
      <div className="flex items-center justify-between">
        <h2 className="font-medium">Your position</h2>
        <HealthBar health={position.health} testId="position-health" />
      </div>
      <HealthBanner marketId={marketId} snapshot={snapshot} />
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {cells.map(([label, value, id]) => (
          <div key={id}>
            <dt className="text-xs text-zinc-500">{label}</dt>
            <dd className="font-mono text-sm" data-testid={`position-${id}`}>{value}</dd>
          </div>
        ))}
        <div title={PROBABILITY_HINT}>
          <dt className="text-xs text-zinc-500 underline decoration-dotted">Liquidation within 24 h</dt>
          <dd className="font-mono text-sm" data-testid="position-liquidation-probability">{(probability * 100).toFixed(2)}%</dd>
        </div>
      </dl>
      <PositionActions marketId={marketId} snapshot={snapshot} />
    </section>
  )
}

'use client'

import { useMemo } from 'react'
import { LazyPriceChart } from '@/components/chart/LazyPriceChart'
import { usePriceHistory } from '@/hooks/usePriceHistory'

export function PriceHistory({ marketId, position }: { marketId: bigint; position?: { entryPrice: bigint; liquidationPrice: bigint } }) {
  const points = usePriceHistory(marketId)
  const levels = useMemo(() => {
    if (!position) return []
    const lines = [{ price: Number(position.entryPrice) / 1e18, title: 'Entry', color: '#a1a1aa' }]
    if (position.liquidationPrice > 0n) lines.push({ price: Number(position.liquidationPrice) / 1e18, title: 'Liquidation', color: '#f43f5e' })
    return lines
  }, [position?.entryPrice, position?.liquidationPrice]) // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section className="rounded-xl border border-zinc-800 bg-zinc-900/40 p-3">
      <LazyPriceChart points={points ?? []} levels={levels} testId="price-chart" />
      <p className="mt-1 text-xs text-zinc-500" data-testid="price-history-count">
        {points ? `${points.length} oracle prices since deployment` : 'Reading price history…'}
      </p>
    </section>
  )
}

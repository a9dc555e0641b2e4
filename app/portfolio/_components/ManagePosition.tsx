'use client'

import { HealthBanner } from '@/components/position/HealthBanner'
import { PositionActions } from '@/components/position/PositionActions'
import { useTradeSnapshot } from '@/hooks/useTradeSnapshot'

/** The position actions of one market, inline in the portfolio (one open at a time: one extra read per block). */
export function ManagePosition({ marketId }: { marketId: bigint }) {
  const snapshot = useTradeSnapshot(marketId)
  if (!snapshot.market) return <p className="text-xs text-zinc-500">Loading…</p>
  if (!snapshot.position) return <p className="text-xs text-zinc-500">This position is closed.</p>
  return (
    <div className="space-y-4">
      <HealthBanner marketId={marketId} snapshot={snapshot} />
      <PositionActions marketId={marketId} snapshot={snapshot} />
    </div>
  )
}

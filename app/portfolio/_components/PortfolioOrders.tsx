'use client'

import { OrderRequestsList } from '@/components/orders/OrderRequestsList'
import { useAccountPositions } from '@/hooks/useAccountPositions'
import { useTokenDecimals } from '@/hooks/useTokenDecimals'

/** Every pending and recently settled order of the connected account, all markets. */
export function PortfolioOrders() {
  // The positions table's own per-block read (shared, not repeated) carries the block time.
  const { timestamp: now } = useAccountPositions()
  const decimals = useTokenDecimals()
  if (decimals === undefined) return null
  return <OrderRequestsList now={now} decimals={decimals} />
}

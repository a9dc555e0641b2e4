'use client'

import { OrderRequestsList } from '@/components/orders/OrderRequestsList'
import { useChainTime } from '@/hooks/useChainTime'
import { useTokenDecimals } from '@/hooks/useTokenDecimals'

/** Every pending and recently settled order of the connected account, all markets. */
export function PortfolioOrders() {
  const now = useChainTime()
  const decimals = useTokenDecimals()
  if (decimals === undefined) return null
  return <OrderRequestsList now={now} decimals={decimals} />
}

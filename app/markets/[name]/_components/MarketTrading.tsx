'use client'

import Link from 'next/link'
import { OrderRequestsList } from '@/components/orders/OrderRequestsList'
import { useDeployment } from '@/hooks/useDeployment'
import { useTradeSnapshot } from '@/hooks/useTradeSnapshot'
import { MarginRampNotice } from './MarginRampNotice'
import { MarketPanel } from './MarketPanel'
import { OrderForm } from './OrderForm'
import { PositionOrderForm } from './PositionOrderForm'
import { PositionPanel } from './PositionPanel'
import { PriceHistory } from './PriceHistory'

export function MarketTrading({ name }: { name: string }) {
  const deployment = useDeployment()
  const id = deployment.markets[name]
  if (id === undefined)
    return (
      <p className="text-sm text-zinc-400">
        No market called {name}. <Link href="/markets" className="underline">All markets</Link>
      </p>
    )
  return <MarketTradingFor marketId={BigInt(id)} name={name} />
}

function MarketTradingFor({ marketId, name }: { marketId: bigint; name: string }) {
  const snapshot = useTradeSnapshot(marketId)
  if (!snapshot.market) return <p className="text-sm text-zinc-500">Loading {name}…</p>
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">{name}</h1>
      <div className="grid gap-6 lg:grid-cols-[1fr_360px]">
        <div className="space-y-6">
          <PriceHistory marketId={marketId} position={snapshot.position} />
          <MarginRampNotice tierId={snapshot.market.tierId} now={snapshot.timestamp} />
          <MarketPanel market={snapshot.market} oracle={snapshot.oracle} />
          {snapshot.position && <PositionPanel marketId={marketId} snapshot={snapshot} />}
        </div>
        <div className="space-y-6">
          {/* With a position open the form changes it (the engine keeps one per account and market). */}
          {snapshot.position ? <PositionOrderForm marketId={marketId} snapshot={snapshot} /> : <OrderForm marketId={marketId} snapshot={snapshot} />}
          <OrderRequestsList marketId={marketId} now={snapshot.timestamp} decimals={snapshot.decimals} />
        </div>
      </div>
    </div>
  )
}

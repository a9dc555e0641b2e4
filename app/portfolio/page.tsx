import { AccountSummary } from '@/components/account/AccountSummary'
import { HistoryTable } from './_components/HistoryTable'
import { PortfolioOrders } from './_components/PortfolioOrders'
import { PortfolioTabs } from './_components/PortfolioTabs'
import { PositionsTable } from './_components/PositionsTable'

export default function PortfolioPage() {
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Your positions</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-400">
          Health is equity over the maintenance requirement: below 1 anyone may liquidate. The 24-hour odds come from
          each market&apos;s on-chain volatility — hover them for how.
        </p>
      </section>
      <AccountSummary />
      <PortfolioTabs
        positions={
          <div className="space-y-6">
            <PositionsTable />
            <PortfolioOrders />
          </div>
        }
        history={<HistoryTable />}
      />
    </div>
  )
}

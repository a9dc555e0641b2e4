import { KeeperStatusCard } from './_components/KeeperStatusCard'
import { RiskConsole } from './_components/RiskConsole'

export default function RiskPage() {
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Risk console</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-400">
          Where liquidations would start, what a cascade could cost and who would pay for it, read from the chain at each block:
          the liquidation map, a forecast from on-chain volatility, stress through the loss waterfall, the pool&apos;s exposure,
          and every open position ranked by health. Below health 1 anyone may liquidate a position, here or with a keeper.
        </p>
      </section>
      <KeeperStatusCard />
      <RiskConsole />
    </div>
  )
}

import { KeeperStatusCard } from './_components/KeeperStatusCard'
import { PositionsConsole } from './_components/PositionsConsole'

export default function RiskPage() {
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Risk console</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-400">
          Every open position on the protocol, ranked by health (equity over maintenance requirement). Below 1 anyone
          may liquidate it. The numbers are the engine&apos;s own, read at each block.
        </p>
      </section>
      <KeeperStatusCard />
      <PositionsConsole />
    </div>
  )
}

import { OverviewStats } from './_components/OverviewStats'

export default function OverviewPage() {
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="mt-1 max-w-2xl text-sm text-zinc-400">
          Perpetual futures whose margin rules, liquidation engine, insurance fund and governance keep the pool
          solvent through crashes. Every number below is read from the chain at the newest block.
        </p>
      </section>
      <OverviewStats />
    </div>
  )
}

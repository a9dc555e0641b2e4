import { PoolDashboard } from './_components/PoolDashboard'

export default function PoolPage() {
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Liquidity pool</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-400">
          The pool is every trader&apos;s counterparty. Its value is marked to market: its tokens, plus what the debt auction
          still owes it, minus what traders have gained on open positions (their losses count whole; their profit counts up to a
          cap). Deposits and withdrawals are two-step: a request is filled at the next fresh prices, so nobody can enter just
          before a loss is realised and leave right after. Every number is read from the chain at the newest block.
        </p>
      </section>
      <PoolDashboard />
    </div>
  )
}

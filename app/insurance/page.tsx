import { InsuranceDashboard } from './_components/InsuranceDashboard'

export default function InsurancePage() {
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Insurance &amp; staking</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-400">
          When a liquidation leaves bad debt, the fund&apos;s own buffer pays first, then the stakers (slashed pro rata, at
          most a capped share per event), then a debt auction, and only then the liquidity pool. Stake tUSD to back it and
          earn a share of fees and liquidation penalties. Every number is read from the chain at the newest block.
        </p>
      </section>
      <InsuranceDashboard />
    </div>
  )
}

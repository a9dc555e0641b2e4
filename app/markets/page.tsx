import { MarketsTable } from './_components/MarketsTable'

export default function MarketsPage() {
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Markets</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-400">
          Oracle prices, open interest against its caps, funding, and the maintenance margin each market demands now —
          raised by its own measured volatility, gradually, toward the target.
        </p>
      </section>
      <MarketsTable />
    </div>
  )
}

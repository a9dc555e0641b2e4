import type { ReactNode } from 'react'

/** A titled section of the risk console. */
export function Panel({ title, testId, children, aside }: { title: string; testId: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="min-w-0 space-y-3 rounded-xl border border-zinc-800 bg-zinc-900/40 p-4" aria-label={title} data-testid={testId}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="font-medium">{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  )
}

/** A market's name from its view, for test ids and labels. */
export const marketNameOf = (markets: readonly { marketId: bigint; name: string }[], id: bigint) => markets.find((m) => m.marketId === id)?.name ?? `#${id}`

import type { ReactNode } from 'react'

/**
 * A titled section of a page (risk console, governance, insurance, pool): a bordered card with its
 * heading, an optional element beside the heading (`aside`), and `label` for the accessible name
 * when it should differ from the title.
 */
export function Panel({ title, label, testId, aside, children }: { title: string; label?: string; testId?: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section className="min-w-0 space-y-4 rounded-xl border border-zinc-800 bg-zinc-900/40 p-4" aria-label={label ?? title} data-testid={testId}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="font-medium">{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  )
}

import type { ReactNode } from 'react'

/** A titled section of the insurance page. */
export function Panel({ title, label, testId, children }: { title: string; label?: string; testId?: string; children: ReactNode }) {
  return (
    <section className="space-y-4 rounded-xl border border-zinc-800 bg-zinc-900/40 p-4" aria-label={label ?? title} data-testid={testId}>
      <h2 className="font-medium">{title}</h2>
      {children}
    </section>
  )
}

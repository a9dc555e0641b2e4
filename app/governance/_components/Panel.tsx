import type { ReactNode } from 'react'

/** A titled section of the governance pages. */
export function Panel({ title, testId, children, aside }: { title: string; testId?: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <section className="space-y-4 rounded-xl border border-zinc-800 bg-zinc-900/40 p-4" aria-label={title} data-testid={testId}>
      <div className="flex items-center justify-between gap-3">
        <h2 className="font-medium">{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  )
}

/** One labelled value; `hint` is its tooltip. */
export function Stat({ label, testId, hint, children }: { label: string; testId: string; hint?: string; children: ReactNode }) {
  return (
    <div title={hint}>
      <dt className={`text-xs text-zinc-500 ${hint ? 'underline decoration-dotted' : ''}`}>{label}</dt>
      <dd className="font-mono text-sm text-zinc-100" data-testid={testId}>
        {children}
      </dd>
    </div>
  )
}

import type { ReactNode } from 'react'

/** One labelled number (a `<dt>`/`<dd>` pair for a `<dl>`); `hint` is its tooltip (the label is underlined when there is one). */
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

import type { ReactNode } from 'react'

export function StatCard({ label, testId, children, hint }: { label: string; testId: string; children: ReactNode; hint?: string }) {
  return (
    <div className="rounded-xl border border-zinc-800 bg-zinc-900/60 p-4">
      <p className="text-xs uppercase tracking-wide text-zinc-500">{label}</p>
      <p data-testid={testId} className="mt-2 font-mono text-xl text-zinc-100">
        {children}
      </p>
      {hint && <p className="mt-1 text-xs text-zinc-500">{hint}</p>}
    </div>
  )
}

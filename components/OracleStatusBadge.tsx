import { oracleStatusName } from '@/lib/protocol'

const STYLES = {
  Fresh: 'bg-emerald-500/15 text-emerald-300',
  Stale: 'bg-amber-500/15 text-amber-300',
  Guarded: 'bg-rose-500/15 text-rose-300',
} as const

export function OracleStatusBadge({ status, testId }: { status: number; testId?: string }) {
  const name = oracleStatusName(status)
  return (
    <span data-testid={testId} className={`rounded px-1.5 py-0.5 text-xs font-medium ${STYLES[name]}`}>
      {name}
    </span>
  )
}

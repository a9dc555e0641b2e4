import type { ProposalStateName } from '@/lib/governance/proposals'

const STYLES: Record<ProposalStateName, string> = {
  Pending: 'bg-zinc-500/20 text-zinc-300',
  Active: 'bg-sky-500/15 text-sky-300',
  Canceled: 'bg-zinc-700/40 text-zinc-400',
  Defeated: 'bg-rose-500/15 text-rose-300',
  Succeeded: 'bg-emerald-500/15 text-emerald-300',
  Queued: 'bg-amber-500/15 text-amber-300',
  Expired: 'bg-zinc-700/40 text-zinc-400',
  Executed: 'bg-violet-500/15 text-violet-300',
}

export function StateBadge({ state, testId }: { state: ProposalStateName; testId?: string }) {
  return (
    <span data-testid={testId} className={`rounded px-1.5 py-0.5 text-xs font-medium ${STYLES[state]}`}>
      {state}
    </span>
  )
}

'use client'

import Link from 'next/link'
import { useState } from 'react'
import type { CreatedProposal } from '@/hooks/useGovernanceLogs'
import type { GovernanceSnapshot } from '@/hooks/useGovernanceSnapshot'
import { PROPOSAL_STATES, proposalStateName, proposalTitle, type ProposalStateName } from '@/lib/governance/proposals'
import { shortAddress } from '@/lib/format'
import { Panel } from '@/components/Panel'
import { StateBadge } from './StateBadge'

/** Every proposal from the Governor's events, newest first, with its state read at this block, filterable by state. */
export function ProposalList({ proposals, snapshot, loading }: { proposals: readonly CreatedProposal[]; snapshot: GovernanceSnapshot; loading: boolean }) {
  const [filter, setFilter] = useState<ProposalStateName | 'All'>('All')
  const rows = proposals.flatMap((p) => {
    const reads = snapshot.proposals.get(p.proposalId.toString())
    if (!reads) return []
    const state = proposalStateName(reads.state)
    return filter === 'All' || filter === state ? [{ p, state }] : []
  })
  return (
    <Panel
      title="Proposals"
      testId="proposal-list"
      aside={
        <label className="flex items-center gap-2 text-xs text-zinc-400">
          State
          <select className="rounded border border-zinc-700 bg-zinc-950 px-1 py-0.5" value={filter} onChange={(e) => setFilter(e.target.value as ProposalStateName | 'All')} data-testid="proposal-filter">
            <option value="All">All</option>
            {PROPOSAL_STATES.map((s) => (
              <option key={s} value={s}>{s}</option>
            ))}
          </select>
        </label>
      }
    >
      {loading && proposals.length === 0 ? (
        <p className="text-sm text-zinc-500">Reading proposals…</p>
      ) : rows.length === 0 ? (
        <p className="text-sm text-zinc-500" data-testid="proposal-list-empty">{filter === 'All' ? 'No proposals yet.' : `No ${filter.toLowerCase()} proposals.`}</p>
      ) : (
        <ul className="divide-y divide-zinc-800">
          {rows.map(({ p, state }) => (
            <li key={p.proposalId.toString()} className="flex items-center justify-between gap-3 py-2" data-testid="proposal-row" data-proposal-id={p.proposalId.toString()}>
              <Link href={`/governance/${p.proposalId}`} className="min-w-0 flex-1 truncate text-sm hover:underline" data-testid="proposal-link">
                {proposalTitle(p.description)}
              </Link>
              <span className="text-xs text-zinc-500">by {shortAddress(p.proposer)}</span>
              <StateBadge state={state} testId="proposal-state" />
            </li>
          ))}
        </ul>
      )}
    </Panel>
  )
}

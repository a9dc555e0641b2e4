'use client'

import { useMemo, useRef, useState } from 'react'
import { useGovernanceLogs } from '@/hooks/useGovernanceLogs'
import { useGovernanceSnapshot } from '@/hooks/useGovernanceSnapshot'
import { formatDuration } from '@/lib/format'
import { catalogOf } from './catalogOf'
import { useChainNow } from './ChainClock'
import { ProposalBuilder, draftRamps, type Draft } from './ProposalBuilder'
import { ProposalList } from './ProposalList'
import { StewardGuardianPanel } from './StewardGuardianPanel'
import { VotingPowerPanel } from './VotingPowerPanel'

export function GovernanceDashboard() {
  const logs = useGovernanceLogs()
  const [draft, setDraft] = useState<Draft>({ changes: [], description: '' })
  // The draft's ramps are read with the registry of the previous block (the user types after it loaded).
  const lastCatalog = useRef<ReturnType<typeof catalogOf>>(new Map())
  const proposals = useMemo(() => logs.proposals.map((p) => ({ id: p.proposalId, voteStart: p.voteStart })), [logs.proposals])
  const stewardIds = useMemo(() => [...new Set(logs.stewardMoves.map((m) => m.id))], [logs.stewardMoves])
  const ramps = useMemo(() => draftRamps(draft, lastCatalog.current), [draft])
  const { snapshot, available, isError } = useGovernanceSnapshot({ proposals, ramps, stewardIds })
  const catalog = useMemo(() => catalogOf(snapshot), [snapshot])
  lastCatalog.current = catalog
  const now = useChainNow(snapshot?.timestamp ?? 0n)

  if (!available) return <p className="text-sm text-zinc-400">This deployment has no governance contracts.</p>
  if (!snapshot) return <p className="text-sm text-zinc-500">{isError ? 'Could not read governance state from the chain.' : 'Reading governance state…'}</p>
  const g = snapshot.governor
  return (
    <div className={`space-y-6 ${isError ? 'opacity-60' : ''}`}>
      {isError && (
        <p role="status" className="rounded border border-amber-700 bg-amber-950/40 p-2 text-sm text-amber-300" data-testid="governance-stale">
          The last read failed: the numbers below are from block {snapshot.blockNumber?.toString() ?? '?'} and may be stale.
        </p>
      )}
      <p className="text-xs text-zinc-500" data-testid="governance-settings">
        Voting opens {formatDuration(g.votingDelay)} after a proposal, lasts {formatDuration(g.votingPeriod)}; quorum {g.quorumNumerator.toString()} % of
        the supply at the snapshot; then {formatDuration(g.timelockDelay)} in the timelock before anyone may execute.
      </p>
      {/* min-w-0: a grid column may shrink below its content's widest line (a phone) */}
      <div className="grid gap-6 lg:grid-cols-[1fr_420px]">
        <div className="min-w-0 space-y-6">
          <ProposalList proposals={logs.proposals} snapshot={snapshot} loading={logs.isLoading} />
          <ProposalBuilder snapshot={snapshot} catalog={catalog} draft={draft} onDraft={setDraft} />
        </div>
        <div className="min-w-0 space-y-6">
          <VotingPowerPanel snapshot={snapshot} />
          <StewardGuardianPanel logs={logs} snapshot={snapshot} catalog={catalog} now={now} />
        </div>
      </div>
    </div>
  )
}

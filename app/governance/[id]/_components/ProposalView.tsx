'use client'

import Link from 'next/link'
import { useMemo } from 'react'
import { useDeployment } from '@/hooks/useDeployment'
import { useGovernanceLogs, type CreatedProposal } from '@/hooks/useGovernanceLogs'
import { rampKey, useGovernanceSnapshot, type GovernanceSnapshot, type ProposalReads } from '@/hooks/useGovernanceSnapshot'
import { useTransaction } from '@/hooks/useTransaction'
import { rampartGovernorAbi } from '@/lib/contracts/abi/RampartGovernor'
import { formatAmount, formatDuration, shortAddress } from '@/lib/format'
import { decodeActions, proposalActions, setParameterCalls, type DecodedAction } from '@/lib/governance/decodeActions'
import { descriptionHash, nextStep, proposalStateName, proposalTitle, shareBps } from '@/lib/governance/proposals'
import { ActionDiff } from '../../_components/ActionDiff'
import { catalogOf } from '../../_components/catalogOf'
import { Countdown, useChainNow } from '../../_components/ChainClock'
import { ImpactPreview } from '../../_components/ImpactPreview'
import { Stat } from '@/components/Stat'
import { Panel } from '@/components/Panel'
import { StateBadge } from '../../_components/StateBadge'
import { VoteForm } from './VoteForm'

const RPT = 18

function parseId(text: string): bigint | undefined {
  return /^\d+$/.test(text) ? BigInt(text) : undefined
}

export function ProposalView({ idText }: { idText: string }) {
  const id = parseId(idText)
  const logs = useGovernanceLogs()
  const proposal = id === undefined ? undefined : logs.proposals.find((p) => p.proposalId === id)
  const listed = useMemo(() => (proposal ? [{ id: proposal.proposalId, voteStart: proposal.voteStart }] : []), [proposal])
  const deployment = useDeployment()
  const actions = useMemo(() => (proposal ? proposalActions(proposal.targets, proposal.values, proposal.calldatas) : []), [proposal])
  // How long each of its setParameter values would ramp if executed now.
  const ramps = useMemo(() => setParameterCalls(actions, deployment.contracts.RiskConfig), [actions, deployment.contracts.RiskConfig])
  const { snapshot, available, isError } = useGovernanceSnapshot({ proposals: listed, ramps })
  const now = useChainNow(snapshot?.timestamp ?? 0n)

  if (!available) return <p className="text-sm text-zinc-400">This deployment has no governance contracts.</p>
  if (id === undefined) return <p className="text-sm text-zinc-400">Not a proposal id: {idText}</p>
  if (!proposal)
    return (
      <p className="text-sm text-zinc-400" data-testid="proposal-missing">
        {logs.isLoading ? 'Reading proposals…' : <>No proposal {shortId(id)} on this chain. <Link className="underline" href="/governance">All proposals</Link></>}
      </p>
    )
  const reads = snapshot?.proposals.get(id.toString())
  if (!snapshot || !reads) return <p className="text-sm text-zinc-500">Reading proposal…</p>
  return (
    <div className={isError ? 'opacity-60' : undefined}>
      {isError && (
        <p role="status" className="mb-4 rounded border border-amber-700 bg-amber-950/40 p-2 text-sm text-amber-300" data-testid="governance-stale">
          The last read failed: the numbers below are from block {snapshot.blockNumber?.toString() ?? '?'} and may be stale.
        </p>
      )}
      <ProposalDetails proposal={proposal} reads={reads} snapshot={snapshot} now={now} />
    </div>
  )
}

const shortId = (id: bigint) => {
  const text = id.toString()
  return text.length > 14 ? `${text.slice(0, 6)}…${text.slice(-6)}` : text
}

function ProposalDetails({ proposal, reads, snapshot, now }: { proposal: CreatedProposal; reads: ProposalReads; snapshot: GovernanceSnapshot; now: bigint }) {
  const deployment = useDeployment()
  const { send, isBusy } = useTransaction()
  const state = proposalStateName(reads.state)
  const catalog = catalogOf(snapshot)
  const decoded: DecodedAction[] = decodeActions(
    proposalActions(proposal.targets, proposal.values, proposal.calldatas),
    deployment.contracts.RiskConfig,
    catalog,
    (id, value) => snapshot.rampDurations.get(rampKey(id, value)),
  )
  const executed = state === 'Executed'
  const { for: yes, against, abstain } = reads.votes
  const total = yes + against + abstain
  const counted = yes + abstain // OpenZeppelin's simple counting: for + abstain count toward quorum
  const step = nextStep(state, reads.eta, snapshot.timestamp)
  const args = [proposal.targets, proposal.values, proposal.calldatas, descriptionHash(proposal.description)] as const
  const voteBlocked = !snapshot.account
    ? 'Connect a wallet to vote.'
    : state !== 'Active'
      ? `Voting is ${state === 'Pending' ? 'not open yet' : 'closed'}.`
      : reads.hasVoted
        ? 'You have voted on this proposal.'
        : reads.powerAtSnapshot === 0n
          ? 'You had no votes at this proposal’s snapshot (delegate before a proposal to vote on it).'
          : undefined

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <Link href="/governance" className="text-xs text-zinc-400 underline">All proposals</Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="proposal-title">{proposalTitle(proposal.description)}</h1>
          <StateBadge state={state} testId="proposal-state" />
        </div>
        <p className="text-xs text-zinc-500">
          Proposal <span className="font-mono" data-testid="proposal-id" title={proposal.proposalId.toString()}>{shortId(proposal.proposalId)}</span> by{' '}
          {shortAddress(proposal.proposer)} · block {proposal.blockNumber?.toString()}
        </p>
        <p className="whitespace-pre-wrap text-sm text-zinc-300" data-testid="proposal-description">{proposal.description.split('\n').slice(1).join('\n').trim()}</p>
      </div>
      <div className="grid gap-6 lg:grid-cols-[1fr_380px]">
        <div className="space-y-6">
          <Panel title="What it changes" testId="proposal-actions">
            <ActionDiff actions={decoded} executed={executed} />
          </Panel>
          <Panel title="Impact on open positions" testId="proposal-impact">
            {state === 'Executed' || state === 'Defeated' || state === 'Canceled' || state === 'Expired' ? (
              <p className="text-sm text-zinc-400" data-testid="impact-closed">{executed ? 'Executed: in force now (a margin raise ramps in; see the market pages).' : `${state}: it will not take effect.`}</p>
            ) : (
              <ImpactPreview actions={decoded} snapshot={snapshot} />
            )}
          </Panel>
        </div>
        <div className="space-y-6">
          <Panel title="Timeline" testId="proposal-timeline">
            <dl className="space-y-2 text-sm">
              <Stat label="Voting starts (snapshot of voting power)" testId="timeline-voting-starts-at">
                <Countdown at={proposal.voteStart} now={now} testId="timeline-voting-starts" />
              </Stat>
              <Stat label="Voting ends" testId="timeline-voting-ends-at">
                <Countdown at={proposal.voteEnd} now={now} testId="timeline-voting-ends" />
              </Stat>
              <Stat label="Timelock" testId="timeline-eta-at" hint="Queued proposals wait the timelock's delay; anyone may execute after it.">
                {reads.eta > 0n ? (
                  <>executable <Countdown at={reads.eta} now={now} testId="timeline-eta" /></>
                ) : (
                  <span data-testid="timeline-eta">{executed ? 'executed' : `${formatDuration(snapshot.governor.timelockDelay)} after queueing`}</span>
                )}
              </Stat>
            </dl>
          </Panel>
          <Panel title="Votes" testId="proposal-votes">
            <div className="space-y-2 text-sm">
              {(
                [
                  ['for', 'For', yes, 'bg-emerald-500'],
                  ['against', 'Against', against, 'bg-rose-500'],
                  ['abstain', 'Abstain', abstain, 'bg-zinc-500'],
                ] as const
              ).map(([key, label, votes, color]) => (
                <div key={key}>
                  <div className="flex justify-between text-xs">
                    <span>{label}</span>
                    <span className="font-mono" data-testid={`votes-${key}`}>{formatAmount(votes, RPT, 0)}</span>
                  </div>
                  <div className="h-1.5 rounded bg-zinc-800">
                    <div className={`h-1.5 rounded ${color}`} style={{ width: `${shareBps(votes, total) / 100}%` }} />
                  </div>
                </div>
              ))}
              <div title="For and abstain votes count toward the quorum.">
                <div className="flex justify-between text-xs">
                  <span>Quorum</span>
                  <span className="font-mono" data-testid="quorum-progress">
                    {reads.quorum === undefined ? 'fixed at the snapshot' : `${formatAmount(counted, RPT, 0)} / ${formatAmount(reads.quorum, RPT, 0)}`}
                  </span>
                </div>
                <div className="h-1.5 rounded bg-zinc-800">
                  <div className="h-1.5 rounded bg-sky-500" style={{ width: `${reads.quorum ? shareBps(counted, reads.quorum) / 100 : 0}%` }} />
                </div>
              </div>
              {snapshot.account && (
                <p className="text-xs text-zinc-400">
                  Your power at the snapshot:{' '}
                  <span className="font-mono" data-testid="power-at-snapshot">
                    {reads.powerAtSnapshot === undefined ? 'not fixed yet' : formatAmount(reads.powerAtSnapshot, RPT, 0)}
                  </span>
                  {reads.hasVoted && <span data-testid="has-voted"> · voted</span>}
                </p>
              )}
            </div>
            <VoteForm proposalId={proposal.proposalId} disabledReason={voteBlocked} />
          </Panel>
          {(step === 'queue' || step === 'execute' || step === 'wait') && (
            <Panel title="Next step" testId="proposal-next-step">
              {step === 'queue' && (
                <button
                  type="button"
                  className="rounded bg-amber-600 px-3 py-1.5 text-sm font-medium disabled:opacity-50"
                  disabled={isBusy || !snapshot.account}
                  onClick={() => void send({ abi: rampartGovernorAbi, address: deployment.contracts.RampartGovernor, functionName: 'queue', args, label: 'Queue proposal' })}
                  data-testid="proposal-queue"
                >
                  Queue in the timelock
                </button>
              )}
              {step === 'wait' && <p className="text-sm text-zinc-400" data-testid="proposal-wait">Queued: executable <Countdown at={reads.eta} now={now} testId="proposal-wait-eta" />.</p>}
              {step === 'execute' && (
                <button
                  type="button"
                  className="rounded bg-violet-600 px-3 py-1.5 text-sm font-medium disabled:opacity-50"
                  disabled={isBusy || !snapshot.account}
                  onClick={() => void send({ abi: rampartGovernorAbi, address: deployment.contracts.RampartGovernor, functionName: 'execute', args, label: 'Execute proposal' })}
                  data-testid="proposal-execute"
                >
                  Execute
                </button>
              )}
              {!snapshot.account && <p className="text-xs text-zinc-400">Connect a wallet: anyone may queue and execute.</p>}
            </Panel>
          )}
        </div>
      </div>
    </div>
  )
}

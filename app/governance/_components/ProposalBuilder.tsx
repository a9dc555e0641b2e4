'use client'

import type { Hex } from 'viem'
import { useDeployment } from '@/hooks/useDeployment'
import { FieldError } from '@/components/FieldError'
import { useTransaction } from '@/hooks/useTransaction'
import { rampKey, type GovernanceSnapshot } from '@/hooks/useGovernanceSnapshot'
import { rampartGovernorAbi } from '@/lib/contracts/abi/RampartGovernor'
import { formatAmount, formatDuration } from '@/lib/format'
import { decodeActions, encodeSetParameter } from '@/lib/governance/decodeActions'
import { formatBounds, formatParameterValue, inputUnit, PARAMETER_KINDS, STEWARDABLE_KINDS, type CatalogEntry } from '@/lib/governance/parameterCatalog'
import { checkDraft, type CheckedChange, type DraftChange } from '@/lib/governance/validateChange'
import { ActionDiff } from './ActionDiff'
import { ImpactPreview } from './ImpactPreview'
import { Panel } from '@/components/Panel'

export type Draft = { changes: DraftChange[]; description: string }

/** The draft's valid values, for the snapshot to read how long each would ramp. */
export function draftRamps(draft: Draft, catalog: ReadonlyMap<Hex, CatalogEntry>): { id: Hex; value: bigint }[] {
  if (catalog.size === 0) return []
  return checkDraft(draft.changes, catalog).flatMap((c) => (c.value !== undefined && !c.error ? [{ id: c.id, value: c.value }] : []))
}

/**
 * Pick parameters from the on-chain registry, type new values in human units, see each checked
 * against the hard bounds (and mmBase ≤ mmMax) next to its field, the decoded diff and the impact
 * preview, then `propose`. Nothing is sent while any field is wrong.
 */
export function ProposalBuilder({
  snapshot,
  catalog,
  draft,
  onDraft,
}: {
  snapshot: GovernanceSnapshot
  catalog: ReadonlyMap<Hex, CatalogEntry>
  draft: Draft
  onDraft: (draft: Draft) => void
}) {
  const deployment = useDeployment()
  const { send, isBusy } = useTransaction()
  const entries = [...catalog.values()]
  const checked: CheckedChange[] = catalog.size > 0 ? checkDraft(draft.changes, catalog) : []
  const valid = checked.filter((c) => c.value !== undefined && !c.error)
  const config = deployment.contracts.RiskConfig
  const actions = valid.map((c) => ({ target: config, value: 0n, calldata: encodeSetParameter(c.id, c.value!) }))
  const decoded = decodeActions(actions, config, catalog, (id, value) => snapshot.rampDurations.get(rampKey(id, value)))
  const votes = snapshot.account?.votes ?? 0n
  const threshold = snapshot.governor.proposalThreshold
  const problems = [
    draft.changes.length === 0 && 'Add a parameter change.',
    checked.some((c) => c.error) && 'Fix the values marked above.',
    draft.description.trim() === '' && 'Describe the proposal (its first line is its title).',
    !snapshot.account && 'Connect a wallet to propose.',
    snapshot.account && votes < threshold && `Proposing takes ${formatAmount(threshold, 18)} votes; you hold ${formatAmount(votes, 18)}.`,
  ].filter(Boolean) as string[]

  const setChange = (i: number, change: Partial<DraftChange>) =>
    onDraft({ ...draft, changes: draft.changes.map((c, j) => (j === i ? { ...c, ...change } : c)) })
  const addChange = () => entries[0] && onDraft({ ...draft, changes: [...draft.changes, { id: entries[0].id, text: '' }] })
  const removeChange = (i: number) => onDraft({ ...draft, changes: draft.changes.filter((_, j) => j !== i) })

  const submit = async () => {
    if (problems.length > 0) return
    const ok = await send({
      abi: rampartGovernorAbi,
      address: deployment.contracts.RampartGovernor,
      functionName: 'propose',
      args: [actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.calldata), draft.description.trim()],
      label: 'Propose',
    })
    if (ok) onDraft({ changes: [], description: '' })
  }

  return (
    <Panel title="New proposal" testId="proposal-builder">
      <div className="space-y-3">
        {draft.changes.map((change, i) => {
          const result = checked[i]
          const entry = result?.entry
          const ramp = result?.value !== undefined && !result.error ? snapshot.rampDurations.get(rampKey(change.id, result.value)) : undefined
          return (
            <div key={i} className="space-y-1 rounded border border-zinc-800 p-2" data-testid={`builder-change-${i}`}>
              <div className="flex flex-wrap gap-2">
                <select
                  className="min-w-0 flex-1 rounded border border-zinc-700 bg-zinc-950 px-1 py-1 text-sm"
                  value={change.id.toLowerCase()}
                  onChange={(e) => setChange(i, { id: e.target.value as Hex, text: '' })}
                  aria-label="Parameter"
                  data-testid={`builder-parameter-${i}`}
                >
                  {entries.map((p) => (
                    <option key={p.id} value={p.id.toLowerCase()}>{p.label}</option>
                  ))}
                </select>
                <input
                  className="w-32 rounded border border-zinc-700 bg-zinc-950 px-2 py-1 font-mono text-sm"
                  value={change.text}
                  placeholder={entry ? formatParameterValue(entry.value, entry.display, { compact: true }) : ''}
                  onChange={(e) => setChange(i, { text: e.target.value })}
                  aria-label="New value"
                  data-testid={`builder-value-${i}`}
                />
                <span className="self-center text-xs text-zinc-400">{entry && inputUnit(entry.display, entry.unit)}</span>
                <button type="button" className="text-xs text-zinc-500 underline" onClick={() => removeChange(i)} data-testid={`builder-remove-${i}`}>
                  remove
                </button>
              </div>
              {entry && (
                <p className="text-xs text-zinc-500" data-testid={`builder-info-${i}`}>
                  Now {formatParameterValue(entry.value, entry.display)} · hard bounds {formatBounds(entry.minValue, entry.maxValue, entry.display)} ·{' '}
                  {PARAMETER_KINDS[entry.kind] ?? `kind ${entry.kind}`}
                  {entry.kind >= STEWARDABLE_KINDS ? ' (vote only)' : ''}
                  {ramp !== undefined && (ramp > 0n ? ` · ramps in over ${formatDuration(ramp)}` : ' · applies at once')}
                </p>
              )}
              <FieldError message={change.text !== '' || result?.error !== 'Enter a value.' ? result?.error : undefined} testId={`builder-error-${i}`} />
            </div>
          )
        })}
        <button type="button" className="rounded bg-zinc-800 px-3 py-1 text-sm" onClick={addChange} data-testid="builder-add">
          + Parameter change
        </button>
        <textarea
          className="w-full rounded border border-zinc-700 bg-zinc-950 px-2 py-1.5 text-sm"
          rows={3}
          placeholder="Title on the first line, then why"
          value={draft.description}
          onChange={(e) => onDraft({ ...draft, description: e.target.value })}
          aria-label="Description"
          data-testid="builder-description"
        />
        {decoded.length > 0 && (
          <div className="space-y-3">
            <h3 className="text-sm font-medium">What it changes</h3>
            <ActionDiff actions={decoded} />
            <h3 className="text-sm font-medium">Impact on open positions</h3>
            <ImpactPreview actions={decoded} snapshot={snapshot} />
          </div>
        )}
        {problems.length > 0 && draft.changes.length > 0 && (
          <ul className="text-xs text-zinc-400" data-testid="builder-problems">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <button
          type="button"
          className="rounded bg-emerald-600 px-3 py-1.5 text-sm font-medium disabled:opacity-50"
          disabled={isBusy || problems.length > 0}
          onClick={() => void submit()}
          data-testid="builder-submit"
        >
          Propose
        </button>
      </div>
    </Panel>
  )
}

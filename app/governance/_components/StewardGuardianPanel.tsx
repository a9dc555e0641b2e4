'use client'

import type { Hex } from 'viem'
import type { GovernanceLogs } from '@/hooks/useGovernanceLogs'
import type { GovernanceSnapshot } from '@/hooks/useGovernanceSnapshot'
import { formatDuration, shortAddress } from '@/lib/format'
import { catalogEntry, formatParameterValue, PARAMETER_KINDS, STEWARDABLE_KINDS, type CatalogEntry } from '@/lib/governance/parameterCatalog'
import { Countdown } from './ChainClock'
import { Panel } from '@/components/Panel'

/** `PauseWindows`: a pause set by the owner (a vote) has this end time: it lasts until lifted. */
const OWNER_PAUSE = 2n ** 40n - 1n
const RECENT = 10

const bps = (x: bigint) => `${Number(x) / 100} %`

/**
 * What acts faster than a vote: the steward's recent moves with the room it has left on each
 * parameter (step, drift and bounds, `stepRange`) and its caps per kind; the guardian's pauses
 * that run now and when they end.
 */
export function StewardGuardianPanel({ logs, snapshot, catalog, now }: { logs: GovernanceLogs; snapshot: GovernanceSnapshot; catalog: ReadonlyMap<Hex, CatalogEntry>; now: bigint }) {
  const names = new Map(snapshot.markets.map((m) => [m.marketId, m.name]))
  const active = snapshot.pauses.filter((p) => p.marketUntil > snapshot.timestamp)
  const globalUntil = snapshot.pauses[0]?.globalUntil ?? 0n
  const describeEnd = (until: bigint, testId: string) =>
    until === OWNER_PAUSE ? <span data-testid={testId}>until governance lifts it</span> : <>ends <Countdown at={until} now={now} testId={testId} /></>
  return (
    <Panel title="Steward and guardian" testId="steward-guardian">
      <div className="space-y-2">
        <h3 className="text-sm font-medium">Risk steward</h3>
        <p className="text-xs text-zinc-400">
          The risk council moves a parameter without a vote by at most its kind&apos;s step of the current value, at most its drift from the
          value governance last set, once per {formatDuration(snapshot.steward.cooldown)} per parameter. Council: {shortAddress(snapshot.steward.council)}.
        </p>
        <table className="w-full text-xs" data-testid="steward-kinds">
          <thead className="text-left text-zinc-500">
            <tr><th className="py-1">Kind</th><th className="text-right">Step cap</th><th className="text-right">Drift cap</th></tr>
          </thead>
          <tbody className="font-mono">
            {snapshot.steward.kindLimits.map((limits, kind) => (
              <tr key={kind} data-testid={`steward-kind-${kind}`}>
                <td className="py-0.5">{PARAMETER_KINDS[kind]}</td>
                <td className="text-right">{bps(limits.maxStepBps)}</td>
                <td className="text-right">{bps(limits.maxDriftBps)}</td>
              </tr>
            ))}
            <tr><td className="py-0.5 text-zinc-500" colSpan={3}>{PARAMETER_KINDS.slice(STEWARDABLE_KINDS).join(', ')}: vote only</td></tr>
          </tbody>
        </table>
        {logs.stewardMoves.length === 0 ? (
          <p className="text-xs text-zinc-500" data-testid="steward-moves-none">No steward moves yet.</p>
        ) : (
          <table className="w-full text-xs">
            <thead className="text-left text-zinc-500">
              <tr><th className="py-1">Parameter</th><th className="text-right">Move</th><th className="text-right">Room left now</th><th className="text-right">Next move</th></tr>
            </thead>
            <tbody className="font-mono">
              {logs.stewardMoves.slice(0, RECENT).map((move) => {
                const entry = catalogEntry(catalog, move.id)
                const fmt = (v: bigint) => (entry ? formatParameterValue(v, entry.display) : v.toString())
                const range = snapshot.steward.ranges.get(move.id.toLowerCase())
                return (
                  <tr key={`${move.transactionHash}-${move.id}`} data-testid="steward-move">
                    <td className="py-0.5">{entry?.label ?? move.id}</td>
                    <td className="text-right">{fmt(move.oldValue)} → {fmt(move.newValue)}</td>
                    <td className="text-right" data-testid="steward-headroom">{range ? `${fmt(range.min)} – ${fmt(range.max)}` : '…'}</td>
                    <td className="text-right">{range && range.nextUpdateAt > 0n ? <Countdown at={range.nextUpdateAt} now={now} testId="steward-next" /> : '—'}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
      </div>
      <div className="space-y-2">
        <h3 className="text-sm font-medium">Guardian pauses</h3>
        <p className="text-xs text-zinc-400">
          The guardian may pause new risk (opens, increases) for {formatDuration(snapshot.guardianPauseDuration)}; its pause then ends by itself.
          A pause set by a vote lasts until a vote lifts it. Closing, adding collateral and liquidations are never paused.
        </p>
        {globalUntil > snapshot.timestamp && (
          <p className="text-sm text-amber-300" data-testid="pause-global">All markets paused · {describeEnd(globalUntil, 'pause-global-end')}</p>
        )}
        {active.length === 0 && globalUntil <= snapshot.timestamp ? (
          <p className="text-xs text-zinc-500" data-testid="pauses-none">No pause in force.</p>
        ) : (
          <ul className="text-sm">
            {active.map((p) => (
              <li key={p.marketId.toString()} className="text-amber-300" data-testid="pause-market">
                {names.get(p.marketId) ?? `market ${p.marketId}`} paused · {describeEnd(p.marketUntil, `pause-end-${p.marketId}`)}
              </li>
            ))}
          </ul>
        )}
        {logs.pauses.length > 0 && (
          <ul className="text-xs text-zinc-500" data-testid="pause-history">
            {logs.pauses.slice(0, RECENT).map((p, i) => (
              <li key={i}>
                Block {p.blockNumber?.toString()}: {p.marketId === undefined || p.marketId === 2n ** 256n - 1n ? 'all markets' : names.get(p.marketId) ?? `market ${p.marketId}`}{' '}
                {p.until === 0n ? 'unpaused' : p.until === OWNER_PAUSE ? 'paused by a vote' : 'paused by the guardian'} by {shortAddress(p.caller)}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Panel>
  )
}

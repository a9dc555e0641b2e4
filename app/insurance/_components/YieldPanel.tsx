import type { InsuranceSnapshot } from '@/hooks/useInsuranceSnapshot'
import { useStakingYield, YIELD_WINDOWS, type WindowYield, type YieldWindow } from '@/hooks/useStakingYield'
import { formatDuration, formatPercent } from '@/lib/format'
import { Panel } from '@/components/Panel'

const METHOD =
  'Measured from the share price (tUSD per rINS share) now and at the start of the window: ' +
  '(P_now / P_then − 1) × 365 days / elapsed, not compounded. The share price counts every fee the stakers have earned, ' +
  'harvested or not, net of any slash; Harvested events would miss unharvested fees and slashes. Deposits and redemptions move it only by rounding, in the vault\'s favour.'

/** Trailing staking APR from what a share really earned on chain. */
export function YieldPanel({ snapshot }: { snapshot: InsuranceSnapshot }) {
  const yields = useStakingYield(
    snapshot.blockNumber === undefined ? undefined : { blockNumber: snapshot.blockNumber, timestamp: snapshot.timestamp, probeAssets: snapshot.probeAssets },
  )
  return (
    <Panel title="Staking yield" testId="yield-panel">
      <dl className="grid grid-cols-2 gap-4">
        {YIELD_WINDOWS.map((window) => (
          <YieldStat key={window.id} window={window} result={snapshot.fund.totalShares === 0n ? { status: 'noStakers' } : yields[window.id]} />
        ))}
      </dl>
      <p className="text-xs text-zinc-500">{METHOD}</p>
    </Panel>
  )
}

function YieldStat({ window, result }: { window: YieldWindow; result: WindowYield }) {
  // No annualised headline before the window has the history it names (minutes annualised make a
  // large, noisy number): until then the headline is what a share earned so far, over how long.
  if (result.status === 'ready' && !result.yield.coversWindow)
    return (
      <div title={METHOD}>
        <dt className="text-xs text-zinc-500 underline decoration-dotted">{window.label} yield: earned so far</dt>
        <dd className="font-mono text-xl text-zinc-100" data-testid={`yield-earned-${window.id}`}>{formatPercent(result.yield.growthWad, 4)}</dd>
        <dd className="text-xs text-zinc-500" data-testid={`yield-span-${window.id}`}>
          over the last {formatDuration(result.yield.elapsedSeconds)}; no APR until {formatDuration(window.seconds)} of history
        </dd>
      </div>
    )
  const value =
    result.status === 'ready' ? formatPercent(result.yield.aprWad)
    : result.status === 'loading' ? '…'
    : result.status === 'noStakers' ? 'no stakers yet'
    : result.status === 'tooEarly' ? 'not enough history yet'
    : 'unavailable'
  return (
    <div title={METHOD}>
      <dt className="text-xs text-zinc-500 underline decoration-dotted">{window.label} APR</dt>
      <dd className="font-mono text-xl text-zinc-100" data-testid={`yield-apr-${window.id}`}>{value}</dd>
      <dd className="text-xs text-zinc-500" data-testid={`yield-span-${window.id}`}>trailing {formatDuration(window.seconds)}</dd>
    </div>
  )
}

import type { InsuranceSnapshot } from '@/hooks/useInsuranceSnapshot'
import { formatAmount, formatPercent, formatWad } from '@/lib/format'
import {
  coverageMultiple,
  coverageRatio,
  coverCapacity,
  openInterestNotional,
  scaleFor,
  crashCapacity,
  stressLoss,
  type StressLoss,
} from '@/lib/risk'
import { STRESS_LOSS_EXPLAINER } from '@/lib/riskExplainers'
import { Panel } from '@/components/Panel'
import { Stat } from '@/components/Stat'

const CAPACITY_HINT = 'Buffer + pending buffer fees + total staked: everything the fund can pay before the debt auction.'
const EVENT_HINT =
  'Buffer + pending buffer fees + what the stakers can still be slashed: at most max slash of the vault over the slash window, however many blocks a crash takes. What a crash can still draw before the debt auction.'

/** How much open risk the fund stands behind: against open interest and against the 99 % one-day stress loss. */
export function CoveragePanel({ snapshot }: { snapshot: InsuranceSnapshot }) {
  const { fund, markets, positions, tokenDecimals, coverageComplete } = snapshot
  const scale = scaleFor(tokenDecimals)
  const capacity = coverCapacity(fund)
  const openInterest = openInterestNotional(markets)
  const ratio = coverageRatio(capacity, openInterest, scale)
  // A market or a page of positions joins the batch at the next block: until then say so rather
  // than show a partial sum (or meet a position whose market is not in the batch yet).
  const loss = coverageComplete ? stressLoss(positions, new Map(markets.map((m) => [m.marketId, m.volatility])), scale) : undefined
  const whenComplete = (text: (loss: StressLoss) => string) => (loss ? text(loss) : 'updating…')
  return (
    <Panel title="Coverage" testId="coverage-panel">
      <p className="text-lg" data-testid="coverage-stress-multiple" title={STRESS_LOSS_EXPLAINER}>
        {whenComplete(({ total }) => {
          const multiple = coverageMultiple(capacity, total)
          return multiple === null ? 'No stress loss at current positions' : `Covers ${formatWad(multiple, 1)}× the 99 % 1-day stress loss`
        })}
      </p>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
        <Stat label="Open interest" testId="coverage-open-interest" hint="Σ over markets of (long + short open interest) × oracle price">
          {whenComplete(() => `${formatWad(openInterest)} USD`)}
        </Stat>
        <Stat label="Cover capacity" testId="coverage-capacity" hint={CAPACITY_HINT}>
          {formatAmount(capacity, tokenDecimals)} tUSD
        </Stat>
        <Stat label="Coverage ratio" testId="coverage-ratio" hint="Cover capacity / open-interest notional">
          {whenComplete(() => (ratio === null ? 'no open interest' : formatPercent(ratio)))}
        </Stat>
        <Stat label="99 % 1-day stress loss" testId="coverage-stress-loss" hint={STRESS_LOSS_EXPLAINER}>
          {whenComplete(({ total }) => `${formatAmount(total, tokenDecimals)} tUSD`)}
        </Stat>
        <Stat label="Positions in deficit under stress" testId="coverage-stress-positions" hint={STRESS_LOSS_EXPLAINER}>
          {whenComplete(({ positionsInDeficit }) => `${positionsInDeficit} of ${positions.length}`)}
        </Stat>
        <Stat label="Crash capacity now" testId="coverage-event-capacity" hint={EVENT_HINT}>
          {formatAmount(crashCapacity(fund), tokenDecimals)} tUSD
        </Stat>
      </dl>
    </Panel>
  )
}

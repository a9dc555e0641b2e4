import type { WaterfallTotals } from '@/hooks/useInsuranceSnapshot'
import { formatAmount } from '@/lib/format'
import { Panel } from '@/components/Panel'
import { Stat } from '@/components/Stat'

/** Cumulative loss-waterfall totals since deployment (`InsuranceFund.waterfallTotals`), in the order they pay. */
export function WaterfallPanel({ totals, decimals }: { totals: WaterfallTotals; decimals: number }) {
  const steps: [string, bigint, string, string][] = [
    ['Bad debt received', totals.badDebt, 'waterfall-bad-debt', 'Shortfalls beyond positions’ own collateral, since deployment'],
    ['Paid by the buffer', totals.coveredByBuffer, 'waterfall-buffer', 'Step 2: the protocol-owned buffer'],
    ['Slashed from stakers', totals.coveredByStakers, 'waterfall-stakers', 'Step 3: stakers, pro rata, capped per event'],
    ['Sent to the debt auction', totals.sentToAuction, 'waterfall-sent-to-auction', 'Step 4: what buffer and stakers could not cover'],
    ['Raised by the auction', totals.coveredByAuction, 'waterfall-auction-raised', 'Step 4: governance tokens sold for tUSD'],
    ['Socialised on the pool', totals.socialised, 'waterfall-socialised', 'Step 5: written off when the auction gave up'],
  ]
  return (
    <Panel title="Loss waterfall since deployment" testId="waterfall-panel">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
        {steps.map(([label, value, testId, hint]) => (
          <Stat key={testId} label={label} testId={testId} hint={hint}>
            {formatAmount(value, decimals)} tUSD
          </Stat>
        ))}
      </dl>
    </Panel>
  )
}

import type { InsuranceSnapshot } from '@/hooks/useInsuranceSnapshot'
import { formatAmount, formatDuration, formatPercent, formatSignificant } from '@/lib/format'
import { Panel } from '@/components/Panel'
import { Stat } from '@/components/Stat'

/** The fund and the staking vault as they stand at this block. */
export function FundPanel({ snapshot }: { snapshot: InsuranceSnapshot }) {
  const { fund, tokenDecimals, shareDecimals } = snapshot
  const tusd = (value: bigint) => `${formatAmount(value, tokenDecimals)} tUSD`
  return (
    <Panel title="Insurance fund" testId="fund-panel">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
        <Stat label="Protocol buffer" testId="fund-buffer" hint="Owned by the protocol, filled by its share of fees; pays bad debt first, before any staker is slashed.">
          {tusd(fund.buffer)}
        </Stat>
        <Stat label="Pending buffer fees" testId="fund-pending-buffer-fees" hint="The buffer's fee share still held by the engine; claimed into the buffer before it pays a loss.">
          {tusd(fund.pendingBufferFees)}
        </Stat>
        <Stat label="Total staked" testId="fund-staked" hint="The staking vault's totalAssets: staked tUSD plus the stakers' fee share not yet harvested.">
          {tusd(fund.stakedAssets)}
        </Stat>
        <Stat label="Share price" testId="fund-share-price" hint="tUSD one whole rINS share is worth now. Fees raise it, slashing lowers it.">
          {formatSignificant(fund.sharePrice, tokenDecimals)} tUSD
        </Stat>
        <Stat label="Total shares" testId="fund-total-shares" hint="rINS shares in existence">
          {formatSignificant(fund.totalShares, shareDecimals)}
        </Stat>
        <Stat label="Outstanding deficit" testId="fund-outstanding-deficit" hint="Bad debt handed to the debt auction that it has not raised yet (the pool's receivable).">
          {tusd(fund.outstandingDeficit)}
        </Stat>
        <Stat label="Max slash per event" testId="fund-max-slash" hint="At most this share of staked assets can be slashed in one loss event (one block).">
          {formatPercent(fund.maxSlash)}
        </Stat>
        <Stat label="Cooldown" testId="fund-cooldown-period" hint="Time between starting a cooldown and the unstake window opening.">
          {formatDuration(fund.cooldownPeriod)}
        </Stat>
        <Stat label="Unstake window" testId="fund-unstake-window" hint="How long redemption stays open after the cooldown; afterwards a new cooldown is needed.">
          {formatDuration(fund.unstakeWindow)}
        </Stat>
      </dl>
    </Panel>
  )
}

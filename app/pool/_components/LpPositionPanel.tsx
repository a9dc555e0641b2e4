import { Panel } from '@/components/Panel'
import { Stat } from '@/components/Stat'
import type { PoolSnapshot } from '@/hooks/usePoolSnapshot'
import { formatAmount, formatDuration } from '@/lib/format'
import { holdingTimeLeft } from '@/lib/pool/poolValue'

/** The connected LP's shares, what they are worth at the marked value, and when they may be withdrawn. */
export function LpPositionPanel({ snapshot }: { snapshot: PoolSnapshot }) {
  const { account } = snapshot
  if (!account) return (
    <Panel title="Your liquidity" testId="lp-position">
      <p className="text-sm text-zinc-400">Connect a wallet to see your shares.</p>
    </Panel>
  )
  const left = holdingTimeLeft(account.unlockTime, snapshot.timestamp)
  return (
    <Panel title="Your liquidity" testId="lp-position">
      <dl className="grid grid-cols-2 gap-3">
        <Stat label="Shares" testId="lp-shares">{formatAmount(account.shares, snapshot.shareDecimals, 4)}</Stat>
        <Stat label="Value (tUSD)" testId="lp-value" hint="Your shares at the marked value (convertToAssets)">{formatAmount(account.sharesValue, snapshot.tokenDecimals)}</Stat>
        <Stat label="Unlocks at" testId="lp-unlock-time" hint={`Withdrawals may be requested ${formatDuration(snapshot.terms.minHoldTime)} after your last executed deposit`}>
          {account.unlockTime === 0n ? '—' : new Date(Number(account.unlockTime) * 1000).toLocaleString()}
        </Stat>
        <Stat label="Holding time left" testId="lp-hold-left">{left === 0n ? 'none: withdrawals open' : formatDuration(left)}</Stat>
        <Stat label="Wallet (tUSD)" testId="lp-wallet">{formatAmount(account.balance, snapshot.tokenDecimals)}</Stat>
      </dl>
    </Panel>
  )
}

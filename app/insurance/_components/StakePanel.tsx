'use client'

import { useOpenConnectModal } from '@/hooks/useOpenConnectModal'
import { useAccount } from 'wagmi'
import { FaucetButton } from '@/components/FaucetButton'
import type { InsuranceSnapshot } from '@/hooks/useInsuranceSnapshot'
import { formatAmount, formatSignificant } from '@/lib/format'
import { cooldownPhase, type CooldownPhase } from '@/lib/staking/cooldown'
import { describeChainTime } from './chainTime'
import { CooldownAction } from './CooldownAction'
import { Panel } from '@/components/Panel'
import { RedeemForm } from './RedeemForm'
import { Stat } from '@/components/Stat'
import { StakeForm } from './StakeForm'

/** The connected account's stake, its cooldown, and the three actions: stake, cooldown, redeem. */
export function StakePanel({ snapshot }: { snapshot: InsuranceSnapshot }) {
  const { isConnected } = useAccount()
  const openConnectModal = useOpenConnectModal()
  if (!isConnected)
    return (
      <Panel title="Your stake">
        <button type="button" onClick={openConnectModal} className="rounded-lg bg-zinc-700 px-4 py-2 text-sm font-medium">
          Connect a wallet to stake
        </button>
      </Panel>
    )
  const { fund, tokenDecimals, shareDecimals, balance, timestamp } = snapshot
  const phase = cooldownPhase(fund, timestamp)
  return (
    <Panel title="Your stake" testId="stake-panel">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        <Stat label="Your shares" testId="stake-shares" hint="rINS shares you hold">
          {formatSignificant(fund.accountShares, shareDecimals)}
        </Stat>
        <Stat label="Their value" testId="stake-value" hint="What your shares are worth at the current share price">
          {formatAmount(fund.accountAssets, tokenDecimals)} tUSD
        </Stat>
        <Stat label="Wallet balance" testId="stake-wallet-balance">
          {balance === undefined ? '—' : `${formatAmount(balance, tokenDecimals)} tUSD`}
        </Stat>
        <Stat label="Cooldown" testId="stake-cooldown-state" hint="Cooldown, then a limited unstake window; redemption only inside the window">
          <span data-phase={phase.phase}>{describePhase(phase, timestamp)}</span>
        </Stat>
      </dl>
      {phase.phase !== 'none' && (
        <p className="text-xs text-amber-300" data-testid="stake-cooldown-amount">
          In cooldown: {formatSignificant(fund.cooldownShares, shareDecimals)} shares, worth {formatAmount(fund.cooldownAssets, tokenDecimals)} tUSD
          now. They stay in the fund and can still be slashed until you redeem them.
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-3">
        <StakeForm snapshot={snapshot} phase={phase} />
        <CooldownAction snapshot={snapshot} phase={phase} />
        <RedeemForm snapshot={snapshot} phase={phase} />
      </div>
      <FaucetButton />
    </Panel>
  )
}

function describePhase(phase: CooldownPhase, now: bigint): string {
  switch (phase.phase) {
    case 'none':
      return 'None'
    case 'coolingDown':
      return `Cooling down until ${describeChainTime(phase.windowStart, now)}`
    case 'windowOpen':
      return `Unstake window open until ${describeChainTime(phase.windowEnd, now)}`
    case 'windowExpired':
      return `Unstake window expired at ${describeChainTime(phase.windowEnd, now)}`
  }
}

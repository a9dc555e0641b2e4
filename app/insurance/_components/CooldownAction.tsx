'use client'

import { useDeployment } from '@/hooks/useDeployment'
import type { InsuranceSnapshot } from '@/hooks/useInsuranceSnapshot'
import { useTransaction } from '@/hooks/useTransaction'
import { stakingVaultAbi } from '@/lib/contracts/abi/StakingVault'
import { formatAmount, formatDuration, formatSignificant } from '@/lib/format'
import type { CooldownPhase } from '@/lib/staking/cooldown'

/** Start (or restart) the cooldown over the whole balance, saying what it fixes and that it stays slashable. */
export function CooldownAction({ snapshot, phase }: { snapshot: InsuranceSnapshot; phase: CooldownPhase }) {
  const deployment = useDeployment()
  const { send, isBusy } = useTransaction()
  const { fund, tokenDecimals, shareDecimals } = snapshot
  const hasShares = fund.accountShares > 0n
  const running = phase.phase === 'coolingDown' || phase.phase === 'windowOpen'
  const label = running ? 'Restart cooldown' : 'Start cooldown'

  return (
    <div className="space-y-2 rounded-lg border border-zinc-800 p-3" aria-label="Cooldown">
      <h3 className="text-sm font-medium">Cooldown</h3>
      <p className="text-xs text-zinc-400" data-testid="cooldown-explainer">
        {hasShares
          ? `Fixes your whole balance now, ${formatSignificant(fund.accountShares, shareDecimals)} shares (≈ ${formatAmount(fund.accountAssets, tokenDecimals)} tUSD), ` +
            `for redemption ${formatDuration(fund.cooldownPeriod)} later, during a ${formatDuration(fund.unstakeWindow)} window. ` +
            'Until you redeem, those tUSD stay in the fund and can still be slashed.'
          : 'Nothing staked: stake first.'}
      </p>
      {running && <p className="text-xs text-amber-300">Restarting resets the timer to the full cooldown.</p>}
      <button type="button" data-testid="cooldown-submit" disabled={!hasShares || isBusy}
        onClick={() => send({ abi: stakingVaultAbi, address: deployment.contracts.StakingVault, functionName: 'cooldown', label })}
        className="w-full rounded-lg bg-zinc-200 py-2 text-sm font-medium text-zinc-950 disabled:cursor-not-allowed disabled:opacity-40">
        {isBusy ? 'Waiting…' : label}
      </button>
    </div>
  )
}

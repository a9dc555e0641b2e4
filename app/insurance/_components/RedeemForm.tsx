'use client'

import { useState } from 'react'
import { formatUnits } from 'viem'
import { useAccount } from 'wagmi'
import { FieldError } from '@/components/FieldError'
import { useDeployment } from '@/hooks/useDeployment'
import type { InsuranceSnapshot } from '@/hooks/useInsuranceSnapshot'
import { useTransaction } from '@/hooks/useTransaction'
import { stakingVaultAbi } from '@/lib/contracts/abi/StakingVault'
import { formatAmount, formatDuration, formatSignificant } from '@/lib/format'
import type { CooldownPhase } from '@/lib/staking/cooldown'
import { checkRedeemAmount, redeemCall } from '@/lib/validation/stake'
import { describeChainTime } from './chainTime'

/** Redeem inside the unstake window, up to what the vault allows now; otherwise say why not. */
export function RedeemForm({ snapshot, phase }: { snapshot: InsuranceSnapshot; phase: CooldownPhase }) {
  const deployment = useDeployment()
  const { address } = useAccount()
  const { send, isBusy } = useTransaction()
  const [amount, setAmount] = useState('')
  const [touched, setTouched] = useState(false)
  const { fund, tokenDecimals, shareDecimals, maxRedeem, maxWithdraw, timestamp } = snapshot
  const open = phase.phase === 'windowOpen' && maxRedeem > 0n
  const check = checkRedeemAmount(amount, { tokenDecimals, maxWithdraw })
  const value = open && check.ok ? check.value : undefined

  async function submit() {
    if (value === undefined || !address) return
    const call = redeemCall(value, { maxWithdraw, maxRedeem })
    const vault = { abi: stakingVaultAbi, address: deployment.contracts.StakingVault, label: 'Redeem' } as const
    const done =
      call.functionName === 'redeem'
        ? await send({ ...vault, functionName: 'redeem', args: [call.shares, address, address] })
        : await send({ ...vault, functionName: 'withdraw', args: [call.assets, address, address] })
    if (done) {
      setAmount('')
      setTouched(false)
    }
  }

  return (
    <div className="space-y-2 rounded-lg border border-zinc-800 p-3" aria-label="Redeem">
      <h3 className="text-sm font-medium">Redeem</h3>
      {open ? (
        <p className="text-xs text-zinc-400" data-testid="redeem-max">
          Redeemable now: {formatAmount(maxWithdraw, tokenDecimals)} tUSD ({formatSignificant(maxRedeem, shareDecimals)} shares)
        </p>
      ) : (
        <p className="text-xs text-zinc-400" data-testid="redeem-disabled-reason">
          {whyClosed(phase, fund, timestamp)}
        </p>
      )}
      <label className="block text-xs text-zinc-400">
        Amount (tUSD)
        <span className="float-right">
          <button type="button" data-testid="redeem-max-button" disabled={!open} className="underline disabled:no-underline disabled:opacity-40"
            onClick={() => { setAmount(formatUnits(maxWithdraw, tokenDecimals)); setTouched(true) }}>
            Max
          </button>
        </span>
        <input data-testid="redeem-amount" inputMode="decimal" value={amount} placeholder="0.00" disabled={!open}
          onChange={(e) => { setAmount(e.target.value); setTouched(true) }}
          className="mt-1 w-full rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 font-mono text-sm text-zinc-100 disabled:opacity-40" />
      </label>
      <FieldError message={open && touched && !check.ok ? check.error : undefined} testId="redeem-amount-error" />
      <button type="button" data-testid="redeem-submit" disabled={value === undefined || isBusy} onClick={submit}
        className="w-full rounded-lg bg-zinc-200 py-2 text-sm font-medium text-zinc-950 disabled:cursor-not-allowed disabled:opacity-40">
        {isBusy ? 'Waiting…' : 'Redeem'}
      </button>
    </div>
  )
}

function whyClosed(phase: CooldownPhase, fund: InsuranceSnapshot['fund'], now: bigint): string {
  switch (phase.phase) {
    case 'none':
      return fund.accountShares === 0n
        ? 'Nothing staked.'
        : `Start a cooldown first: redemption opens ${formatDuration(fund.cooldownPeriod)} after it, for ${formatDuration(fund.unstakeWindow)}.`
    case 'coolingDown':
      return `Redemption opens at ${describeChainTime(phase.windowStart, now)}.`
    case 'windowExpired':
      return `The unstake window closed at ${describeChainTime(phase.windowEnd, now)}: start a new cooldown to redeem.`
    case 'windowOpen':
      return 'Nothing redeemable in this window.'
  }
}

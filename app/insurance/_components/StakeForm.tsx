'use client'

import { useState } from 'react'
import { useAccount } from 'wagmi'
import { FieldError } from '@/components/FieldError'
import { useDeployment } from '@/hooks/useDeployment'
import type { InsuranceSnapshot } from '@/hooks/useInsuranceSnapshot'
import { useTransaction } from '@/hooks/useTransaction'
import { stakingVaultAbi } from '@/lib/contracts/abi/StakingVault'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'
import { formatAmount } from '@/lib/format'
import type { CooldownPhase } from '@/lib/staking/cooldown'
import { checkStakeAmount } from '@/lib/validation/stake'

/** Deposit tUSD into the staking vault: approve (step 1) then deposit (step 2). */
export function StakeForm({ snapshot, phase }: { snapshot: InsuranceSnapshot; phase: CooldownPhase }) {
  const deployment = useDeployment()
  const { address } = useAccount()
  const { send, isBusy } = useTransaction()
  const [amount, setAmount] = useState('')
  // The message shows once the person has typed; an untouched empty field is not an error.
  const [touched, setTouched] = useState(false)
  const { tokenDecimals, balance, allowance } = snapshot
  const check = checkStakeAmount(amount, { tokenDecimals, balance })
  const value = check.ok ? check.value : undefined
  const needsApproval = value !== undefined && allowance !== undefined && allowance < value

  async function submit() {
    if (value === undefined || !address) return
    const vault = deployment.contracts.StakingVault
    if (needsApproval) {
      await send({ abi: testUsdAbi, address: deployment.contracts.SettlementToken, functionName: 'approve', args: [vault, value], label: 'Approve tUSD' })
      return
    }
    if (await send({ abi: stakingVaultAbi, address: vault, functionName: 'deposit', args: [value, address], label: 'Stake' })) {
      setAmount('')
      setTouched(false)
    }
  }

  return (
    <div className="space-y-2 rounded-lg border border-zinc-800 p-3" aria-label="Stake">
      <h3 className="text-sm font-medium">Stake</h3>
      <label className="block text-xs text-zinc-400">
        Amount (tUSD)
        <input data-testid="stake-amount" inputMode="decimal" value={amount} placeholder="0.00"
          onChange={(e) => { setAmount(e.target.value); setTouched(true) }}
          className="mt-1 w-full rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 font-mono text-sm text-zinc-100" />
      </label>
      <FieldError message={touched && !check.ok ? check.error : undefined} testId="stake-amount-error" />
      {phase.phase !== 'none' && (
        <p className="text-xs text-zinc-500">A new deposit is not added to your running cooldown and does not shorten it.</p>
      )}
      <button type="button" data-testid="stake-submit" disabled={value === undefined || isBusy} onClick={submit}
        className="w-full rounded-lg bg-emerald-500 py-2 text-sm font-medium text-zinc-950 disabled:cursor-not-allowed disabled:opacity-40">
        {isBusy ? 'Waiting…' : needsApproval ? `Step 1 of 2: approve ${formatAmount(value, tokenDecimals)} tUSD` : 'Stake'}
      </button>
    </div>
  )
}

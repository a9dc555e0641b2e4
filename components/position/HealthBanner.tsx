'use client'

import { useState } from 'react'
import { FieldError } from '@/components/FieldError'
import { useDeployment } from '@/hooks/useDeployment'
import { useTransaction } from '@/hooks/useTransaction'
import { perpEngineAbi } from '@/lib/contracts/abi/PerpEngine'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'
import { formatAmount, formatHealth } from '@/lib/format'
import { collateralForHealth, DEFAULT_TARGET_HEALTH, HEALTH_WARNING, WAD } from '@/lib/risk'
import { parseAmount } from '@/lib/validation/amount'
import type { LoadedTradeSnapshot } from './types'

const TARGET_DECIMALS = 2

/**
 * Under health 1.2, a banner on the position with a one-click "add collateral": the amount that
 * brings the health back to a target the trader picks (1.5 unless changed), at the current price,
 * from `collateralForHealth` in lib/risk.ts. Sent as the position actions send it: the engine's
 * `addCollateral` (one step), after approving the engine for it if needed.
 */
export function HealthBanner({ marketId, snapshot }: { marketId: bigint; snapshot: LoadedTradeSnapshot }) {
  const deployment = useDeployment()
  const { send, isBusy } = useTransaction()
  const [targetText, setTargetText] = useState(formatAmount(DEFAULT_TARGET_HEALTH, 18, TARGET_DECIMALS))
  const { position, decimals, balance, allowance } = snapshot
  if (!position || position.health >= HEALTH_WARNING) return null

  const parsed = parseAmount(targetText, TARGET_DECIMALS)
  const target = parsed.ok ? parsed.value * 10n ** BigInt(18 - TARGET_DECIMALS) : undefined
  let targetError = parsed.ok ? undefined : parsed.error
  if (target !== undefined && target <= WAD) targetError = 'Pick a health above 1 (under 1 the position can be liquidated).'
  const amount = target !== undefined && !targetError ? collateralForHealth(position.equity, position.mmr, target) : undefined
  if (amount === 0n) targetError = `The position is already at ${formatHealth(position.health)}: pick a higher health.`
  const balanceError = amount !== undefined && balance !== undefined && amount > balance ? `That needs ${formatAmount(amount, decimals)} tUSD; your balance is ${formatAmount(balance, decimals)}.` : undefined
  const needsApproval = amount !== undefined && allowance !== undefined && allowance < amount
  const blocked = isBusy || !amount || !!targetError || !!balanceError

  async function submit() {
    if (blocked || !amount) return
    if (needsApproval) {
      // 1 % over the amount: funding accrued by the next block can raise it by a unit, which would ask for approval again.
      await send({ abi: testUsdAbi, address: deployment.contracts.SettlementToken, functionName: 'approve', args: [deployment.contracts.PerpEngine, amount + amount / 100n + 1n], label: 'Approve tUSD' })
      return
    }
    await send({ abi: perpEngineAbi, address: deployment.contracts.PerpEngine, functionName: 'addCollateral', args: [marketId, amount], label: 'Add collateral' })
  }

  const danger = position.health < WAD
  return (
    <div role="alert" data-testid="health-banner"
      className={`space-y-2 rounded-lg border p-3 text-sm ${danger ? 'border-rose-500/60 bg-rose-950/40 text-rose-100' : 'border-amber-500/60 bg-amber-950/30 text-amber-100'}`}>
      <p>
        Health <span className="font-mono" data-testid="health-banner-health">{formatHealth(position.health)}</span>
        {danger ? ': under 1, anyone can liquidate this position now.' : ': under 1.2, a small move can make this position liquidatable.'}
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-xs">
          Bring health to
          <input data-testid="health-banner-target" inputMode="decimal" value={targetText} onChange={(e) => setTargetText(e.target.value)}
            className="ml-2 w-20 rounded-md border border-zinc-700 bg-zinc-950 px-2 py-1 font-mono text-sm text-zinc-100" />
        </label>
        <button type="button" data-testid="health-banner-submit" disabled={blocked} onClick={submit}
          className="rounded-md bg-zinc-100 px-3 py-1.5 text-sm font-medium text-zinc-950 disabled:cursor-not-allowed disabled:opacity-40">
          {isBusy ? (
            'Waiting…'
          ) : amount === undefined || amount === 0n ? (
            'Add collateral'
          ) : (
            <>
              {needsApproval ? 'Step 1 of 2: approve for ' : 'Add '}
              <span data-testid="health-banner-amount">{formatAmount(amount, decimals)}</span> tUSD collateral
            </>
          )}
        </button>
      </div>
      <FieldError message={targetError ?? balanceError} testId="health-banner-error" />
      <p className="text-xs opacity-70">The amount is computed at the oracle&apos;s accepted price now; a move before it is mined changes the health reached.</p>
    </div>
  )
}

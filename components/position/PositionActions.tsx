'use client'

import { useState } from 'react'
import { FieldError } from '@/components/FieldError'
import { PreviewRows } from '@/components/PreviewRows'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import { useTransaction } from '@/hooks/useTransaction'
import { perpEngineAbi, testUsdAbi } from '@/lib/contracts/generated'
import { checkPositionAction, POSITION_ACTIONS, type PositionAction } from '@/lib/validation/positionAction'
import type { LoadedTradeSnapshot } from './types'

/**
 * Add or remove collateral, increase, reduce or close one position, each with its own preview of
 * the position afterwards; checked as typed, nothing sent until valid. Used on the market page
 * and in the portfolio table.
 */
export function PositionActions({ marketId, snapshot }: { marketId: bigint; snapshot: LoadedTradeSnapshot }) {
  const { deployment } = useAppConfig()
  const { send, isBusy } = useTransaction()
  const [action, setAction] = useState<PositionAction>('addCollateral')
  const [amount, setAmount] = useState('')
  const { position, market, tradeMarket, decimals, balance, allowance } = snapshot
  if (!position) return null
  const check = checkPositionAction(action, amount, { position, market: tradeMarket, tokenDecimals: decimals, balance })
  const needsApproval = action === 'addCollateral' && check.amount !== undefined && allowance !== undefined && allowance < check.amount

  async function submit() {
    const engine = { abi: perpEngineAbi, address: deployment.contracts.PerpEngine } as const
    if (action === 'close') return void (await send({ ...engine, functionName: 'close', args: [marketId], label: 'Close position' }))
    if (check.amount === undefined) return
    if (needsApproval)
      return void (await send({ abi: testUsdAbi, address: deployment.contracts.TestUSD, functionName: 'approve', args: [deployment.contracts.PerpEngine, check.amount], label: 'Approve tUSD' }))
    const label = POSITION_ACTIONS[action]
    const done =
      action === 'addCollateral' ? await send({ ...engine, functionName: 'addCollateral', args: [marketId, check.amount], label })
      : action === 'removeCollateral' ? await send({ ...engine, functionName: 'removeCollateral', args: [marketId, check.amount], label })
      : action === 'increase' ? await send({ ...engine, functionName: 'increase', args: [marketId, check.amount, 0n], label })
      : await send({ ...engine, functionName: 'reduce', args: [marketId, check.amount], label })
    if (done) setAmount('')
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2" role="group" aria-label="Position actions">
        {(Object.keys(POSITION_ACTIONS) as PositionAction[]).map((key) => (
          <button key={key} type="button" data-testid={`position-action-${key}`} aria-pressed={action === key} onClick={() => setAction(key)}
            className={`rounded-md px-3 py-1 text-xs ${action === key ? 'bg-zinc-200 text-zinc-900' : 'bg-zinc-800 text-zinc-300'}`}>
            {POSITION_ACTIONS[key]}
          </button>
        ))}
      </div>
      {action !== 'close' && (
        <label className="block text-xs text-zinc-400">
          {action === 'increase' || action === 'reduce' ? `Size (${market.name.split('-')[0]})` : 'Amount (tUSD)'}
          <input data-testid="position-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)}
            className="mt-1 w-full rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 font-mono text-sm text-zinc-100" />
          <FieldError message={check.error} testId="position-amount-error" />
        </label>
      )}
      {check.preview && <PreviewRows preview={check.preview} decimals={decimals} testIdPrefix="position-preview" showFee={action === 'increase' || action === 'reduce' || action === 'close'} />}
      <button type="button" data-testid="position-submit" disabled={isBusy || (action !== 'close' && !check.preview) || !!check.error} onClick={submit}
        className="w-full rounded-lg bg-zinc-200 py-2 text-sm font-medium text-zinc-950 disabled:cursor-not-allowed disabled:opacity-40">
        {isBusy ? 'Waiting…' : needsApproval ? 'Step 1 of 2: approve tUSD' : POSITION_ACTIONS[action]}
      </button>
    </div>
  )
}

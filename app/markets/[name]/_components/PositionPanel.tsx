'use client'

import { useState } from 'react'
import { FieldError } from '@/components/FieldError'
import { HealthBar } from '@/components/HealthBar'
import { PreviewRows } from '@/components/PreviewRows'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import { useTransaction } from '@/hooks/useTransaction'
import { perpEngineAbi, testUsdAbi } from '@/lib/contracts/generated'
import { formatAmount, formatLeverage, formatPercent, formatWad } from '@/lib/format'
import { distanceToLiquidation, LIQUIDATION_PROBABILITY_EXPLAINER as PROBABILITY_HINT, liquidationProbability } from '@/lib/risk'
import { checkPositionAction, POSITION_ACTIONS, type PositionAction } from '@/lib/validation/positionAction'
import type { LoadedTradeSnapshot } from './types'


export function PositionPanel({ marketId, snapshot }: { marketId: bigint; snapshot: LoadedTradeSnapshot }) {
  const { deployment } = useAppConfig()
  const { send, isBusy } = useTransaction()
  const [action, setAction] = useState<PositionAction>('addCollateral')
  const [amount, setAmount] = useState('')
  const { position, market, tradeMarket, decimals, balance, allowance } = snapshot
  if (!position) return null
  const isLong = position.size > 0n
  const distance = distanceToLiquidation(position.markPrice, position.liquidationPrice)
  const probability = liquidationProbability(position.markPrice, position.liquidationPrice, isLong, market.volatility)
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

  const cells: [string, React.ReactNode, string][] = [
    ['Side', <span key="s" className={isLong ? 'text-emerald-400' : 'text-rose-400'}>{isLong ? 'Long' : 'Short'}</span>, 'side'],
    ['Size', formatWad(isLong ? position.size : -position.size, 4), 'size'],
    ['Entry', formatWad(position.entryPrice), 'entry'],
    ['Mark', formatWad(position.markPrice), 'mark'],
    ['PnL', formatAmount(position.unrealisedPnl, decimals), 'pnl'],
    ['PnL after funding', formatAmount(position.unrealisedPnl - position.fundingOwed, decimals), 'pnl-net'],
    ['Collateral', formatAmount(position.collateral, decimals), 'collateral'],
    ['Leverage', formatLeverage(position.leverage), 'leverage'],
    ['Liquidation price', position.liquidationPrice === 0n ? '—' : formatWad(position.liquidationPrice), 'liquidation-price'],
    ['Distance', distance === null ? '—' : formatPercent(distance), 'liquidation-distance'],
  ]

  return (
    <section className="space-y-4 rounded-xl border border-zinc-800 bg-zinc-900/40 p-4" aria-label="Your position" data-testid="position-panel">
      <div className="flex items-center justify-between">
        <h2 className="font-medium">Your position</h2>
        <HealthBar health={position.health} testId="position-health" />
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {cells.map(([label, value, id]) => (
          <div key={id}>
            <dt className="text-xs text-zinc-500">{label}</dt>
            <dd className="font-mono text-sm" data-testid={`position-${id}`}>{value}</dd>
          </div>
        ))}
        <div title={PROBABILITY_HINT}>
          <dt className="text-xs text-zinc-500 underline decoration-dotted">Liquidation within 24 h</dt>
          <dd className="font-mono text-sm" data-testid="position-liquidation-probability">{(probability * 100).toFixed(2)}%</dd>
        </div>
      </dl>
      <div className="flex flex-wrap gap-2">
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
    </section>
  )
}

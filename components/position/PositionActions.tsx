'use client'

import { useState } from 'react'
import { FieldError } from '@/components/FieldError'
import { PreviewRows } from '@/components/PreviewRows'
import { useDeployment } from '@/hooks/useDeployment'
import { RequestTermsFields } from '@/components/orders/RequestTermsFields'
import { useOrderSettings } from '@/hooks/useOrderSettings'
import { useTransaction } from '@/hooks/useTransaction'
import { iOrderRouterAbi } from '@/lib/contracts/abi/IOrderRouter'
import { perpEngineAbi } from '@/lib/contracts/abi/PerpEngine'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'
import { useOrderRequests } from '@/hooks/useOrderRequests'
import { minNotionalError, routerRequestForm } from '@/lib/orders/checkRequestTerms'
import { pendingExit, pendingExitMessage } from '@/lib/orders/pendingExit'
import type { OrderKindName } from '@/lib/orders/requestTerms'
import { checkPositionAction, POSITION_ACTIONS, type PositionAction } from '@/lib/validation/positionAction'
import type { LoadedTradeSnapshot } from './types'

/** Which actions are two-step requests through the router (the rest stay one step on the engine). */
const REQUEST_KIND: Partial<Record<PositionAction, OrderKindName>> = { increase: 'Increase', reduce: 'Reduce', close: 'Close' }

/**
 * Add or remove collateral (one step, on the engine), or request an increase, a reduction or a
 * close (two steps, through the router, with an acceptable price and an expiry), each with its own
 * preview of the position afterwards; checked as typed, nothing sent until valid. While a reduce
 * or close of this position is pending, no other is sent (the message names it). Used on the
 * market page and in the portfolio table.
 */
export function PositionActions({ marketId, snapshot }: { marketId: bigint; snapshot: LoadedTradeSnapshot }) {
  const deployment = useDeployment()
  const { send, isBusy } = useTransaction()
  const [action, setAction] = useState<PositionAction>('addCollateral')
  const [amount, setAmount] = useState('')
  // The field's message shows once something was typed in it: an untouched empty field is not an error.
  const [typed, setTyped] = useState(false)
  const { settings, update } = useOrderSettings()
  const { orders } = useOrderRequests()
  const { position, market, tradeMarket, decimals, balance, allowance, routerAllowance, terms: routerTerms, timestamp } = snapshot
  if (!position) return null
  const check = checkPositionAction(action, amount, { position, market: tradeMarket, tokenDecimals: decimals, balance })
  const kind = REQUEST_KIND[action]
  const isLong = position.size > 0n
  const termsForm = kind ? routerRequestForm(settings, { kind, isLong }, { price: market.price, now: timestamp, router: routerTerms }) : undefined
  const requestTerms = termsForm?.check.terms
  const exitPending = action === 'reduce' || action === 'close' ? pendingExit(orders, marketId) : undefined
  const sizeAfter = check.amount === undefined ? undefined : action === 'increase' ? (isLong ? position.size + check.amount : position.size - check.amount) : isLong ? position.size - check.amount : position.size + check.amount
  const notionalError =
    (action === 'increase' || action === 'reduce') && requestTerms && sizeAfter !== undefined && !check.error
      ? minNotionalError(sizeAfter, requestTerms.acceptablePrice, routerTerms.minPositionNotional)
      : undefined
  const fee = routerTerms.executionFee
  const needsApproval =
    action === 'addCollateral'
      ? check.amount !== undefined && allowance !== undefined && allowance < check.amount
      : kind !== undefined && routerAllowance !== undefined && routerAllowance < fee
  const blocked = isBusy || !!exitPending || (kind !== undefined && !requestTerms) || !!notionalError || (action !== 'close' && !check.preview) || !!check.error

  async function submit() {
    const engine = { abi: perpEngineAbi, address: deployment.contracts.PerpEngine } as const
    const router = { abi: iOrderRouterAbi, address: deployment.contracts.OrderRouter } as const
    if (needsApproval) {
      const spender = kind ? deployment.contracts.OrderRouter : deployment.contracts.PerpEngine
      return void (await send({ abi: testUsdAbi, address: deployment.contracts.SettlementToken, functionName: 'approve', args: [spender, kind ? fee : check.amount!], label: 'Approve tUSD' }))
    }
    if (action === 'close') {
      if (!requestTerms) return
      return void (await send({ ...router, functionName: 'requestClose', args: [marketId, requestTerms.acceptablePrice, requestTerms.expiry], label: 'Request close' }))
    }
    if (check.amount === undefined) return
    const label = POSITION_ACTIONS[action]
    let done = false
    if (action === 'addCollateral') done = await send({ ...engine, functionName: 'addCollateral', args: [marketId, check.amount], label })
    else if (action === 'removeCollateral') done = await send({ ...engine, functionName: 'removeCollateral', args: [marketId, check.amount], label })
    else if (requestTerms && action === 'increase')
      done = await send({ ...router, functionName: 'requestIncrease', args: [marketId, check.amount, 0n, requestTerms.acceptablePrice, requestTerms.expiry], label: 'Request increase' })
    else if (requestTerms) done = await send({ ...router, functionName: 'requestReduce', args: [marketId, check.amount, requestTerms.acceptablePrice, requestTerms.expiry], label: 'Request reduce' })
    if (done) {
      setAmount('')
      setTyped(false)
    }
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
          <input data-testid="position-amount" inputMode="decimal" value={amount} onChange={(e) => { setTyped(true); setAmount(e.target.value) }}
            className="mt-1 w-full rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 font-mono text-sm text-zinc-100" />
          <FieldError message={typed ? check.error : undefined} testId="position-amount-error" />
        </label>
      )}
      <FieldError message={notionalError} testId="position-notional-error" />
      {termsForm && <RequestTermsFields testIdPrefix="position" settings={settings} onChange={update} form={termsForm} decimals={decimals} />}
      {check.preview && <PreviewRows preview={check.preview} decimals={decimals} testIdPrefix="position-preview" showFee={action === 'increase' || action === 'reduce' || action === 'close'} />}
      <button type="button" data-testid="position-submit" disabled={blocked} onClick={submit}
        className="w-full rounded-lg bg-zinc-200 py-2 text-sm font-medium text-zinc-950 disabled:cursor-not-allowed disabled:opacity-40">
        {isBusy ? 'Waiting…' : needsApproval ? 'Step 1 of 2: approve tUSD' : kind ? `Request ${POSITION_ACTIONS[action].toLowerCase()}` : POSITION_ACTIONS[action]}
      </button>
      {exitPending && (
        <p role="status" data-testid="position-pending-exit" className="text-xs text-amber-300">
          {pendingExitMessage(exitPending)}
        </p>
      )}
    </div>
  )
}

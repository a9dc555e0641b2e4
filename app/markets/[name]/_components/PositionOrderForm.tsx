'use client'

import { useState } from 'react'
import { formatUnits } from 'viem'
import { FaucetButton } from '@/components/FaucetButton'
import { FieldError } from '@/components/FieldError'
import { PreviewRows } from '@/components/PreviewRows'
import { useDeployment } from '@/hooks/useDeployment'
import { RequestTermsFields } from '@/components/orders/RequestTermsFields'
import type { LoadedTradeSnapshot } from '@/components/position/types'
import { useOrderRequests } from '@/hooks/useOrderRequests'
import { useOrderSettings } from '@/hooks/useOrderSettings'
import { useTransaction } from '@/hooks/useTransaction'
import { iOrderRouterAbi } from '@/lib/contracts/abi/IOrderRouter'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'
import { formatAmount, formatLeverage, formatWad } from '@/lib/format'
import { minNotionalError, routerRequestForm } from '@/lib/orders/checkRequestTerms'
import { pendingExit, pendingExitMessage } from '@/lib/orders/pendingExit'
import { oracleStatusName } from '@/lib/protocol'
import { closeFee } from '@/lib/risk'
import { checkIncrease, checkReduce, percentOfSize, REDUCE_PERCENTS, type PositionOrderMode } from '@/lib/validation/positionOrder'

const MODES: [PositionOrderMode, string][] = [
  ['increase', 'Increase'],
  ['reduce', 'Reduce'],
  ['close', 'Close'],
]

/**
 * The order form of a market where the account already holds a position: the engine keeps one
 * position per account and market, so instead of an open (refused with `PositionExists`) it
 * requests an increase (size, and collateral with it if wanted), a reduce (a size, or 25/50/75 %
 * of the position; Max sends a close) or a close, on the same two-step flow as an open: approve
 * the escrow, then the request, filled at the next fresh price. Every field is checked as typed
 * with the engine's rules; a message shows once the field has been typed in.
 */
export function PositionOrderForm({ marketId, snapshot }: { marketId: bigint; snapshot: LoadedTradeSnapshot }) {
  const deployment = useDeployment()
  const { send, isBusy } = useTransaction()
  const { settings, update } = useOrderSettings()
  const { orders } = useOrderRequests()
  const [mode, setMode] = useState<PositionOrderMode>('increase')
  const [increase, setIncrease] = useState({ size: '', collateral: '' })
  const [reduceSize, setReduceSize] = useState('')
  const [touched, setTouched] = useState<Set<string>>(new Set())
  const touch = (field: string) => setTouched((current) => new Set([...current, field]))

  const { position, market, tradeMarket, decimals, balance, routerAllowance, terms: routerTerms, timestamp } = snapshot
  if (!position) return null
  const isLong = position.size > 0n
  const size = isLong ? position.size : -position.size
  const base = market.name.split('-')[0]
  const fee = routerTerms.executionFee

  const increaseCheck = checkIncrease(increase, {
    position,
    market: tradeMarket,
    tokenDecimals: decimals,
    balance: balance === undefined ? undefined : balance > fee ? balance - fee : 0n,
    state: { oracleStatus: oracleStatusName(market.oracleStatus), paused: market.paused },
  })
  const reduceCheck = checkReduce(reduceSize, { position, market: tradeMarket, tokenDecimals: decimals })
  const closes = mode === 'close' || (mode === 'reduce' && !!reduceCheck.closes)
  const kind = mode === 'increase' ? 'Increase' : closes ? 'Close' : 'Reduce'
  const termsForm = routerRequestForm(settings, { kind, isLong }, { price: market.price, now: timestamp, router: routerTerms })
  const requestTerms = termsForm.check.terms

  // What the router would refuse: a size left under the minimum notional at the limit price.
  const sizeAfter =
    mode === 'increase' ? (increaseCheck.order ? size + increaseCheck.order.sizeDelta : undefined)
    : mode === 'reduce' && !closes && reduceCheck.order ? size - reduceCheck.order.sizeDelta
    : undefined
  const notionalError = sizeAfter !== undefined && requestTerms ? minNotionalError(sizeAfter, requestTerms.acceptablePrice, routerTerms.minPositionNotional) : undefined
  // After a pending close the position is gone when anything else executes; a pending reduce changes the size an exit is checked against.
  const exit = pendingExit(orders, marketId)
  const exitBlocks = exit && (mode !== 'increase' || exit.kind === 'Close') ? exit : undefined

  const ready =
    mode === 'increase' ? !!increaseCheck.order
    : mode === 'reduce' ? !!reduceCheck.order
    : true
  const escrow = mode === 'increase' && increaseCheck.order ? increaseCheck.order.collateralDelta + fee : fee
  const needsApproval = ready && routerAllowance !== undefined && routerAllowance < escrow
  const blocked = isBusy || !ready || !requestTerms || !!notionalError || !!exitBlocks

  async function submit() {
    if (blocked || !requestTerms) return
    const router = { abi: iOrderRouterAbi, address: deployment.contracts.OrderRouter } as const
    if (needsApproval) {
      await send({ abi: testUsdAbi, address: deployment.contracts.SettlementToken, functionName: 'approve', args: [deployment.contracts.OrderRouter, escrow], label: 'Approve tUSD' })
      return
    }
    let done = false
    if (mode === 'increase' && increaseCheck.order) {
      const { sizeDelta, collateralDelta } = increaseCheck.order
      done = await send({ ...router, functionName: 'requestIncrease', args: [marketId, sizeDelta, collateralDelta, requestTerms.acceptablePrice, requestTerms.expiry], label: 'Request increase' })
    } else if (closes) {
      done = await send({ ...router, functionName: 'requestClose', args: [marketId, requestTerms.acceptablePrice, requestTerms.expiry], label: 'Request close' })
    } else if (reduceCheck.order) {
      done = await send({ ...router, functionName: 'requestReduce', args: [marketId, reduceCheck.order.sizeDelta, requestTerms.acceptablePrice, requestTerms.expiry], label: 'Request reduce' })
    }
    if (done) {
      setIncrease({ size: '', collateral: '' })
      setReduceSize('')
      setTouched(new Set())
    }
  }

  const shown = (field: string, message: string | undefined) => (touched.has(field) ? message : undefined)
  const input = 'mt-1 w-full rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 font-mono text-sm text-zinc-100'
  const closeBack = position.equity - closeFee(position.size, market.price, market.takerFee, tradeMarket.scale)
  const submitLabel = isBusy
    ? 'Waiting…'
    : needsApproval
      ? `Step 1 of 2: approve ${formatAmount(escrow, decimals)} tUSD`
      : mode === 'increase'
        ? `Request increase (escrow ${formatAmount(escrow, decimals)} tUSD)`
        : closes
          ? 'Request close'
          : 'Request reduce'

  return (
    <section className="space-y-4 rounded-xl border border-zinc-800 bg-zinc-900/40 p-4" aria-label="Change your position" data-testid="position-order-form">
      <p className="text-sm" data-testid="order-position-summary">
        Your <span className={isLong ? 'text-emerald-400' : 'text-rose-400'}>{isLong ? 'long' : 'short'}</span>{' '}
        <span className="font-mono">{formatWad(size, 4)} {base}</span> at {formatLeverage(position.leverage)}
      </p>
      <p className="text-xs text-zinc-500">One position per market: this form increases, reduces or closes it.</p>
      <div className="flex gap-2" role="group" aria-label="Order type">
        {MODES.map(([key, label]) => (
          <button key={key} type="button" data-testid={`order-mode-${key}`} aria-pressed={mode === key} onClick={() => setMode(key)}
            className={`flex-1 rounded-md py-1.5 text-sm font-medium ${mode === key ? 'bg-zinc-200 text-zinc-900' : 'bg-zinc-800 text-zinc-300'}`}>
            {label}
          </button>
        ))}
      </div>

      {mode === 'increase' && (
        <>
          <label className="block text-xs text-zinc-400">
            Add size ({base})
            <input data-testid="order-size" inputMode="decimal" value={increase.size} className={input}
              onChange={(e) => { touch('size'); setIncrease({ ...increase, size: e.target.value }) }} />
            <FieldError message={shown('size', increaseCheck.errors.size)} testId="order-size-error" />
          </label>
          <label className="block text-xs text-zinc-400">
            Add collateral with it (tUSD, optional){balance !== undefined && <span className="float-right">Balance {formatAmount(balance, decimals)}</span>}
            <input data-testid="order-collateral" inputMode="decimal" value={increase.collateral} placeholder="0.00" className={input}
              onChange={(e) => { touch('collateral'); setIncrease({ ...increase, collateral: e.target.value }) }} />
            <FieldError message={shown('collateral', increaseCheck.errors.collateral)} testId="order-collateral-error" />
          </label>
          <FieldError message={increaseCheck.errors.market} testId="order-market-error" />
          {increaseCheck.order && <PreviewRows preview={increaseCheck.order.preview} decimals={decimals} testIdPrefix="order-preview" />}
        </>
      )}

      {mode === 'reduce' && (
        <>
          <label className="block text-xs text-zinc-400">
            Reduce by ({base}, of {formatWad(size, 4)})
            <input data-testid="order-reduce-size" inputMode="decimal" value={reduceSize} className={input}
              onChange={(e) => { touch('reduce'); setReduceSize(e.target.value) }} />
          </label>
          <div className="flex gap-2" role="group" aria-label="Share of the position">
            {REDUCE_PERCENTS.map((percent) => (
              <button key={percent} type="button" data-testid={`order-percent-${percent}`}
                onClick={() => { touch('reduce'); setReduceSize(formatUnits(percentOfSize(position.size, percent), 18)) }}
                className="flex-1 rounded-md bg-zinc-800 py-1 text-xs text-zinc-300 hover:bg-zinc-700">
                {percent === 100 ? 'Max' : `${percent}%`}
              </button>
            ))}
          </div>
          <FieldError message={shown('reduce', reduceCheck.error)} testId="order-reduce-error" />
          {reduceCheck.closes && <p className="text-xs text-zinc-400" data-testid="order-reduce-closes">The whole position: sent as a close.</p>}
          {reduceCheck.order?.preview && <PreviewRows preview={reduceCheck.order.preview} decimals={decimals} testIdPrefix="order-preview" />}
        </>
      )}

      {closes && (
        <p className="text-xs text-zinc-400" title="Equity at the oracle's accepted price less the close fee; the fill is at the next fresh price, so the amount moves with it.">
          Closing now would return about <span className="font-mono text-zinc-200" data-testid="order-close-payout">{formatAmount(closeBack > 0n ? closeBack : 0n, decimals)}</span> tUSD
          (equity less the close fee, at the current price).
        </p>
      )}

      <FieldError message={notionalError} testId="order-notional-error" />
      <RequestTermsFields testIdPrefix="order" settings={settings} onChange={update} form={termsForm} decimals={decimals} />
      <button type="button" data-testid="order-submit" disabled={blocked} onClick={submit}
        className="w-full rounded-lg bg-emerald-500 py-2 text-sm font-medium text-zinc-950 disabled:cursor-not-allowed disabled:opacity-40">
        {submitLabel}
      </button>
      {exitBlocks && (
        <p role="status" data-testid="order-pending-exit" className="text-xs text-amber-300">
          {pendingExitMessage(exitBlocks)}
        </p>
      )}
      <FaucetButton />
    </section>
  )
}

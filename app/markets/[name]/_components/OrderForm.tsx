'use client'

import { useOpenConnectModal } from '@/hooks/useOpenConnectModal'
import { useState } from 'react'
import { useAccount } from 'wagmi'
import { FaucetButton } from '@/components/FaucetButton'
import { FieldError } from '@/components/FieldError'
import { PreviewRows } from '@/components/PreviewRows'
import { useDeployment } from '@/hooks/useDeployment'
import { RequestTermsFields } from '@/components/orders/RequestTermsFields'
import { useOrderRequests } from '@/hooks/useOrderRequests'
import { useOrderSettings } from '@/hooks/useOrderSettings'
import { useTransaction } from '@/hooks/useTransaction'
import { iOrderRouterAbi } from '@/lib/contracts/abi/IOrderRouter'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'
import { formatAmount } from '@/lib/format'
import { minNotionalError, routerRequestForm } from '@/lib/orders/checkRequestTerms'
import { pendingOpen, pendingOpenMessage } from '@/lib/orders/pendingExit'
import { oracleStatusName } from '@/lib/protocol'
import { checkOpenOrder, type OrderInput } from '@/lib/validation/order'
import type { LoadedTradeSnapshot } from '@/components/position/types'

const EMPTY: OrderInput = { side: 'long', collateral: '', leverage: '5', size: '', driver: 'leverage' }

export function OrderForm({ marketId, snapshot }: { marketId: bigint; snapshot: LoadedTradeSnapshot }) {
  const deployment = useDeployment()
  const { isConnected } = useAccount()
  const openConnectModal = useOpenConnectModal()
  const { send, isBusy } = useTransaction()
  const [input, setInput] = useState<OrderInput>(EMPTY)
  // A field's message shows once the trader has typed in it; an untouched empty form is not an error.
  const [touched, setTouched] = useState<Set<string>>(new Set())
  const set = (patch: Partial<OrderInput>) => {
    setTouched((current) => new Set([...current, ...Object.keys(patch)]))
    setInput((current) => ({ ...current, ...patch }))
  }
  const shown = (field: 'collateral' | 'leverage' | 'size') => (touched.has(field) ? check.errors[field] : undefined)

  const { market, tradeMarket, decimals, balance, routerAllowance, terms: routerTerms, timestamp } = snapshot
  // One position per account and market: a second open while the first waits would be refused at execution.
  const { orders } = useOrderRequests()
  const openPending = pendingOpen(orders, marketId)
  const { settings, update } = useOrderSettings()
  const fee = routerTerms.executionFee
  // The fee is escrowed with the collateral, so the balance must cover both.
  const check = checkOpenOrder(input, {
    tokenDecimals: decimals,
    balance: balance === undefined ? undefined : balance > fee ? balance - fee : 0n,
    market: tradeMarket,
    state: { oracleStatus: oracleStatusName(market.oracleStatus), paused: market.paused },
  })
  const termsForm = routerRequestForm(settings, { kind: 'Open', isLong: input.side === 'long' }, { price: market.price, now: timestamp, router: routerTerms })
  const requestTerms = termsForm.check.terms
  const notionalError = check.order && requestTerms ? minNotionalError(check.order.size, requestTerms.acceptablePrice, routerTerms.minPositionNotional) : undefined
  const order = notionalError || !requestTerms ? undefined : check.order
  const escrow = order ? order.collateral + fee : 0n
  const needsApproval = !openPending && order !== undefined && routerAllowance !== undefined && routerAllowance < escrow
  const sizeShown = input.driver === 'size' ? input.size : check.derived.size !== undefined ? formatAmount(check.derived.size, 18, 4) : ''
  const leverageShown = input.driver === 'leverage' ? input.leverage : check.derived.leverage !== undefined ? formatAmount(check.derived.leverage, 18, 2) : ''

  async function submit() {
    if (!order || openPending) return
    if (needsApproval) {
      await send({ abi: testUsdAbi, address: deployment.contracts.SettlementToken, functionName: 'approve', args: [deployment.contracts.OrderRouter, escrow], label: 'Approve tUSD' })
      return
    }
    if (!requestTerms) return
    const done = await send({
      abi: iOrderRouterAbi,
      address: deployment.contracts.OrderRouter,
      functionName: 'requestOpen',
      args: [marketId, order.size, order.collateral, requestTerms.acceptablePrice, requestTerms.expiry],
      label: `Request open ${input.side}`,
    })
    if (done) {
      setInput({ ...EMPTY, side: input.side })
      setTouched(new Set())
    }
  }

  const sideButton = (side: 'long' | 'short') => (
    <button
      type="button"
      data-testid={`order-side-${side}`}
      aria-pressed={input.side === side}
      onClick={() => set({ side })}
      className={`flex-1 rounded-md py-1.5 text-sm font-medium ${input.side === side ? (side === 'long' ? 'bg-emerald-500 text-zinc-950' : 'bg-rose-500 text-zinc-950') : 'bg-zinc-800 text-zinc-300'}`}
    >
      {side === 'long' ? 'Long' : 'Short'}
    </button>
  )

  return (
    <section className="space-y-4 rounded-xl border border-zinc-800 bg-zinc-900/40 p-4" aria-label="Request a position">
      <div className="flex gap-2">{sideButton('long')}{sideButton('short')}</div>
      <label className="block text-xs text-zinc-400">
        Collateral (tUSD){balance !== undefined && <span className="float-right">Balance {formatAmount(balance, decimals)}</span>}
        <input data-testid="order-collateral" inputMode="decimal" value={input.collateral} onChange={(e) => set({ collateral: e.target.value })}
          className="mt-1 w-full rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 font-mono text-sm text-zinc-100" placeholder="0.00" />
      </label>
      <FieldError message={shown('collateral')} testId="order-collateral-error" />
      <div className="grid grid-cols-2 gap-3">
        <label className="block text-xs text-zinc-400">
          Leverage (×)
          <input data-testid="order-leverage" inputMode="decimal" value={leverageShown} onChange={(e) => set({ leverage: e.target.value, driver: 'leverage' })}
            className="mt-1 w-full rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 font-mono text-sm text-zinc-100" />
          <FieldError message={shown('leverage')} testId="order-leverage-error" />
        </label>
        <label className="block text-xs text-zinc-400">
          Size ({market.name.split('-')[0]})
          <input data-testid="order-size" inputMode="decimal" value={sizeShown} onChange={(e) => set({ size: e.target.value, driver: 'size' })}
            className="mt-1 w-full rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 font-mono text-sm text-zinc-100" />
          <FieldError message={shown('size')} testId="order-size-error" />
        </label>
      </div>
      <FieldError message={check.errors.market} testId="order-market-error" />
      <FieldError message={notionalError} testId="order-notional-error" />
      <RequestTermsFields testIdPrefix="order" settings={settings} onChange={update} form={termsForm} decimals={decimals} />
      {check.order && <PreviewRows preview={check.order.preview} decimals={decimals} testIdPrefix="order-preview" />}
      {!isConnected ? (
        <button type="button" onClick={openConnectModal} className="w-full rounded-lg bg-zinc-700 py-2 text-sm font-medium">Connect a wallet to trade</button>
      ) : (
        <button type="button" data-testid="order-submit" disabled={!order || isBusy || !!openPending} onClick={submit}
          className="w-full rounded-lg bg-emerald-500 py-2 text-sm font-medium text-zinc-950 disabled:cursor-not-allowed disabled:opacity-40">
          {isBusy ? 'Waiting…' : needsApproval ? `Step 1 of 2: approve ${formatAmount(escrow, decimals)} tUSD` : `Request ${input.side} (escrow ${order ? formatAmount(escrow, decimals) : '—'} tUSD)`}
        </button>
      )}
      {openPending && (
        <p role="status" data-testid="order-pending-open" className="text-xs text-amber-300">
          {pendingOpenMessage(openPending)}
        </p>
      )}
      <FaucetButton />
    </section>
  )
}

'use client'

import { FieldError } from '@/components/FieldError'
import { formatAmount, formatDuration, formatWad } from '@/lib/format'
import type { RouterRequestForm } from '@/lib/orders/checkRequestTerms'

/**
 * The two-step terms of a request, next to its form: slippage (→ acceptable price, a ceiling for a
 * buy, a floor for a sell), how long it may wait, and the execution fee escrowed with it and paid
 * to whoever executes or cancels it.
 */
export function RequestTermsFields({
  testIdPrefix,
  settings,
  onChange,
  form,
  decimals,
}: {
  testIdPrefix: string
  /** The trader's typed settings (`useOrderSettings`). */
  settings: { slippage: string; expiryMinutes?: string }
  onChange: (patch: { slippage?: string; expiryMinutes?: string }) => void
  /** The terms checked from those settings (`routerRequestForm`). */
  form: RouterRequestForm
  decimals: number
}) {
  const { check, defaultExpirySeconds, executionFee } = form
  const { slippage, expiryMinutes } = settings
  const terms = check.terms
  return (
    <div className="space-y-2 rounded-lg border border-zinc-800 p-3">
      <div className="grid grid-cols-2 gap-3">
        <label className="block text-xs text-zinc-400">
          Slippage (%)
          <input data-testid={`${testIdPrefix}-slippage`} inputMode="decimal" value={slippage} onChange={(e) => onChange({ slippage: e.target.value })}
            className="mt-1 w-full rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 font-mono text-sm text-zinc-100" />
          <FieldError message={check.errors.slippage} testId={`${testIdPrefix}-slippage-error`} />
        </label>
        <label className="block text-xs text-zinc-400">
          Expires in (min)
          <input data-testid={`${testIdPrefix}-expiry`} inputMode="decimal" value={expiryMinutes ?? ''} placeholder={(Number(defaultExpirySeconds) / 60).toString()}
            onChange={(e) => onChange({ expiryMinutes: e.target.value })}
            className="mt-1 w-full rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 font-mono text-sm text-zinc-100" />
          <FieldError message={check.errors.expiry} testId={`${testIdPrefix}-expiry-error`} />
        </label>
      </div>
      <dl className="space-y-1 text-xs">
        <div className="flex justify-between gap-4">
          <dt className="text-zinc-500">{terms ? (terms.buys ? 'Acceptable price (at most)' : 'Acceptable price (at least)') : 'Acceptable price'}</dt>
          <dd className="font-mono text-zinc-200" data-testid={`${testIdPrefix}-acceptable-price`}>{terms ? formatWad(terms.acceptablePrice) : '—'}</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-zinc-500">Execution fee (to the executor)</dt>
          <dd className="font-mono text-zinc-200" data-testid={`${testIdPrefix}-execution-fee`}>{formatAmount(executionFee, decimals)} tUSD</dd>
        </div>
        <div className="flex justify-between gap-4">
          <dt className="text-zinc-500">Waits at most</dt>
          <dd className="font-mono text-zinc-200" data-testid={`${testIdPrefix}-expiry-seconds`}>{terms ? formatDuration(terms.expirySeconds) : '—'}</dd>
        </div>
      </dl>
      <p className="text-[11px] leading-snug text-zinc-500">
        Two steps: your request escrows the amounts above; the keeper fills it at the first oracle price accepted after it. If that price is beyond your limit, or no fresh price comes in time, it is cancelled: your collateral comes back and the fee pays whoever settled it.
      </p>
    </div>
  )
}

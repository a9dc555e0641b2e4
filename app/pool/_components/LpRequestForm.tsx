'use client'

import { useState } from 'react'
import { useAccount } from 'wagmi'
import { FieldError } from '@/components/FieldError'
import { useDeployment } from '@/hooks/useDeployment'
import { useOrderSettings } from '@/hooks/useOrderSettings'
import type { PoolSnapshot } from '@/hooks/usePoolSnapshot'
import { useTransaction } from '@/hooks/useTransaction'
import { iLiquidityPoolAbi } from '@/lib/contracts/abi/ILiquidityPool'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'
import { formatAmount, formatDuration } from '@/lib/format'
import { defaultExpirySeconds, parseExpiryMinutes, parseSlippagePercent } from '@/lib/orders/requestTerms'
import { checkLpRequest } from '@/lib/validation/lpRequest'

/**
 * Request a deposit (tUSD → shares) or a withdrawal (shares → tUSD). The request escrows the
 * amount and the execution fee; the keeper fills it at the pool value priced with every market's
 * next fresh price, or it is cancelled (below your minimum, refused, expired) and the escrow
 * comes back.
 */
export function LpRequestForm({ snapshot, isDeposit }: { snapshot: PoolSnapshot; isDeposit: boolean }) {
  const deployment = useDeployment()
  const { isConnected } = useAccount()
  const { send, isBusy } = useTransaction()
  const { settings, update } = useOrderSettings()
  const [text, setText] = useState('')
  const [touched, setTouched] = useState(false)
  const prefix = isDeposit ? 'lp-deposit' : 'lp-withdraw'
  const { terms, account, tokenDecimals, shareDecimals } = snapshot
  const slippage = parseSlippagePercent(settings.slippage)
  const expiry =
    settings.expiryMinutes && settings.expiryMinutes.trim() !== ''
      ? parseExpiryMinutes(settings.expiryMinutes, terms.minDelay, terms.maxRequestAge)
      : ({ ok: true, value: defaultExpirySeconds(terms.minDelay, terms.maxRequestAge) } as const)
  const check = account
    ? checkLpRequest(isDeposit, text, {
        tokenDecimals,
        shareDecimals,
        balance: account.balance,
        shares: account.shares,
        executionFee: terms.executionFee,
        unlockTime: account.unlockTime,
        now: snapshot.timestamp,
        probeAssets: snapshot.probeAssets,
        slippageBps: slippage.ok ? slippage.value : undefined,
      })
    : { error: undefined }
  const tokenNeeded = check.amount === undefined ? 0n : (isDeposit ? check.amount : 0n) + terms.executionFee
  const needsApproval = account !== undefined && check.amount !== undefined && account.allowance < tokenNeeded
  const ready = check.amount !== undefined && check.minOut !== undefined && !check.error && expiry.ok

  async function submit() {
    if (!ready || !expiry.ok) return
    const pool = deployment.contracts.LiquidityPool
    if (needsApproval)
      return void (await send({ abi: testUsdAbi, address: deployment.contracts.SettlementToken, functionName: 'approve', args: [pool, tokenNeeded], label: 'Approve tUSD' }))
    const deadline = snapshot.timestamp + expiry.value
    const done = isDeposit
      ? await send({ abi: iLiquidityPoolAbi, address: pool, functionName: 'requestDeposit', args: [check.amount!, check.minOut!, deadline], label: 'Request deposit' })
      : await send({ abi: iLiquidityPoolAbi, address: pool, functionName: 'requestWithdraw', args: [check.amount!, check.minOut!, deadline], label: 'Request withdrawal' })
    if (done) {
      setText('')
      setTouched(false)
    }
  }

  return (
    <div className="space-y-2 rounded-lg border border-zinc-800 p-3" aria-label={isDeposit ? 'Deposit' : 'Withdraw'} data-testid={`${prefix}-form`}>
      <h3 className="text-sm font-medium">{isDeposit ? 'Deposit' : 'Withdraw'}</h3>
      <label className="block text-xs text-zinc-400">
        {isDeposit ? 'Amount (tUSD)' : 'Shares'}
        {account && (
          <span className="float-right">
            {isDeposit ? `Wallet ${formatAmount(account.balance, tokenDecimals)}` : `Held ${formatAmount(account.shares, shareDecimals, 4)}`}
          </span>
        )}
        <input data-testid={`${prefix}-amount`} inputMode="decimal" value={text} placeholder="0.00"
          onChange={(e) => { setText(e.target.value); setTouched(true) }}
          className="mt-1 w-full rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 font-mono text-sm text-zinc-100" />
      </label>
      <FieldError message={touched || (check.amount !== undefined && check.error) ? check.error : undefined} testId={`${prefix}-error`} />
      <div className="grid grid-cols-2 gap-2">
        <label className="block text-xs text-zinc-400">
          Slippage (%)
          <input data-testid={`${prefix}-slippage`} inputMode="decimal" value={settings.slippage} onChange={(e) => update({ slippage: e.target.value })}
            className="mt-1 w-full rounded-md border border-zinc-700 bg-zinc-950 px-2 py-1 font-mono text-sm text-zinc-100" />
          <FieldError message={slippage.ok ? undefined : slippage.error} testId={`${prefix}-slippage-error`} />
        </label>
        <label className="block text-xs text-zinc-400">
          Expires in (min)
          <input data-testid={`${prefix}-expiry`} inputMode="decimal" value={settings.expiryMinutes ?? ''} placeholder={(Number(defaultExpirySeconds(terms.minDelay, terms.maxRequestAge)) / 60).toString()}
            onChange={(e) => update({ expiryMinutes: e.target.value })}
            className="mt-1 w-full rounded-md border border-zinc-700 bg-zinc-950 px-2 py-1 font-mono text-sm text-zinc-100" />
          <FieldError message={expiry.ok ? undefined : expiry.error} testId={`${prefix}-expiry-error`} />
        </label>
      </div>
      <dl className="space-y-1 text-xs">
        <div className="flex justify-between">
          <dt className="text-zinc-500">{isDeposit ? 'At least (shares)' : 'At least (tUSD)'}</dt>
          <dd className="font-mono" data-testid={`${prefix}-min-out`}>
            {check.minOut === undefined ? '—' : isDeposit ? formatAmount(check.minOut, shareDecimals, 4) : formatAmount(check.minOut, tokenDecimals)}
          </dd>
        </div>
        <div className="flex justify-between">
          <dt className="text-zinc-500">Execution fee</dt>
          <dd className="font-mono" data-testid={`${prefix}-execution-fee`}>{formatAmount(terms.executionFee, tokenDecimals)} tUSD</dd>
        </div>
        {isDeposit && (
          <div className="flex justify-between">
            <dt className="text-zinc-500">Holding time after it fills</dt>
            <dd className="font-mono" data-testid="lp-min-hold-time">{formatDuration(terms.minHoldTime)}</dd>
          </div>
        )}
      </dl>
      {!isConnected ? (
        <p className="text-xs text-zinc-500">Connect a wallet to request.</p>
      ) : (
        <button type="button" data-testid={`${prefix}-submit`} disabled={!ready || isBusy} onClick={submit}
          className="w-full rounded-lg bg-emerald-500 py-2 text-sm font-medium text-zinc-950 disabled:cursor-not-allowed disabled:opacity-40">
          {isBusy ? 'Waiting…' : needsApproval ? `Step 1 of 2: approve ${formatAmount(tokenNeeded, tokenDecimals)} tUSD` : isDeposit ? 'Request deposit' : 'Request withdrawal'}
        </button>
      )}
    </div>
  )
}

'use client'

import { useAccount } from 'wagmi'
import { StatCard } from '@/components/StatCard'
import { useAccountSummary } from '@/hooks/useAccountSummary'
import { useTokenDecimals } from '@/hooks/useTokenDecimals'
import { SUMMARY_EXPLAINERS } from '@/lib/account/summary'
import { formatAmount } from '@/lib/format'

/**
 * The account summary on /portfolio: equity, margin used, free collateral, unrealised and realised
 * PnL, each saying what it rests on (the block its positions are marked at; the blocks the history
 * covers). Numbers in tUSD.
 */
export function AccountSummary() {
  const { isConnected } = useAccount()
  const decimals = useTokenDecimals()
  const { summary, realised, positions, blockNumber, history } = useAccountSummary()
  if (!isConnected) return null
  const show = (value: bigint | undefined) => (value === undefined || decimals === undefined ? '—' : formatAmount(value, decimals))
  const marked = `${positions ?? 0} position${positions === 1 ? '' : 's'} at the oracle price, block ${blockNumber ?? '—'}`
  return (
    <section aria-label="Account summary" data-testid="account-summary" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
      <div title={SUMMARY_EXPLAINERS.equity}>
        <StatCard label="Equity" testId="summary-equity" hint={`Wallet + ${marked}`}>{show(summary?.equity)}</StatCard>
      </div>
      <div title={SUMMARY_EXPLAINERS.marginUsed}>
        <StatCard label="Margin used" testId="summary-margin-used" hint="Initial margin of the open positions">{show(summary?.marginUsed)}</StatCard>
      </div>
      <div title={SUMMARY_EXPLAINERS.freeCollateral}>
        <StatCard label="Free collateral" testId="summary-free-collateral" hint="Wallet + what positions could release">{show(summary?.freeCollateral)}</StatCard>
      </div>
      <div title={SUMMARY_EXPLAINERS.unrealisedPnl}>
        <StatCard label="Unrealised PnL" testId="summary-unrealised-pnl" hint="Price PnL − funding owed, at the oracle price">{show(summary?.unrealisedPnl)}</StatCard>
      </div>
      <div title={SUMMARY_EXPLAINERS.realisedPnl}>
        <StatCard
          label="Realised PnL"
          testId="summary-realised-pnl"
          hint={history ? `Since block ${history.fromBlock} (the history's first), through ${history.toBlock}${realised?.approximate ? '; approximate: an increase after a partial liquidation' : ''}` : 'Reading the history…'}
        >
          {show(realised?.value)}
        </StatCard>
      </div>
    </section>
  )
}

/** Equity and free collateral, small, in the header while a wallet is connected (the tooltip says how). */
export function HeaderAccountSummary() {
  const { isConnected } = useAccount()
  const decimals = useTokenDecimals()
  const { summary } = useAccountSummary()
  if (!isConnected || !summary || decimals === undefined) return null
  return (
    <div data-testid="header-account-summary" className="hidden items-center gap-4 text-xs text-zinc-400 xl:flex">
      <span title={SUMMARY_EXPLAINERS.equity}>
        Equity <span className="font-mono text-zinc-100" data-testid="header-equity">{formatAmount(summary.equity, decimals)}</span>
      </span>
      <span title={SUMMARY_EXPLAINERS.freeCollateral}>
        Free <span className="font-mono text-zinc-100" data-testid="header-free-collateral">{formatAmount(summary.freeCollateral, decimals)}</span>
      </span>
    </div>
  )
}

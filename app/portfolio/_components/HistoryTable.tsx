'use client'

import { useAccount } from 'wagmi'
import { useCurrentChain } from '@/hooks/useCurrentChain'
import { useDeployment } from '@/hooks/useDeployment'
import { useAccountHistory } from '@/hooks/useAccountHistory'
import { useTokenDecimals } from '@/hooks/useTokenDecimals'
import { formatAmount, formatWad, shortAddress } from '@/lib/format'
import { HISTORY_KIND_LABELS, historyCsv, marketNameById, newestFirst, type HistoryEntry } from '@/lib/history/accountHistory'
import { historyLookback, historySource } from '@/lib/history/source'

// Priority columns: the last ones give way first on narrow screens (details stay in the CSV).
const HEADERS: [string, string][] = [
  ['Block', ''], ['Market', ''], ['Event', ''], ['Size', ''], ['Amount', ''], ['PnL', ''], ['Returned', ''],
  ['Fee', 'hidden md:table-cell'], ['Price', 'hidden lg:table-cell'], ['Penalty', 'hidden lg:table-cell'], ['Tx', 'hidden xl:table-cell'],
]

/** The connected account's history from the chain's events, newest first, with a CSV export. */
export function HistoryTable() {
  const { address } = useAccount()
  const deployment = useDeployment()
  const chain = useCurrentChain()
  const { history, isError } = useAccountHistory(address)
  const source = historySource(chain)
  const lookback = historyLookback(source)
  const decimals = useTokenDecimals()
  if (!address) return <p className="text-sm text-zinc-400">Connect a wallet to see your history.</p>
  if (!history || decimals === undefined)
    return <p className="text-sm text-zinc-500">{isError ? 'Could not read the history; retrying with the next block.' : 'Reading your history…'}</p>
  const rows = newestFirst(history.entries)
  const amount = (v?: bigint) => (v === undefined ? '' : formatAmount(v, decimals))
  const marketName = (id: bigint) => marketNameById(deployment.markets, id)
  const exportCsv = () => {
    const url = URL.createObjectURL(new Blob([historyCsv(history.entries, decimals, marketName)], { type: 'text/csv' }))
    const link = document.createElement('a')
    link.href = url
    link.download = `rampart-history-${address.toLowerCase()}.csv`
    link.click()
    URL.revokeObjectURL(url)
  }
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-500">
        <span>
          <span data-testid="history-count">{rows.length}</span> events through block{' '}
          <span data-testid="history-to-block">{history.toBlock.toString()}</span>, read from{' '}
          {source.kind === 'indexer' ? 'the indexer' : lookback === undefined ? "the chain's logs" : `the chain's logs of the last ${lookback.toLocaleString('en-US')} blocks`} and
          kept in this browser.
        </span>
        <button
          data-testid="history-export"
          onClick={exportCsv}
          disabled={rows.length === 0}
          className="rounded-md border border-zinc-700 px-3 py-1.5 text-zinc-200 hover:bg-zinc-800 disabled:opacity-40"
        >
          Export CSV
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-400" data-testid="history-empty">No trades, funding or liquidations yet.</p>
      ) : (
        <div className="rounded-xl border border-zinc-800">
          <table className="stack-on-mobile w-full text-sm">
            <thead className="bg-zinc-900/80 text-left text-xs uppercase tracking-wide text-zinc-500">
              <tr>{HEADERS.map(([label, cls]) => <th key={label} className={`px-3 py-2 ${cls}`}>{label}</th>)}</tr>
            </thead>
            <tbody className="divide-y divide-zinc-800 font-mono">
              {rows.map((entry) => (
                <HistoryRow key={entry.id} entry={entry} market={entry.marketId === undefined ? '—' : marketName(entry.marketId)} amount={amount} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

function HistoryRow({ entry: e, market, amount }: { entry: HistoryEntry; market: string; amount: (v?: bigint) => string }) {
  const isLiquidation = e.kind === 'liquidation'
  // The amount column: collateral moved, funding paid (negative: received), a deferred or claimed payout.
  const moved = e.kind === 'funding' ? e.funding : e.kind === 'open' ? e.collateral : e.amount
  return (
    <tr data-testid="history-row" data-kind={e.kind} className={isLiquidation ? 'bg-rose-950/30' : undefined}>
      <td data-label="Block" className="px-3 py-2" data-testid="history-block" title={e.timestamp === undefined ? undefined : new Date(Number(e.timestamp) * 1000).toLocaleString()}>
        {e.blockNumber.toString()}
      </td>
      <td data-label="Market" className="px-3 py-2 font-sans" data-testid="history-market">{market}</td>
      <td data-label="Event" className={`px-3 py-2 font-sans ${isLiquidation ? 'text-rose-300' : ''}`} data-testid="history-kind">
        {HISTORY_KIND_LABELS[e.kind]}
        {isLiquidation && <span className="text-zinc-400">{e.full ? ' (full)' : ' (partial)'}</span>}
      </td>
      <td data-label="Size" className="px-3 py-2" data-testid="history-size">{e.size === undefined ? '' : formatWad(e.size, 4)}</td>
      <td data-label="Amount" className="px-3 py-2" data-testid="history-amount">{amount(moved)}</td>
      <td data-label="PnL" className="px-3 py-2" data-testid="history-pnl">{amount(e.realisedPnl)}</td>
      <td data-label="Returned" className="px-3 py-2" data-testid="history-payout">{amount(e.payout)}</td>
      <td data-label="Fee" className="hidden px-3 py-2 md:table-cell" data-testid="history-fee">{amount(e.fee)}</td>
      <td data-label="Price" className="hidden px-3 py-2 lg:table-cell">{e.price === undefined ? '' : formatWad(e.price)}</td>
      <td data-label="Penalty" className="hidden px-3 py-2 lg:table-cell" data-testid="history-penalty" title={isLiquidation ? `keeper reward ${amount(e.keeperReward)}, shortfall ${amount(e.shortfall)}` : undefined}>
        {amount(e.penalty)}
      </td>
      <td data-label="Tx" className="hidden px-3 py-2 xl:table-cell" title={e.transactionHash}>{shortAddress(e.transactionHash)}</td>
    </tr>
  )
}

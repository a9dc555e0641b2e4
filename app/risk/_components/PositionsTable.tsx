'use client'

import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useMemo, useRef, useState } from 'react'
import { HealthBar } from '@/components/HealthBar'
import type { ConsoleRow } from '@/hooks/useRiskConsole'
import { formatAmount, formatLeverage, formatWad, shortAddress } from '@/lib/format'
import { Panel } from '@/components/Panel'
import { measureSince, timed, timingStart } from '@/lib/timing'

type SortKey = 'health' | 'notional' | 'equity' | 'leverage' | 'pnl' | 'distance'
const SORTS: [SortKey, string][] = [
  ['health', 'Health'],
  ['notional', 'Notional'],
  ['equity', 'Equity'],
  ['pnl', 'PnL'],
  ['leverage', 'Leverage'],
]

const valueOf = (row: ConsoleRow, key: SortKey): bigint => {
  switch (key) {
    case 'health':
      return row.health
    case 'notional':
      return row.notional
    case 'equity':
      return row.equity
    case 'pnl':
      return row.unrealisedPnl
    case 'leverage':
      return row.leverage
    default:
      return 0n
  }
}

/** Rows kept in the DOM beyond the visible ones, each way. */
const OVERSCAN = 12
const ROW_HEIGHT = 37

/**
 * Every open position, ranked (health ascending by default), sortable and filterable by market and
 * side. Virtualised: only the rows in view (plus a margin) are in the DOM, so 10,000 stay smooth.
 */
export function PositionsTable({ rows, nameOf, decimals, complete, marketIds }: { rows: readonly ConsoleRow[]; nameOf: (id: bigint) => string; decimals: number; complete: boolean; marketIds: readonly bigint[] }) {
  const renderStart = timingStart()
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: 'health', ascending: true })
  const [market, setMarket] = useState('all')
  const [side, setSide] = useState<'all' | 'long' | 'short'>('all')
  const shown = useMemo(() => timed('risk:sort', () => {
    const filtered = rows.filter((r) => (market === 'all' || String(r.marketId) === market) && (side === 'all' || (side === 'long') === r.size > 0n))
    return filtered.sort((a, b) => {
      const x = valueOf(a, sort.key)
      const y = valueOf(b, sort.key)
      const order = x < y ? -1 : x > y ? 1 : 0
      return sort.ascending ? order : -order
    })
  }), [rows, market, side, sort])
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN })
  const items = virtualizer.getVirtualItems()
  const top = items[0]?.start ?? 0
  const bottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0
  measureSince('risk:tableRender', renderStart)
  const header = (key: SortKey | null, label: string, right = true) => (
    <th className={`px-3 py-2 ${right ? 'text-right' : ''}`}>
      {key ? (
        <button type="button" data-testid={`positions-sort-${key}`} onClick={() => setSort((s) => ({ key, ascending: s.key === key ? !s.ascending : true }))} className="uppercase hover:text-zinc-300">
          {label}
          {sort.key === key ? (sort.ascending ? ' ↑' : ' ↓') : ''}
        </button>
      ) : (
        label
      )}
    </th>
  )
  return (
    <Panel
      title="Positions"
      testId="positions-panel"
      aside={
        <p className="text-sm text-zinc-400">
          <span data-testid="open-position-count">{rows.length}</span> open positions
          {market !== 'all' || side !== 'all' ? <span data-testid="positions-shown"> · {shown.length} shown</span> : null}
          {!complete && <span data-testid="open-positions-catching-up"> · reading the latest positions…</span>}
        </p>
      }
    >
      <div className="flex flex-wrap gap-3 text-sm">
        <select aria-label="Market filter" data-testid="positions-filter-market" value={market} onChange={(e) => setMarket(e.target.value)} className="rounded border border-zinc-700 bg-zinc-900 px-2 py-1">
          <option value="all">All markets</option>
          {marketIds.map((id) => <option key={String(id)} value={String(id)}>{nameOf(id)}</option>)}
        </select>
        <select aria-label="Side filter" data-testid="positions-filter-side" value={side} onChange={(e) => setSide(e.target.value as typeof side)} className="rounded border border-zinc-700 bg-zinc-900 px-2 py-1">
          <option value="all">Both sides</option>
          <option value="long">Longs</option>
          <option value="short">Shorts</option>
        </select>
        <select aria-label="Sort" className="rounded border border-zinc-700 bg-zinc-900 px-2 py-1 md:hidden" value={sort.key} onChange={(e) => setSort({ key: e.target.value as SortKey, ascending: true })}>
          {SORTS.map(([key, label]) => <option key={key} value={key}>Sort by {label}</option>)}
        </select>
      </div>
      <div ref={scroller} className="max-h-[480px] overflow-auto rounded-xl border border-zinc-800" data-testid="positions-scroller">
        <table className="stack-on-mobile w-full text-sm" data-testid="positions-table">
          <thead className="sticky top-0 bg-zinc-900 text-left text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              {header(null, 'Trader', false)}
              {header(null, 'Market', false)}
              {header(null, 'Side', false)}
              {header(null, 'Size')}
              {header(null, 'Entry')}
              {header(null, 'Mark')}
              {header('pnl', 'PnL')}
              {header(null, 'Collateral')}
              {header('equity', 'Equity')}
              {header('leverage', 'Leverage')}
              {header('health', 'Health', false)}
              {header(null, 'Liq. price')}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-800 whitespace-nowrap font-mono">
            {top > 0 && <tr aria-hidden style={{ height: top }} />}
            {items.map((item) => (
              <PositionRow key={`${shown[item.index].trader}-${shown[item.index].marketId}`} index={item.index} row={shown[item.index]} name={nameOf(shown[item.index].marketId)} decimals={decimals} measure={virtualizer.measureElement} />
            ))}
            {bottom > 0 && <tr aria-hidden style={{ height: bottom }} />}
          </tbody>
        </table>
      </div>
    </Panel>
  )
}

/**
 * One position's row. Memoised: a row whose position (the same object until its market's state or
 * its terms change, lib/riskConsoleModel.ts) and place did not change is not re-rendered while the
 * table scrolls or another market moves.
 */
const PositionRow = memo(function PositionRow({ row: p, index, name, decimals, measure }: { row: ConsoleRow; index: number; name: string; decimals: number; measure: (element: Element | null) => void }) {
  const long = p.size > 0n
  return (
    <tr data-index={index} ref={measure} data-testid={`position-row-${p.trader.toLowerCase()}-${name}`}>
      <td data-label="Trader" className="px-3 py-2" title={p.trader}>{shortAddress(p.trader)}</td>
      <td data-label="Market" className="px-3 py-2 font-sans">{name}</td>
      <td data-label="Side" className={`px-3 py-2 font-sans ${long ? 'text-emerald-400' : 'text-rose-400'}`}>{long ? 'Long' : 'Short'}</td>
      <td data-label="Size" className="px-3 py-2 text-right">{formatWad(long ? p.size : -p.size, 4)}</td>
      <td data-label="Entry" className="px-3 py-2 text-right">{formatWad(p.entryPrice)}</td>
      <td data-label="Mark" className="px-3 py-2 text-right" data-testid="position-mark">{formatWad(p.markPrice)}</td>
      <td data-label="PnL" className={`px-3 py-2 text-right ${p.unrealisedPnl < 0n ? 'text-rose-400' : 'text-emerald-400'}`} data-testid="position-pnl">{formatAmount(p.unrealisedPnl, decimals)}</td>
      <td data-label="Collateral" className="px-3 py-2 text-right">{formatAmount(p.collateral, decimals)}</td>
      <td data-label="Equity" className="px-3 py-2 text-right" data-testid="position-equity">{formatAmount(p.equity, decimals)}</td>
      <td data-label="Leverage" className="px-3 py-2 text-right">{formatLeverage(p.leverage)}</td>
      <td data-label="Health" className="px-3 py-2"><HealthBar health={p.health} testId="position-health" /></td>
      <td data-label="Liq. price" className="px-3 py-2 text-right" data-testid="position-liquidation-price">{p.liquidationPrice === 0n ? '—' : formatWad(p.liquidationPrice)}</td>
    </tr>
  )
})

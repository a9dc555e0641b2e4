import { formatPercent, formatWad } from '@/lib/format'
import type { ExposureSeries } from '@/lib/exposureHistory'
import type { MarketExposure } from '@/lib/risk'
import { Panel } from '@/components/Panel'
import { ExposureHistoryChart } from './ExposureHistoryChart'

const signedWad = (value: bigint, places = 2) => (value < 0n ? `−${formatWad(-value, places)}` : formatWad(value, places))
const signedPercent = (value: bigint) => (value < 0n ? `−${formatPercent(-value, 0)}` : `+${formatPercent(value, 0)}`)

/** The pool's net delta per market (the traders' net position reversed), how it and the pool's PnL move, funding, and how the delta moved over the last day. */
export function ExposurePanel({
  exposures,
  nameOf,
  history,
}: {
  exposures: readonly MarketExposure[]
  nameOf: (id: bigint) => string
  /** Per market, from the position events; `unavailable` when the node's logs carry no block time. */
  history: { series?: readonly ExposureSeries[]; unavailable: boolean }
}) {
  return (
    <Panel title="Protocol exposure" testId="exposure-panel">
      <div className="overflow-x-auto">
        <table className="stack-on-mobile w-full text-sm">
          <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              <th className="px-2 py-1">Market</th>
              <th className="px-2 py-1 text-right">Pool delta</th>
              <th className="px-2 py-1 text-right">Delta USD</th>
              {exposures[0]?.moves.map((m) => <th key={String(m.move)} className="px-2 py-1 text-right">Pool PnL / delta at {signedPercent(m.move)}</th>)}
              <th className="px-2 py-1 text-right">Funding to pool / h</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-800 font-mono">
            {exposures.map((e) => {
              const name = nameOf(e.marketId)
              return (
                <tr key={name} data-testid={`exposure-row-${name}`}>
                  <td data-label="Market" className="px-2 py-1 font-sans">{name}</td>
                  <td data-label="Pool delta" className="px-2 py-1 text-right" data-testid={`exposure-delta-${name}`}>{signedWad(e.poolDelta, 4)}</td>
                  <td data-label="Delta USD" className="px-2 py-1 text-right" data-testid={`exposure-delta-usd-${name}`}>{signedWad(e.poolDeltaUsd)}</td>
                  {e.moves.map((m) => (
                    <td key={String(m.move)} data-label={`At ${signedPercent(m.move)}`} className="px-2 py-1 text-right">
                      {signedWad(m.poolPnl)} / {signedWad(m.deltaAfter, 4)}
                    </td>
                  ))}
                  <td data-label="Funding / h" className="px-2 py-1 text-right" data-testid={`exposure-funding-${name}`}>{signedWad(e.fundingPerHour)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-zinc-500">
        Delta in base units (the pool is the counterparty of every trade: short what traders are net long). PnL in USD for the move; delta after it, once the positions liquidatable there are closed (that is the pool&apos;s gamma: liquidations shrink its exposure). Funding: what the skew-based rate pays the pool per hour now (negative: the pool pays).
      </p>
      <h3 className="text-sm font-medium">Pool delta over the last day</h3>
      {history.unavailable ? (
        <p className="text-xs text-amber-300" data-testid="exposure-history-unavailable">The node&apos;s logs carry no block time: the history cannot be placed in time.</p>
      ) : !history.series ? (
        <p className="text-xs text-zinc-500" data-testid="exposure-history-loading">Reading the position events…</p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" data-testid="exposure-history">
          {history.series.map((series) => (
            <ExposureHistoryChart key={String(series.marketId)} name={nameOf(series.marketId)} series={series} />
          ))}
        </div>
      )}
      <p className="text-xs text-zinc-500">
        Rebuilt from the position events (opened, increased, reduced, closed, liquidated): the delta after each block that changed it, in base units. Before the first position event there was no position; a shorter history says since when.
      </p>
    </Panel>
  )
}

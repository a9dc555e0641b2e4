import { OracleStatusBadge } from '@/components/OracleStatusBadge'
import type { OracleView } from '@/hooks/useRiskConsole'
import { formatDuration, formatPercent, formatWad, shortAddress } from '@/lib/format'
import { Panel } from '@/components/Panel'

const SOURCE_STATUS = ['ok', 'stale', 'deviant', 'invalid'] as const
const signedPercent = (value: bigint) => (value < 0n ? `−${formatPercent(-value)}` : `+${formatPercent(value)}`)

/** Every source of every market: its price, age, deviation from the median and validity, and the market's circuit breaker. */
export function OraclePanel({ oracles, names, now }: { oracles: readonly OracleView[]; names: readonly string[]; now: bigint }) {
  return (
    <Panel title="Oracles" testId="oracle-panel">
      <div className="grid gap-3 lg:grid-cols-2">
        {oracles.map((o, i) => {
          const name = names[i]
          const guarded = o.status === 2
          return (
            <div key={name} className="min-w-0 rounded border border-zinc-800 p-3" data-testid={`oracle-${name}`}>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-medium">{name}</span>
                <OracleStatusBadge status={o.status} testId={`oracle-status-${name}`} />
                <span className="font-mono">{formatWad(o.price)}</span>
                <span className="text-xs text-zinc-500">accepted {formatDuration(now > o.dataTime ? now - o.dataTime : 0n)} ago · live median {o.liveMedian === 0n ? '—' : formatWad(o.liveMedian)} from {String(o.liveSources)} sources</span>
              </div>
              <p className="text-xs" data-testid={`oracle-breaker-${name}`}>
                {guarded
                  ? `Circuit breaker tripped ${formatDuration(now - o.guardedSince)} ago: held price ${formatWad(o.price)}, candidate ${formatWad(o.pendingPrice)}`
                  : 'Circuit breaker: not tripped'}
              </p>
              <div className="overflow-x-auto">
                <table className="stack-on-mobile w-full text-xs">
                  <thead className="text-left uppercase tracking-wide text-zinc-500">
                    <tr>
                      <th className="px-2 py-1">Source</th>
                      <th className="px-2 py-1 text-right">Price</th>
                      <th className="px-2 py-1 text-right">Age</th>
                      <th className="px-2 py-1 text-right">Deviation</th>
                      <th className="px-2 py-1">Validity</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-zinc-800 font-mono">
                    {o.sources.map((s) => (
                      <tr key={s.source} data-testid={`oracle-source-${name}-${s.source.toLowerCase()}`}>
                        <td data-label="Source" className="px-2 py-1" title={s.source}>{shortAddress(s.source)}</td>
                        <td data-label="Price" className="px-2 py-1 text-right">{s.price === 0n ? '—' : formatWad(s.price)}</td>
                        <td data-label="Age" className="px-2 py-1 text-right">{formatDuration(s.age)}</td>
                        <td data-label="Deviation" className="px-2 py-1 text-right">{signedPercent(s.deviation)}</td>
                        <td data-label="Validity" className={`px-2 py-1 ${s.status === 0 ? 'text-emerald-400' : 'text-amber-300'}`} data-testid="oracle-source-status">{SOURCE_STATUS[s.status] ?? String(s.status)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          )
        })}
      </div>
    </Panel>
  )
}

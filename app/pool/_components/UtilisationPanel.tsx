import { Panel } from '@/components/Panel'
import type { PoolSnapshot } from '@/hooks/usePoolSnapshot'
import { formatPercent, formatWad } from '@/lib/format'
import { utilisation } from '@/lib/pool/poolValue'

/** Each market's open interest per side (notional at the accepted price) against its per-side cap (a fraction of the marked pool value). */
export function UtilisationPanel({ markets }: { markets: PoolSnapshot['markets'] }) {
  return (
    <Panel title="Utilisation per market" testId="pool-utilisation">
      <table className="stack-on-mobile w-full text-xs">
        <thead className="text-left text-zinc-500">
          <tr>
            <th className="py-1">Market</th>
            <th>Long OI (USD)</th>
            <th>Short OI (USD)</th>
            <th>Cap per side</th>
            <th>Used (long / short)</th>
          </tr>
        </thead>
        <tbody className="font-mono">
          {markets.map((m) => {
            const u = utilisation(m)
            return (
              <tr key={String(m.marketId)} data-testid={`pool-util-${m.name}`}>
                <td data-label="Market" className="py-0.5 font-sans">{m.name}</td>
                <td data-label="Long OI (USD)" data-testid={`pool-util-${m.name}-long`}>{formatWad(u.longNotional)}</td>
                <td data-label="Short OI (USD)" data-testid={`pool-util-${m.name}-short`}>{formatWad(u.shortNotional)}</td>
                <td data-label="Cap per side" data-testid={`pool-util-${m.name}-cap`}>{formatWad(m.openInterestCap)}</td>
                <td data-label="Used (long / short)" data-testid={`pool-util-${m.name}-used`}>
                  {u.longFraction === null ? '—' : formatPercent(u.longFraction)} / {u.shortFraction === null ? '—' : formatPercent(u.shortFraction)}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </Panel>
  )
}

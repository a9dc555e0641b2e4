import { Panel } from '@/components/Panel'
import { Sparkline } from '@/components/chart/Sparkline'
import { formatWad } from '@/lib/format'
import { mergeSharePriceHistory, type SharePricePoint } from '@/lib/pool/poolValue'

/** Rows of the table under the line. */
const ROWS = 8

/**
 * The share price from what there is: each executed request since the deploy (its fill: assets
 * per share), and each block seen while this page is open. No point is made up between them.
 */
export function SharePriceHistory({ executions, snapshots }: { executions: SharePricePoint[] | undefined; snapshots: SharePricePoint[] }) {
  const points = mergeSharePriceHistory([...(executions ?? []), ...snapshots])
  const executed = executions?.length ?? 0
  return (
    <Panel title="Share price history" testId="pool-share-price-history">
      <p className="text-xs text-zinc-500" data-testid="pool-history-basis">
        Rests on {executed} executed request{executed === 1 ? '' : 's'} (their fill prices, since the deploy) and {snapshots.length} block
        {snapshots.length === 1 ? '' : 's'} read while this page is open. Nothing before the first of them is shown.
      </p>
      <Sparkline values={points.map((p) => Number(p.priceWad) / 1e18)} testId="pool-history-line" />
      {points.length === 0 ? (
        <p className="text-xs text-zinc-500">No history yet.</p>
      ) : (
        <table className="w-full text-xs">
          <thead className="text-left text-zinc-500">
            <tr>
              <th className="py-1">Block</th>
              <th>Share price (tUSD)</th>
              <th>From</th>
            </tr>
          </thead>
          <tbody className="font-mono">
            {points.slice(-ROWS).reverse().map((p) => (
              <tr key={String(p.block)} data-testid={`pool-history-${p.block}`}>
                <td className="py-0.5">{String(p.block)}</td>
                <td>{formatWad(p.priceWad, 6)}</td>
                <td className="text-zinc-400">{p.source === 'execution' ? 'executed request' : 'block read'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  )
}

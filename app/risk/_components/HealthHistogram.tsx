import { formatHealth, formatWad } from '@/lib/format'
import type { HealthBucket } from '@/lib/risk'
import { Panel } from '@/components/Panel'

/** How many positions (and how much notional) sit in each health band. */
export function HealthHistogram({ buckets }: { buckets: readonly HealthBucket[] }) {
  const max = Math.max(1, ...buckets.map((b) => b.count))
  return (
    <Panel title="Health histogram" testId="health-histogram">
      <div className="flex h-40 items-end gap-2">
        {buckets.map((b, i) => (
          <div key={i} className="flex h-full flex-1 flex-col items-center justify-end gap-1" title={`${formatWad(b.notional)} USD notional`}>
            <span className="font-mono text-xs" data-testid={`health-bucket-${i}`}>{b.count}</span>
            <div className={`w-full rounded-t ${i === 0 ? 'bg-rose-500' : i <= 2 ? 'bg-orange-400' : i <= 4 ? 'bg-amber-300' : 'bg-emerald-400'}`} style={{ height: `${(b.count / max) * 100}%`, minHeight: b.count > 0 ? 2 : 0 }} />
            <span className="text-[10px] text-zinc-500">{b.to === null ? `≥ ${formatHealth(b.from)}` : `${formatHealth(b.from)}–${formatHealth(b.to)}`}</span>
          </div>
        ))}
      </div>
      <p className="text-xs text-zinc-500">Health = equity / maintenance requirement; below 1 a position can be liquidated.</p>
    </Panel>
  )
}

import { formatHealth } from '@/lib/format'
import { MAX_UINT256, WAD } from '@/lib/riskUnits'

/** Health bands: below 1 the position can be liquidated now. */
const BANDS = [
  { below: WAD, colour: 'bg-rose-500', label: 'liquidatable' },
  { below: (WAD * 3n) / 2n, colour: 'bg-orange-400', label: 'at risk' },
  { below: 3n * WAD, colour: 'bg-amber-300', label: 'watch' },
  { below: MAX_UINT256, colour: 'bg-emerald-400', label: 'healthy' },
] as const

/** The bar is full at health 5. */
const FULL = 5n * WAD

export function HealthBar({ health, testId }: { health: bigint; testId?: string }) {
  const band = BANDS.find((b) => health < b.below) ?? BANDS[BANDS.length - 1]
  const width = health >= FULL ? 100 : Number((health * 100n) / FULL)
  return (
    <div className="flex items-center gap-2" title={`Health = equity / maintenance requirement: ${band.label}`}>
      <div className="h-1.5 w-20 overflow-hidden rounded bg-zinc-800" aria-hidden>
        <div className={`h-full ${band.colour}`} style={{ width: `${width}%` }} />
      </div>
      <span data-testid={testId} data-band={band.label} className="font-mono">
        {formatHealth(health)}
      </span>
    </div>
  )
}

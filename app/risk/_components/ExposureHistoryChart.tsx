'use client'

import { useState } from 'react'
import { formatDuration, formatWad } from '@/lib/format'
import type { ExposureSeries } from '@/lib/exposureHistory'

const WIDTH = 320
const HEIGHT = 64
const PAD = 4

const signedWad = (value: bigint, places = 4) => (value < 0n ? `−${formatWad(-value, places)}` : formatWad(value, places))
const utc = (seconds: bigint) => `${new Date(Number(seconds) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`

/**
 * One market's pool delta over the last day as a step line (the delta holds between blocks that
 * change it), the zero line dashed. Hover for a point's time, block and delta. When the history is
 * shorter than the window the span says "since <time>", never "24 h".
 */
export function ExposureHistoryChart({ name, series }: { name: string; series: ExposureSeries }) {
  const [hover, setHover] = useState<number | null>(null)
  const span = series.to > series.from ? Number(series.to - series.from) : 1
  const low = Number(series.minDelta < 0n ? series.minDelta : 0n)
  const high = Number(series.maxDelta > 0n ? series.maxDelta : 0n)
  const x = (t: bigint) => PAD + (Number(t - series.from) / span) * (WIDTH - 2 * PAD)
  const y = (v: bigint | number) => HEIGHT - PAD - (high === low ? 0.5 : (Number(v) - low) / (high - low)) * (HEIGHT - 2 * PAD)
  // Step path: start value at `from`, each change at its block's time, held until `to`.
  let d = `M ${x(series.from)} ${y(series.startDelta)}`
  for (const p of series.points) d += ` H ${x(p.timestamp)} V ${y(p.poolDelta)}`
  d += ` H ${x(series.to)}`
  const change = series.endDelta - series.startDelta
  const shown = hover === null ? null : series.points[hover]
  const spanLabel = series.noEvents ? 'no positions yet' : series.fullWindow ? 'last 24 h' : `since ${utc(series.from)} (${formatDuration(series.to - series.from)})`
  const nearest = (clientX: number, box: DOMRect) => {
    if (series.points.length === 0) return null
    const at = ((clientX - box.left) / box.width) * WIDTH
    let best = 0
    for (let i = 1; i < series.points.length; i++) if (Math.abs(x(series.points[i].timestamp) - at) < Math.abs(x(series.points[best].timestamp) - at)) best = i
    return best
  }
  return (
    <div className="min-w-0" data-testid={`exposure-history-${name}`} data-points={series.points.length}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-xs">
        <span className="font-medium">{name}</span>
        <span className="text-zinc-500" data-testid={`exposure-history-span-${name}`}>{spanLabel}</span>
      </div>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-16 w-full"
        preserveAspectRatio="none"
        role="img"
        aria-label={`${name} pool delta, ${spanLabel}`}
        onMouseMove={(e) => setHover(nearest(e.clientX, e.currentTarget.getBoundingClientRect()))}
        onMouseLeave={() => setHover(null)}
      >
        {low < 0 && high > 0 && <line x1={PAD} x2={WIDTH - PAD} y1={y(0)} y2={y(0)} className="stroke-zinc-600" strokeDasharray="3 3" vectorEffect="non-scaling-stroke" />}
        <path d={d} fill="none" className="stroke-sky-400" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
        {shown && <circle cx={x(shown.timestamp)} cy={y(shown.poolDelta)} r={2.5} className="fill-sky-200" />}
      </svg>
      <p className="min-h-4 font-mono text-xs text-zinc-300" data-testid={`exposure-history-hover-${name}`}>
        {shown ? `${utc(shown.timestamp)}, block ${shown.blockNumber}: pool delta ${signedWad(shown.poolDelta)}` : `${series.points.length} change${series.points.length === 1 ? '' : 's'}; hover for the figures.`}
      </p>
      <dl className="grid grid-cols-3 gap-2 text-xs">
        <div><dt className="text-zinc-500">At start</dt><dd className="font-mono" data-testid={`exposure-history-start-${name}`}>{signedWad(series.startDelta)}</dd></div>
        <div><dt className="text-zinc-500">Now</dt><dd className="font-mono" data-testid={`exposure-history-end-${name}`}>{signedWad(series.endDelta)}</dd></div>
        <div><dt className="text-zinc-500">Change</dt><dd className="font-mono" data-testid={`exposure-history-change-${name}`}>{change > 0n ? '+' : ''}{signedWad(change)}</dd></div>
      </dl>
    </div>
  )
}

import type { PriceLevel, PricePoint } from './PriceChart'

const PLOT = 528
const HEIGHT = 288

const formatPrice = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: value >= 100 ? 2 : 4 })
const formatTime = (seconds: number) => new Date(seconds * 1000).toISOString().slice(11, 19)

/**
 * The price history drawn as a plain SVG line with its levels (entry, liquidation) and the range's
 * high, low and last price: what the page shows first. The interactive chart (lightweight-charts,
 * ~51 KiB gzip) loads only when someone reaches for it (components/chart/LazyPriceChart.tsx).
 */
export function PriceLineSvg({ points, levels = [] }: { points: PricePoint[]; levels?: PriceLevel[] }) {
  // one price a second, in time order, as the interactive chart shows them
  const bySecond = new Map<number, number>()
  for (const point of points) bySecond.set(point.time, point.value)
  const data = [...bySecond].sort(([a], [b]) => a - b)
  if (data.length === 0) return <div className="h-72 w-full rounded bg-zinc-900" />
  const values = [...data.map(([, v]) => v), ...levels.map((l) => l.price)]
  const low = Math.min(...values)
  const high = Math.max(...values)
  const pad = (high - low) * 0.08 || Math.abs(high) * 0.01 || 1
  const top = high + pad
  const bottom = low - pad
  const first = data[0][0]
  const last = data[data.length - 1][0]
  const x = (time: number) => (last === first ? PLOT / 2 : ((time - first) / (last - first)) * PLOT)
  const y = (value: number) => ((top - value) / (top - bottom)) * HEIGHT
  const line = data.map(([time, value]) => `${x(time).toFixed(1)},${y(value).toFixed(1)}`).join(' ')
  const lastValue = data[data.length - 1][1]
  // HTML labels beside the stretched SVG keep their shape at any width
  const label = (value: number, text: string, color: string, key: string) => (
    <span key={key} className="absolute right-0 -translate-y-1/2 whitespace-nowrap text-[11px]" style={{ top: `${(y(value) / HEIGHT) * 100}%`, color }}>
      {text}
    </span>
  )
  return (
    <div className="relative h-72 w-full">
      <svg viewBox={`0 0 ${PLOT} ${HEIGHT}`} preserveAspectRatio="none" className="absolute inset-y-0 left-0 h-full w-[calc(100%-72px)]" role="img" aria-label="Oracle price history">
        <line x1="0" x2={PLOT} y1={y(high)} y2={y(high)} stroke="#27272a" vectorEffect="non-scaling-stroke" />
        <line x1="0" x2={PLOT} y1={y(low)} y2={y(low)} stroke="#27272a" vectorEffect="non-scaling-stroke" />
        {levels.map((level) => (
          <line key={level.title} x1="0" x2={PLOT} y1={y(level.price)} y2={y(level.price)} stroke={level.color} strokeDasharray="4 4" vectorEffect="non-scaling-stroke" />
        ))}
        <polyline points={line} fill="none" stroke="#10b981" strokeWidth="2" vectorEffect="non-scaling-stroke" />
      </svg>
      <div className="pointer-events-none absolute inset-y-0 right-0 w-[72px]" aria-hidden>
        {label(high, formatPrice(high), '#71717a', 'high')}
        {label(low, formatPrice(low), '#71717a', 'low')}
        {levels.map((level) => label(level.price, `${level.title} ${formatPrice(level.price)}`, level.color, level.title))}
        {label(lastValue, formatPrice(lastValue), '#10b981', 'last')}
      </div>
      <div className="pointer-events-none absolute bottom-0 left-0 flex w-[calc(100%-72px)] justify-between text-[11px] text-zinc-500">
        <span>{formatTime(first)}</span>
        <span>{formatTime(last)} UTC</span>
      </div>
    </div>
  )
}

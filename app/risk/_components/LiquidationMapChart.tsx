'use client'

import { memo, useState } from 'react'
import { formatPercent, formatWad } from '@/lib/format'
import type { LiquidationMap } from '@/lib/risk'

const WIDTH = 640
const HEIGHT = 180
const PAD = 28

/**
 * One market's liquidation map as SVG: cumulative notional liquidatable as the price falls (longs,
 * left) or rises (shorts, right), with the current price and the 1-day 99 % move marked. Hover a
 * level for its figures.
 */
export const LiquidationMapChart = memo(function LiquidationMapChart({ name, map }: { name: string; map: LiquidationMap }) {
  const [hover, setHover] = useState<number | null>(null)
  const levels = map.levels
  const low = Number(levels[0]?.price ?? 0n)
  const high = Number(levels[levels.length - 1]?.price ?? 1n)
  const max = levels.reduce((m, l) => (l.cumulative > m ? l.cumulative : m), 0n)
  const x = (price: bigint) => PAD + ((Number(price) - low) / Math.max(high - low, 1)) * (WIDTH - 2 * PAD)
  const y = (value: bigint) => HEIGHT - PAD - (max === 0n ? 0 : (Number(value) / Number(max)) * (HEIGHT - 2 * PAD))
  const barWidth = Math.max(2, (WIDTH - 2 * PAD) / Math.max(levels.length, 1) - 2)
  const priceNum = Number(map.price)
  const moveLow = priceNum * (1 - Number(map.move99) / 1e18)
  const moveHigh = priceNum * (1 + Number(map.move99) / 1e18)
  const xNum = (p: number) => PAD + ((p - low) / Math.max(high - low, 1)) * (WIDTH - 2 * PAD)
  const shown = hover === null ? null : levels[hover]
  return (
    <div data-testid={`liquidation-map-${name}`} className="min-w-0">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-label={`${name} liquidation map`} onMouseLeave={() => setHover(null)}>
        {levels.map((level, i) => (
          <rect
            key={i}
            data-testid={`map-bar-${name}-${i}`}
            x={x(level.price) - barWidth / 2}
            y={y(level.cumulative)}
            width={barWidth}
            height={HEIGHT - PAD - y(level.cumulative)}
            className={level.side === 'long' ? 'fill-emerald-500/70' : 'fill-rose-500/70'}
            onMouseEnter={() => setHover(i)}
          />
        ))}
        {/* invisible hover strips so a level with nothing liquidatable still answers */}
        {levels.map((level, i) => (
          <rect key={`h${i}`} x={x(level.price) - barWidth / 2} y={PAD} width={barWidth} height={HEIGHT - 2 * PAD} fill="transparent" onMouseEnter={() => setHover(i)} />
        ))}
        <line x1={xNum(priceNum)} x2={xNum(priceNum)} y1={PAD / 2} y2={HEIGHT - PAD} className="stroke-zinc-200" strokeWidth={1.5} />
        {map.move99 > 0n &&
          [moveLow, moveHigh].map((p) => <line key={p} x1={xNum(p)} x2={xNum(p)} y1={PAD / 2} y2={HEIGHT - PAD} className="stroke-amber-300" strokeDasharray="4 3" />)}
        <text x={xNum(priceNum)} y={PAD / 2 - 2} textAnchor="middle" className="fill-zinc-300 text-[10px]">
          {formatWad(map.price)}
        </text>
        <text x={PAD} y={HEIGHT - 8} className="fill-zinc-500 text-[10px]">{formatWad(levels[0]?.price ?? 0n)}</text>
        <text x={WIDTH - PAD} y={HEIGHT - 8} textAnchor="end" className="fill-zinc-500 text-[10px]">{formatWad(levels[levels.length - 1]?.price ?? 0n)}</text>
      </svg>
      <p className="min-h-5 font-mono text-xs text-zinc-300" data-testid={`map-hover-${name}`}>
        {shown
          ? `${shown.side === 'long' ? 'At or below' : 'At or above'} ${formatWad(shown.price)}: ${formatWad(shown.cumulative)} USD of ${shown.side}s liquidatable`
          : 'Hover a level for its figures.'}
      </p>
      <dl className="grid grid-cols-2 gap-2 text-xs sm:grid-cols-4">
        <div><dt className="text-zinc-500">Price</dt><dd className="font-mono" data-testid={`map-price-${name}`}>{formatWad(map.price)}</dd></div>
        <div><dt className="text-zinc-500">1-day 99 % move</dt><dd className="font-mono" data-testid={`map-move-${name}`}>{map.move99 === 0n ? 'no volatility yet' : `±${formatPercent(map.move99)}`}</dd></div>
        <div><dt className="text-zinc-500">Longs liquidated within it</dt><dd className="font-mono" data-testid={`map-longs-within-${name}`}>{formatWad(map.longsWithinMove)} USD</dd></div>
        <div><dt className="text-zinc-500">Shorts liquidated within it</dt><dd className="font-mono" data-testid={`map-shorts-within-${name}`}>{formatWad(map.shortsWithinMove)} USD</dd></div>
      </dl>
    </div>
  )
})

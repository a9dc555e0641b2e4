'use client'

import { lazy, Suspense, useState, type ComponentProps } from 'react'
import { PriceLineSvg } from './PriceLineSvg'

const PriceChart = lazy(() => import('./PriceChart'))

/**
 * The price history as a light SVG line first; the interactive chart (lightweight-charts: zoom,
 * crosshair, time axis; ~51 KiB gzip) loads when someone reaches for it: the pointer over the
 * chart, focus inside it, or its button. A visitor who only reads the numbers never downloads it;
 * while it downloads, the light line stays in place.
 */
export function LazyPriceChart({ points, levels, testId }: ComponentProps<typeof PriceChart>) {
  const [wanted, setWanted] = useState(false)
  const want = () => setWanted(true)
  const light = <PriceLineSvg points={points} levels={levels} />
  if (wanted)
    return (
      <Suspense fallback={light}>
        <PriceChart points={points} levels={levels} testId={testId} />
      </Suspense>
    )
  return (
    <div data-testid={testId ? `${testId}-light` : undefined} className="relative" onPointerEnter={want} onFocus={want}>
      {light}
      <button
        type="button"
        onClick={want}
        data-testid={testId ? `${testId}-interactive` : undefined}
        className="absolute left-2 top-2 rounded border border-zinc-700 bg-zinc-900/80 px-2 py-0.5 text-xs text-zinc-300 hover:text-white"
      >
        Interactive chart
      </button>
    </div>
  )
}

'use client'

import dynamic from 'next/dynamic'
import type { ComponentProps } from 'react'
import { useNearViewport } from '@/hooks/useNearViewport'

const placeholder = <div className="h-72 w-full animate-pulse rounded bg-zinc-900" />

const PriceChart = dynamic(() => import('./PriceChart'), { ssr: false, loading: () => placeholder })

/**
 * The chart library loads after the page's numbers, in the browser only, and only once the chart's
 * place is near the viewport: a page whose chart is below the fold does not download it until
 * someone scrolls there.
 */
export function LazyPriceChart(props: ComponentProps<typeof PriceChart>) {
  const { ref, near } = useNearViewport<HTMLDivElement>()
  return near ? <PriceChart {...props} /> : <div ref={ref}>{placeholder}</div>
}

'use client'

import dynamic from 'next/dynamic'
import type { ComponentProps } from 'react'
import { useNearViewport } from '@/hooks/useNearViewport'

const placeholder = <div className="h-56 w-full animate-pulse rounded bg-zinc-900" />

const SeriesChart = dynamic(() => import('./SeriesChart').then((m) => m.SeriesChart), { ssr: false, loading: () => placeholder })

/** The replay's charts sit below its tables: the chart library loads when one comes into view. */
export function LazySeriesChart(props: ComponentProps<typeof SeriesChart>) {
  const { ref, near } = useNearViewport<HTMLDivElement>()
  return near ? (
    <SeriesChart {...props} />
  ) : (
    <div ref={ref} data-testid={`${props.testId}-loading`}>
      {placeholder}
    </div>
  )
}

'use client'

import dynamic from 'next/dynamic'

/** The chart library loads after the page's numbers, in the browser only. */
export const LazyPriceChart = dynamic(() => import('./PriceChart'), {
  ssr: false,
  loading: () => <div className="h-72 w-full animate-pulse rounded bg-zinc-900" />,
})

'use client'

import { ColorType, createChart, LineSeries, type UTCTimestamp } from 'lightweight-charts'
import { useEffect, useRef } from 'react'

export type ChartLine = { name: string; color: string; points: { time: number; value: number }[] }

/** Several lines on one time axis (one per policy): the replay's time series. */
export function SeriesChart({ lines, testId, format }: { lines: ChartLine[]; testId: string; format?: (x: number) => string }) {
  const container = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!container.current) return
    const chart = createChart(container.current, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: '#a1a1aa' },
      grid: { vertLines: { color: '#27272a' }, horzLines: { color: '#27272a' } },
      timeScale: { timeVisible: true, secondsVisible: false },
      localization: format ? { priceFormatter: format } : undefined,
    })
    for (const line of lines) {
      const series = chart.addSeries(LineSeries, { color: line.color, lineWidth: 2, title: line.name })
      // strictly increasing times: the last value of each second
      const bySecond = new Map<number, number>()
      for (const p of line.points) bySecond.set(p.time, p.value)
      series.setData([...bySecond].sort(([a], [b]) => a - b).map(([time, value]) => ({ time: time as UTCTimestamp, value })))
    }
    chart.timeScale().fitContent()
    return () => chart.remove()
  }, [lines, format])

  return <div ref={container} data-testid={testId} className="h-56 w-full" />
}

'use client'

import { ColorType, createChart, LineSeries, type IChartApi, type IPriceLine, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts'
import { useEffect, useRef } from 'react'

export type PricePoint = { time: number; value: number }
export type PriceLevel = { price: number; title: string; color: string }

/**
 * A line chart of oracle prices with horizontal levels (entry, liquidation). Loaded lazily
 * (see LazyPriceChart) so the chart library never delays the first live numbers.
 */
export default function PriceChart({ points, levels = [], testId }: { points: PricePoint[]; levels?: PriceLevel[]; testId?: string }) {
  const container = useRef<HTMLDivElement>(null)
  const chart = useRef<IChartApi | null>(null)
  const series = useRef<ISeriesApi<'Line'> | null>(null)
  const lines = useRef<IPriceLine[]>([])

  useEffect(() => {
    if (!container.current) return
    chart.current = createChart(container.current, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: 'transparent' }, textColor: '#a1a1aa' },
      grid: { vertLines: { color: '#27272a' }, horzLines: { color: '#27272a' } },
      timeScale: { timeVisible: true, secondsVisible: true },
    })
    series.current = chart.current.addSeries(LineSeries, { color: '#10b981', lineWidth: 2 })
    return () => {
      chart.current?.remove()
      chart.current = null
      series.current = null
      lines.current = []
    }
  }, [])

  useEffect(() => {
    // The chart needs strictly increasing times: keep the last price of each second.
    const bySecond = new Map<number, number>()
    for (const point of points) bySecond.set(point.time, point.value)
    const data = [...bySecond].sort(([a], [b]) => a - b).map(([time, value]) => ({ time: time as UTCTimestamp, value }))
    series.current?.setData(data)
  }, [points])

  useEffect(() => {
    const target = series.current
    if (!target) return
    for (const line of lines.current) target.removePriceLine(line)
    lines.current = levels.map((level) =>
      target.createPriceLine({ price: level.price, color: level.color, title: level.title, lineWidth: 1, lineStyle: 2, axisLabelVisible: true }),
    )
  }, [levels])

  return <div ref={container} data-testid={testId} className="h-72 w-full" />
}

'use client'

import { useMemo, useState, type ChangeEvent } from 'react'
import { FieldError } from '@/components/FieldError'
import { parseLabResult } from '@/lib/replay/parse'
import { tableRows } from '@/lib/replay/table'
import type { LabResult } from '@/lib/replay/types'
import type { ChartLine } from './SeriesChart'
import { LazySeriesChart } from './LazySeriesChart'

const COLORS = ['#10b981', '#f59e0b', '#60a5fa', '#f472b6', '#a78bfa']

const pctFormat = (x: number) => `${(x * 100).toFixed(2)} %`
const usdFormat = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`

/** One committed result (or one the user picks) as the per-policy table and the time series. */
export function ReplayView({ initial, initialName }: { initial: LabResult | null; initialName: string | null }) {
  const [result, setResult] = useState<LabResult | null>(initial)
  const [name, setName] = useState<string | null>(initialName)
  const [error, setError] = useState<string | null>(null)

  async function pick(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0]
    if (!file) return
    try {
      setResult(parseLabResult(await file.text()))
      setName(file.name)
      setError(null)
    } catch (e) {
      setError(`${file.name}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }

  return (
    <div className="space-y-6">
      <div>
        <label className="text-sm text-zinc-400" htmlFor="replay-file">
          Open a result written by <code>npm run replay -- … --json out.json</code>
        </label>
        <input id="replay-file" data-testid="replay-file" type="file" accept="application/json,.json" onChange={pick} className="mt-1 block text-sm text-zinc-300" />
        <FieldError message={error ?? undefined} testId="replay-file-error" />
      </div>
      {result ? <ResultView result={result} name={name} /> : <p className="text-sm text-zinc-400">No result loaded.</p>}
    </div>
  )
}

function ResultView({ result, name }: { result: LabResult; name: string | null }) {
  const rows = tableRows(result)
  const [head, ...body] = rows
  const charts = useMemo(() => chartsOf(result), [result])
  return (
    <div className="space-y-6">
      <section data-testid="replay-summary" className="text-sm text-zinc-400">
        <p>
          <span className="text-zinc-200">{name}</span>:{' '}
          {result.markets.map((m) => `${m.name} ${new Date(m.from * 1000).toISOString().slice(0, 16)} → ${new Date(m.to * 1000).toISOString().slice(0, 16)} UTC (${m.bars} bars of ${m.barSeconds / 60} min, ${m.firstOpen} → low ${m.minLow})`).join('; ')}
        </p>
        <p>
          {result.population.opened} of {result.population.traders} traders opened (open interest ${Math.round(result.population.openInterest).toLocaleString('en-US')}, {Math.round(result.population.longShare * 100)} % long,
          mean leverage {result.population.meanLeverage.toFixed(1)}×); pool ${Math.round(result.population.poolValue).toLocaleString('en-US')}, staked ${Math.round(result.population.staked).toLocaleString('en-US')}; seed {result.parameters.seed}, source noise {result.parameters.sources.noiseBp} bp, oracle delay {result.parameters.sources.delaySeconds} s.
        </p>
      </section>
      <table data-testid="replay-table" className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-zinc-800 text-zinc-400">
            {head.map((cell, i) => (
              <th key={i} className="py-2 pr-4 font-medium">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.map((row) => (
            <tr key={row[0]} data-testid={`replay-row-${row[0].trim().replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`} className="border-b border-zinc-900">
              {row.map((cell, i) => (
                <td key={i} className={`py-1.5 pr-4 ${i === 0 ? 'text-zinc-400' : 'font-mono text-zinc-200'}`}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-sm text-zinc-400">
        {result.differences.map((d) => `Liquidated under ${d.liquidatedUnder}, not under ${d.survivedUnder}: ${d.count}.`).join(' ')}
      </p>
      <div className="grid gap-6 md:grid-cols-2">
        {charts.map((c) => (
          <section key={c.id}>
            <h2 className="mb-2 text-sm font-medium text-zinc-300">{c.title}</h2>
            <LazySeriesChart lines={c.lines} testId={`replay-chart-${c.id}`} format={c.format} />
            <Legend lines={c.lines} />
          </section>
        ))}
      </div>
    </div>
  )
}

function Legend({ lines }: { lines: ChartLine[] }) {
  return (
    <p className="mt-1 flex gap-4 text-xs text-zinc-400">
      {lines.map((l) => (
        <span key={l.name}>
          <span style={{ color: l.color }}>■</span> {l.name}
        </span>
      ))}
    </p>
  )
}

function chartsOf(result: LabResult): { id: string; title: string; lines: ChartLine[]; format?: (x: number) => string }[] {
  const per = (pick: (p: LabResult['results'][number]['series'][number]) => number): ChartLine[] =>
    result.results.map((r, i) => ({ name: r.policy, color: COLORS[i % COLORS.length], points: r.series.map((s) => ({ time: s.t, value: pick(s) })) }))
  const first = result.results[0]
  return [
    ...result.markets.map((m, k) => ({
      id: `price-${k}`,
      title: `${m.name} oracle price (path replayed)`,
      lines: [{ name: m.name, color: '#e4e4e7', points: first.series.map((s) => ({ time: s.t, value: s.price[k] })) }],
    })),
    ...result.markets.map((m, k) => ({ id: `margin-${k}`, title: `${m.name} maintenance margin in force`, lines: per((s) => s.margin[k]), format: pctFormat })),
    { id: 'fund', title: 'Insurance fund (buffer + staked)', lines: per((s) => s.fund), format: usdFormat },
    { id: 'bad-debt', title: 'Bad debt, cumulative', lines: per((s) => s.badDebt), format: usdFormat },
    { id: 'liquidations', title: 'Liquidations, cumulative', lines: per((s) => s.liquidations) },
  ]
}

/**
 * Renders the committed lab results for docs/replay.md: one SVG chart per window (prices
 * normalised to their first value, the margin in force under each policy, cumulative bad debt)
 * and the Markdown table of each. Usage: npx tsx scripts/replay/docs.ts [dir] > /tmp/tables.md
 * (dir: the folder of lab JSON files, docs/replay by default).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseLabResult } from '../../lib/replay/parse'
import { markdownTable } from '../../lib/replay/table'
import type { LabResult } from '../../lib/replay/types'

const DIR = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'docs', 'replay')
const COLORS = ['#059669', '#d97706', '#2563eb', '#db2777']

function polyline(points: [number, number][], color: string, dashed = false): string {
  return `<polyline fill="none" stroke="${color}" stroke-width="1.5"${dashed ? ' stroke-dasharray="4 3"' : ''} points="${points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}"/>`
}

/** Three stacked panels: price (÷ first), margin in force, bad debt. */
export function svgOf(result: LabResult, title: string): string {
  const W = 760
  const H = 150
  const pad = 40
  const series = result.results[0].series
  const t0 = series[0].t
  const t1 = series[series.length - 1].t
  const x = (t: number) => pad + ((t - t0) / Math.max(1, t1 - t0)) * (W - 2 * pad)
  const panel = (index: number, label: string, lines: { values: [number, number][]; color: string; dashed?: boolean }[], fmt: (v: number) => string) => {
    const all = lines.flatMap((l) => l.values.map(([, v]) => v))
    const lo = Math.min(...all)
    const hi = Math.max(...all) === lo ? lo + 1 : Math.max(...all)
    const top = index * (H + 20) + 44
    const y = (v: number) => top + H - ((v - lo) / (hi - lo)) * H
    return [
      `<text x="${pad}" y="${top - 6}" font-size="12" fill="#333">${label}</text>`,
      `<rect x="${pad}" y="${top}" width="${W - 2 * pad}" height="${H}" fill="none" stroke="#ccc"/>`,
      `<text x="2" y="${top + 10}" font-size="10" fill="#666">${fmt(hi)}</text><text x="2" y="${top + H}" font-size="10" fill="#666">${fmt(lo)}</text>`,
      ...lines.map((l) => polyline(l.values.map(([t, v]) => [x(t), y(v)]), l.color, l.dashed)),
    ].join('\n')
  }
  const price = result.markets.map((m, k) => ({ values: series.map((s) => [s.t, s.price[k] / series[0].price[k]] as [number, number]), color: k === 0 ? '#111' : '#888' }))
  const margin = result.results.flatMap((r, i) => result.markets.map((_, k) => ({ values: r.series.map((s) => [s.t, s.margin[k] * 100] as [number, number]), color: COLORS[i], dashed: k > 0 })))
  const debt = result.results.map((r, i) => ({ values: r.series.map((s) => [s.t, s.badDebt] as [number, number]), color: COLORS[i] }))
  const legend = result.results.map((r, i) => `<tspan fill="${COLORS[i]}">■ ${r.policy}</tspan>`).join(' ')
  const markets = result.markets.map((m, k) => `${k === 0 ? 'black' : 'grey'}: ${m.name}`).join(', ')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${3 * (H + 20) + 64}" font-family="sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${pad}" y="16" font-size="13" fill="#111">${title}  ${legend}</text>
${panel(0, `price ÷ first price (${markets})`, price, (v) => v.toFixed(2))}
${panel(1, 'maintenance margin in force, % (dashed: second market)', margin, (v) => v.toFixed(2))}
${panel(2, 'bad debt, cumulative, USD', debt, (v) => `$${Math.round(v)}`)}
<text x="${pad}" y="${3 * (H + 20) + 56}" font-size="10" fill="#666">${new Date(t0 * 1000).toISOString().slice(0, 16)} → ${new Date(t1 * 1000).toISOString().slice(0, 16)} UTC</text>
</svg>
`
}

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()) {
  const name = file.replace(/\.json$/, '')
  const result = parseLabResult(readFileSync(join(DIR, file), 'utf8'))
  writeFileSync(join(DIR, `${name}.svg`), svgOf(result, name))
  process.stdout.write(`### ${name}\n\n${markdownTable(result)}\n\n![${name}](replay/${name}.svg)\n\n`)
}

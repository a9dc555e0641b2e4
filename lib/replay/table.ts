/** The per-policy table of a lab result, as text (CLI) and as Markdown (docs/replay.md). */
import type { LabResult, PolicyResult } from './types'

export const usd = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`
export const pct = (x: number, digits = 2) => `${(x * 100).toFixed(digits)} %`

/** Rows of the table: a label and one cell per policy. */
export function tableRows(result: Pick<LabResult, 'results'>): [string, ...string[]][] {
  const r = result.results
  const row = (label: string, f: (p: PolicyResult) => string): [string, ...string[]] => [label, ...r.map(f)]
  return [
    row('policy', (p) => p.policy + (p.staticMargin ? ` (mm ${Object.values(p.staticMargin).map((x) => pct(x, 3)).join(', ')})` : '')),
    row('avg / max margin', (p) => p.averageMargin.map((a, i) => `${pct(a, 3)} / ${pct(p.maxMargin[i], 3)}`).join('; ')),
    row('liquidations', (p) => String(p.liquidations)),
    row('liquidated notional', (p) => usd(p.liquidatedNotional)),
    row('bad debt', (p) => usd(p.badDebt)),
    row('  covered by buffer', (p) => usd(p.coveredByBuffer)),
    row('  covered by stakers', (p) => usd(p.coveredByStakers)),
    row('  covered by auction', (p) => usd(p.coveredByAuction)),
    row('  socialised (LPs)', (p) => usd(p.socialised)),
    row('  outstanding', (p) => usd(p.outstanding)),
    row('worst fund drawdown', (p) => `${usd(p.worstFundDrawdown)} (${pct(p.worstFundDrawdownFraction, 1)})`),
    row('LP share price', (p) => `${p.lpSharePriceBefore.toFixed(4)} → ${p.lpSharePriceAfter.toFixed(4)}`),
    row('staker share price', (p) => `${p.stakerSharePriceBefore.toFixed(4)} → ${p.stakerSharePriceAfter.toFixed(4)}`),
    row('worst keeper lag (blocks)', (p) => String(p.worstKeeperLagBlocks)),
    row('liquidatable at end', (p) => String(p.liquidatableAtEnd)),
    row('top-ups / close requests / crash opens', (p) => `${p.toppedUp} / ${p.closeRequests} / ${p.crashOpens}`),
    row('ticks / wall time', (p) => `${p.ticks} / ${Math.round(p.seconds)} s`),
  ]
}

export function formatTable(result: LabResult): string {
  const rows = tableRows(result)
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)))
  const lines = rows.map((r) => r.map((cell, k) => cell.padEnd(widths[k])).join('  '))
  const diffs = result.differences.map((d) => `liquidated under ${d.liquidatedUnder}, not under ${d.survivedUnder}: ${d.count}`)
  return [...lines, ...diffs].join('\n')
}

export function markdownTable(result: Pick<LabResult, 'results'>): string {
  const rows = tableRows(result)
  const [head, ...body] = rows
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n')
}

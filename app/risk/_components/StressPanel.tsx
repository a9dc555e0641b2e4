'use client'

import { useEffect, useState } from 'react'
import { FieldError } from '@/components/FieldError'
import { formatAmount, formatWad } from '@/lib/format'
import type { StressResult, WaterfallCapacity } from '@/lib/risk'
import { STRESS_SCENARIO_EXPLAINER } from '@/lib/riskConsoleExplainers'
import { Panel } from '@/components/Panel'

const ALL = 'all'
const LIMIT = 60

/** Reads the shock field: a whole or decimal percentage within ±60. */
export function parseShock(text: string): { ok: true; percent: number } | { ok: false; error: string } {
  const trimmed = text.trim()
  if (trimmed === '' || trimmed === '-' || trimmed === '+') return { ok: false, error: 'Enter a shock in %, like -30.' }
  if (!/^[+-]?\d+(\.\d{1,2})?$/.test(trimmed)) return { ok: false, error: 'A number with at most two decimals, like -12.5.' }
  const percent = Number(trimmed)
  if (Math.abs(percent) > LIMIT) return { ok: false, error: `Between −${LIMIT} % and +${LIMIT} %.` }
  return { ok: true, percent }
}

const LAYERS = [
  ['buffer', 'Protocol buffer'],
  ['stakers', 'Stakers (within max slash)'],
  ['auction', 'Debt auction (this mint period)'],
  ['pool', 'Liquidity pool'],
] as const

/** The shocks the panel's market and field ask for (market id → WAD fraction), or null for an invalid field. */
export function stressShocks(target: string, text: string, markets: readonly { marketId: bigint }[]): [bigint, bigint][] | null {
  const parsed = parseShock(text)
  if (!parsed.ok) return null
  const shock = BigInt(Math.round(parsed.percent * 100)) * 10n ** 14n
  return markets.filter((m) => target === ALL || String(m.marketId) === target).map((m) => [m.marketId, shock])
}

export const DEFAULT_STRESS = { target: ALL, text: '-30' }

const shocksKey = (shocks: readonly [bigint, bigint][] | null) => (shocks === null ? 'none' : shocks.map(([id, shock]) => `${id}:${shock}`).join(','))

/**
 * What-if: a price shock per market or on all markets together, projected through liquidations
 * and the waterfall. The projection runs with the console's other maths in its worker
 * (hooks/useRiskReport.ts): the panel sends the shocks up and shows the result computed for them.
 */
export function StressPanel({
  markets,
  capacity,
  decimals,
  nameOf,
  onShocks,
  computed,
}: {
  markets: readonly { marketId: bigint }[]
  capacity: WaterfallCapacity
  decimals: number
  nameOf: (id: bigint) => string
  onShocks: (shocks: [bigint, bigint][] | null) => void
  /** The worker's latest result and the shocks it is for. */
  computed: { result: StressResult | null; shocks: readonly [bigint, bigint][] | null }
}) {
  const [target, setTarget] = useState<string>(DEFAULT_STRESS.target)
  const [text, setText] = useState(DEFAULT_STRESS.text)
  const parsed = parseShock(text)
  const shocks = stressShocks(target, text, markets)
  const key = shocksKey(shocks)
  useEffect(() => onShocks(shocks), [key]) // eslint-disable-line react-hooks/exhaustive-deps
  // Only a result computed for what the fields say now (a new shock is a worker round trip away).
  const result = computed.result && shocksKey(computed.shocks) === key ? computed.result : null
  return (
    <Panel title="What-if stress" testId="stress-panel">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-500">Market</span>
          <select data-testid="stress-market" value={target} onChange={(e) => setTarget(e.target.value)} className="rounded border border-zinc-700 bg-zinc-900 px-2 py-1">
            <option value={ALL}>All markets together</option>
            {markets.map((m) => (
              <option key={String(m.marketId)} value={String(m.marketId)}>{nameOf(m.marketId)}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-xs text-zinc-500">Shock (%)</span>
          <input data-testid="stress-shock" inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} className="w-24 rounded border border-zinc-700 bg-zinc-900 px-2 py-1 font-mono" />
        </label>
        <input aria-label="Shock slider" type="range" min={-LIMIT} max={LIMIT} step={1} value={parsed.ok ? parsed.percent : 0} onChange={(e) => setText(e.target.value)} className="w-48" />
      </div>
      <FieldError message={parsed.ok ? undefined : parsed.error} testId="stress-shock-error" />
      {parsed.ok && !result && <p className="text-sm text-zinc-500" data-testid="stress-computing">Computing…</p>}
      {result && (
        <>
          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            <div><dt className="text-xs text-zinc-500">Liquidated</dt><dd className="font-mono" data-testid="stress-liquidated-count">{result.liquidatedCount}</dd></div>
            <div><dt className="text-xs text-zinc-500">Notional liquidated</dt><dd className="font-mono" data-testid="stress-liquidated-notional">{formatWad(result.liquidatedNotional)} USD</dd></div>
            <div><dt className="text-xs text-zinc-500">Penalties</dt><dd className="font-mono" data-testid="stress-penalties">{formatAmount(result.penalties, decimals)} tUSD</dd></div>
            <div><dt className="text-xs text-zinc-500">Bad debt</dt><dd className="font-mono" data-testid="stress-bad-debt">{formatAmount(result.badDebt, decimals)} tUSD</dd></div>
          </dl>
          <ol className="grid gap-2 text-sm sm:grid-cols-4" data-testid="stress-waterfall" data-reaches={result.reaches}>
            {LAYERS.map(([layer, label]) => {
              const used = result.covered[layer]
              const room = layer === 'pool' ? null : capacity[layer === 'stakers' ? 'slashableNow' : layer]
              return (
                <li key={layer} className={`rounded border p-2 ${used > 0n ? (layer === 'pool' ? 'border-rose-500/60 bg-rose-500/10' : 'border-amber-500/50 bg-amber-500/10') : 'border-zinc-800'}`}>
                  <p className="text-xs text-zinc-500">{label}</p>
                  <p className="font-mono" data-testid={`stress-layer-${layer}`}>{formatAmount(used, decimals)}</p>
                  {room !== null && <p className="text-[10px] text-zinc-500">of {formatAmount(room, decimals)} available</p>}
                </li>
              )
            })}
          </ol>
          <p className="text-sm" data-testid="stress-reaches">
            {result.reaches === 'none' ? 'No bad debt: the waterfall is not touched.' : `Reaches: ${LAYERS.find(([l]) => l === result.reaches)?.[1]}.`}
          </p>
        </>
      )}
      <details className="text-xs text-zinc-400">
        <summary className="cursor-pointer text-zinc-300">Assumptions</summary>
        <p className="mt-1 max-w-3xl">{STRESS_SCENARIO_EXPLAINER}</p>
      </details>
    </Panel>
  )
}

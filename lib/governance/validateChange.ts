import type { Hex } from 'viem'
import { parameterKeys } from './parameterKeys'
import { catalogEntry, formatParameterValue, parseParameterInput, type CatalogEntry } from './parameterCatalog'

export type DraftChange = { id: Hex; text: string }

export type CheckedChange = { id: Hex; entry: CatalogEntry; value?: bigint; error?: string }

/**
 * Tier fields RiskConfig stores in coarser units than WAD (`RiskParameterTable.OI_CAP_STEP`,
 * `LEVERAGE_STEP`), so that one storage slot holds everything a trade reads: a value that is not a
 * whole number of its step reverts `UnrepresentableValue` at execution.
 */
export const TIER_FIELD_STEPS: Readonly<Record<string, { step: bigint; text: string }>> = {
  oiCapFraction: { step: 10n ** 9n, text: '0.0000001 %' },
  maxLeverage: { step: 10n ** 12n, text: '0.000001x' },
}

/**
 * A proposal draft checked as the contracts would at execution, before anything is signed: the
 * typed text parses in the field's unit, lies within the hard bounds, differs from today's value,
 * is a whole number of the field's storage step (`TIER_FIELD_STEPS`), and keeps each tier's mmBase ≤ mmMax (RiskConfig's cross-field check on the targets, with the
 * draft's other changes applied). Returns one result per change; `error` is the message next to it.
 */
export function checkDraft(changes: readonly DraftChange[], catalog: ReadonlyMap<Hex, CatalogEntry>): CheckedChange[] {
  const parsed = changes.map((change) => {
    const entry = catalogEntry(catalog, change.id)
    if (!entry) throw new Error(`parameter ${change.id} is not in the registry`)
    return { id: change.id, entry, ...parseParameterInput(change.text, entry.display) }
  })
  // The targets after the whole draft (later entries win, as actions execute in order).
  const proposed = new Map<string, bigint>()
  for (const p of parsed) if (p.value !== undefined) proposed.set(p.id.toLowerCase(), p.value)
  const valueAfter = (id: Hex) => proposed.get(id.toLowerCase()) ?? catalogEntry(catalog, id)?.value

  return parsed.map((p): CheckedChange => {
    if (p.error !== undefined) return { id: p.id, entry: p.entry, error: p.error }
    const { entry, value } = p
    const fmt = (v: bigint) => formatParameterValue(v, entry.display)
    if (value < entry.minValue || value > entry.maxValue)
      return { id: p.id, entry, value, error: `Out of bounds: must be between ${fmt(entry.minValue)} and ${fmt(entry.maxValue)} (hard bounds no vote can change).` }
    if (value === entry.value) return { id: p.id, entry, value, error: `Already ${fmt(value)}: no change.` }
    const step = entry.where.scope === 'tier' ? TIER_FIELD_STEPS[entry.where.key] : undefined
    if (step && value % step.step !== 0n)
      return { id: p.id, entry, value, error: `Not representable: RiskConfig stores this in steps of ${step.text}; execution would revert.` }
    if (entry.where.scope === 'tier' && (entry.where.key === 'mmBase' || entry.where.key === 'mmMax')) {
      const tierId = entry.where.tierId
      const base = valueAfter(parameterKeys.tier('mmBase', tierId))
      const max = valueAfter(parameterKeys.tier('mmMax', tierId))
      if (base !== undefined && max !== undefined && base > max)
        return entry.where.key === 'mmBase'
          ? { id: p.id, entry, value, error: `Above the tier's maintenance margin max (${fmt(max)}): raise that too, or execution reverts.` }
          : { id: p.id, entry, value, error: `Below the tier's maintenance margin base (${fmt(base)}): execution would revert.` }
    }
    return { id: p.id, entry, value }
  })
}

import { formatUnits, parseUnits, type Hex } from 'viem'
import { formatDuration } from '../format'
import { parameterKeys } from './parameterKeys'

/** One entry of `getParameters()` (IGovernedParameters.ParameterInfo). */
export type ParameterInfo = {
  id: Hex
  value: bigint
  minValue: bigint
  maxValue: bigint
  name: string
  unit: string
  updatedAt: bigint
  kind: number
  governanceValue: bigint
  governanceSetAt: bigint
}

/** Field keys as `ParameterKeys` derives ids from them (RiskParameterTable's order). */
export const TIER_KEYS = ['mmBase', 'mmMax', 'volMultiplier', 'maxMmRisePerHour', 'maxLeverage', 'imMultiplier', 'liquidationPenalty', 'oiCapFraction', 'horizon'] as const
export const MARKET_KEYS = ['fundingFactor', 'takerFee', 'impactFactor', 'maxAge', 'minSources', 'maxDeviation', 'maxJump', 'recoveryPeriod', 'ewmaLambda', 'staleGrace', 'maxGuardDuration', 'volBucket'] as const
export const GLOBAL_KEYS = ['insuranceShare', 'stakerShare', 'guardianPauseDuration'] as const

/** `ParameterKinds` names (the steward's caps are per kind). */
export const PARAMETER_KINDS = ['General', 'Margin', 'Open interest', 'Fee', 'Funding', 'Fee split', 'Oracle', 'Guardian'] as const
/** Kinds the steward may move (`STEWARDABLE_KINDS`): the others are for votes only. */
export const STEWARDABLE_KINDS = 5

/** How a value is shown and typed. */
export type Display = 'percent' | 'multiplier' | 'percentPerHour' | 'duration' | 'count' | 'raw'

export type ParameterScope =
  | { scope: 'tier'; key: (typeof TIER_KEYS)[number]; tierId: bigint }
  | { scope: 'market'; key: (typeof MARKET_KEYS)[number]; marketId: bigint }
  | { scope: 'global'; key: (typeof GLOBAL_KEYS)[number] }
  | { scope: 'unknown' }

export type CatalogEntry = ParameterInfo & {
  where: ParameterScope
  /** "ETH-USD, BTC-USD (tier 0) maintenance margin base". */
  label: string
  display: Display
}

export type MarketRef = { marketId: bigint; name: string; tierId: bigint }

const MULTIPLIER_KEYS = new Set<string>(['maxLeverage', 'volMultiplier', 'imMultiplier'])

export function displayFor(unit: string, key?: string): Display {
  if (unit === 'seconds') return 'duration'
  if (unit === 'count') return 'count'
  if (unit === 'wad/s') return 'percentPerHour'
  if (unit === 'wad') return key && MULTIPLIER_KEYS.has(key) ? 'multiplier' : 'percent'
  return 'raw'
}

/**
 * The registry's parameters keyed by id, each with where it applies (tier, market, global: found
 * by deriving every known key's id, as `ParameterKeys` does) and a label that names the markets a
 * tier parameter reaches. Ids no known key produces keep the registry's own name.
 */
export function parameterCatalog(parameters: readonly ParameterInfo[], markets: readonly MarketRef[]): Map<Hex, CatalogEntry> {
  const where = new Map<string, ParameterScope>()
  const tierIds = new Set<bigint>(markets.map((m) => m.tierId))
  // Tiers without a market still have parameters: cover every tier id up to the largest seen.
  const maxTier = [...tierIds].reduce((a, b) => (b > a ? b : a), 0n)
  for (let t = 0n; t <= maxTier + 1n; t++) for (const key of TIER_KEYS) where.set(parameterKeys.tier(key, t), { scope: 'tier', key, tierId: t })
  for (const m of markets) for (const key of MARKET_KEYS) where.set(parameterKeys.market(key, m.marketId), { scope: 'market', key, marketId: m.marketId })
  for (const key of GLOBAL_KEYS) where.set(parameterKeys.global(key), { scope: 'global', key })

  const catalog = new Map<Hex, CatalogEntry>()
  for (const p of parameters) {
    const scope = where.get(p.id.toLowerCase()) ?? where.get(p.id) ?? { scope: 'unknown' as const }
    let label = p.name
    if (scope.scope === 'tier') {
      const names = markets.filter((m) => m.tierId === scope.tierId).map((m) => m.name)
      const prefix = `tier ${scope.tierId} `
      const field = p.name.startsWith(prefix) ? p.name.slice(prefix.length) : p.name
      label = names.length > 0 ? `${names.join(', ')} (tier ${scope.tierId}) ${field}` : `Tier ${scope.tierId} ${field}`
    } else if (scope.scope === 'global' || scope.scope === 'unknown') {
      label = p.name.charAt(0).toUpperCase() + p.name.slice(1)
    }
    const key = scope.scope === 'unknown' ? undefined : scope.key
    catalog.set(p.id.toLowerCase() as Hex, { ...p, where: scope, label, display: displayFor(p.unit, key) })
  }
  return catalog
}

/** A catalog lookup that ignores the id's hex case. */
export function catalogEntry(catalog: ReadonlyMap<Hex, CatalogEntry>, id: Hex): CatalogEntry | undefined {
  return catalog.get(id.toLowerCase() as Hex)
}

const SECONDS_PER_HOUR = 3_600n

/** A decimal string of a fixed-point value with trailing zeros dropped (at most `places` decimals). */
function trimmed(value: bigint, decimals: number, places: number): string {
  const unit = 10n ** BigInt(Math.max(decimals - places, 0))
  const rounded = decimals > places ? ((value + unit / 2n) / unit) * unit : value
  const text = formatUnits(rounded, decimals)
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}

/** What the user types for a value, in the field's unit ("1.5" for 1.5 %). */
export function formatInputValue(value: bigint, display: Display): string {
  switch (display) {
    case 'percent':
      return trimmed(value, 16, 6)
    case 'percentPerHour':
      return trimmed(value * SECONDS_PER_HOUR, 16, 6)
    case 'multiplier':
      return trimmed(value, 18, 6)
    default:
      return value.toString()
  }
}

/** A value for reading: "1.00 %", "20×", "6 h", "3". `compact` drops trailing zeros (for bounds). */
export function formatParameterValue(value: bigint, display: Display, { compact = false }: { compact?: boolean } = {}): string {
  switch (display) {
    case 'percent': {
      // Two places as the seed's descriptions read; more when the value needs them (taker fees).
      const text = trimmed(value, 16, 4)
      if (compact) return `${text} %`
      const [whole, fraction = ''] = text.split('.')
      return `${whole}.${fraction.padEnd(2, '0')} %`
    }
    case 'percentPerHour':
      return `${trimmed(value * SECONDS_PER_HOUR, 16, 6)} %/h`
    case 'multiplier':
      return `${trimmed(value, 18, 4)}×`
    case 'duration':
      return formatDuration(value)
    case 'count':
      return value.toString()
    default:
      return value.toString()
  }
}

/** "0.1–50 %": both ends compact, the unit once. */
export function formatBounds(minValue: bigint, maxValue: bigint, display: Display): string {
  if (display === 'percent') return `${trimmed(minValue, 16, 4)}–${trimmed(maxValue, 16, 4)} %`
  if (display === 'multiplier') return `${trimmed(minValue, 18, 4)}–${trimmed(maxValue, 18, 4)}×`
  return `${formatParameterValue(minValue, display, { compact: true })} – ${formatParameterValue(maxValue, display, { compact: true })}`
}

/** The unit next to an input: what `parseParameterInput` expects. */
export function inputUnit(display: Display, rawUnit: string): string {
  switch (display) {
    case 'percent':
      return '%'
    case 'percentPerHour':
      return '% per hour'
    case 'multiplier':
      return '×'
    case 'duration':
      return 'seconds'
    case 'count':
      return 'count'
    default:
      return rawUnit
  }
}

export type ParsedInput = { value: bigint; error?: undefined } | { value?: undefined; error: string }

/** A typed human value to the on-chain integer, or why it cannot be one. */
export function parseParameterInput(text: string, display: Display): ParsedInput {
  const trimmedText = text.trim()
  if (trimmedText === '') return { error: 'Enter a value.' }
  const integerOnly = display === 'duration' || display === 'count' || display === 'raw'
  if (!(integerOnly ? /^\d+$/ : /^\d+(\.\d*)?$|^\.\d+$/).test(trimmedText))
    return { error: integerOnly ? 'Enter a whole number.' : 'Enter a number, e.g. 1.5.' }
  try {
    switch (display) {
      case 'percent':
        return { value: parseUnits(trimmedText, 16) }
      case 'percentPerHour':
        return { value: parseUnits(trimmedText, 16) / SECONDS_PER_HOUR }
      case 'multiplier':
        return { value: parseUnits(trimmedText, 18) }
      default:
        return { value: BigInt(trimmedText) }
    }
  } catch {
    return { error: 'Enter a number, e.g. 1.5.' }
  }
}

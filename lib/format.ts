import { formatUnits } from 'viem'
import { MAX_UINT256 } from './riskUnits'

/** Token amount (in its own decimals) as a grouped decimal string with a fixed number of places. */
export function formatAmount(amount: bigint, decimals: number, places = 2): string {
  const negative = amount < 0n
  const abs = negative ? -amount : amount
  // Round half up at `places` before formatting, so 1.005 shows as 1.01 and never as 1.00.
  const scale = 10n ** BigInt(Math.max(decimals - places, 0))
  const rounded = decimals > places ? ((abs + scale / 2n) / scale) * scale : abs
  const [whole, fraction = ''] = formatUnits(rounded, decimals).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const padded = places > 0 ? `.${fraction.padEnd(places, '0').slice(0, places)}` : ''
  // No "-0.00": a sign only on what still shows as non-zero.
  return `${negative && rounded !== 0n ? '-' : ''}${grouped}${padded}`
}

/** 0x1234…abcd */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`
}

const WAD_DECIMALS = 18

/** A WAD (18-decimal) value such as a price or a size. */
export function formatWad(value: bigint, places = 2): string {
  return formatAmount(value, WAD_DECIMALS, places)
}

/** A WAD ratio as a percentage: 0.0125e18 → "1.25%". */
export function formatPercent(ratioWad: bigint, places = 2): string {
  return `${formatAmount(ratioWad * 100n, WAD_DECIMALS, places)}%`
}

/** Health Q/MMR: "∞" without size (the contracts' type(uint256).max), else two decimals. */
export function formatHealth(healthWad: bigint): string {
  return healthWad === MAX_UINT256 ? '∞' : formatAmount(healthWad, WAD_DECIMALS, 2)
}

/** Leverage N/Q: "—" when equity is gone (max), else "4.25×". */
export function formatLeverage(leverageWad: bigint): string {
  return leverageWad === MAX_UINT256 ? '—' : `${formatAmount(leverageWad, WAD_DECIMALS, 2)}×`
}

/**
 * An amount with at least `significant` significant digits (and at least 2 places): for values
 * whose size varies by orders of magnitude, such as vault shares. 0.001139866458 → "0.00113987".
 */
export function formatSignificant(amount: bigint, decimals: number, significant = 6): string {
  const abs = amount < 0n ? -amount : amount
  const unit = 10n ** BigInt(decimals)
  let places: number
  if (abs >= unit) places = significant - (abs / unit).toString().length
  else if (abs === 0n) places = 2
  else places = decimals - abs.toString().length + significant // leading zeros after the point + significant
  return formatAmount(amount, decimals, Math.min(decimals, Math.max(2, places)))
}

const DURATION_UNITS = [
  ['d', 86_400n],
  ['h', 3_600n],
  ['min', 60n],
  ['s', 1n],
] as const

/** Seconds as the two largest units: 604800 → "7 d", 5400 → "1 h 30 min", 250 → "4 min 10 s". */
export function formatDuration(seconds: bigint): string {
  if (seconds <= 0n) return '0 s'
  const first = DURATION_UNITS.findIndex(([, size]) => seconds >= size)
  const [label, size] = DURATION_UNITS[first]
  const text = `${seconds / size} ${label}`
  const next = DURATION_UNITS[first + 1]
  const rest = next ? (seconds % size) / next[1] : 0n
  return rest > 0n ? `${text} ${rest} ${next![0]}` : text
}

import { formatUnits } from 'viem'
import { MAX_UINT256 } from './risk'

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

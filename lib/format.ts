import { formatUnits } from 'viem'

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
  return `${negative ? '-' : ''}${grouped}${padded}`
}

/** 0x1234…abcd */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`
}

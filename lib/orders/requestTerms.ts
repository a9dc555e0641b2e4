import { divCeil } from '../risk'

/** One basis point is 1/10,000. Slippage is kept in basis points (integers) so bigint maths stays exact. */
export const BPS = 10_000n
/** The slippage a new trader starts with: 0.5 %. */
export const DEFAULT_SLIPPAGE_BPS = 50n
/** Above this the "limit" no longer protects anything; the form refuses it. */
export const MAX_SLIPPAGE_BPS = 2_000n
/** How long a request may wait for its fill by default (the router caps it at `maxOrderAge`). */
export const DEFAULT_EXPIRY_SECONDS = 300n
/**
 * Seconds kept between `minDelay` and the expiry: the request is checked against the time of the
 * block it lands in, a few seconds after the form read the clock.
 */
export const EXPIRY_SLACK_SECONDS = 30n

export type OrderKindName = 'Open' | 'Increase' | 'Reduce' | 'Close'
/** `OrderKind` in IOrderRouter.sol, by enum value. */
export const ORDER_KINDS: readonly OrderKindName[] = ['Open', 'Increase', 'Reduce', 'Close']

/**
 * Whether the fill buys the base asset: opening or increasing a long, reducing or closing a short.
 * A buy's acceptable price is a ceiling, a sell's a floor (IOrderRouter `Order.acceptablePrice`).
 */
export function fillBuys(kind: OrderKindName, isLong: boolean): boolean {
  return kind === 'Open' || kind === 'Increase' ? isLong : !isLong
}

/**
 * The worst fill price accepted for a request made at reference price `price` (WAD) with
 * `slippageBps`: price·(1 + s) rounded up for a buy, price·(1 − s) rounded down for a sell, never 0
 * (the router refuses an acceptable price of 0).
 */
export function acceptablePrice(price: bigint, slippageBps: bigint, buys: boolean): bigint {
  if (price <= 0n) throw new Error('price must be positive')
  if (slippageBps < 0n || slippageBps >= BPS) throw new Error('slippage must be in [0, 100 %)')
  if (buys) return divCeil(price * (BPS + slippageBps), BPS)
  const floor = (price * (BPS - slippageBps)) / BPS
  return floor > 0n ? floor : 1n
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

/** "0.5" (percent) → 50 bps; at most two decimals, in (0, MAX_SLIPPAGE_BPS]. */
export function parseSlippagePercent(text: string): Parsed<bigint> {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, error: 'Enter a slippage in percent.' }
  const match = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec(trimmed)
  if (!match) return { ok: false, error: 'A percentage with at most two decimals, e.g. 0.5.' }
  const bps = BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'))
  if (bps === 0n) return { ok: false, error: 'A slippage of 0 would cancel on any price move: allow at least 0.01 %.' }
  if (bps > MAX_SLIPPAGE_BPS) return { ok: false, error: `At most ${Number(MAX_SLIPPAGE_BPS) / 100} %: a wider limit protects nothing.` }
  return { ok: true, value: bps }
}

/** Bounds of a request's lifetime in seconds from now, as the router or pool checks them. */
export function expiryBounds(minDelay: bigint, maxAge: bigint): { min: bigint; max: bigint } {
  return { min: minDelay + EXPIRY_SLACK_SECONDS, max: maxAge }
}

/** The default lifetime, inside the bounds. */
export function defaultExpirySeconds(minDelay: bigint, maxAge: bigint): bigint {
  const { min, max } = expiryBounds(minDelay, maxAge)
  if (DEFAULT_EXPIRY_SECONDS > max) return max
  return DEFAULT_EXPIRY_SECONDS < min ? min : DEFAULT_EXPIRY_SECONDS
}

/** "5" (minutes, decimals allowed to the second) → seconds inside the bounds. */
export function parseExpiryMinutes(text: string, minDelay: bigint, maxAge: bigint): Parsed<bigint> {
  const trimmed = text.trim()
  const match = /^(\d{1,5})(?:\.(\d{0,2}))?$/.exec(trimmed)
  if (!match) return { ok: false, error: 'Minutes, e.g. 5 or 2.5.' }
  const seconds = (BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'))) * 60n / 100n
  const { min, max } = expiryBounds(minDelay, maxAge)
  if (seconds < min) return { ok: false, error: `At least ${formatMinutes(min)} (the fill waits ${minDelay} s for a fresh price).` }
  if (seconds > max) return { ok: false, error: `At most ${formatMinutes(max)} (the longest a request may wait).` }
  return { ok: true, value: seconds }
}

function formatMinutes(seconds: bigint): string {
  return seconds % 60n === 0n ? `${seconds / 60n} min` : `${seconds} s`
}

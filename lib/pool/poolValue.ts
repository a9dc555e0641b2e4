import { WAD } from '../risk'

/** `ILiquidityPool.PoolValue` (token units). */
export type PoolValueView = { tokens: bigint; receivable: bigint; traderPnl: bigint; countedTraderPnl: bigint; value: bigint }

export type PoolBreakdown = PoolValueView & {
  /** Largest trader profit the value counts: maxPnlFraction · (tokens + receivable), rounded down. */
  profitCap: bigint
  /** Trader profit the value leaves out because of the cap (0 when traders are down or under it). */
  uncounted: bigint
  /** Whether the parts add up to `value` as the contract says they do. */
  consistent: boolean
}

/** The counted trader PnL the pool would derive: profit capped at `maxPnlFraction`·(tokens + receivable); losses count whole. */
export function countedTraderPnl(traderPnl: bigint, tokens: bigint, receivable: bigint, maxPnlFraction: bigint): bigint {
  const cap = ((tokens + receivable) * maxPnlFraction) / WAD
  return traderPnl > cap ? cap : traderPnl
}

/** The pool's view, with what the cap leaves out and a check that the parts add up. */
export function poolBreakdown(view: PoolValueView, maxPnlFraction: bigint): PoolBreakdown {
  const profitCap = ((view.tokens + view.receivable) * maxPnlFraction) / WAD
  const uncounted = view.traderPnl > view.countedTraderPnl ? view.traderPnl - view.countedTraderPnl : 0n
  const gross = view.tokens + view.receivable - view.countedTraderPnl
  return { ...view, profitCap, uncounted, consistent: (gross > 0n ? gross : 0n) === view.value }
}

/**
 * Price of one whole share in token units, WAD-scaled, from an exchange of `assets` for `shares`
 * (an executed request, or `convertToAssets(10^shareDecimals)` with shares = 10^shareDecimals).
 */
export function sharePriceWad(assets: bigint, shares: bigint, shareDecimals: number, tokenDecimals: number): bigint | null {
  if (shares === 0n) return null
  return (assets * 10n ** BigInt(shareDecimals) * WAD) / (shares * 10n ** BigInt(tokenDecimals))
}

/** Seconds left before `owner`'s shares may be withdrawn (requested), 0 once they may. */
export function holdingTimeLeft(unlockTime: bigint, now: bigint): bigint {
  return unlockTime > now ? unlockTime - now : 0n
}

/** Open interest of the larger side as a fraction (WAD) of the per-side cap; null without a cap. */
export function utilisation(market: { longOpenInterest: bigint; shortOpenInterest: bigint; price: bigint; openInterestCap: bigint }): {
  longNotional: bigint
  shortNotional: bigint
  longFraction: bigint | null
  shortFraction: bigint | null
} {
  const longNotional = (market.longOpenInterest * market.price) / WAD
  const shortNotional = (market.shortOpenInterest * market.price) / WAD
  const fraction = (n: bigint) => (market.openInterestCap === 0n ? null : (n * WAD) / market.openInterestCap)
  return { longNotional, shortNotional, longFraction: fraction(longNotional), shortFraction: fraction(shortNotional) }
}

/** One point of the share price history and where it comes from. */
export type SharePricePoint = { block: bigint; priceWad: bigint; source: 'execution' | 'snapshot' }

/** Merges execution points (from logs) and per-block snapshot points, one per block (execution wins), in block order. */
export function mergeSharePriceHistory(points: readonly SharePricePoint[]): SharePricePoint[] {
  const byBlock = new Map<bigint, SharePricePoint>()
  for (const point of points) {
    const existing = byBlock.get(point.block)
    if (!existing || (existing.source === 'snapshot' && point.source === 'execution')) byBlock.set(point.block, point)
  }
  return [...byBlock.values()].sort((a, b) => (a.block < b.block ? -1 : a.block > b.block ? 1 : 0))
}

/** Shares read through `convertToAssets` for a precise share price (a whole share may be worth only a few token units). */
export const POOL_PRICE_PROBE = 10n ** 30n

/**
 * The least a request should accept, from the price now (`convertToAssets(POOL_PRICE_PROBE)`) and
 * a slippage in basis points: a deposit's minimum shares or a withdrawal's minimum assets, rounded
 * down. The fill happens at the next fresh prices, so the price may move by then.
 */
export function minOut(amount: bigint, isDeposit: boolean, probeAssets: bigint, slippageBps: bigint): bigint {
  if (probeAssets === 0n) return 0n
  const expected = isDeposit ? (amount * POOL_PRICE_PROBE) / probeAssets : (amount * probeAssets) / POOL_PRICE_PROBE
  return (expected * (10_000n - slippageBps)) / 10_000n
}

/**
 * OpenZeppelin ERC-4626 `convertToAssets` (rounding down) with virtual shares: shares ·
 * (totalAssets + 1) / (totalSupply + 10^offset), where offset = share decimals − token decimals.
 */
export function convertToAssets(shares: bigint, totalAssets: bigint, totalSupply: bigint, offset: number): bigint {
  return (shares * (totalAssets + 1n)) / (totalSupply + 10n ** BigInt(offset))
}

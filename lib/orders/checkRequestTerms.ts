import { formatAmount } from '../format'
import { acceptablePrice, defaultExpirySeconds, fillBuys, parseExpiryMinutes, parseSlippagePercent, type OrderKindName } from './requestTerms'

export type RouterTerms = { executionFee: bigint; minDelay: bigint; maxOrderAge: bigint; minPositionNotional: bigint }

export type RequestTermsCheck = {
  errors: { slippage?: string; expiry?: string }
  /** Set when both fields are valid. */
  terms?: { acceptablePrice: bigint; expiry: bigint; expirySeconds: bigint; buys: boolean }
}

/**
 * The terms of one request from the form's text: the acceptable price (a ceiling for a buy, a
 * floor for a sell) from the reference price and the slippage, and the expiry as a chain time from
 * the snapshot's block time. An empty expiry field means the default.
 */
export function checkRequestTerms(
  input: { slippage: string; expiryMinutes?: string },
  context: { kind: OrderKindName; isLong: boolean; price: bigint; now: bigint; minDelay: bigint; maxAge: bigint },
): RequestTermsCheck {
  const errors: RequestTermsCheck['errors'] = {}
  const slippage = parseSlippagePercent(input.slippage)
  if (!slippage.ok) errors.slippage = slippage.error
  let expirySeconds = defaultExpirySeconds(context.minDelay, context.maxAge)
  if (input.expiryMinutes !== undefined && input.expiryMinutes.trim() !== '') {
    const parsed = parseExpiryMinutes(input.expiryMinutes, context.minDelay, context.maxAge)
    if (!parsed.ok) errors.expiry = parsed.error
    else expirySeconds = parsed.value
  }
  if (!slippage.ok || errors.expiry || context.price === 0n) return { errors }
  const buys = fillBuys(context.kind, context.isLong)
  return { errors, terms: { acceptablePrice: acceptablePrice(context.price, slippage.value, buys), expiry: context.now + expirySeconds, expirySeconds, buys } }
}

/** What a trade form shows and sends for a request through the router. */
export type RouterRequestForm = {
  check: RequestTermsCheck
  /** The lifetime used when the expiry field is empty (its placeholder). */
  defaultExpirySeconds: bigint
  /** Escrowed with the request, paid to whoever settles it. */
  executionFee: bigint
}

/**
 * The request terms of a trade form (the order form, the position actions) from the trader's
 * typed settings and the page's snapshot: the market's accepted price as the reference, the
 * block time as now, the router's delay, lifetime bounds and fee.
 */
export function routerRequestForm(
  settings: { slippage: string; expiryMinutes?: string },
  { kind, isLong }: { kind: OrderKindName; isLong: boolean },
  { price, now, router }: { price: bigint; now: bigint; router: RouterTerms },
): RouterRequestForm {
  return {
    check: checkRequestTerms(settings, { kind, isLong, price, now, minDelay: router.minDelay, maxAge: router.maxOrderAge }),
    defaultExpirySeconds: defaultExpirySeconds(router.minDelay, router.maxOrderAge),
    executionFee: router.executionFee,
  }
}

/**
 * The router's minimum-notional check at the acceptable price (open: the size; increase or reduce:
 * what the position is afterwards), as a message or undefined.
 */
export function minNotionalError(sizeAfter: bigint, price: bigint, minNotional: bigint): string | undefined {
  const abs = sizeAfter < 0n ? -sizeAfter : sizeAfter
  const notional = (abs * price) / 10n ** 18n
  return notional < minNotional
    ? `Too small: worth ${formatAmount(notional, 18, 2)} USD at your limit price; the minimum is ${formatAmount(minNotional, 18, 2)} USD.`
    : undefined
}

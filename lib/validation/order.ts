import { formatAmount } from '../format'
import { previewOpen, WAD, type TradeMarket, type TradePreview } from '../risk'
import { parseAmount } from './amount'

export type OrderSide = 'long' | 'short'
/** Which field the trader typed last: it drives the other. */
export type OrderDriver = 'leverage' | 'size'

export type OrderInput = { side: OrderSide; collateral: string; leverage: string; size: string; driver: OrderDriver }

export type MarketState = { oracleStatus: 'Fresh' | 'Stale' | 'Guarded'; paused: boolean }

export type OrderCheck = {
  errors: { collateral?: string; leverage?: string; size?: string; market?: string }
  /** Set when every field is valid: what would be sent, and its preview. */
  order?: { size: bigint; collateral: bigint; preview: TradePreview }
  /** Best-effort values to show in the field the trader is not typing in. */
  derived: { size?: bigint; leverage?: bigint }
}

const LEVERAGE_DECIMALS = 2
const SIZE_DECIMALS = 18

/**
 * Checks an open order on every keystroke with the engine's own rules (read from the chain), so
 * every problem is named next to its field before anything is simulated or sent.
 */
export function checkOpenOrder(
  input: OrderInput,
  context: { tokenDecimals: number; balance: bigint | undefined; market: TradeMarket; state: MarketState },
): OrderCheck {
  const { market, tokenDecimals } = context
  const errors: OrderCheck['errors'] = {}
  const derived: OrderCheck['derived'] = {}

  if (context.state.paused) errors.market = 'New positions are paused in this market.'
  else if (context.state.oracleStatus === 'Stale') errors.market = 'The oracle is stale: new positions wait for fresh prices.'
  else if (context.state.oracleStatus === 'Guarded') errors.market = 'The oracle circuit breaker tripped: new positions wait until it clears.'

  const collateral = parseAmount(input.collateral, tokenDecimals)
  if (!collateral.ok) errors.collateral = collateral.error
  else if (context.balance !== undefined && collateral.value > context.balance)
    errors.collateral = `More than your balance (${formatAmount(context.balance, tokenDecimals)} tUSD).`

  let size: bigint | undefined
  if (input.driver === 'leverage') {
    const leverage = parseAmount(input.leverage, LEVERAGE_DECIMALS)
    if (!leverage.ok) errors.leverage = leverage.error
    else {
      const leverageWad = leverage.value * 10n ** BigInt(18 - LEVERAGE_DECIMALS)
      if (leverageWad > market.maxLeverage) errors.leverage = `Above this market's max leverage (${formatAmount(market.maxLeverage, 18, 0)}×).`
      else if (collateral.ok && market.price > 0n) {
        size = (collateral.value * market.scale * leverageWad) / market.price
        derived.size = size
      }
    }
  } else {
    const parsed = parseAmount(input.size, SIZE_DECIMALS)
    if (!parsed.ok) errors.size = parsed.error
    else {
      size = parsed.value
      if (collateral.ok && collateral.value > 0n) derived.leverage = (((size * market.price) / WAD) * WAD) / (collateral.value * market.scale)
    }
  }
  if (size === 0n) errors[input.driver] = 'Too small: the position would have no size.'

  if (Object.keys(errors).length > 0 || !collateral.ok || size === undefined) return { errors, derived }

  const signed = input.side === 'long' ? size : -size
  const preview = previewOpen(signed, collateral.value, market)
  const rejection = preview.rejection
  const field = input.driver
  if (rejection?.error === 'LeverageTooHigh')
    errors[field] = `Above this market's max leverage (${formatAmount(market.maxLeverage, 18, 0)}×) after fees.`
  else if (rejection?.error === 'BelowInitialMargin')
    errors.collateral = `Not enough collateral: this size needs ${formatAmount(rejection.imr, tokenDecimals)} tUSD of margin after fees.`
  else if (rejection?.error === 'OpenInterestCapExceeded')
    errors[field] = `Above the open-interest cap for ${input.side}s (${formatAmount(rejection.cap, 18, 0)} USD per side).`
  if (Object.keys(errors).length > 0) return { errors, derived }
  return { errors, derived, order: { size: signed, collateral: collateral.value, preview } }
}

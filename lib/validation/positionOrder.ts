import { formatAmount } from '../format'
import { previewIncrease, previewReduce, type PositionInput, type TradeMarket, type TradePreview } from '../risk'
import { parseAmount } from './amount'
import type { MarketState } from './order'

/**
 * The order form of a market where the trader already holds a position: it increases, reduces or
 * closes that position (the engine keeps one position per account and market, so a second open
 * would be refused with `PositionExists`). Checked on every keystroke with the engine's rules.
 */
export type PositionOrderMode = 'increase' | 'reduce' | 'close'

/** The reduce shortcuts, in percent of the position's size; 100 ("Max") sends a close. */
export const REDUCE_PERCENTS = [25, 50, 75, 100] as const

/** `percent` % of |size|, rounded down (WAD); 100 % is the whole size. */
export function percentOfSize(size: bigint, percent: number): bigint {
  if (!Number.isInteger(percent) || percent <= 0 || percent > 100) throw new Error(`percent must be an integer in 1..100, got ${percent}`)
  const q = size < 0n ? -size : size
  return (q * BigInt(percent)) / 100n
}

type Context = {
  position: PositionInput
  market: TradeMarket
  tokenDecimals: number
  /** What the wallet can escrow after the execution fee; undefined when unknown. */
  balance?: bigint
  state: MarketState
}

export type IncreaseCheck = {
  errors: { size?: string; collateral?: string; market?: string }
  order?: { sizeDelta: bigint; collateralDelta: bigint; preview: TradePreview }
}

/**
 * An increase: a size in the position's direction and, optionally, collateral added with it (an
 * empty collateral field is 0). New risk: refused while the market is paused or its oracle is not
 * Fresh, as the engine does.
 */
export function checkIncrease(input: { size: string; collateral: string }, context: Context): IncreaseCheck {
  const { market, tokenDecimals, state } = context
  const errors: IncreaseCheck['errors'] = {}
  if (state.paused) errors.market = 'Increases are paused in this market.'
  else if (state.oracleStatus === 'Stale') errors.market = 'The oracle is stale: an increase waits for fresh prices (reducing and closing still work).'
  else if (state.oracleStatus === 'Guarded') errors.market = 'The oracle circuit breaker tripped: an increase waits until it clears (reducing and closing still work).'

  const size = parseAmount(input.size, 18)
  if (!size.ok) errors.size = size.error
  let collateralDelta = 0n
  if (input.collateral.trim() !== '') {
    const collateral = parseAmount(input.collateral, tokenDecimals)
    if (!collateral.ok) errors.collateral = collateral.error
    else if (context.balance !== undefined && collateral.value > context.balance)
      errors.collateral = `More than your balance after the execution fee (${formatAmount(context.balance, tokenDecimals)} tUSD).`
    else collateralDelta = collateral.value
  }
  if (Object.keys(errors).length > 0 || !size.ok) return { errors }

  const preview = previewIncrease(context.position, size.value, collateralDelta, market)
  const rejection = preview.rejection
  if (rejection?.error === 'LeverageTooHigh')
    errors.size = `That would put leverage above this market's max (${formatAmount(rejection.maxLeverage, 18, 0)}×): add collateral with it.`
  else if (rejection?.error === 'BelowInitialMargin')
    errors.size = `That would leave equity below the initial margin (${formatAmount(rejection.imr, tokenDecimals)} tUSD): add collateral with it.`
  else if (rejection?.error === 'OpenInterestCapExceeded') errors.size = `Above the open-interest cap for this side (${formatAmount(rejection.cap, 18, 0)} USD).`
  else if (rejection?.error === 'InsufficientCollateral') errors.collateral = 'Funding and fees owed exceed the collateral: add collateral with it.'
  if (Object.keys(errors).length > 0) return { errors }
  return { errors, order: { sizeDelta: size.value, collateralDelta, preview } }
}

export type ReduceCheck = {
  error?: string
  /** The whole position: sent as a close (the engine closes a reduce of the full size anyway). */
  closes?: boolean
  order?: { sizeDelta: bigint; preview?: TradePreview }
}

/** A reduce by a size (WAD) typed or picked as a percentage. Exits are always allowed by the engine. */
export function checkReduce(text: string, context: Pick<Context, 'position' | 'market' | 'tokenDecimals'>): ReduceCheck {
  const parsed = parseAmount(text, 18)
  if (!parsed.ok) return { error: parsed.error }
  const q = context.position.size < 0n ? -context.position.size : context.position.size
  if (parsed.value > q) return { error: `More than the position's size (${formatAmount(q, 18, 4)}).` }
  if (parsed.value === q) return { closes: true, order: { sizeDelta: q } }
  const preview = previewReduce(context.position, parsed.value, context.market)
  if (preview.rejection) return { error: 'Funding and fees owed exceed what this position would keep: close it instead.' }
  return { order: { sizeDelta: parsed.value, preview } }
}

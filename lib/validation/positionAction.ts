import { formatAmount } from '../format'
import { previewCollateralChange, previewIncrease, previewReduce, type PositionInput, type TradeMarket, type TradePreview, type TradeRejection } from '../risk'
import { parseAmount } from './amount'

/** What can be done to an open position, with the button label of each. */
export const POSITION_ACTIONS = {
  addCollateral: 'Add collateral',
  removeCollateral: 'Remove collateral',
  increase: 'Increase',
  reduce: 'Reduce',
  close: 'Close',
} as const
export type PositionAction = keyof typeof POSITION_ACTIONS

export type PositionActionCheck = { amount?: bigint; preview?: TradePreview; error?: string }

function explain(rejection: TradeRejection, decimals: number): string {
  switch (rejection.error) {
    case 'LeverageTooHigh':
      return `That would put leverage above this market's max (${formatAmount(rejection.maxLeverage, 18, 0)}×).`
    case 'BelowInitialMargin':
      return `That would leave equity below the initial margin (${formatAmount(rejection.imr, decimals)} tUSD).`
    case 'OpenInterestCapExceeded':
      return `Above the open-interest cap for this side (${formatAmount(rejection.cap, 18, 0)} USD).`
    case 'InsufficientCollateral':
      return 'Not enough collateral left for that.'
  }
}

/**
 * Checks an action on a position as it is typed, and previews the position after it, with the
 * engine's rules. Closing and adding collateral are always allowed (the engine never blocks them).
 */
export function checkPositionAction(
  action: PositionAction,
  text: string,
  context: { position: PositionInput; market: TradeMarket; tokenDecimals: number; balance?: bigint },
): PositionActionCheck {
  const { position, market, tokenDecimals } = context
  if (action === 'close') return {}
  const decimals = action === 'increase' || action === 'reduce' ? 18 : tokenDecimals
  const parsed = parseAmount(text, decimals)
  if (!parsed.ok) return { error: parsed.error }
  const amount = parsed.value
  const size = position.size < 0n ? -position.size : position.size

  let preview: TradePreview
  if (action === 'addCollateral') {
    if (context.balance !== undefined && amount > context.balance)
      return { amount, error: `More than your balance (${formatAmount(context.balance, tokenDecimals)} tUSD).` }
    preview = previewCollateralChange(position, amount, market)
  } else if (action === 'removeCollateral') {
    if (amount > position.collateral) return { amount, error: `More than the position's collateral (${formatAmount(position.collateral, tokenDecimals)} tUSD).` }
    preview = previewCollateralChange(position, -amount, market)
  } else if (action === 'increase') {
    preview = previewIncrease(position, amount, 0n, market)
  } else {
    if (amount > size) return { amount, error: `More than the position's size (${formatAmount(size, 18, 4)}).` }
    if (amount === size) return { amount, error: 'That is the whole position: use Close.' }
    preview = previewReduce(position, amount, market)
  }
  return { amount, preview, error: preview.rejection ? explain(preview.rejection, tokenDecimals) : undefined }
}

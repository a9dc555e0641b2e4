import { formatAmount } from '../format'
import { validateAmount, type AmountResult } from './amount'

/**
 * The staking forms' checks, on every keystroke, with the vault's own limits (read from chain):
 * a deposit is bounded by the wallet balance, a redemption by what the vault lets the account
 * take out now (`maxWithdraw`: the cooldown's shares, inside the window, at today's share price).
 */
export function checkStakeAmount(text: string, context: { tokenDecimals: number; balance: bigint | undefined }): AmountResult {
  const { tokenDecimals, balance } = context
  const limits = balance === undefined ? [] : [{ max: balance, message: `More than your balance (${formatAmount(balance, tokenDecimals)} tUSD).` }]
  return validateAmount(text, tokenDecimals, limits)
}

export function checkRedeemAmount(text: string, context: { tokenDecimals: number; maxWithdraw: bigint }): AmountResult {
  const { tokenDecimals, maxWithdraw } = context
  return validateAmount(text, tokenDecimals, [
    { max: maxWithdraw, message: `More than you can redeem now (${formatAmount(maxWithdraw, tokenDecimals)} tUSD).` },
  ])
}

/** Which ERC-4626 exit to call for `assets` tUSD. */
export type RedeemCall = { functionName: 'redeem'; shares: bigint } | { functionName: 'withdraw'; assets: bigint }

/**
 * Everything redeemable → `redeem(maxRedeem)`, so no dust of shares is left behind; a part →
 * `withdraw(assets)` (the vault burns the shares it needs, rounded up, within `maxRedeem`).
 */
export function redeemCall(assets: bigint, limits: { maxWithdraw: bigint; maxRedeem: bigint }): RedeemCall {
  return assets === limits.maxWithdraw ? { functionName: 'redeem', shares: limits.maxRedeem } : { functionName: 'withdraw', assets }
}

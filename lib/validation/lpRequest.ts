import { formatAmount, formatDuration } from '../format'
import { holdingTimeLeft, minOut } from '../pool/poolValue'
import { validateAmount } from './amount'

export type LpRequestCheck = { amount?: bigint; minOut?: bigint; error?: string }

/**
 * A deposit (tUSD) or withdrawal (shares) request as typed, with the pool's own rules: the wallet
 * must cover the deposit plus the execution fee; a withdrawal needs the shares, their holding time
 * passed, and the fee in the wallet. The minimum out follows from the price now and the slippage.
 */
export function checkLpRequest(
  isDeposit: boolean,
  text: string,
  context: {
    tokenDecimals: number
    shareDecimals: number
    balance: bigint
    shares: bigint
    executionFee: bigint
    unlockTime: bigint
    now: bigint
    probeAssets: bigint
    slippageBps: bigint | undefined
  },
): LpRequestCheck {
  const { tokenDecimals, shareDecimals, balance, shares, executionFee } = context
  const fee = formatAmount(executionFee, tokenDecimals)
  if (isDeposit) {
    const spendable = balance > executionFee ? balance - executionFee : 0n
    const parsed = validateAmount(text, tokenDecimals, [{ max: spendable, message: `More than your balance less the ${fee} tUSD execution fee (${formatAmount(spendable, tokenDecimals)} tUSD).` }])
    if (!parsed.ok) return { error: parsed.error }
    if (context.slippageBps === undefined) return { amount: parsed.value }
    return { amount: parsed.value, minOut: minOut(parsed.value, true, context.probeAssets, context.slippageBps) }
  }
  const parsed = validateAmount(text, shareDecimals, [{ max: shares, message: `More than your shares (${formatAmount(shares, shareDecimals, 4)}).` }])
  if (!parsed.ok) return { error: parsed.error }
  const left = holdingTimeLeft(context.unlockTime, context.now)
  if (left > 0n) return { amount: parsed.value, error: `Your shares are in their holding time: withdrawals open in ${formatDuration(left)}.` }
  if (balance < executionFee) return { amount: parsed.value, error: `The request escrows a ${fee} tUSD execution fee: your wallet has less.` }
  if (context.slippageBps === undefined) return { amount: parsed.value }
  return { amount: parsed.value, minOut: minOut(parsed.value, false, context.probeAssets, context.slippageBps) }
}

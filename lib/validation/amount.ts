import { parseUnits } from 'viem'

export type AmountResult = { ok: true; value: bigint } | { ok: false; error: string }

const DECIMAL = /^\d*(\.\d*)?$/

/**
 * Reads what a person typed into an amount field as a token amount in `decimals`, or says what is
 * wrong with it in words that fit next to the field. Checked on every keystroke, before anything
 * is simulated or sent.
 */
export function parseAmount(text: string, decimals: number): AmountResult {
  const input = text.trim().replace(/,/g, '')
  if (input === '') return { ok: false, error: 'Enter an amount.' }
  if (input.startsWith('-')) return { ok: false, error: 'The amount must be positive.' }
  if (!DECIMAL.test(input) || input === '.') return { ok: false, error: 'Enter a number, like 1250.50.' }
  const fraction = input.split('.')[1] ?? ''
  if (fraction.length > decimals)
    return { ok: false, error: decimals === 0 ? 'Whole numbers only.' : `At most ${decimals} decimal places.` }
  const value = parseUnits(input, decimals)
  if (value === 0n) return { ok: false, error: 'The amount must be greater than zero.' }
  return { ok: true, value }
}

export type AmountLimit = { max: bigint; message: string }

/** parseAmount, then each upper limit in order (balance, cap, …); the first one crossed is reported. */
export function validateAmount(text: string, decimals: number, limits: readonly AmountLimit[] = []): AmountResult {
  const parsed = parseAmount(text, decimals)
  if (!parsed.ok) return parsed
  const crossed = limits.find((limit) => parsed.value > limit.max)
  return crossed ? { ok: false, error: crossed.message } : parsed
}

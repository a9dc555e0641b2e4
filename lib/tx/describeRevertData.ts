import { decodeErrorResult, type Abi, type Hex } from 'viem'
import { ERROR_MESSAGES } from './errorMessages'

/**
 * Raw revert data (e.g. the engine's, carried by `OrderCancelled.data`) as a sentence: the custom
 * error's human message when the app has one, else its name and arguments. `errorsAbi`: every
 * contract's errors (lib/contracts/errorsAbi.ts, loaded when first needed: it carries every ABI).
 */
export function describeRevertData(data: Hex, errorsAbi: Abi): string {
  if (data === '0x' || data.length < 10) return 'the engine refused the fill (no reason given).'
  try {
    const { errorName, args } = decodeErrorResult({ abi: errorsAbi, data })
    const list = (args ?? []) as readonly unknown[]
    const describe = ERROR_MESSAGES[errorName]
    return describe ? describe(list) : `${errorName}(${list.map((a) => (typeof a === 'bigint' ? a.toString() : String(a))).join(', ')})`
  } catch {
    return `an unknown error (${data.slice(0, 10)}).`
  }
}

import type { Abi } from 'viem'
import { allContractErrorsAbi } from './errors.generated'

type AbiError = Extract<Abi[number], { type: 'error' }>

/**
 * Every custom error any Rampart contract can raise (one per signature; `npm run codegen` collects
 * them from every contract's ABI into errors.generated.ts), so a revert from a nested call (the
 * token inside the engine, say) still decodes whichever contract the transaction was sent to.
 * Imported lazily (hooks/useTransaction.ts, hooks/useAllErrorsAbi.ts): pages do not carry it.
 */
export const allErrorsAbi: readonly AbiError[] = allContractErrorsAbi

/** A contract's ABI plus every other contract's errors. */
export function withAllErrors<const TAbi extends Abi>(abi: TAbi): TAbi {
  return [...abi, ...allErrorsAbi] as unknown as TAbi
}

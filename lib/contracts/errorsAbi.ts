import type { Abi } from 'viem'
import * as generated from './generated'

type AbiError = Extract<Abi[number], { type: 'error' }>

/**
 * Every custom error any Rampart contract can raise, so a revert from a nested call (the token
 * inside the engine, say) still decodes whichever contract the transaction was sent to.
 */
export const allErrorsAbi: readonly AbiError[] = (() => {
  const bySignature = new Map<string, AbiError>()
  for (const abi of Object.values(generated) as Abi[]) {
    for (const item of abi) {
      if (item.type !== 'error') continue
      const signature = `${item.name}(${item.inputs.map((input) => input.type).join(',')})`
      bySignature.set(signature, item)
    }
  }
  return [...bySignature.values()]
})()

/** A contract's ABI plus every other contract's errors. */
export function withAllErrors<const TAbi extends Abi>(abi: TAbi): TAbi {
  return [...abi, ...allErrorsAbi] as unknown as TAbi
}

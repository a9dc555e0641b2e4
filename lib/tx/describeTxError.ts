import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError } from 'viem'
import { ERROR_MESSAGES } from './errorMessages'

export type TxErrorDescription =
  | { kind: 'rejected'; message: string }
  | { kind: 'revert'; errorName: string; message: string }
  | { kind: 'other'; message: string }

const REJECTED_MESSAGE = 'You cancelled the request in your wallet. Nothing was sent.'

function formatArg(arg: unknown): string {
  return typeof arg === 'bigint' ? arg.toString() : JSON.stringify(arg)
}

/** Turns whatever a simulation, a wallet or a receipt threw into one sentence for a person. */
export function describeTxError(error: unknown): TxErrorDescription {
  if (error instanceof BaseError) {
    const rejected = error.walk((e) => e instanceof UserRejectedRequestError || (e as { code?: number }).code === 4001)
    if (rejected) return { kind: 'rejected', message: REJECTED_MESSAGE }

    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError)
    if (reverted instanceof ContractFunctionRevertedError) {
      const errorName = reverted.data?.errorName
      const args = reverted.data?.args ?? []
      if (errorName) {
        const describe = ERROR_MESSAGES[errorName]
        const message = describe ? describe(args) : `The contract refused: ${errorName}(${args.map(formatArg).join(', ')}).`
        return { kind: 'revert', errorName, message }
      }
      const reason = reverted.reason ?? reverted.shortMessage
      return { kind: 'revert', errorName: 'Error', message: `The contract refused: ${reason}` }
    }
    return { kind: 'other', message: error.shortMessage || error.message }
  }
  if ((error as { code?: number } | null)?.code === 4001) return { kind: 'rejected', message: REJECTED_MESSAGE }
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) }
}

import type { Logger } from './log'
import { backoffDelay, sleep } from './retry'

export type BlockLoopOptions = {
  /** Newest block number on the chain. */
  getBlockNumber: () => Promise<bigint>
  /** Called once for every block range not yet handled, in order. Throwing makes it retry the same range. */
  onBlocks: (fromBlock: bigint, toBlock: bigint) => Promise<void>
  /** First block to handle (e.g. the deploy block, or the last handled + 1 after a restart). */
  startBlock: bigint
  pollMs: number
  log: Logger
  /** Called on every failure (RPC or handler), before the retry; e.g. to count errors. */
  onError?: (error: unknown) => void
  signal?: AbortSignal
}

/**
 * Follows the chain block by block and never skips one: a range is only marked handled after
 * `onBlocks` succeeded, and RPC or handler errors are retried with backoff, so an outage or a
 * restart (from a saved `startBlock`) resumes where it stopped.
 */
export async function runBlockLoop({ getBlockNumber, onBlocks, startBlock, pollMs, log, onError, signal }: BlockLoopOptions): Promise<bigint> {
  let next = startBlock
  let failures = 0
  while (!signal?.aborted) {
    try {
      const head = await getBlockNumber()
      if (head >= next) {
        await onBlocks(next, head)
        next = head + 1n
      }
      failures = 0
      await sleep(pollMs)
    } catch (error) {
      onError?.(error)
      const delay = backoffDelay(failures++)
      log.warn('retrying', { fromBlock: next, attempt: failures, delayMs: delay, error: error instanceof Error ? error.message : String(error) })
      await sleep(delay)
    }
  }
  return next
}

import { expect } from './test'

/** How long one attempt waits for the page to show the read's values. */
export const ATTEMPT = { timeout: 1_500 } as const

/**
 * Compares the page with a chain read taken afresh at each attempt, until both show the same
 * block. The stack mines a block a second and funding accrues per block, so equity, health, the
 * liquidation price and the pool's value move by fractions of a cent: a read taken once, before
 * the page rendered (or a block apart from it), may never be shown. `check` asserts with
 * `ATTEMPT`'s timeout so a stale read is dropped quickly and read again.
 */
export async function expectMatchesChain<T>(read: () => Promise<T>, check: (value: T) => Promise<void>, timeout = 20_000): Promise<T> {
  let last: T | undefined
  await expect(async () => {
    last = await read()
    await check(last)
  }).toPass({ timeout })
  return last!
}

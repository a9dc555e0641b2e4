/**
 * One writer at a time for an account's nonces. The keeper's liquidation pass and its other work
 * (requests, fee claims, the auction) run side by side (a crash must not wait for a settle's
 * receipt) and send from the same account: the liquidation sender counts its nonces itself, the
 * others let viem read the node's pending count. Each send (nonce read + submission, never the wait
 * for a receipt) runs under this lock, so the pending count a sender reads already includes every
 * transaction the other one sent.
 */
export type SendLock = <T>(send: () => Promise<T>) => Promise<T>

export function createSendLock(): SendLock {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(send: () => Promise<T>) => {
    const run = tail.then(send, send)
    // The next send waits for this one to settle, success or failure.
    tail = run.catch(() => undefined)
    return run
  }
}

/** No lock: for a caller that is the account's only writer. */
export const noSendLock: SendLock = (send) => send()

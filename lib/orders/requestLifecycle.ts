/** Where a request (an order or an LP request) stands, as its logs say. */
export type RequestState =
  | { status: 'pending' }
  | { status: 'executed'; price?: bigint; block: bigint }
  | { status: 'cancelled'; why: string; block: bigint }

/** `CancelReason` in IOrderRouter.sol, by enum value. */
export const ORDER_CANCEL_REASONS = ['None', 'Expired', 'PriceNotAcceptable', 'Rejected'] as const

/**
 * Why an order was cancelled, for a person. `rejected` turns the engine's revert data into a
 * sentence (the app's error decoder); the other reasons need no data.
 */
export function describeOrderCancel(why: number, data: `0x${string}`, rejected: (data: `0x${string}`) => string): string {
  switch (ORDER_CANCEL_REASONS[why]) {
    case 'Expired':
      return 'expired: no fresh price arrived before the request ran out of time'
    case 'PriceNotAcceptable':
      return 'price moved beyond your limit'
    case 'Rejected':
      return `rejected by the engine: ${rejected(data)}`
    default:
      return `cancelled (reason ${why})`
  }
}

/** `LpRequestCancelled.why` in ILiquidityPool.sol. */
export function describeLpCancel(why: number): string {
  switch (why) {
    case 1:
      return 'expired: no fresh price in every market before the request ran out of time'
    case 2:
      return 'the pool price moved beyond your minimum'
    case 3:
      return 'refused: the pool cannot release that much now (it backs open positions)'
    default:
      return `cancelled (reason ${why})`
  }
}

/** Seconds until a pending request may be cancelled by anyone (after its expiry), 0 once it may. */
export function secondsUntilCancellable(expiry: bigint, now: bigint): bigint {
  return now > expiry ? 0n : expiry - now + 1n
}

type Settlement = { id: bigint; block: bigint; state: Exclude<RequestState, { status: 'pending' }> }

/**
 * Requests with their state from the three kinds of logs (requested, executed, cancelled), newest
 * first. A settlement without its request (from before the cache) is ignored.
 */
export function joinRequests<TRequest extends { id: bigint; block: bigint }>(
  requested: readonly TRequest[],
  settled: readonly Settlement[],
): (TRequest & { state: RequestState })[] {
  const byId = new Map(settled.map((s) => [s.id, s.state]))
  return [...requested]
    .sort((a, b) => (a.id === b.id ? 0 : a.id > b.id ? -1 : 1))
    .map((request) => ({ ...request, state: byId.get(request.id) ?? { status: 'pending' } }))
}

/** `OrderKind` by enum value, for labels. */
export const ORDER_KINDS_BY_VALUE = ['Open', 'Increase', 'Reduce', 'Close'] as const

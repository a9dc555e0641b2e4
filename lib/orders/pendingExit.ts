import { ORDER_KINDS_BY_VALUE, type RequestState } from './requestLifecycle'

/** An order as the account's order list has it (`useOrderRequests`). */
type ListedOrder = { id: bigint; order: { marketId: bigint; kind: number }; state: RequestState }

export type PendingExit = { id: bigint; kind: 'Reduce' | 'Close' }

/**
 * The oldest pending Reduce or Close of the trader's position in `marketId`, if any. While one
 * waits, the forms send no other exit for that position: after a pending close the position is
 * gone when the second request executes (the engine refuses it and its fee is lost), and a second
 * reduce is checked against a size the first one is about to change.
 */
export function pendingExit(orders: readonly ListedOrder[] | undefined, marketId: bigint): PendingExit | undefined {
  let oldest: PendingExit | undefined
  for (const { id, order, state } of orders ?? []) {
    if (state.status !== 'pending' || order.marketId !== marketId) continue
    const kind = ORDER_KINDS_BY_VALUE[order.kind]
    if (kind !== 'Reduce' && kind !== 'Close') continue
    if (oldest === undefined || id < oldest.id) oldest = { id, kind }
  }
  return oldest
}

/** The message next to the exit buttons while an exit request is pending. */
export function pendingExitMessage({ id, kind }: PendingExit): string {
  return `A ${kind.toLowerCase()} request is pending: #${id}. Another exit can be sent once it is executed or cancelled.`
}

/**
 * The oldest pending Open in `marketId`, if any. While it waits the open form sends no second one:
 * whichever executes second finds a position there and is refused (`PositionExists`), its fee lost.
 */
export function pendingOpen(orders: readonly ListedOrder[] | undefined, marketId: bigint): { id: bigint } | undefined {
  let oldest: { id: bigint } | undefined
  for (const { id, order, state } of orders ?? []) {
    if (state.status !== 'pending' || order.marketId !== marketId || ORDER_KINDS_BY_VALUE[order.kind] !== 'Open') continue
    if (oldest === undefined || id < oldest.id) oldest = { id }
  }
  return oldest
}

/** The message next to the open form's button while an open request in that market waits. */
export function pendingOpenMessage({ id }: { id: bigint }): string {
  return `An open request is pending: #${id}. Once it is executed this form increases, reduces or closes that position.`
}

/**
 * Which positions are open, from the chain's events (the engine keeps no list of open positions):
 * built from the logs since the deploy block, then kept up to date range by range. Pure: the
 * keeper (scripts/keeper/follower.ts) and the dashboard (hooks/useOpenPositionKeys.ts) feed it
 * logs, this decides the set.
 */
import type { Address } from 'viem'

/** (trader, market) of a position. */
export type PositionKey = { trader: Address; marketId: bigint }

/** Open positions as the keeper believes them to be, by `keyId`. */
export type TrackedSet = ReadonlyMap<string, PositionKey>

/** Map key of a position; the trader lower-cased, so a checksummed and a plain address are one position. */
export const keyId = ({ trader, marketId }: PositionKey): string => `${trader.toLowerCase()}:${marketId}`

export function trackedSetOf(keys: Iterable<PositionKey>): TrackedSet {
  const set = new Map<string, PositionKey>()
  for (const { trader, marketId } of keys) set.set(keyId({ trader, marketId }), { trader, marketId })
  return set
}

/** A position event reduced to what tracking needs: `opened` adds the key, `closed` removes it. */
export type PositionEvent = PositionKey & { kind: 'opened' | 'closed'; blockNumber: bigint; logIndex: number }

/** A decoded log, as viem returns it (strict decoding, mined blocks). */
type Log<Args> = { args: Args; blockNumber: bigint; logIndex: number }

/**
 * The events that open or close a position. `PositionOpened` and `PositionClosed` come from the
 * PerpEngine; a liquidation that closes the whole position emits no `PositionClosed`, only the
 * LiquidationEngine's `Liquidated` with `full` set (a partial one leaves the position open).
 */
export function positionEventsFromLogs(logs: {
  opened: readonly Log<PositionKey>[]
  closed: readonly Log<PositionKey>[]
  liquidated: readonly Log<PositionKey & { full: boolean }>[]
}): PositionEvent[] {
  const event = (kind: PositionEvent['kind']) => ({ args, blockNumber, logIndex }: Log<PositionKey>): PositionEvent => ({
    kind,
    trader: args.trader,
    marketId: args.marketId,
    blockNumber,
    logIndex,
  })
  return [
    ...logs.opened.map(event('opened')),
    ...logs.closed.map(event('closed')),
    ...logs.liquidated.filter((log) => log.args.full).map(event('closed')),
  ]
}

/**
 * The set after `events`, applied in chain order (block, then log index) whatever order they come
 * in, since they are read per event type. Applying a log twice changes nothing, so a range read
 * again after a retry is harmless.
 */
export function applyPositionEvents(tracked: TrackedSet, events: readonly PositionEvent[]): TrackedSet {
  const ordered = [...events].sort((a, b) =>
    a.blockNumber !== b.blockNumber ? (a.blockNumber < b.blockNumber ? -1 : 1) : a.logIndex - b.logIndex,
  )
  const next = new Map(tracked)
  for (const { kind, trader, marketId } of ordered) {
    if (kind === 'opened') next.set(keyId({ trader, marketId }), { trader, marketId })
    else next.delete(keyId({ trader, marketId }))
  }
  return next
}

/** `from` without `keys`. */
export function withoutKeys(from: TrackedSet, keys: Iterable<PositionKey>): TrackedSet {
  const next = new Map(from)
  for (const key of keys) next.delete(keyId(key))
  return next
}

/** `trader:marketId`, for log lines. */
export const keyLabel = ({ trader, marketId }: PositionKey): string => `${trader}:${marketId}`

/**
 * Whether position logs read through `toBlock` are current at `block`: the logs are read again
 * when a new head arrives, so for a moment after each block they trail it by one. Only a larger
 * gap (loading, a failing RPC) is reported, or every block would flash a notice.
 */
export function logsCurrent(toBlock: bigint | undefined, block: bigint | undefined): boolean {
  return toBlock !== undefined && block !== undefined && toBlock + 1n >= block
}

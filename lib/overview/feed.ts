import type { Address, Hex } from 'viem'

/**
 * The overview's live feed: liquidations and the loss waterfall's steps (docs/protocol.md, Loss
 * waterfall), one row per event, decoded from the logs. Pure. Amounts in token units.
 */
export type FeedKind =
  | 'liquidation'
  | 'shortfall'
  | 'buffer'
  | 'stakers'
  | 'toAuction'
  | 'auctionProceeds'
  | 'socialised'
  | 'roundStarted'
  | 'bid'
  | 'roundUnfilled'

export type FeedEntry = {
  id: string
  kind: FeedKind
  blockNumber: bigint
  transactionHash: Hex
  /** the event's main amount (token units): shortfall covered, slashed, sent, paid… */
  amount?: bigint
  trader?: Address
  marketId?: bigint
  closedSize?: bigint
  penalty?: bigint
  payout?: bigint
  shortfall?: bigint
  full?: boolean
  round?: bigint
  /** the debt auction's deficit after the event */
  deficit?: bigint
}

type FeedLog = { eventName: string; args: Record<string, unknown>; blockNumber: bigint | null; logIndex: number | null; transactionHash: Hex | null }

const big = (value: unknown) => value as bigint

/** A decoded log as a feed row; undefined for a pending log or an event the feed does not show. */
export function feedEntryFromLog(log: FeedLog): FeedEntry | undefined {
  if (log.blockNumber === null || log.logIndex === null || log.transactionHash === null) return undefined
  const base = { id: `${log.transactionHash}:${log.logIndex}`, blockNumber: log.blockNumber, transactionHash: log.transactionHash }
  const a = log.args
  switch (log.eventName) {
    case 'Liquidated':
      return {
        ...base,
        kind: 'liquidation',
        trader: a.trader as Address,
        marketId: big(a.marketId),
        closedSize: big(a.closedSize),
        penalty: big(a.penalty),
        payout: big(a.payout),
        shortfall: big(a.shortfall),
        full: a.full as boolean,
      }
    case 'ShortfallReceived':
      return { ...base, kind: 'shortfall', amount: big(a.amount) }
    case 'BufferUsed':
      return { ...base, kind: 'buffer', amount: big(a.amount) }
    case 'StakersSlashed':
      return { ...base, kind: 'stakers', amount: big(a.amount) }
    case 'SentToDebtAuction':
      return { ...base, kind: 'toAuction', amount: big(a.amount) }
    case 'AuctionProceeds':
      return { ...base, kind: 'auctionProceeds', amount: big(a.amount) }
    case 'LossSocialised':
      return { ...base, kind: 'socialised', amount: big(a.amount) }
    case 'RoundStarted':
      return { ...base, kind: 'roundStarted', round: big(a.round), deficit: big(a.deficit) }
    case 'Bid':
      return { ...base, kind: 'bid', round: big(a.round), amount: big(a.paid), deficit: big(a.deficitAfter) }
    case 'RoundEndedUnfilled':
      return { ...base, kind: 'roundUnfilled', round: big(a.round), deficit: big(a.deficit) }
    default:
      return undefined
  }
}

/** One line per feed row, amounts formatted by the caller. */
export function describeFeedEntry(entry: FeedEntry, amount: (value: bigint) => string, size: (value: bigint) => string, marketName: (id: bigint) => string): string {
  const a = (value?: bigint) => amount(value ?? 0n)
  switch (entry.kind) {
    case 'liquidation': {
      const who = entry.trader ? `${entry.trader.slice(0, 6)}…${entry.trader.slice(-4)}` : 'a trader'
      const parts = [`${marketName(entry.marketId ?? 0n)} ${entry.full ? 'liquidated in full' : 'liquidated in part'} (${size(entry.closedSize ?? 0n)}) for ${who}`, `penalty ${a(entry.penalty)}`, `returned ${a(entry.payout)}`]
      if (entry.shortfall) parts.push(`bad debt ${a(entry.shortfall)}`)
      return parts.join(', ')
    }
    case 'shortfall':
      return `Bad debt of ${a(entry.amount)} reached the insurance fund`
    case 'buffer':
      return `The fund's buffer covered ${a(entry.amount)}`
    case 'stakers':
      return `Stakers slashed ${a(entry.amount)}`
    case 'toAuction':
      return `${a(entry.amount)} sent to the debt auction`
    case 'auctionProceeds':
      return `The debt auction raised ${a(entry.amount)}`
    case 'socialised':
      return `${a(entry.amount)} socialised to the liquidity pool`
    case 'roundStarted':
      return `Debt auction round ${entry.round} started for a deficit of ${a(entry.deficit)}`
    case 'bid':
      return `Bid in round ${entry.round}: paid ${a(entry.amount)}, deficit left ${a(entry.deficit)}`
    case 'roundUnfilled':
      return `Debt auction round ${entry.round} ended unfilled, deficit ${a(entry.deficit)}`
  }
}

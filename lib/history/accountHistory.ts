import { formatUnits, type Address, type Hex } from 'viem'

/**
 * One account's trading history, decoded from the events the engine and the liquidation engine
 * emit with the trader (or payee) as their first indexed topic. Pure: the hook reads the logs,
 * this file turns them into rows, CSV and a storable cache.
 */

/** Engine events with the account as first indexed topic (PerpEngine). */
export const ENGINE_HISTORY_EVENTS = [
  'PositionOpened',
  'PositionIncreased',
  'PositionReduced',
  'PositionClosed',
  'CollateralAdded',
  'CollateralRemoved',
  'FundingSettled',
  'PayoutDeferred',
  'Claimed',
] as const
/** Liquidation engine events with the trader as first indexed topic. */
export const LIQUIDATION_HISTORY_EVENTS = ['Liquidated'] as const

export type HistoryKind =
  | 'open'
  | 'increase'
  | 'reduce'
  | 'close'
  | 'liquidation'
  | 'collateralAdded'
  | 'collateralRemoved'
  | 'funding'
  | 'payoutDeferred'
  | 'claimed'

/**
 * Amounts in token units, sizes and prices WAD, as the events carry them. `size` is the opened
 * size (signed) for an open, the position's size after the event for an increase or a reduce,
 * and the closed size for a liquidation. `funding` is what the trader paid (negative: received).
 */
export type HistoryEntry = {
  id: string
  kind: HistoryKind
  blockNumber: bigint
  logIndex: number
  transactionHash: Hex
  /** to check, on a later visit, that the stored history is still this chain's */
  blockHash?: Hex
  /** unix seconds, when the RPC sends it with the log (anvil does) */
  timestamp?: bigint
  marketId?: bigint
  size?: bigint
  price?: bigint
  collateral?: bigint
  amount?: bigint
  fee?: bigint
  realisedPnl?: bigint
  payout?: bigint
  funding?: bigint
  penalty?: bigint
  keeperReward?: bigint
  shortfall?: bigint
  full?: boolean
  liquidator?: Address
}

/** What `parseEventLogs` returns for one of the history events (the fields this file reads). */
export type HistoryLog = {
  eventName: string
  args: Record<string, unknown>
  blockNumber: bigint | null
  logIndex: number | null
  transactionHash: Hex | null
  blockHash?: Hex | null
  blockTimestamp?: bigint | Hex | null
}

const big = (value: unknown): bigint => value as bigint

/** A decoded log as a history row; `undefined` for an event this history does not show. */
export function historyEntryFromLog(log: HistoryLog): HistoryEntry | undefined {
  if (log.blockNumber === null || log.logIndex === null || log.transactionHash === null) return undefined // pending
  const a = log.args
  const base = {
    id: `${log.transactionHash}:${log.logIndex}`,
    blockNumber: log.blockNumber,
    logIndex: log.logIndex,
    transactionHash: log.transactionHash,
    ...(log.blockHash ? { blockHash: log.blockHash } : {}),
    ...(log.blockTimestamp !== undefined && log.blockTimestamp !== null ? { timestamp: BigInt(log.blockTimestamp) } : {}),
  }
  const market = a.marketId === undefined ? {} : { marketId: big(a.marketId) }
  switch (log.eventName) {
    case 'PositionOpened':
      return { ...base, ...market, kind: 'open', size: big(a.size), price: big(a.price), collateral: big(a.collateral), fee: big(a.fee) }
    case 'PositionIncreased':
      return { ...base, ...market, kind: 'increase', size: big(a.size), price: big(a.entryPrice), collateral: big(a.collateral), fee: big(a.fee) }
    case 'PositionReduced':
      return { ...base, ...market, kind: 'reduce', size: big(a.size), price: big(a.price), realisedPnl: big(a.realisedPnl), fee: big(a.fee) }
    case 'PositionClosed':
      return { ...base, ...market, kind: 'close', price: big(a.price), realisedPnl: big(a.realisedPnl), payout: big(a.payout), fee: big(a.fee) }
    case 'CollateralAdded':
      return { ...base, ...market, kind: 'collateralAdded', amount: big(a.amount), collateral: big(a.collateral) }
    case 'CollateralRemoved':
      return { ...base, ...market, kind: 'collateralRemoved', amount: big(a.amount), collateral: big(a.collateral) }
    case 'FundingSettled':
      return { ...base, ...market, kind: 'funding', funding: big(a.amount) }
    case 'PayoutDeferred':
      return { ...base, kind: 'payoutDeferred', amount: big(a.amount) }
    case 'Claimed':
      return { ...base, kind: 'claimed', amount: big(a.amount) }
    case 'Liquidated':
      return {
        ...base,
        ...market,
        kind: 'liquidation',
        size: big(a.closedSize),
        penalty: big(a.penalty),
        keeperReward: big(a.keeperReward),
        payout: big(a.payout),
        shortfall: big(a.shortfall),
        full: a.full as boolean,
        liquidator: a.liquidator as Address,
      }
    default:
      return undefined
  }
}

/** Newest first (block, then position in the block). */
export function newestFirst(entries: readonly HistoryEntry[]): HistoryEntry[] {
  return [...entries].sort((x, y) => (x.blockNumber === y.blockNumber ? y.logIndex - x.logIndex : x.blockNumber > y.blockNumber ? -1 : 1))
}

export const HISTORY_KIND_LABELS: Record<HistoryKind, string> = {
  open: 'Open',
  increase: 'Increase',
  reduce: 'Reduce',
  close: 'Close',
  liquidation: 'Liquidation',
  collateralAdded: 'Collateral added',
  collateralRemoved: 'Collateral removed',
  funding: 'Funding settled',
  payoutDeferred: 'Payout deferred',
  claimed: 'Claimed',
}

/** A liquidation in one sentence, with its amounts (token units formatted by the caller's `amount`). */
export function describeLiquidation(entry: HistoryEntry, marketName: string, amount: (value: bigint) => string, size: (value: bigint) => string): string {
  const part = entry.full ? 'in full' : 'in part'
  const parts = [`${marketName} closed ${part} (${size(entry.size ?? 0n)})`, `returned ${amount(entry.payout ?? 0n)}`, `penalty ${amount(entry.penalty ?? 0n)}`]
  if (entry.shortfall) parts.push(`shortfall ${amount(entry.shortfall)}`)
  return `${parts.join(', ')}.`
}

const CSV_COLUMNS = [
  'block', 'timestamp', 'transaction', 'event', 'market', 'size', 'price', 'collateral', 'amount', 'fee', 'realised_pnl',
  'funding_paid', 'payout', 'penalty', 'keeper_reward', 'shortfall', 'full', 'liquidator',
] as const

/**
 * The history as CSV (RFC 4180, header first, newest first). Exact decimals, no grouping: token
 * amounts in the settlement token's `decimals`, sizes and prices WAD.
 */
export function historyCsv(entries: readonly HistoryEntry[], decimals: number, marketName: (id: bigint) => string): string {
  const token = (v?: bigint) => (v === undefined ? '' : formatUnits(v, decimals))
  const wad = (v?: bigint) => (v === undefined ? '' : formatUnits(v, 18))
  const rows = newestFirst(entries).map((e) => [
    e.blockNumber.toString(),
    e.timestamp === undefined ? '' : new Date(Number(e.timestamp) * 1000).toISOString(),
    e.transactionHash,
    HISTORY_KIND_LABELS[e.kind],
    e.marketId === undefined ? '' : marketName(e.marketId),
    wad(e.size),
    wad(e.price),
    token(e.collateral),
    token(e.amount),
    token(e.fee),
    token(e.realisedPnl),
    token(e.funding),
    token(e.payout),
    token(e.penalty),
    token(e.keeperReward),
    token(e.shortfall),
    e.full === undefined ? '' : String(e.full),
    e.liquidator ?? '',
  ])
  return [CSV_COLUMNS, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** What is stored between visits: the entries read so far, through block `toBlock`. */
export type StoredHistory = { version: 1; toBlock: bigint; entries: HistoryEntry[] }

/** Where one account's history is stored: per chain, deployment (engine address and deploy block) and account. */
export function historyStorageKey(chainId: number, engine: Address, deployBlock: number, account: Address): string {
  return `rampart:history:v1:${chainId}:${engine.toLowerCase()}:${deployBlock}:${account.toLowerCase()}`
}

// bigints as "123n" strings: JSON has no bigint, and no other stored string ends in a digit and "n".
export function serializeHistory(history: StoredHistory): string {
  return JSON.stringify(history, (_key, value) => (typeof value === 'bigint' ? `${value}n` : value))
}

/** The stored history, or `undefined` when absent, unreadable or of another version. */
export function parseStoredHistory(text: string | null): StoredHistory | undefined {
  if (!text) return undefined
  try {
    const parsed = JSON.parse(text, (_key, value) => (typeof value === 'string' && /^-?\d+n$/.test(value) ? BigInt(value.slice(0, -1)) : value))
    if (parsed?.version !== 1 || typeof parsed.toBlock !== 'bigint' || !Array.isArray(parsed.entries)) return undefined
    return parsed as StoredHistory
  } catch {
    return undefined
  }
}

/** A market's name from the deployment's name → id list ("market #7" if unlisted). */
export function marketNameById(markets: Record<string, number>, id: bigint): string {
  return Object.entries(markets).find(([, marketId]) => BigInt(marketId) === id)?.[0] ?? `market #${id}`
}

/**
 * The indexer's `eth_getLogs`: the dashboard's log reader (lib/events/logReader.ts) sends the
 * filter it would send the node, and gets the same logs back from `protocol_event`, plus the last
 * block the index holds (it may be a block behind the head). Pure parsing and shaping here; the
 * query is in src/api/index.ts.
 */

type Hex = `0x${string}`

export type LogQuery = {
  address: Hex[]
  /** topic0 alternatives, then topics 1–3: one value, alternatives, or null for any */
  topics: (Hex[] | null)[]
  fromBlock: bigint
  toBlock: bigint
}

/** Rows per answer: past it the answer stops at a block boundary and says so (`throughBlock`). */
export const MAX_LOGS = 10_000

const HEX = /^0x[0-9a-fA-F]*$/
const isHex = (value: unknown): value is Hex => typeof value === 'string' && HEX.test(value)

function blockOf(value: unknown, what: string): bigint {
  if ((typeof value === 'string' && (HEX.test(value) || /^\d+$/.test(value))) || typeof value === 'number') return BigInt(value)
  throw new Error(`${what} must be a block number`)
}

/** The request body as a query, or an error saying what is wrong with it. */
export function parseLogQuery(body: unknown): LogQuery {
  if (!body || typeof body !== 'object') throw new Error('the body must be a JSON object')
  const b = body as Record<string, unknown>
  const address = (Array.isArray(b.address) ? b.address : [b.address]).filter((a) => a !== undefined && a !== null)
  if (address.length === 0 || !address.every(isHex)) throw new Error('address must be one address or a list of them')
  const topicsIn = b.topics === undefined ? [] : b.topics
  if (!Array.isArray(topicsIn) || topicsIn.length > 4) throw new Error('topics must be a list of at most 4')
  const topics = topicsIn.map((t, i) => {
    if (t === null) return null
    const values = Array.isArray(t) ? t : [t]
    if (!values.every(isHex)) throw new Error(`topic ${i} must be a hex value, a list of them, or null`)
    return values.map((v) => v.toLowerCase() as Hex)
  })
  const fromBlock = blockOf(b.fromBlock, 'fromBlock')
  const toBlock = blockOf(b.toBlock, 'toBlock')
  if (toBlock < fromBlock) throw new Error('toBlock is before fromBlock')
  return { address: address.map((a) => (a as Hex).toLowerCase() as Hex), topics, fromBlock, toBlock }
}

export type StoredLog = {
  address: Hex
  topic0: Hex
  topic1: Hex | null
  topic2: Hex | null
  topic3: Hex | null
  data: Hex
  blockNumber: bigint
  blockHash: Hex
  timestamp: bigint
  transactionHash: Hex
  transactionIndex: number
  logIndex: number
}

const hex = (value: bigint | number): Hex => `0x${value.toString(16)}`

/** A row as the node's JSON-RPC sends a log (with anvil's `blockTimestamp`). */
export function rpcLog(row: StoredLog) {
  return {
    address: row.address,
    topics: [row.topic0, row.topic1, row.topic2, row.topic3].filter((t): t is Hex => t !== null),
    data: row.data,
    blockNumber: hex(row.blockNumber),
    blockHash: row.blockHash,
    blockTimestamp: hex(row.timestamp),
    transactionHash: row.transactionHash,
    transactionIndex: hex(row.transactionIndex),
    logIndex: hex(row.logIndex),
    removed: false,
  }
}

/**
 * The answer for rows read in chain order (at most MAX_LOGS + 1 of them) through `through`: when
 * there are more than MAX_LOGS, it ends before the block of the first row left out.
 */
export function logAnswer(rows: readonly StoredLog[], through: bigint) {
  if (rows.length <= MAX_LOGS) return { throughBlock: hex(through), logs: rows.map(rpcLog) }
  const cut = rows[MAX_LOGS]!.blockNumber
  const kept = rows.filter((r) => r.blockNumber < cut)
  return { throughBlock: hex(cut - 1n), logs: kept.map(rpcLog) }
}

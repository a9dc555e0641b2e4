/** A `protocol_event` row from a Ponder event (pure, unit-tested). */

/** Argument names that say whose event it is, in order of preference. */
const ACCOUNT_ARGS = ['trader', 'owner', 'staker', 'account', 'bidder', 'voter', 'proposer', 'keeper', 'executor', 'to', 'from']

type Hex = `0x${string}`

type PonderEvent = {
  args: Record<string, unknown> | readonly unknown[]
  block: { number: bigint; hash: Hex; timestamp: bigint }
  log: { logIndex: number; address: Hex; topics: readonly Hex[]; data: Hex }
  transaction: { hash: Hex; transactionIndex: number }
}

/** JSON has no bigint: numbers become decimal strings, everywhere in the arguments. */
export function jsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(jsonSafe)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]))
  return value
}

export function eventRow(contract: string, name: string, event: unknown) {
  const e = event as PonderEvent
  const args = (Array.isArray(e.args) ? {} : e.args) as Record<string, unknown>
  const accountArg = ACCOUNT_ARGS.find((k) => typeof args[k] === 'string' && /^0x[0-9a-fA-F]{40}$/.test(args[k] as string))
  const marketId = typeof args.marketId === 'bigint' ? args.marketId : null
  return {
    id: `${e.block.number}-${e.log.logIndex}`,
    contract,
    name,
    blockNumber: e.block.number,
    blockHash: e.block.hash,
    timestamp: e.block.timestamp,
    transactionHash: e.transaction.hash,
    transactionIndex: e.transaction.transactionIndex,
    logIndex: e.log.logIndex,
    account: accountArg ? ((args[accountArg] as string).toLowerCase() as `0x${string}`) : null,
    marketId,
    args: jsonSafe(Array.isArray(e.args) ? e.args : args) as object,
    address: e.log.address.toLowerCase() as Hex,
    topic0: e.log.topics[0]!,
    topic1: e.log.topics[1] ?? null,
    topic2: e.log.topics[2] ?? null,
    topic3: e.log.topics[3] ?? null,
    data: e.log.data,
  }
}

import type { LogFilter, LogPage, RawLog } from '@/lib/events/logReader'
import { PAGE_SIZE } from '@/lib/events/logReader'

/**
 * Where the dashboard's history views (account history, fund and pool history, price history,
 * exposure, proposals: every subscription of the app's one log reader) get their logs: from the
 * indexer (indexer/, its POST /logs) when `RAMPART_INDEXER_URL` configures one, else from the
 * node with `eth_getLogs` from the deployment's block. The one place that decides; the log reader
 * and its subscriptions decode the same logs either way.
 */
export type HistorySource = { kind: 'indexer'; url: string } | { kind: 'node'; lookbackBlocks: number | null }

export function historySource(config: { indexerUrl: string | null; logLookbackBlocks?: number | null }): HistorySource {
  return config.indexerUrl ? { kind: 'indexer', url: config.indexerUrl } : { kind: 'node', lookbackBlocks: config.logLookbackBlocks ?? null }
}

/**
 * How far back a history view (the account's history, a market's prices) reads: everything from
 * the indexer; from the node, the configured bound (`RAMPART_LOG_LOOKBACK_BLOCKS`), if any. Views
 * that rebuild state from events (open positions, pending requests, exposure, proposals) always
 * read from the deploy block.
 */
export function historyLookback(source: HistorySource): bigint | undefined {
  return source.kind === 'node' && source.lookbackBlocks !== null ? BigInt(source.lookbackBlocks) : undefined
}

/**
 * Blocks per request when reading history: the node's `eth_getLogs` in pages public RPCs accept;
 * the indexer takes any range (it bounds its answer by rows, and says where it stopped).
 */
export function historyPageSize(source: HistorySource): bigint {
  return source.kind === 'indexer' ? 1n << 40n : PAGE_SIZE
}

/** What the footer says about it: the indexer, or how many blocks the direct log reads cover. */
export function historyLabel(source: HistorySource, head: bigint | undefined, deployBlock: number): string {
  if (source.kind === 'indexer') return 'history: indexer'
  const sinceDeploy = head === undefined || head < BigInt(deployBlock) ? undefined : head - BigInt(deployBlock) + 1n
  const bound = historyLookback(source)
  const blocks = sinceDeploy !== undefined && bound !== undefined && bound < sinceDeploy ? bound : sinceDeploy
  return blocks === undefined ? 'history: direct log reads' : `history: direct log reads (last ${blocks.toLocaleString('en-US')} blocks)`
}

const hex = (value: bigint) => `0x${value.toString(16)}`

type Request = (args: { method: 'eth_getLogs'; params: [Record<string, unknown>] }) => Promise<unknown>

/** `eth_getLogs` on the node: the whole range, or an error. */
export function nodeLogs(request: Request) {
  return async (filter: LogFilter): Promise<LogPage> =>
    (await request({
      method: 'eth_getLogs',
      params: [{ address: filter.address, topics: filter.topics, fromBlock: hex(filter.fromBlock), toBlock: hex(filter.toBlock) }],
    })) as RawLog[]
}

/** The same filter to the indexer's POST /logs: the logs it holds, through the block it has reached. */
export function indexerLogs(url: string, fetchFn: typeof fetch = (...args) => fetch(...args)) {
  return async (filter: LogFilter): Promise<LogPage> => {
    const response = await fetchFn(`${url}/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ address: filter.address, topics: filter.topics, fromBlock: hex(filter.fromBlock), toBlock: hex(filter.toBlock) }),
    })
    if (!response.ok) throw new Error(`the indexer answered ${response.status}: ${await response.text()}`)
    const body = (await response.json()) as { throughBlock: string; logs: RawLog[] }
    return { logs: body.logs, throughBlock: BigInt(body.throughBlock) }
  }
}

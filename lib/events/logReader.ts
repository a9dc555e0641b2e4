import { blockRanges, nextRead, type LogCache } from './logCache'

/**
 * The app's one log reader: every event any mounted component listens to is read with ONE
 * `eth_getLogs` per new block. Each subscription (a set of contracts, event selectors and
 * optional indexed-topic filters) keeps its own decoded cache; subscriptions whose caches end at
 * the same block are read together, with the union of their filters, and each takes the logs that
 * match its own filter. So once a page has loaded, all its subscriptions are at the same block and
 * a new block costs one request whatever the number of subscriptions. A newly mounted one reads
 * its history once from its start block (with any others mounted at the same moment), then joins.
 * A subscription that unmounts keeps its cache; mounted again it reads only the blocks it missed.
 * Pure: the request function is passed in (the provider gives viem's client; tests a fake).
 */

export type Hex = `0x${string}`

/** A log as the node sends it (`eth_getLogs`), the fields this file reads. */
export type RawLog = { address: string; topics: readonly string[]; blockNumber: string | bigint | null }

/** The filter `eth_getLogs` takes: addresses, topic0 alternatives, then one optional value per indexed topic. */
export type LogFilter = { address: Hex[]; topics: (Hex[] | Hex | null)[]; fromBlock: bigint; toBlock: bigint }

export type LogSubscription<T> = {
  /** identity: components giving the same key share one cache */
  key: string
  addresses: readonly Hex[]
  /** topic0 of every event listened to */
  selectors: readonly Hex[]
  /** indexed topics 1 and 2: `null` or absent matches anything */
  topics?: readonly (Hex | null)[]
  /** the first block that can hold one of these logs (the deployment's block) */
  fromBlock: bigint
  /**
   * A history view that may start later: its first read begins no earlier than this many blocks
   * before the head (the direct reads' bound, lib/history/source.ts). Unset: from `fromBlock`.
   */
  lookbackBlocks?: bigint
  /** the subscription's logs in chain order, as it keeps them */
  decode: (logs: RawLog[]) => T[]
  /** a cache kept elsewhere (localStorage) to continue from instead of reading from `fromBlock` */
  restore?: () => Promise<LogCache<T> | undefined>
  /** told each new cache, to keep it elsewhere */
  persist?: (cache: LogCache<T>) => void
}

export type LogSnapshot<T> = {
  /** undefined until the first read */
  cache?: LogCache<T>
  /** the block this cache started from (restored or first read): entries after it are news */
  watchedFrom?: bigint
  isError: boolean
}

/** Blocks per `eth_getLogs` request when reading history: well under what public RPCs accept. */
export const PAGE_SIZE = 5_000n

/**
 * What a read returns: the logs, and the last block they cover when that is short of the filter's
 * `toBlock` (an indexer a block behind the head answers what it holds; the rest is read later).
 * A plain array covers the whole range (the node's `eth_getLogs`).
 */
export type LogPage = RawLog[] | { logs: RawLog[]; throughBlock: bigint }

/** The logs of consecutive pages up to the first one that fell short, and the last block covered. */
export function coveredLogs(pages: readonly { range: { fromBlock: bigint; toBlock: bigint }; page: LogPage }[]): { logs: RawLog[]; throughBlock: bigint } | null {
  const logs: RawLog[] = []
  let throughBlock: bigint | null = null
  for (const { range, page } of pages) {
    const through = Array.isArray(page) ? range.toBlock : page.throughBlock < range.toBlock ? page.throughBlock : range.toBlock
    if (through < range.fromBlock) break
    logs.push(...(Array.isArray(page) ? page : page.logs).filter((log) => log.blockNumber === null || BigInt(log.blockNumber) <= through))
    throughBlock = through
    if (through < range.toBlock) break
  }
  return throughBlock === null ? null : { logs, throughBlock }
}

type Entry = {
  subscription: LogSubscription<unknown>
  snapshot: LogSnapshot<unknown>
  mounts: number
  restored: boolean
}

const lower = (value: string) => value.toLowerCase()

/** Whether `log` is one `subscription` listens to (the merged read returns others' logs too). */
export function matches(subscription: Pick<LogSubscription<unknown>, 'addresses' | 'selectors' | 'topics'>, log: RawLog): boolean {
  if (!subscription.addresses.some((a) => lower(a) === lower(log.address))) return false
  const topic0 = log.topics[0]
  if (!topic0 || !subscription.selectors.some((s) => lower(s) === lower(topic0))) return false
  return (subscription.topics ?? []).every((wanted, i) => wanted == null || (log.topics[i + 1] !== undefined && lower(log.topics[i + 1]) === lower(wanted)))
}

/** One filter covering every subscription given: the union of addresses and events; an indexed topic kept only when all agree on it. */
export function mergedFilter(subscriptions: readonly Pick<LogSubscription<unknown>, 'addresses' | 'selectors' | 'topics'>[], fromBlock: bigint, toBlock: bigint): LogFilter {
  const address = [...new Set(subscriptions.flatMap((s) => s.addresses.map(lower)))] as Hex[]
  const selectors = [...new Set(subscriptions.flatMap((s) => s.selectors.map(lower)))] as Hex[]
  const depth = Math.max(0, ...subscriptions.map((s) => s.topics?.length ?? 0))
  const indexed: (Hex | null)[] = []
  for (let i = 0; i < depth; i++) {
    const values = new Set(subscriptions.map((s) => (s.topics?.[i] ? lower(s.topics[i]!) : null)))
    const [only] = values
    indexed.push(values.size === 1 && only !== null ? (only as Hex) : null)
  }
  while (indexed.length > 0 && indexed.at(-1) === null) indexed.pop()
  return { address, topics: [selectors, ...indexed], fromBlock, toBlock }
}

/** Where a subscription's first read starts at chain head `head`: its `fromBlock`, or later when its lookback is shorter. */
export function startBlock(subscription: Pick<LogSubscription<unknown>, 'fromBlock' | 'lookbackBlocks'>, head: bigint): bigint {
  const { fromBlock, lookbackBlocks } = subscription
  if (lookbackBlocks === undefined) return fromBlock
  const earliest = head + 1n - lookbackBlocks
  return earliest > fromBlock ? earliest : fromBlock
}

/** The 32-byte topic of an indexed `address` or `uint` argument, as logs carry it. */
export function indexedTopic(value: string | bigint): Hex {
  const hex = typeof value === 'bigint' ? value.toString(16) : value.toLowerCase().replace(/^0x/, '')
  return `0x${hex.padStart(64, '0')}`
}

export class LogReader {
  private entries = new Map<string, Entry>()
  private listeners = new Map<string, Set<() => void>>()
  private head: bigint | undefined
  private running = false
  private again = false
  private retry: ReturnType<typeof setTimeout> | undefined

  /**
   * `getLogs` answers one filter (the node, or the indexer); `pageSize` bounds the blocks of one
   * request; a read that came back short is tried again after `retryMs` rather than at the next block.
   */
  constructor(
    private readonly getLogs: (filter: LogFilter) => Promise<LogPage>,
    private readonly pageSize: bigint = PAGE_SIZE,
    private readonly retryMs = 250,
  ) {}

  /** Mounts a subscription (the latest definition of its key wins); returns the unmount. */
  mount<T>(subscription: LogSubscription<T>): () => void {
    let entry = this.entries.get(subscription.key)
    if (!entry) {
      entry = { subscription: subscription as LogSubscription<unknown>, snapshot: { isError: false }, mounts: 0, restored: false }
      this.entries.set(subscription.key, entry)
    } else entry.subscription = subscription as LogSubscription<unknown>
    entry.mounts++
    void this.pump()
    const mounted = entry
    return () => {
      mounted.mounts--
    }
  }

  listen(key: string, listener: () => void): () => void {
    const listeners = this.listeners.get(key) ?? new Set()
    this.listeners.set(key, listeners)
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }

  snapshot<T>(key: string): LogSnapshot<T> | undefined {
    return this.entries.get(key)?.snapshot as LogSnapshot<T> | undefined
  }

  /** A new chain head: every mounted subscription is brought up to it. */
  setHead(head: bigint) {
    if (head === this.head) return
    this.head = head
    void this.pump()
  }

  /** Runs reads until every mounted subscription is at the head; one round at a time. */
  async pump(): Promise<void> {
    if (this.running) {
      this.again = true
      return
    }
    this.running = true
    try {
      do {
        this.again = false
        if (this.head !== undefined) await this.readTo(this.head)
      } while (this.again)
    } finally {
      this.running = false
    }
  }

  /** A source behind the head: read again shortly (once per pending retry). */
  private retryLater() {
    if (this.retry !== undefined) return
    this.retry = setTimeout(() => {
      this.retry = undefined
      void this.pump()
    }, this.retryMs)
  }

  /** One round: the mounted subscriptions grouped by where their caches end, one read per group (paged for long ranges). */
  private async readTo(head: bigint) {
    const mounted = [...this.entries.values()].filter((e) => e.mounts > 0)
    await Promise.all(
      mounted.filter((e) => !e.restored).map(async (e) => {
        e.restored = true
        if (!e.subscription.restore) return
        const cache = await e.subscription.restore().catch(() => undefined)
        if (cache && !e.snapshot.cache) e.snapshot = { cache, watchedFrom: cache.toBlock, isError: false }
      }),
    )
    const groups = new Map<string, { range: { fromBlock: bigint; toBlock: bigint }; reset: boolean; entries: Entry[] }>()
    for (const entry of mounted) {
      const read = nextRead(entry.snapshot.cache, head, startBlock(entry.subscription, head))
      if (!read) continue
      const id = `${read.range.fromBlock}:${read.reset}`
      const group = groups.get(id) ?? { ...read, entries: [] }
      group.entries.push(entry)
      groups.set(id, group)
    }
    await Promise.all(
      [...groups.values()].map(async ({ range, reset, entries }) => {
        const subscriptions = entries.map((e) => e.subscription)
        try {
          const ranges = blockRanges(range.fromBlock, range.toBlock, this.pageSize)
          const pages = await Promise.all(ranges.map((page) => this.getLogs(mergedFilter(subscriptions, page.fromBlock, page.toBlock))))
          const covered = coveredLogs(ranges.map((r, i) => ({ range: r, page: pages[i] })))
          if (!covered || covered.throughBlock < range.toBlock) this.retryLater()
          if (!covered) return
          const { logs, throughBlock } = covered
          for (const entry of entries) {
            const fresh = entry.subscription.decode(logs.filter((log) => matches(entry.subscription, log)))
            const before = entry.snapshot
            const cache = { toBlock: throughBlock, logs: reset || !before.cache ? fresh : [...before.cache.logs, ...fresh] }
            entry.snapshot = { cache, watchedFrom: reset || before.watchedFrom === undefined ? throughBlock : before.watchedFrom, isError: false }
            entry.subscription.persist?.(cache)
          }
        } catch {
          for (const entry of entries) entry.snapshot = { ...entry.snapshot, isError: true }
        }
        for (const entry of entries) this.listeners.get(entry.subscription.key)?.forEach((listener) => listener())
      }),
    )
  }
}

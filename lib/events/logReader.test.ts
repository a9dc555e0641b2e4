import { describe, expect, it } from 'vitest'
import { coveredLogs, LogReader, startBlock, matches, mergedFilter, type Hex, type LogFilter, type LogSubscription, type RawLog } from './logReader'

const ENGINE: Hex = '0x00000000000000000000000000000000000000e1'
const ORACLE: Hex = '0x00000000000000000000000000000000000000a2'
const OPENED = `0x${'01'.repeat(32)}` as Hex
const PRICE = `0x${'02'.repeat(32)}` as Hex
const ALICE = `0x${'0'.repeat(24)}${'a11ce'.padStart(40, '0')}` as Hex
const BOB = `0x${'0'.repeat(24)}${'00b0b'.padStart(40, '0')}` as Hex

type Log = RawLog & { blockNumber: bigint }
const log = (address: string, topics: string[], blockNumber: bigint): Log => ({ address, topics, blockNumber })

/** A node holding `chain`'s logs that answers eth_getLogs as a node would, and records each request. */
function fakeNode(chain: Log[]) {
  const requests: LogFilter[] = []
  const getLogs = async (filter: LogFilter) => {
    requests.push(filter)
    return chain.filter(
      (l) =>
        l.blockNumber >= filter.fromBlock &&
        l.blockNumber <= filter.toBlock &&
        filter.address.includes(l.address.toLowerCase() as Hex) &&
        filter.topics.every((t, i) => t === null || (Array.isArray(t) ? t.includes(l.topics[i] as Hex) : t === l.topics[i])),
    )
  }
  return { requests, getLogs }
}

const sub = (key: string, over: Partial<LogSubscription<Log>> = {}): LogSubscription<Log> => ({
  key,
  addresses: [ENGINE],
  selectors: [OPENED],
  fromBlock: 5n,
  decode: (logs) => logs as Log[],
  ...over,
})

async function settle(reader: LogReader) {
  for (let i = 0; i < 5; i++) await reader.pump()
}

describe('mergedFilter', () => {
  it('unites addresses and events and keeps an indexed topic only when every subscription asks for it', () => {
    const a = sub('a', { topics: [ALICE] })
    const b = sub('b', { addresses: [ORACLE], selectors: [PRICE], topics: [BOB] })
    expect(mergedFilter([a, b], 1n, 2n)).toEqual({ address: [ENGINE, ORACLE], topics: [[OPENED, PRICE]], fromBlock: 1n, toBlock: 2n })
    expect(mergedFilter([a, sub('c', { topics: [ALICE] })], 1n, 2n).topics).toEqual([[OPENED], ALICE])
  })
})

describe('matches', () => {
  it('checks the address, the event and each indexed topic asked for', () => {
    const mine = sub('a', { topics: [ALICE] })
    expect(matches(mine, log(ENGINE.toUpperCase().replace('0X', '0x'), [OPENED, ALICE], 1n))).toBe(true)
    expect(matches(mine, log(ENGINE, [OPENED, BOB], 1n))).toBe(false)
    expect(matches(mine, log(ORACLE, [OPENED, ALICE], 1n))).toBe(false)
    expect(matches(mine, log(ENGINE, [PRICE, ALICE], 1n))).toBe(false)
  })
})

describe('LogReader', () => {
  it('reads every subscription with one request per new block once they are at the same block', async () => {
    const chain = [log(ENGINE, [OPENED, ALICE], 6n), log(ORACLE, [PRICE, '0x' + '0'.repeat(64)], 7n), log(ENGINE, [OPENED, BOB], 9n), log(ORACLE, [PRICE, '0x' + '0'.repeat(64)], 11n)]
    const node = fakeNode(chain)
    const reader = new LogReader(node.getLogs)
    reader.mount(sub('opened'))
    reader.mount(sub('alice', { topics: [ALICE] }))
    reader.mount(sub('prices', { addresses: [ORACLE], selectors: [PRICE] }))
    reader.setHead(8n)
    await settle(reader)
    // mounted together: one history read for all three
    expect(node.requests).toHaveLength(1)
    expect(reader.snapshot<Log>('opened')!.cache!.logs.map((l) => l.blockNumber)).toEqual([6n])
    expect(reader.snapshot<Log>('prices')!.cache!.logs.map((l) => l.blockNumber)).toEqual([7n])

    reader.setHead(9n)
    await settle(reader)
    reader.setHead(11n)
    await settle(reader)
    expect(node.requests).toHaveLength(3)
    expect(node.requests.slice(1).map((r) => [r.fromBlock, r.toBlock])).toEqual([[9n, 9n], [10n, 11n]])
    expect(reader.snapshot<Log>('opened')!.cache!.logs.map((l) => l.blockNumber)).toEqual([6n, 9n])
    expect(reader.snapshot<Log>('alice')!.cache!.logs.map((l) => l.blockNumber)).toEqual([6n])
    expect(reader.snapshot<Log>('prices')!.cache!).toEqual({ toBlock: 11n, logs: [chain[1], chain[3]] })
  })

  it('a late subscription reads its history once, then joins the others', async () => {
    const node = fakeNode([log(ENGINE, [OPENED, ALICE], 6n), log(ORACLE, [PRICE], 10n)])
    const reader = new LogReader(node.getLogs)
    reader.mount(sub('opened'))
    reader.setHead(8n)
    await settle(reader)
    reader.mount(sub('prices', { addresses: [ORACLE], selectors: [PRICE] }))
    await settle(reader)
    expect(node.requests.map((r) => [r.fromBlock, r.toBlock])).toEqual([[5n, 8n], [5n, 8n]])
    reader.setHead(10n)
    await settle(reader)
    expect(node.requests).toHaveLength(3)
    expect(node.requests[2].address).toEqual([ENGINE, ORACLE])
    expect(reader.snapshot<Log>('prices')!.cache!.logs).toHaveLength(1)
  })

  it('an unmounted subscription is not read, and reads only what it missed when mounted again', async () => {
    const node = fakeNode([])
    const reader = new LogReader(node.getLogs)
    const unmount = reader.mount(sub('opened'))
    reader.setHead(8n)
    await settle(reader)
    unmount()
    reader.setHead(12n)
    await settle(reader)
    expect(node.requests).toHaveLength(1)
    reader.mount(sub('opened'))
    await settle(reader)
    expect(node.requests.map((r) => [r.fromBlock, r.toBlock])).toEqual([[5n, 8n], [9n, 12n]])
  })

  it('starts over from the start block when the chain went backwards', async () => {
    const node = fakeNode([log(ENGINE, [OPENED, ALICE], 6n)])
    const reader = new LogReader(node.getLogs)
    reader.mount(sub('opened'))
    reader.setHead(20n)
    await settle(reader)
    reader.setHead(7n)
    await settle(reader)
    expect(node.requests.map((r) => [r.fromBlock, r.toBlock])).toEqual([[5n, 20n], [5n, 7n]])
    expect(reader.snapshot<Log>('opened')).toMatchObject({ cache: { toBlock: 7n }, watchedFrom: 7n })
    expect(reader.snapshot<Log>('opened')!.cache!.logs).toHaveLength(1)
  })

  it('continues from a restored cache, and persists each new one', async () => {
    const node = fakeNode([log(ENGINE, [OPENED, ALICE], 6n), log(ENGINE, [OPENED, ALICE], 15n)])
    const reader = new LogReader(node.getLogs)
    const persisted: bigint[] = []
    reader.mount(sub('alice', { restore: async () => ({ toBlock: 12n, logs: [log(ENGINE, [OPENED, ALICE], 6n)] }), persist: (c) => persisted.push(c.toBlock) }))
    reader.setHead(16n)
    await settle(reader)
    expect(node.requests.map((r) => [r.fromBlock, r.toBlock])).toEqual([[13n, 16n]])
    expect(reader.snapshot<Log>('alice')).toMatchObject({ watchedFrom: 12n, cache: { toBlock: 16n } })
    expect(reader.snapshot<Log>('alice')!.cache!.logs.map((l) => l.blockNumber)).toEqual([6n, 15n])
    expect(persisted).toEqual([16n])
  })

  it('marks a failed read and retries it at the next block', async () => {
    let fail = true
    const node = fakeNode([])
    const reader = new LogReader(async (filter) => {
      if (fail) throw new Error('down')
      return node.getLogs(filter)
    })
    reader.mount(sub('opened'))
    reader.setHead(8n)
    await settle(reader)
    expect(reader.snapshot('opened')).toEqual({ isError: true })
    fail = false
    reader.setHead(9n)
    await settle(reader)
    expect(reader.snapshot('opened')).toMatchObject({ isError: false, cache: { toBlock: 9n } })
  })

  it('pages a long history', async () => {
    const node = fakeNode([])
    const reader = new LogReader(node.getLogs)
    reader.mount(sub('opened', { fromBlock: 0n }))
    reader.setHead(12_000n)
    await settle(reader)
    expect(node.requests.map((r) => [r.fromBlock, r.toBlock])).toEqual([[0n, 4_999n], [5_000n, 9_999n], [10_000n, 12_000n]])
  })

  it('takes what a source behind the head holds, and reads the rest shortly after, not a block later', async () => {
    const chain = [log(ENGINE, [OPENED, ALICE], 6n), log(ENGINE, [OPENED, BOB], 9n)]
    const node = fakeNode(chain)
    let indexed = 7n // an indexer two blocks behind the head
    const reader = new LogReader(
      async (filter) => {
        const through = filter.toBlock < indexed ? filter.toBlock : indexed
        return { logs: await node.getLogs({ ...filter, toBlock: through }), throughBlock: through }
      },
      1n << 40n,
      10,
    )
    reader.mount(sub('opened'))
    reader.setHead(9n)
    await settle(reader)
    expect(reader.snapshot<Log>('opened')?.cache).toEqual({ toBlock: 7n, logs: [chain[0]] })
    indexed = 9n
    await new Promise((r) => setTimeout(r, 50))
    await settle(reader)
    expect(reader.snapshot<Log>('opened')?.cache).toEqual({ toBlock: 9n, logs: chain })
    expect(node.requests.map((r) => [r.fromBlock, r.toBlock])).toEqual([[5n, 7n], [8n, 9n]])
  })
})

describe('coveredLogs', () => {
  const page = (fromBlock: bigint, toBlock: bigint) => ({ fromBlock, toBlock })
  it('keeps consecutive pages up to the first that came back short', () => {
    const a = log(ENGINE, [OPENED], 1n)
    const b = log(ENGINE, [OPENED], 12n)
    const c = log(ENGINE, [OPENED], 25n)
    expect(coveredLogs([{ range: page(0n, 9n), page: [a] }, { range: page(10n, 19n), page: [b] }])).toEqual({ logs: [a, b], throughBlock: 19n })
    expect(
      coveredLogs([
        { range: page(0n, 9n), page: [a] },
        { range: page(10n, 19n), page: { logs: [b], throughBlock: 14n } },
        { range: page(20n, 29n), page: [c] },
      ]),
    ).toEqual({ logs: [a, b], throughBlock: 14n })
    expect(coveredLogs([{ range: page(10n, 19n), page: { logs: [], throughBlock: 9n } }])).toBeNull()
  })
})

describe('startBlock', () => {
  it('starts a history view with a lookback that many blocks before the head, never before its fromBlock', () => {
    expect(startBlock({ fromBlock: 5n }, 1_000n)).toBe(5n)
    expect(startBlock({ fromBlock: 5n, lookbackBlocks: 100n }, 1_000n)).toBe(901n)
    expect(startBlock({ fromBlock: 5n, lookbackBlocks: 100n }, 50n)).toBe(5n)
  })

  it('is where the reader reads a bounded subscription from', async () => {
    const node = fakeNode([log(ENGINE, [OPENED], 6n), log(ENGINE, [OPENED], 95n)])
    const reader = new LogReader(node.getLogs)
    reader.mount(sub('recent', { lookbackBlocks: 10n }))
    reader.setHead(100n)
    await settle(reader)
    expect(node.requests.map((r) => [r.fromBlock, r.toBlock])).toEqual([[91n, 100n]])
    expect(reader.snapshot<Log>('recent')?.cache?.logs.map((l) => l.blockNumber)).toEqual([95n])
  })
})

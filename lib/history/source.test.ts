import { describe, expect, it } from 'vitest'
import { historyLabel, historyLookback, historyPageSize, historySource, indexerLogs, nodeLogs } from './source'

const filter = { address: ['0x00000000000000000000000000000000000000e1' as const], topics: [['0x01' as const], '0x02' as const], fromBlock: 16n, toBlock: 32n }

describe('the history source', () => {
  it('is the indexer when one is configured, else the node', () => {
    expect(historySource({ indexerUrl: 'http://127.0.0.1:42069' })).toEqual({ kind: 'indexer', url: 'http://127.0.0.1:42069' })
    expect(historySource({ indexerUrl: null })).toEqual({ kind: 'node', lookbackBlocks: null })
    expect(historySource({ indexerUrl: null, logLookbackBlocks: 50_000 })).toEqual({ kind: 'node', lookbackBlocks: 50_000 })
    expect(historyPageSize({ kind: 'node', lookbackBlocks: null })).toBe(5_000n)
    expect(historyPageSize({ kind: 'indexer', url: 'x' })).toBeGreaterThan(10n ** 12n)
  })

  it('says which in the footer, with the blocks the direct reads cover', () => {
    expect(historyLabel({ kind: 'indexer', url: 'x' }, 500n, 10)).toBe('history: indexer')
    expect(historyLabel({ kind: 'node', lookbackBlocks: null }, 12_009n, 10)).toBe('history: direct log reads (last 12,000 blocks)')
    expect(historyLabel({ kind: 'node', lookbackBlocks: 50_000 }, 12_009n, 10)).toBe('history: direct log reads (last 12,000 blocks)')
    expect(historyLabel({ kind: 'node', lookbackBlocks: 5_000 }, 12_009n, 10)).toBe('history: direct log reads (last 5,000 blocks)')
    expect(historyLabel({ kind: 'node', lookbackBlocks: null }, undefined, 10)).toBe('history: direct log reads')
  })

  it('bounds the direct reads of history views when configured, never the indexer', () => {
    expect(historyLookback({ kind: 'node', lookbackBlocks: 5_000 })).toBe(5_000n)
    expect(historyLookback({ kind: 'node', lookbackBlocks: null })).toBeUndefined()
    expect(historyLookback({ kind: 'indexer', url: 'x' })).toBeUndefined()
  })

  it("sends the node's filter to eth_getLogs with hex blocks", async () => {
    const calls: unknown[] = []
    const read = nodeLogs(async (args) => {
      calls.push(args)
      return [{ address: '0xe1', topics: [], blockNumber: '0x10' }]
    })
    expect(await read(filter)).toEqual([{ address: '0xe1', topics: [], blockNumber: '0x10' }])
    expect(calls).toEqual([{ method: 'eth_getLogs', params: [{ address: filter.address, topics: filter.topics, fromBlock: '0x10', toBlock: '0x20' }] }])
  })

  it("sends the same filter to the indexer's POST /logs and returns how far its answer reaches", async () => {
    const calls: [string, RequestInit | undefined][] = []
    const read = indexerLogs('http://indexer', async (url, init) => {
      calls.push([String(url), init])
      return new Response(JSON.stringify({ throughBlock: '0x1e', logs: [{ address: '0xe1', topics: ['0x01'], blockNumber: '0x11' }] }))
    })
    expect(await read(filter)).toEqual({ throughBlock: 30n, logs: [{ address: '0xe1', topics: ['0x01'], blockNumber: '0x11' }] })
    expect(calls[0]![0]).toBe('http://indexer/logs')
    expect(JSON.parse(String(calls[0]![1]!.body))).toEqual({ address: filter.address, topics: filter.topics, fromBlock: '0x10', toBlock: '0x20' })
    const down = indexerLogs('http://indexer', async () => new Response('no', { status: 503 }))
    await expect(down(filter)).rejects.toThrow('the indexer answered 503')
  })
})

import { describe, expect, it } from 'vitest'
import { logAnswer, MAX_LOGS, parseLogQuery, rpcLog, type StoredLog } from '../../indexer/src/logQuery'

const A = '0x5FbDB2315678afecb367f032d93F642f64180aa3'

describe("the indexer's POST /logs", () => {
  it('reads the filter the log reader sends the node', () => {
    const q = parseLogQuery({ address: [A], topics: [['0xAA', '0xbb'], null, '0xCC'], fromBlock: '0x10', toBlock: '0x20' })
    expect(q).toEqual({ address: [A.toLowerCase()], topics: [['0xaa', '0xbb'], null, ['0xcc']], fromBlock: 16n, toBlock: 32n })
    expect(parseLogQuery({ address: A, fromBlock: '5', toBlock: 5 }).topics).toEqual([])
  })

  it('refuses what is not a filter, saying what is wrong', () => {
    expect(() => parseLogQuery(null)).toThrow('JSON object')
    expect(() => parseLogQuery({ address: [], fromBlock: 1, toBlock: 2 })).toThrow('address')
    expect(() => parseLogQuery({ address: A, topics: ['xyz'], fromBlock: 1, toBlock: 2 })).toThrow('topic 0')
    expect(() => parseLogQuery({ address: A, topics: [null, null, null, null, null], fromBlock: 1, toBlock: 2 })).toThrow('at most 4')
    expect(() => parseLogQuery({ address: A, fromBlock: 'latest', toBlock: 2 })).toThrow('fromBlock')
    expect(() => parseLogQuery({ address: A, fromBlock: 3, toBlock: 2 })).toThrow('before')
  })

  const row = (block: bigint, logIndex: number): StoredLog => ({
    address: A.toLowerCase() as `0x${string}`,
    topic0: '0x01',
    topic1: '0x02',
    topic2: null,
    topic3: null,
    data: '0x',
    blockNumber: block,
    blockHash: '0xbb',
    timestamp: 1_700_000_000n,
    transactionHash: '0xcc',
    transactionIndex: 0,
    logIndex,
  })

  it('answers logs as the JSON-RPC sends them', () => {
    expect(rpcLog(row(255n, 10))).toEqual({
      address: A.toLowerCase(),
      topics: ['0x01', '0x02'],
      data: '0x',
      blockNumber: '0xff',
      blockHash: '0xbb',
      blockTimestamp: '0x6553f100',
      transactionHash: '0xcc',
      transactionIndex: '0x0',
      logIndex: '0xa',
      removed: false,
    })
  })

  it('stops a too long answer before the block of the first row left out, and says where', () => {
    const rows = Array.from({ length: MAX_LOGS + 1 }, (_, i) => row(BigInt(100 + Math.floor(i / 2)), i % 2))
    const answer = logAnswer(rows, 99_999n)
    const lastBlock = rows[MAX_LOGS]!.blockNumber
    expect(answer.throughBlock).toBe(`0x${(lastBlock - 1n).toString(16)}`)
    expect(answer.logs.every((l) => BigInt(l.blockNumber) < lastBlock)).toBe(true)
    expect(logAnswer(rows.slice(0, 3), 500n)).toMatchObject({ throughBlock: '0x1f4' })
  })
})

import { describe, expect, it } from 'vitest'
import { eventRow, jsonSafe } from '../../indexer/src/eventRow'

const ENGINE = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const at = {
  block: { number: 42n, hash: '0xb10c' as const, timestamp: 1_700_000_000n },
  log: { logIndex: 3, address: ENGINE, topics: ['0x01', '0x02'] as `0x${string}`[], data: '0xdada' as const },
  transaction: { hash: '0xabc' as const, transactionIndex: 1 },
}

describe('protocol_event rows', () => {
  it('names the trader and the market, and keeps every argument as JSON', () => {
    const row = eventRow('PerpEngine', 'CollateralAdded', {
      ...at,
      args: { trader: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', marketId: 0n, amount: 10n ** 24n, collateral: 5n },
    })
    expect(row).toMatchObject({ id: '42-3', contract: 'PerpEngine', name: 'CollateralAdded', blockNumber: 42n, logIndex: 3 })
    expect(row.account).toBe('0x70997970c51812dc3a010c7d01b50e0d17dc79c8')
    expect(row.marketId).toBe(0n)
    expect(row.args).toEqual({ trader: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', marketId: '0', amount: '1000000000000000000000000', collateral: '5' })
  })

  it('prefers the trader over other addresses, and leaves account and market empty when the event names none', () => {
    const owner = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'
    const row = eventRow('LiquidityPool', 'LpRequestCancelled', { ...at, args: { requestId: 7n, owner, executor: '0x90F79bf6EB2c4f870365E785982E1f101E93b906', why: 2, data: '0x' } })
    expect(row.account).toBe(owner.toLowerCase())
    const none = eventRow('InsuranceFund', 'BufferUsed', { ...at, args: { amount: 1n, bufferAfter: 2n } })
    expect(none.account).toBeNull()
    expect(none.marketId).toBeNull()
  })

  it('keeps the log as the node sent it: address in lower case, topics in their columns, data', () => {
    const row = eventRow('InsuranceFund', 'BufferUsed', { ...at, args: { amount: 1n, bufferAfter: 2n } })
    expect(row).toMatchObject({ address: ENGINE.toLowerCase(), topic0: '0x01', topic1: '0x02', topic2: null, topic3: null, data: '0xdada', blockHash: '0xb10c', transactionIndex: 1 })
  })

  it('turns nested structs and lists of numbers into strings', () => {
    expect(jsonSafe({ order: { size: -5n, list: [1n, 'x', true] } })).toEqual({ order: { size: '-5', list: ['1', 'x', true] } })
  })
})

import { describe, expect, it } from 'vitest'
import { describeFeedEntry, feedEntryFromLog } from './feed'

const log = (eventName: string, args: Record<string, unknown>) => ({ eventName, args, blockNumber: 7n, logIndex: 2, transactionHash: '0xabc' as const })
const amount = (v: bigint) => `${v}`
const size = (v: bigint) => `${v}s`
const market = (id: bigint) => ['ETH-USD', 'BTC-USD'][Number(id)]!

describe('overview feed', () => {
  it('decodes a liquidation with its amounts and describes it', () => {
    const entry = feedEntryFromLog(
      log('Liquidated', { trader: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', marketId: 1n, liquidator: '0x1', closedSize: 5n, penalty: 3n, keeperReward: 1n, payout: 9n, shortfall: 0n, full: true }),
    )!
    expect(entry).toMatchObject({ id: '0xabc:2', kind: 'liquidation', blockNumber: 7n, marketId: 1n, penalty: 3n, payout: 9n, full: true })
    expect(describeFeedEntry(entry, amount, size, market)).toBe('BTC-USD liquidated in full (5s) for 0x7099…79C8, penalty 3, returned 9')
    const bad = feedEntryFromLog(log('Liquidated', { trader: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', marketId: 0n, closedSize: 5n, penalty: 0n, payout: 0n, shortfall: 4n, full: false }))!
    expect(describeFeedEntry(bad, amount, size, market)).toMatch(/^ETH-USD liquidated in part .* bad debt 4$/)
  })
  it('decodes each waterfall step', () => {
    expect(describeFeedEntry(feedEntryFromLog(log('BufferUsed', { amount: 10n, bufferAfter: 90n }))!, amount, size, market)).toBe("The fund's buffer covered 10")
    expect(describeFeedEntry(feedEntryFromLog(log('StakersSlashed', { amount: 4n, stakedAfter: 1n }))!, amount, size, market)).toBe('Stakers slashed 4')
    expect(describeFeedEntry(feedEntryFromLog(log('SentToDebtAuction', { amount: 6n }))!, amount, size, market)).toBe('6 sent to the debt auction')
    expect(describeFeedEntry(feedEntryFromLog(log('Bid', { bidder: '0x1', round: 2n, price: 1n, paid: 3n, minted: 1n, deficitAfter: 3n }))!, amount, size, market)).toBe('Bid in round 2: paid 3, deficit left 3')
    expect(feedEntryFromLog(log('ParametersSet', {}))).toBeUndefined()
    expect(feedEntryFromLog({ ...log('BufferUsed', { amount: 1n }), blockNumber: null })).toBeUndefined()
  })
})

import { encodeAbiParameters, encodeEventTopics, parseEventLogs, type AbiEvent, type Address, type Hex, type Log } from 'viem'
import { describe, expect, it } from 'vitest'
import { liquidationEngineAbi, perpEngineAbi } from '../contracts/generated'
import {
  describeLiquidation,
  historyCsv,
  historyEntryFromLog,
  historyStorageKey,
  newestFirst,
  parseStoredHistory,
  serializeHistory,
  type HistoryEntry,
} from './accountHistory'

const TRADER = '0x70997970c51812dc3a010c7d01b50e0d17dc79c8' as Address
const KEEPER = '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc' as Address
const ABI = [...perpEngineAbi, ...liquidationEngineAbi]

/** A log as the RPC returns it, ABI-encoded from the event definition, then decoded as the hook does. */
function decoded(eventName: string, args: Record<string, unknown>, blockNumber: bigint, logIndex: number) {
  const event = ABI.find((item) => item.type === 'event' && item.name === eventName) as AbiEvent
  const topics = encodeEventTopics({ abi: [event], eventName, args } as never) as [Hex, ...Hex[]]
  const data = encodeAbiParameters(
    event.inputs.filter((input) => !input.indexed),
    event.inputs.filter((input) => !input.indexed).map((input) => args[input.name!]),
  )
  const log = { address: KEEPER, topics, data, blockNumber, logIndex, transactionHash: `0x${'ab'.repeat(31)}${logIndex.toString(16).padStart(2, '0')}`, blockHash: null, transactionIndex: 0, removed: false } as unknown as Log
  const [parsed] = parseEventLogs({ abi: ABI, logs: [log], strict: true })
  return parsed
}

describe('historyEntryFromLog', () => {
  it('reads every amount of a liquidation from the Liquidated event', () => {
    const log = decoded('Liquidated', { trader: TRADER, marketId: 0n, liquidator: KEEPER, closedSize: 10n ** 18n, penalty: 12_500_000n, keeperReward: 3_000_000n, payout: 41_000_000n, shortfall: 0n, full: true }, 120n, 3)
    expect(historyEntryFromLog(log as never)).toMatchObject({
      kind: 'liquidation', marketId: 0n, size: 10n ** 18n, penalty: 12_500_000n, keeperReward: 3_000_000n, payout: 41_000_000n, shortfall: 0n, full: true,
      liquidator: expect.stringMatching(/^0x3c44/i), blockNumber: 120n, logIndex: 3,
    })
  })

  it('reads opens, increases, reduces, closes, collateral, funding and payouts', () => {
    const cases: [string, Record<string, unknown>, Partial<HistoryEntry>][] = [
      ['PositionOpened', { trader: TRADER, marketId: 1n, size: -(2n * 10n ** 18n), price: 3n * 10n ** 21n, collateral: 500n, fee: 7n }, { kind: 'open', size: -(2n * 10n ** 18n), price: 3n * 10n ** 21n, collateral: 500n, fee: 7n }],
      ['PositionIncreased', { trader: TRADER, marketId: 1n, size: 5n, entryPrice: 9n, collateral: 600n, fee: 2n }, { kind: 'increase', size: 5n, price: 9n, collateral: 600n, fee: 2n }],
      ['PositionReduced', { trader: TRADER, marketId: 1n, size: 4n, price: 8n, realisedPnl: -30n, fee: 1n }, { kind: 'reduce', size: 4n, price: 8n, realisedPnl: -30n, fee: 1n }],
      ['PositionClosed', { trader: TRADER, marketId: 1n, price: 8n, realisedPnl: 40n, payout: 640n, fee: 1n }, { kind: 'close', price: 8n, realisedPnl: 40n, payout: 640n, fee: 1n }],
      ['CollateralAdded', { trader: TRADER, marketId: 2n, amount: 100n, collateral: 700n }, { kind: 'collateralAdded', amount: 100n, collateral: 700n, marketId: 2n }],
      ['CollateralRemoved', { trader: TRADER, marketId: 2n, amount: 50n, collateral: 650n }, { kind: 'collateralRemoved', amount: 50n, collateral: 650n }],
      ['FundingSettled', { trader: TRADER, marketId: 2n, amount: -3n }, { kind: 'funding', funding: -3n }],
      ['PayoutDeferred', { account: TRADER, amount: 9n }, { kind: 'payoutDeferred', amount: 9n }],
      ['Claimed', { account: TRADER, amount: 9n }, { kind: 'claimed', amount: 9n }],
    ]
    for (const [eventName, args, expected] of cases) expect(historyEntryFromLog(decoded(eventName, args, 5n, 0) as never)).toMatchObject(expected)
  })

  it('skips pending logs and events it does not show', () => {
    const log = decoded('FundingSettled', { trader: TRADER, marketId: 0n, amount: 1n }, 5n, 0)
    expect(historyEntryFromLog({ ...(log as object), blockNumber: null } as never)).toBeUndefined()
    expect(historyEntryFromLog({ ...(log as object), eventName: 'MarketAccrued' } as never)).toBeUndefined()
  })

  it('keeps the block timestamp the RPC sends with the log', () => {
    const log = decoded('FundingSettled', { trader: TRADER, marketId: 0n, amount: 1n }, 5n, 0)
    expect(historyEntryFromLog({ ...(log as object), blockTimestamp: '0x10' } as never)?.timestamp).toBe(16n)
  })
})

const entry = (blockNumber: bigint, logIndex: number, more: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: `0x${blockNumber}:${logIndex}`, kind: 'funding', blockNumber, logIndex, transactionHash: '0xaa', marketId: 0n, funding: 1n, ...more,
})

describe('newestFirst', () => {
  it('orders by block, then by position in the block, newest first', () => {
    const sorted = newestFirst([entry(2n, 0), entry(3n, 1), entry(2n, 4), entry(3n, 0)])
    expect(sorted.map((e) => `${e.blockNumber}:${e.logIndex}`)).toEqual(['3:1', '3:0', '2:4', '2:0'])
  })
})

describe('historyCsv', () => {
  it('writes exact decimals, one row per entry under a header, quoting where needed', () => {
    const liquidation = entry(9n, 2, { kind: 'liquidation', size: 15n * 10n ** 17n, payout: 41_000_001n, penalty: 12_500_000n, keeperReward: 0n, shortfall: 0n, full: false, liquidator: KEEPER, timestamp: 1_700_000_000n, funding: undefined })
    const csv = historyCsv([entry(3n, 0, { funding: -2_500_000n }), liquidation], 6, (id) => (id === 0n ? 'ETH,USD' : '?'))
    const lines = csv.trimEnd().split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[0].split(',')).toContain('penalty')
    const header = lines[0].split(',')
    const first = lines[1].split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    const cell = (name: string) => first[header.indexOf(name)]
    expect(cell('block')).toBe('9')
    expect(cell('event')).toBe('Liquidation')
    expect(cell('market')).toBe('"ETH,USD"')
    expect(cell('size')).toBe('1.5')
    expect(cell('payout')).toBe('41.000001')
    expect(cell('penalty')).toBe('12.5')
    expect(cell('full')).toBe('false')
    expect(cell('timestamp')).toBe('2023-11-14T22:13:20.000Z')
    expect(lines[2]).toContain('-2.5')
  })
})

describe('describeLiquidation', () => {
  it('names what was closed, returned and lost', () => {
    const text = describeLiquidation(entry(9n, 0, { kind: 'liquidation', size: 10n ** 18n, payout: 41n, penalty: 12n, shortfall: 0n, full: true }), 'ETH-USD', (v) => `${v} USD`, (v) => `${v / 10n ** 18n}`)
    expect(text).toBe('ETH-USD closed in full (1), returned 41 USD, penalty 12 USD.')
    expect(describeLiquidation(entry(9n, 0, { kind: 'liquidation', size: 0n, payout: 0n, penalty: 0n, shortfall: 5n, full: false }), 'X', String, String)).toContain('shortfall 5')
  })
})

describe('stored history', () => {
  it('round-trips bigints and rejects what it cannot read', () => {
    const stored = { version: 1 as const, toBlock: 77n, entries: [entry(3n, 0, { funding: -2n, kind: 'funding' })] }
    expect(parseStoredHistory(serializeHistory(stored))).toEqual(stored)
    expect(parseStoredHistory(null)).toBeUndefined()
    expect(parseStoredHistory('{')).toBeUndefined()
    expect(parseStoredHistory(JSON.stringify({ version: 2, toBlock: '1n', entries: [] }))).toBeUndefined()
  })

  it('keys by chain, deployment and account, case-insensitively', () => {
    const key = historyStorageKey(31337, '0xAbC0000000000000000000000000000000000001', 12, TRADER)
    expect(key).toBe(historyStorageKey(31337, '0xabc0000000000000000000000000000000000001', 12, TRADER.toUpperCase().replace('0X', '0x') as Address))
    expect(key).not.toBe(historyStorageKey(1, '0xabc0000000000000000000000000000000000001', 12, TRADER))
    expect(key).not.toBe(historyStorageKey(31337, '0xabc0000000000000000000000000000000000001', 13, TRADER))
  })
})

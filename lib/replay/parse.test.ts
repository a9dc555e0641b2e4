import { describe, expect, it } from 'vitest'
import { parseLabResult } from './parse'
import { markdownTable, tableRows } from './table'
import type { LabResult } from './types'

const policy = (name: string, badDebt: number) => ({
  policy: name,
  staticMargin: name === 'dynamic' ? null : { '0': 0.0125 },
  liquidations: 3,
  liquidatedNotional: 12_000,
  badDebt,
  coveredByBuffer: badDebt,
  coveredByStakers: 0,
  coveredByAuction: 0,
  coveredBeforeSocialising: 0,
  socialised: 0,
  outstanding: 0,
  keeperRewards: 0,
  fundStart: 1000,
  fundMin: 1000 - badDebt,
  worstFundDrawdown: badDebt,
  worstFundDrawdownFraction: badDebt / 1000,
  lpSharePriceBefore: 1,
  lpSharePriceAfter: 1.001,
  stakerSharePriceBefore: 1,
  stakerSharePriceAfter: 1,
  worstKeeperLagBlocks: 2,
  liquidatableAtEnd: 0,
  averageMargin: [0.0125],
  maxMargin: [0.02],
  ordersExecuted: 0,
  ordersCancelled: 0,
  toppedUp: 1,
  closeRequests: 2,
  crashOpens: 0,
  liquidatedPositions: [],
  ticks: 10,
  blocks: 50,
  seconds: 3,
  accounting: { contracts: [], supply: { start: 0, minted: 0, burned: 0, end: 0 } },
  series: [{ t: 100, price: [2000], margin: [0.01], fund: 1000, badDebt: 0, liquidations: 0, lpSharePrice: 1 }],
})
const result = { version: 1, markets: [{ name: 'ETH-USD' }], results: [policy('dynamic', 10), policy('static-matched', 25)] }

describe('parseLabResult', () => {
  it('reads a result and its table', () => {
    const parsed = parseLabResult(JSON.stringify(result))
    const rows = tableRows(parsed)
    expect(rows[0]).toEqual(['policy', 'dynamic', 'static-matched (mm 1.250 %)'])
    expect(rows.find((r) => r[0] === 'bad debt')).toEqual(['bad debt', '$10', '$25'])
    expect(markdownTable(parsed).split('\n')[1]).toBe('|---|---|---|')
  })

  it.each([
    ['not JSON', '{', 'not JSON'],
    ['another JSON', '{"a":1}', 'not a replay result'],
    ['a result without policies', JSON.stringify({ ...result, results: [] }), 'no policy results'],
    ['a result with a missing number', JSON.stringify({ ...result, results: [{ ...policy('dynamic', 1), badDebt: 'x' }] }), 'badDebt is missing or not a number'],
    ['a series point without a price per market', JSON.stringify({ ...result, results: [{ ...policy('dynamic', 1), series: [{ t: 1, price: [] }] }] }), 'a price per market'],
  ])('rejects %s', (_, text, message) => {
    expect(() => parseLabResult(text)).toThrow(message)
  })

  it('is typed as the lab writes it', () => {
    const typed: Pick<LabResult, 'version'> = parseLabResult(JSON.stringify(result))
    expect(typed.version).toBe(1)
  })
})

import { describe, expect, it } from 'vitest'
import { positionCostsByMarket } from './positionCosts'

const at = (blockNumber: bigint, logIndex: number) => ({ blockNumber, logIndex })
const none = { opened: [], increased: [], reduced: [], fundingSettled: [] }

describe('positionCostsByMarket', () => {
  it('sums the open, increase and reduce fees and settled funding of the open position', () => {
    const costs = positionCostsByMarket({
      opened: [{ ...at(10n, 0), args: { marketId: 0n, fee: 100n } }],
      increased: [{ ...at(12n, 3), args: { marketId: 0n, fee: 40n } }],
      reduced: [{ ...at(15n, 1), args: { marketId: 0n, fee: 7n } }],
      fundingSettled: [
        { ...at(12n, 2), args: { marketId: 0n, amount: 5n } },
        { ...at(15n, 0), args: { marketId: 0n, amount: -2n } },
      ],
    })
    expect(costs.get('0')).toEqual({ feesPaid: 147n, fundingSettled: 3n })
  })

  it('forgets an earlier position of the same market once it was closed and reopened', () => {
    const costs = positionCostsByMarket({
      opened: [
        { ...at(10n, 0), args: { marketId: 1n, fee: 100n } },
        { ...at(30n, 4), args: { marketId: 1n, fee: 9n } },
      ],
      increased: [{ ...at(20n, 0), args: { marketId: 1n, fee: 50n } }],
      reduced: [],
      // settled by the close at block 25, before the reopen
      fundingSettled: [{ ...at(25n, 0), args: { marketId: 1n, amount: 11n } }],
    })
    expect(costs.get('1')).toEqual({ feesPaid: 9n, fundingSettled: 0n })
  })

  it('orders by log index inside a block and keeps markets apart', () => {
    const costs = positionCostsByMarket({
      ...none,
      opened: [
        { ...at(10n, 5), args: { marketId: 0n, fee: 1n } },
        { ...at(10n, 2), args: { marketId: 2n, fee: 2n } },
      ],
      // same block, before market 0's open: belongs to an earlier position
      reduced: [
        { ...at(10n, 1), args: { marketId: 0n, fee: 1000n } },
        { ...at(10n, 3), args: { marketId: 2n, fee: 30n } },
      ],
    })
    expect(costs.get('0')).toEqual({ feesPaid: 1n, fundingSettled: 0n })
    expect(costs.get('2')).toEqual({ feesPaid: 32n, fundingSettled: 0n })
  })

  it('has nothing for a market without an open', () => {
    const costs = positionCostsByMarket({ ...none, increased: [{ ...at(3n, 0), args: { marketId: 0n, fee: 5n } }] })
    expect(costs.size).toBe(0)
  })
})

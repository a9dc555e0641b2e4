import { describe, expect, it } from 'vitest'
import { scaleFor, WAD, type TradeMarket } from '../risk'
import { checkOpenOrder, type OrderInput } from './order'

const market: TradeMarket = {
  price: 3000n * WAD,
  mm: WAD / 100n,
  im: WAD / 20n,
  scale: scaleFor(6),
  maxLeverage: 20n * WAD,
  takerFee: 5n * 10n ** 14n,
  impactFactor: 10n ** 15n,
  poolAssets: 1_000_000_000_000n,
  longOpenInterest: 0n,
  shortOpenInterest: 0n,
  openInterestCap: 500_000n * WAD,
}
const context = { tokenDecimals: 6, balance: 5_000_000_000n, market, state: { oracleStatus: 'Fresh' as const, paused: false } }
const order = (input: Partial<OrderInput>): OrderInput => ({ side: 'long', collateral: '1000', leverage: '5', size: '', driver: 'leverage', ...input })

describe('checkOpenOrder', () => {
  it('accepts a valid order and derives the size from leverage', () => {
    const check = checkOpenOrder(order({}), context)
    expect(check.errors).toEqual({})
    expect(check.order?.size).toBe((1000n * 5n * WAD) / 3000n)
    expect(check.order?.preview.rejection).toBeNull()
    expect(checkOpenOrder(order({ side: 'short' }), context).order?.size).toBeLessThan(0n)
  })

  it('derives leverage when the size drives', () => {
    const check = checkOpenOrder(order({ driver: 'size', size: '1' }), context)
    expect(check.derived.leverage).toBe(3n * WAD)
    expect(check.order?.size).toBe(WAD)
  })

  it.each([
    [{ collateral: '' }, 'collateral', 'Enter an amount.'],
    [{ collateral: '0' }, 'collateral', 'The amount must be greater than zero.'],
    [{ collateral: '-1' }, 'collateral', 'The amount must be positive.'],
    [{ collateral: 'ten' }, 'collateral', 'Enter a number, like 1250.50.'],
    [{ collateral: '1.0000001' }, 'collateral', 'At most 6 decimal places.'],
    [{ collateral: '6000' }, 'collateral', 'More than your balance (5,000.00 tUSD).'],
    [{ leverage: '25' }, 'leverage', "Above this market's max leverage (20×)."],
    [{ leverage: '20' }, 'leverage', "Above this market's max leverage (20×) after fees."],
    [{ leverage: 'x' }, 'leverage', 'Enter a number, like 1250.50.'],
    [{ driver: 'size' as const, size: '' }, 'size', 'Enter an amount.'],
  ])('%j → %s: %s', (input, field, message) => {
    const check = checkOpenOrder(order(input), context)
    expect(check.errors[field as keyof typeof check.errors]).toBe(message)
    expect(check.order).toBeUndefined()
  })

  it('names the open-interest cap', () => {
    const check = checkOpenOrder(order({ collateral: '4000', leverage: '19' }), { ...context, market: { ...market, openInterestCap: 50_000n * WAD } })
    expect(check.errors.leverage).toBe('Above the open-interest cap for longs (50,000 USD per side).')
  })

  it('names the initial margin when the fee eats the margin', () => {
    const check = checkOpenOrder(order({ leverage: '19.9' }), { ...context, market: { ...market, maxLeverage: 100n * WAD, im: WAD / 15n } })
    expect(check.errors.collateral).toMatch(/^Not enough collateral: this size needs [\d,.]+ tUSD of margin after fees\.$/)
  })

  it.each([
    [{ oracleStatus: 'Stale' as const, paused: false }, 'The oracle is stale: new positions wait for fresh prices.'],
    [{ oracleStatus: 'Guarded' as const, paused: false }, 'The oracle circuit breaker tripped: new positions wait until it clears.'],
    [{ oracleStatus: 'Fresh' as const, paused: true }, 'New positions are paused in this market.'],
  ])('refuses new risk when the market is %j', (state, message) => {
    const check = checkOpenOrder(order({}), { ...context, state })
    expect(check.errors.market).toBe(message)
    expect(check.order).toBeUndefined()
  })
})

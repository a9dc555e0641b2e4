import { describe, expect, it } from 'vitest'
import { positionRisk, scaleFor, WAD, type TradeMarket } from '../risk'
import { checkIncrease, checkReduce, percentOfSize } from './positionOrder'

const SCALE = scaleFor(6)
const usd = (x: number) => BigInt(Math.round(x * 1e6))
const market: TradeMarket = {
  price: 3000n * WAD,
  mm: WAD / 100n,
  im: WAD / 50n,
  scale: SCALE,
  maxLeverage: 20n * WAD,
  takerFee: WAD / 2000n,
  impactFactor: 0n,
  poolAssets: usd(1_000_000),
  longOpenInterest: 10n * WAD,
  shortOpenInterest: 0n,
  openInterestCap: 1_000_000n * WAD,
}
// 1 ETH long at 3,000 with 600 tUSD: 5×.
const position = { size: WAD, entryPrice: 3000n * WAD, collateral: usd(600), fundingOwed: 0n }
const fresh = { oracleStatus: 'Fresh' as const, paused: false }
const context = { position, market, tokenDecimals: 6, balance: usd(1000), state: fresh }

describe('percentOfSize', () => {
  it('takes a percentage of |size|, rounded down, 100 % the whole', () => {
    expect(percentOfSize(WAD, 25)).toBe(WAD / 4n)
    expect(percentOfSize(-3n, 50)).toBe(1n)
    expect(percentOfSize(-7n * WAD, 100)).toBe(7n * WAD)
    expect(() => percentOfSize(WAD, 0)).toThrow()
    expect(() => percentOfSize(WAD, 101)).toThrow()
  })
})

describe('checkIncrease', () => {
  it('previews an increase with the engine maths, collateral optional', () => {
    const check = checkIncrease({ size: '0.5', collateral: '' }, context)
    expect(check.errors).toEqual({})
    expect(check.order?.sizeDelta).toBe(WAD / 2n)
    expect(check.order?.collateralDelta).toBe(0n)
    expect(check.order?.preview.after.size).toBe((3n * WAD) / 2n)
    const withCollateral = checkIncrease({ size: '0.5', collateral: '300' }, context)
    expect(withCollateral.order?.preview.after.collateral).toBe(check.order!.preview.after.collateral + usd(300))
  })
  it('names what the engine would refuse next to the field', () => {
    // 20× max: 1 + 3.5 ETH on 600 tUSD is 22.5×.
    expect(checkIncrease({ size: '3.5', collateral: '' }, context).errors.size).toMatch(/above this market's max \(20×\)/)
    expect(checkIncrease({ size: '3.5', collateral: '400' }, context).errors).toEqual({})
    expect(checkIncrease({ size: '1', collateral: '2000' }, context).errors.collateral).toMatch(/More than your balance/)
    expect(checkIncrease({ size: '', collateral: '' }, context).errors.size).toBe('Enter an amount.')
    expect(checkIncrease({ size: '1', collateral: 'x' }, context).errors.collateral).toMatch(/Enter a number/)
    const capped = checkIncrease({ size: '1', collateral: '' }, { ...context, market: { ...market, openInterestCap: 3000n * 10n * WAD } })
    expect(capped.errors.size).toMatch(/open-interest cap/)
  })
  it('refuses new risk while the market is paused or its oracle is not Fresh', () => {
    expect(checkIncrease({ size: '0.1', collateral: '' }, { ...context, state: { oracleStatus: 'Stale', paused: false } }).errors.market).toMatch(/stale/)
    expect(checkIncrease({ size: '0.1', collateral: '' }, { ...context, state: { oracleStatus: 'Guarded', paused: false } }).errors.market).toMatch(/circuit breaker/)
    expect(checkIncrease({ size: '0.1', collateral: '' }, { ...context, state: { oracleStatus: 'Fresh', paused: true } }).errors.market).toMatch(/paused/)
    expect(checkIncrease({ size: '0.1', collateral: '' }, { ...context, state: { oracleStatus: 'Fresh', paused: true } }).order).toBeUndefined()
  })
})

describe('checkReduce', () => {
  it('previews a partial reduce, and the whole size becomes a close', () => {
    const half = checkReduce('0.5', context)
    expect(half.error).toBeUndefined()
    expect(half.closes).toBeUndefined()
    expect(half.order?.preview?.after.size).toBe(WAD / 2n)
    expect(checkReduce('1', context)).toEqual({ closes: true, order: { sizeDelta: WAD } })
    expect(checkReduce('1.5', context).error).toMatch(/More than the position's size \(1\.0000\)/)
    expect(checkReduce('', context).error).toBe('Enter an amount.')
  })
  it('works for a short, on |size|', () => {
    const short = { ...position, size: -2n * WAD }
    expect(checkReduce('0.5', { ...context, position: short }).order?.preview?.after.size).toBe((-3n * WAD) / 2n)
    expect(checkReduce('2', { ...context, position: short }).closes).toBe(true)
    expect(positionRisk(short, market).notional).toBe(6000n * WAD)
  })
})

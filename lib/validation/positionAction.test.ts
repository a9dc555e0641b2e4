import { describe, expect, it } from 'vitest'
import { scaleFor, WAD, type TradeMarket } from '../risk'
import { checkPositionAction } from './positionAction'

const market: TradeMarket = {
  price: 3000n * WAD, mm: WAD / 100n, im: WAD / 20n, scale: scaleFor(6), maxLeverage: 20n * WAD,
  takerFee: 5n * 10n ** 14n, impactFactor: 10n ** 15n, poolAssets: 1_000_000_000_000n,
  longOpenInterest: 2n * WAD, shortOpenInterest: 0n, openInterestCap: 500_000n * WAD,
}
// 2 ETH long at 3000 with 1,000 tUSD: 6x
const position = { size: 2n * WAD, entryPrice: 3000n * WAD, collateral: 1_000_000_000n, fundingOwed: 0n }
const context = { position, market, tokenDecimals: 6, balance: 500_000_000n }

describe('checkPositionAction', () => {
  it('adding collateral lowers leverage and moves the liquidation price away', () => {
    const check = checkPositionAction('addCollateral', '250', context)
    expect(check.error).toBeUndefined()
    expect(check.preview!.after.collateral).toBe(1_250_000_000n)
    expect(check.preview!.after.liquidationPrice).toBeLessThan(checkPositionAction('addCollateral', '1', context).preview!.after.liquidationPrice)
  })
  it('refuses more than the balance', () => {
    expect(checkPositionAction('addCollateral', '600', context).error).toBe('More than your balance (500.00 tUSD).')
  })
  it('refuses a withdrawal below initial margin or above the collateral', () => {
    expect(checkPositionAction('removeCollateral', '800', context).error).toMatch(/max \(20×\)|initial margin/)
    expect(checkPositionAction('removeCollateral', '1001', context).error).toBe("More than the position's collateral (1,000.00 tUSD).")
    expect(checkPositionAction('removeCollateral', '100', context).error).toBeUndefined()
  })
  it('reduces partially and sends a full reduce to Close', () => {
    expect(checkPositionAction('reduce', '1', context).preview!.after.size).toBe(WAD)
    expect(checkPositionAction('reduce', '2', context).error).toBe('That is the whole position: use Close.')
    expect(checkPositionAction('reduce', '3', context).error).toBe("More than the position's size (2.0000).")
  })
  it('refuses an increase past max leverage', () => {
    expect(checkPositionAction('increase', '5', context).error).toMatch(/max \(20×\)/)
    expect(checkPositionAction('increase', '1', context).error).toBeUndefined()
  })
  it('checks the typed amount first', () => {
    expect(checkPositionAction('addCollateral', '', context).error).toBe('Enter an amount.')
    expect(checkPositionAction('increase', 'abc', context).error).toBe('Enter a number, like 1250.50.')
  })
  it('close needs no amount', () => {
    expect(checkPositionAction('close', '', context)).toEqual({})
  })
})

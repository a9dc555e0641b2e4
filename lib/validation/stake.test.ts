import { describe, expect, it } from 'vitest'
import { checkRedeemAmount, checkStakeAmount, redeemCall } from './stake'

const DECIMALS = 6

describe('checkStakeAmount', () => {
  const context = { tokenDecimals: DECIMALS, balance: 10_000_000_000n }
  it.each([
    ['', 'Enter an amount.'],
    ['0', 'The amount must be greater than zero.'],
    ['-5', 'The amount must be positive.'],
    ['abc', 'Enter a number, like 1250.50.'],
    ['1.1234567', 'At most 6 decimal places.'],
    ['10000.000001', 'More than your balance (10,000.00 tUSD).'],
  ])('rejects %j with %j', (text, error) => {
    expect(checkStakeAmount(text, context)).toEqual({ ok: false, error })
  })
  it('accepts up to the whole balance', () => {
    expect(checkStakeAmount('10000', context)).toEqual({ ok: true, value: 10_000_000_000n })
    expect(checkStakeAmount('0.5', context)).toEqual({ ok: true, value: 500_000n })
  })
  it('checks only the format while the balance is unknown', () => {
    expect(checkStakeAmount('99999999', { tokenDecimals: DECIMALS, balance: undefined })).toEqual({ ok: true, value: 99_999_999_000_000n })
  })
})

describe('checkRedeemAmount', () => {
  it('is capped by what the vault lets the account take out now', () => {
    const context = { tokenDecimals: DECIMALS, maxWithdraw: 2_500_000_000n }
    expect(checkRedeemAmount('2500', context)).toEqual({ ok: true, value: 2_500_000_000n })
    expect(checkRedeemAmount('2500.01', context)).toEqual({ ok: false, error: 'More than you can redeem now (2,500.00 tUSD).' })
    expect(checkRedeemAmount('1', { tokenDecimals: DECIMALS, maxWithdraw: 0n })).toEqual({ ok: false, error: 'More than you can redeem now (0.00 tUSD).' })
    expect(checkRedeemAmount('x', context)).toEqual({ ok: false, error: 'Enter a number, like 1250.50.' })
  })
})

describe('redeemCall', () => {
  const limits = { maxWithdraw: 2_500_000_000n, maxRedeem: 143_000_000n }
  it('redeems every redeemable share when the whole amount is asked for', () => {
    expect(redeemCall(2_500_000_000n, limits)).toEqual({ functionName: 'redeem', shares: 143_000_000n })
  })
  it('withdraws assets for a part', () => {
    expect(redeemCall(1_000_000_000n, limits)).toEqual({ functionName: 'withdraw', assets: 1_000_000_000n })
  })
})

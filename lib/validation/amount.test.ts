import { describe, expect, it } from 'vitest'
import { parseAmount, validateAmount } from './amount'

describe('parseAmount', () => {
  it.each([
    ['', 'Enter an amount.'],
    ['   ', 'Enter an amount.'],
    ['-5', 'The amount must be positive.'],
    ['abc', 'Enter a number, like 1250.50.'],
    ['1e5', 'Enter a number, like 1250.50.'],
    ['1.2.3', 'Enter a number, like 1250.50.'],
    ['.', 'Enter a number, like 1250.50.'],
    ['0', 'The amount must be greater than zero.'],
    ['0.000000', 'The amount must be greater than zero.'],
    ['1.1234567', 'At most 6 decimal places.'],
  ])('rejects %j with %j', (text, error) => {
    expect(parseAmount(text, 6)).toEqual({ ok: false, error })
  })

  it.each([
    ['1', 1_000_000n],
    ['1250.5', 1_250_500_000n],
    ['0.000001', 1n],
    ['.5', 500_000n],
    ['10,000', 10_000_000_000n],
    [' 7 ', 7_000_000n],
  ])('reads %j as %s', (text, value) => {
    expect(parseAmount(text, 6)).toEqual({ ok: true, value })
  })

  it('says whole numbers only for 0-decimal tokens', () => {
    expect(parseAmount('1.5', 0)).toEqual({ ok: false, error: 'Whole numbers only.' })
  })
})

describe('validateAmount', () => {
  const limits = [
    { max: 5_000_000n, message: 'More than your balance.' },
    { max: 3_000_000n, message: 'Above the cap.' },
  ]
  it('reports the first limit crossed', () => {
    expect(validateAmount('6', 6, limits)).toEqual({ ok: false, error: 'More than your balance.' })
    expect(validateAmount('4', 6, limits)).toEqual({ ok: false, error: 'Above the cap.' })
  })
  it('accepts amounts at the limit', () => {
    expect(validateAmount('3', 6, limits)).toEqual({ ok: true, value: 3_000_000n })
  })
  it('reports parse errors before limits', () => {
    expect(validateAmount('x', 6, limits)).toEqual({ ok: false, error: 'Enter a number, like 1250.50.' })
  })
})

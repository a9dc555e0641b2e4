import { describe, expect, it } from 'vitest'
import { acceptablePrice, defaultExpirySeconds, EXPIRY_SLACK_SECONDS, fillBuys, parseExpiryMinutes, parseSlippagePercent } from './requestTerms'

const WAD = 10n ** 18n

describe('fillBuys', () => {
  it('buys when a long opens or grows and when a short shrinks or closes', () => {
    expect(fillBuys('Open', true)).toBe(true)
    expect(fillBuys('Increase', true)).toBe(true)
    expect(fillBuys('Reduce', true)).toBe(false)
    expect(fillBuys('Close', true)).toBe(false)
    expect(fillBuys('Open', false)).toBe(false)
    expect(fillBuys('Increase', false)).toBe(false)
    expect(fillBuys('Reduce', false)).toBe(true)
    expect(fillBuys('Close', false)).toBe(true)
  })
})

describe('acceptablePrice', () => {
  it('is a ceiling above the price for a buy and a floor below it for a sell', () => {
    expect(acceptablePrice(2_000n * WAD, 50n, true)).toBe(2_010n * WAD)
    expect(acceptablePrice(2_000n * WAD, 50n, false)).toBe(1_990n * WAD)
  })
  it('rounds against the trader: up for a buy, down for a sell', () => {
    expect(acceptablePrice(3n, 1n, true)).toBe(4n) // 3·1.0001 = 3.0003 → 4
    expect(acceptablePrice(3n, 1n, false)).toBe(2n) // 3·0.9999 = 2.9997 → 2
  })
  it('never returns 0, which the router refuses', () => {
    expect(acceptablePrice(1n, 9_999n, false)).toBe(1n)
  })
  it('refuses a non-positive price and a slippage of 100 % or more', () => {
    expect(() => acceptablePrice(0n, 50n, true)).toThrow()
    expect(() => acceptablePrice(WAD, 10_000n, true)).toThrow()
  })
})

describe('parseSlippagePercent', () => {
  it('reads percent with up to two decimals into basis points', () => {
    expect(parseSlippagePercent('0.5')).toEqual({ ok: true, value: 50n })
    expect(parseSlippagePercent('1')).toEqual({ ok: true, value: 100n })
    expect(parseSlippagePercent(' 0.05 ')).toEqual({ ok: true, value: 5n })
  })
  it('names what is wrong', () => {
    expect(parseSlippagePercent('').ok).toBe(false)
    expect(parseSlippagePercent('0').ok).toBe(false)
    expect(parseSlippagePercent('0.001').ok).toBe(false)
    expect(parseSlippagePercent('25').ok).toBe(false)
    expect(parseSlippagePercent('abc').ok).toBe(false)
  })
})

describe('expiry', () => {
  it('defaults to 5 minutes inside the bounds, clamped to them', () => {
    expect(defaultExpirySeconds(1n, 600n)).toBe(300n)
    expect(defaultExpirySeconds(1n, 120n)).toBe(120n)
    expect(defaultExpirySeconds(300n, 3_600n)).toBe(300n + EXPIRY_SLACK_SECONDS)
  })
  it('parses minutes and checks them against minDelay and maxOrderAge', () => {
    expect(parseExpiryMinutes('5', 1n, 600n)).toEqual({ ok: true, value: 300n })
    expect(parseExpiryMinutes('2.5', 1n, 600n)).toEqual({ ok: true, value: 150n })
    expect(parseExpiryMinutes('11', 1n, 600n).ok).toBe(false)
    expect(parseExpiryMinutes('0.1', 1n, 600n).ok).toBe(false)
    expect(parseExpiryMinutes('x', 1n, 600n).ok).toBe(false)
  })
})

describe('checkRequestTerms', async () => {
  const { checkRequestTerms, minNotionalError } = await import('./checkRequestTerms')
  const context = { kind: 'Open' as const, isLong: true, price: 2_000n * WAD, now: 1_000n, minDelay: 1n, maxAge: 600n }
  it('derives the acceptable price and the expiry from the snapshot time', () => {
    const check = checkRequestTerms({ slippage: '1' }, context)
    expect(check.terms).toEqual({ acceptablePrice: 2_020n * WAD, expiry: 1_300n, expirySeconds: 300n, buys: true })
    expect(checkRequestTerms({ slippage: '1', expiryMinutes: '2' }, { ...context, kind: 'Close' }).terms).toEqual({
      acceptablePrice: 1_980n * WAD,
      expiry: 1_120n,
      expirySeconds: 120n,
      buys: false,
    })
  })
  it('names a bad field and sends nothing', () => {
    const check = checkRequestTerms({ slippage: '50', expiryMinutes: '60' }, context)
    expect(check.terms).toBeUndefined()
    expect(check.errors.slippage).toBeDefined()
    expect(check.errors.expiry).toBeDefined()
  })
  it("builds a router form's terms from the snapshot: the same check, the default lifetime and the fee", async () => {
    const { routerRequestForm } = await import('./checkRequestTerms')
    const router = { executionFee: 500_000n, minDelay: 1n, maxOrderAge: 600n, minPositionNotional: 10n * WAD }
    const form = routerRequestForm({ slippage: '1' }, { kind: 'Reduce', isLong: true }, { price: 2_000n * WAD, now: 1_000n, router })
    expect(form.check).toEqual(checkRequestTerms({ slippage: '1' }, { ...context, kind: 'Reduce' }))
    expect(form.check.terms?.acceptablePrice).toBe(1_980n * WAD) // reducing a long sells: a floor
    expect(form.defaultExpirySeconds).toBe(300n)
    expect(form.executionFee).toBe(500_000n)
    const short = routerRequestForm({ slippage: '1', expiryMinutes: '20' }, { kind: 'Open', isLong: false }, { price: 2_000n * WAD, now: 1_000n, router })
    expect(short.check.terms).toBeUndefined() // 20 min is above the router's 10 min
    expect(short.check.errors.expiry).toMatch(/^At most 10 min/)
  })
  it('checks the minimum notional at the limit price', () => {
    expect(minNotionalError(-(WAD / 100n), 1_000n * WAD, 10n * WAD)).toBeUndefined()
    expect(minNotionalError(WAD / 1_000n, 1_000n * WAD, 10n * WAD)).toMatch(/minimum is 10.00 USD/)
  })
})

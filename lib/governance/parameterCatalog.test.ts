import { describe, expect, it } from 'vitest'
import { formatBounds, formatInputValue, formatParameterValue, parameterCatalog, parseParameterInput } from './parameterCatalog'
import { checkDraft } from './validateChange'
import { parameterKeys } from './parameterKeys'

const WAD = 10n ** 18n
const base = { updatedAt: 0n, governanceSetAt: 0n, kind: 1 }
const mmBase = parameterKeys.tier('mmBase', 0n)
const mmMax = parameterKeys.tier('mmMax', 0n)
const maxLeverage = parameterKeys.tier('maxLeverage', 0n)
const oiCap = parameterKeys.tier('oiCapFraction', 0n)
const catalog = parameterCatalog(
  [
    { ...base, id: maxLeverage, name: 'tier 0 max leverage', unit: 'wad', value: 9n * WAD, governanceValue: 9n * WAD, minValue: WAD, maxValue: 100n * WAD },
    { ...base, id: oiCap, name: 'tier 0 open interest cap', unit: 'wad', value: WAD / 2n, governanceValue: WAD / 2n, minValue: WAD / 20n, maxValue: 2n * WAD },
    { ...base, id: mmBase, name: 'tier 0 maintenance margin base', unit: 'wad', value: WAD / 100n, governanceValue: WAD / 100n, minValue: WAD / 1000n, maxValue: WAD / 2n },
    { ...base, id: mmMax, name: 'tier 0 maintenance margin max', unit: 'wad', value: WAD / 20n, governanceValue: WAD / 20n, minValue: WAD / 1000n, maxValue: (9n * WAD) / 10n },
  ],
  [{ marketId: 0n, name: 'ETH-USD', tierId: 0n }],
)

describe('parameter values in human units', () => {
  it('parses and formats percentages, multipliers, per-hour rates and durations both ways', () => {
    expect(parseParameterInput('1.5', 'percent')).toEqual({ value: (15n * WAD) / 1000n })
    expect(parseParameterInput('20', 'multiplier')).toEqual({ value: 20n * WAD })
    expect(parseParameterInput('3.6', 'percentPerHour')).toEqual({ value: 10n ** 13n })
    expect(parseParameterInput('120', 'duration')).toEqual({ value: 120n })
    expect(parseParameterInput('1.5', 'duration').error).toBe('Enter a whole number.')
    expect(parseParameterInput('abc', 'percent').error).toBe('Enter a number, e.g. 1.5.')
    expect(parseParameterInput(' ', 'percent').error).toBe('Enter a value.')
    expect(formatInputValue((15n * WAD) / 1000n, 'percent')).toBe('1.5')
    expect(formatParameterValue(WAD / 100n, 'percent')).toBe('1.00 %')
    expect(formatParameterValue(10n ** 13n, 'percentPerHour')).toBe('3.6 %/h')
    expect(formatParameterValue(5400n, 'duration')).toBe('1 h 30 min')
    expect(formatBounds(WAD / 200n, WAD / 20n, 'percent')).toBe('0.5–5 %')
  })
})

describe('checkDraft', () => {
  it('refuses out-of-bounds values, no-ops and mmBase above mmMax, next to the field', () => {
    const [outOfBounds] = checkDraft([{ id: mmBase, text: '60' }], catalog)
    expect(outOfBounds.error).toBe('Out of bounds: must be between 0.10 % and 50.00 % (hard bounds no vote can change).')
    expect(checkDraft([{ id: mmBase, text: '1' }], catalog)[0].error).toBe('Already 1.00 %: no change.')
    expect(checkDraft([{ id: mmBase, text: '6' }], catalog)[0].error).toMatch(/^Above the tier's maintenance margin max \(5.00 %\)/)
    expect(checkDraft([{ id: mmMax, text: '0.5' }], catalog)[0].error).toMatch(/^Below the tier's maintenance margin base \(1.00 %\)/)
  })
  it('accepts an in-bounds raise, and mmBase above today’s mmMax when the draft raises mmMax too', () => {
    const [raise] = checkDraft([{ id: mmBase, text: '1.5' }], catalog)
    expect(raise.value).toBe((15n * WAD) / 1000n)
    expect(raise.error).toBeUndefined()
    const both = checkDraft([{ id: mmMax, text: '10' }, { id: mmBase, text: '6' }], catalog)
    expect(both.map((c) => c.error)).toEqual([undefined, undefined])
  })
  it('refuses a leverage or an open-interest cap RiskConfig cannot store, next to the field', () => {
    const [lev] = checkDraft([{ id: maxLeverage, text: '12.0000001' }], catalog)
    expect(lev.error).toBe('Not representable: RiskConfig stores this in steps of 0.000001x; execution would revert.')
    expect(checkDraft([{ id: maxLeverage, text: '12.000001' }], catalog)[0].error).toBeUndefined()
    const [cap] = checkDraft([{ id: oiCap, text: '40.00000001' }], catalog)
    expect(cap.error).toBe('Not representable: RiskConfig stores this in steps of 0.0000001 %; execution would revert.')
    expect(checkDraft([{ id: oiCap, text: '40.0000001' }], catalog)[0].error).toBeUndefined()
  })
})

import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { barSeconds, barsBetween, parsePriceFile, PriceFileError, resample } from './priceFile'

const HEADER = 'timestamp,open,high,low,close\n'
const PRICES = join(__dirname, '..', '..', '..', 'shared', 'data', 'prices')

describe('parsePriceFile', () => {
  it('reads bars in file order', () => {
    const bars = parsePriceFile(HEADER + '100,10,12,9,11\n160,11,11.5,10.5,10.5\n', 'a.csv')
    expect(bars).toEqual([
      { timestamp: 100, open: 10, high: 12, low: 9, close: 11 },
      { timestamp: 160, open: 11, high: 11.5, low: 10.5, close: 10.5 },
    ])
    expect(barSeconds(bars)).toBe(60)
    expect(barsBetween(bars, 150)).toHaveLength(1)
  })

  it.each([
    ['unsorted timestamps', HEADER + '100,10,12,9,11\n90,10,12,9,11\n', 'x.csv:3: timestamp 90 is not after'],
    ['a duplicate timestamp', HEADER + '100,10,12,9,11\n100,10,12,9,11\n', 'x.csv:3: timestamp 100 is not after'],
    ['a non-numeric field', HEADER + '100,10,12,9,11\n160,10,abc,9,11\n', 'x.csv:3: high is not a number: "abc"'],
    ['an empty field', HEADER + '100,10,,9,11\n', 'x.csv:2: high is not a number: ""'],
    ['high below low', HEADER + '100,10,8,9,11\n', 'x.csv:2: high 8 is below low 9'],
    ['open outside the range', HEADER + '100,13,12,9,11\n', 'x.csv:2: open 13 is outside'],
    ['close outside the range', HEADER + '100,10,12,9,8\n', 'x.csv:2: close 8 is outside'],
    ['a missing column', HEADER + '100,10,12,9\n', 'x.csv:2: expected 5 fields, found 4'],
    ['a wrong header', 'time,open,high,low,close\n100,10,12,9,11\n', 'x.csv:1: header must be'],
    ['a zero price', HEADER + '100,0,12,0,11\n', 'x.csv:2: open must be positive'],
    ['a fractional timestamp', HEADER + '100.5,10,12,9,11\n', 'x.csv:2: timestamp must be whole'],
    ['no bars', HEADER, 'x.csv:1: no bars'],
  ])('rejects %s, naming the file and line', (_, text, message) => {
    expect(() => parsePriceFile(text, 'x.csv')).toThrow(PriceFileError)
    expect(() => parsePriceFile(text, 'x.csv')).toThrow(message)
  })

  it('accepts every shared crash window', () => {
    const files = readdirSync(PRICES).filter((f) => f.endsWith('.csv'))
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const bars = parsePriceFile(readFileSync(join(PRICES, file), 'utf8'), file)
      expect(bars.length).toBeGreaterThan(50)
      expect([60, 300, 3600]).toContain(barSeconds(bars))
    }
  })
})

describe('resample', () => {
  it('aggregates finer bars into aligned coarser ones', () => {
    const bars = parsePriceFile(HEADER + '0,10,11,9,10.5\n60,10.5,13,10,12\n120,12,12,8,9\n300,9,9.5,8.5,9.2\n', 'r.csv')
    expect(resample(bars, 300)).toEqual([
      { timestamp: 0, open: 10, high: 13, low: 8, close: 9 },
      { timestamp: 300, open: 9, high: 9.5, low: 8.5, close: 9.2 },
    ])
  })
})

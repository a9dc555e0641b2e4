/**
 * Reads a price file in the format of `shared/data/prices` (SOURCES.md): the header
 * `timestamp,open,high,low,close`, one bar per line, `timestamp` the bar's open time in unix
 * seconds (UTC), prices in the quote currency. Rejects anything a replay could silently misread,
 * with the file and the line in the message.
 */
export type Bar = { timestamp: number; open: number; high: number; low: number; close: number }

export const PRICE_FILE_HEADER = 'timestamp,open,high,low,close'

export class PriceFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file}:${line}: ${reason}`)
    this.name = 'PriceFileError'
  }
}

/** A field must be a plain decimal number (no blanks, no "NaN", no "1e3" surprises from empty cells). */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

export function parsePriceFile(text: string, file: string): Bar[] {
  const lines = text.split(/\r?\n/)
  // A trailing newline leaves one empty last line; anything else empty is an error.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  if (lines.length === 0) throw new PriceFileError(file, 1, 'empty file')
  const header = lines[0].replace(/^\uFEFF/, '').trim()
  if (header !== PRICE_FILE_HEADER) throw new PriceFileError(file, 1, `header must be "${PRICE_FILE_HEADER}", found "${header}"`)
  if (lines.length === 1) throw new PriceFileError(file, 1, 'no bars after the header')
  const bars: Bar[] = []
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1
    const fields = lines[i].split(',').map((f) => f.trim())
    if (fields.length !== 5) throw new PriceFileError(file, lineNo, `expected 5 fields, found ${fields.length}`)
    const names = ['timestamp', 'open', 'high', 'low', 'close'] as const
    const values = fields.map((field, k) => {
      if (!NUMBER.test(field)) throw new PriceFileError(file, lineNo, `${names[k]} is not a number: "${field}"`)
      return Number(field)
    })
    const [timestamp, open, high, low, close] = values
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new PriceFileError(file, lineNo, `timestamp must be whole unix seconds, found ${fields[0]}`)
    for (const k of [1, 2, 3, 4]) if (!(values[k] > 0)) throw new PriceFileError(file, lineNo, `${names[k]} must be positive, found ${fields[k]}`)
    if (high < low) throw new PriceFileError(file, lineNo, `high ${fields[2]} is below low ${fields[3]}`)
    if (open < low || open > high) throw new PriceFileError(file, lineNo, `open ${fields[1]} is outside [low ${fields[3]}, high ${fields[2]}]`)
    if (close < low || close > high) throw new PriceFileError(file, lineNo, `close ${fields[4]} is outside [low ${fields[3]}, high ${fields[2]}]`)
    const previous = bars[bars.length - 1]
    if (previous && timestamp <= previous.timestamp)
      throw new PriceFileError(file, lineNo, `timestamp ${timestamp} is not after the previous line's ${previous.timestamp} (rows must be sorted, without duplicates)`)
    bars.push({ timestamp, open, high, low, close })
  }
  return bars
}

/** The bars whose open time is in [from, to] (either bound optional). */
export function barsBetween(bars: readonly Bar[], from?: number, to?: number): Bar[] {
  return bars.filter((b) => (from === undefined || b.timestamp >= from) && (to === undefined || b.timestamp <= to))
}

/** The file's bar length: the most common step between consecutive bars (seconds). */
export function barSeconds(bars: readonly Bar[]): number {
  if (bars.length < 2) return 60
  const counts = new Map<number, number>()
  for (let i = 1; i < bars.length; i++) {
    const step = bars[i].timestamp - bars[i - 1].timestamp
    counts.set(step, (counts.get(step) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0][0]
}

/**
 * Bars of `seconds` from finer bars (open of the first, highest high, lowest low, close of the
 * last), aligned to multiples of `seconds`. SOURCES.md checks that the 1-minute ETH file resampled
 * to 5 minutes equals an independent 5-minute copy; the lab uses it to keep 1-minute files
 * affordable.
 */
export function resample(bars: readonly Bar[], seconds: number): Bar[] {
  const out: Bar[] = []
  for (const bar of bars) {
    const start = Math.floor(bar.timestamp / seconds) * seconds
    const last = out[out.length - 1]
    if (last && last.timestamp === start) {
      last.high = Math.max(last.high, bar.high)
      last.low = Math.min(last.low, bar.low)
      last.close = bar.close
    } else out.push({ timestamp: start, open: bar.open, high: bar.high, low: bar.low, close: bar.close })
  }
  return out
}

/** One row of a `timestamp,open,high,low,close` file (as in shared/data/prices). */
export type Candle = { timestamp: number; open: number; high: number; low: number; close: number }

export function parseCandles(csv: string): Candle[] {
  const lines = csv.trim().split(/\r?\n/)
  const header = lines.shift()?.trim()
  if (header !== 'timestamp,open,high,low,close') throw new Error(`unexpected CSV header: ${header}`)
  const candles = lines.map((line, index) => {
    const [timestamp, open, high, low, close] = line.split(',').map(Number)
    if ([timestamp, open, high, low, close].some((value) => !Number.isFinite(value)) || close <= 0)
      throw new Error(`bad CSV row ${index + 2}: ${line}`)
    return { timestamp, open, high, low, close }
  })
  for (let i = 1; i < candles.length; i++)
    if (candles[i].timestamp <= candles[i - 1].timestamp) throw new Error(`CSV rows not in time order at row ${i + 2}`)
  return candles
}

export type ReplayStep = { delayMs: number; price: number }

/**
 * The replay as steps: each candle's close, `speed` times faster than history, scaled so the series
 * starts at `startPrice` (its returns replayed on today's price level; pass the first close to
 * replay absolute prices).
 */
export function replaySteps(candles: Candle[], speed: number, startPrice: number): ReplayStep[] {
  if (!(speed > 0)) throw new Error('speed must be positive')
  if (candles.length === 0) return []
  const scale = startPrice / candles[0].close
  return candles.map((candle, i) => ({
    delayMs: i === 0 ? 0 : ((candle.timestamp - candles[i - 1].timestamp) * 1000) / speed,
    price: candle.close * scale,
  }))
}

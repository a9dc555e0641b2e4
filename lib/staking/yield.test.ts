import { describe, expect, it } from 'vitest'
import { firstBlockAtOrAfter, SECONDS_PER_YEAR, SHARE_PRICE_PROBE, trailingApr, windowStart } from './yield'

const DAY = 86_400n
const WAD = 10n ** 18n
const point = (timestamp: bigint, probeAssets: bigint, blockNumber = 0n) => ({ blockNumber, timestamp, probeAssets })

describe('trailingApr', () => {
  const start = point(1_000n, SHARE_PRICE_PROBE)
  it('annualises the share-price growth over the elapsed time', () => {
    // +1 % in 7 days: 1 % · 365 / 7
    const sevenDaysLater = point(1_000n + 7n * DAY, (SHARE_PRICE_PROBE * 101n) / 100n)
    const result = trailingApr(start, sevenDaysLater, 7n * DAY)
    expect(result).toEqual({ growthWad: WAD / 100n, aprWad: (WAD / 100n) * 365n / 7n, elapsedSeconds: 7n * DAY, coversWindow: true })
  })
  it('says when history is shorter than the window, and annualises over what there is', () => {
    const twoHoursLater = point(1_000n + 7_200n, SHARE_PRICE_PROBE + SHARE_PRICE_PROBE / 10_000n)
    const result = trailingApr(start, twoHoursLater, 30n * DAY)!
    expect(result.coversWindow).toBe(false)
    expect(result.elapsedSeconds).toBe(7_200n)
    expect(result.growthWad).toBe(WAD / 10_000n)
    expect(result.aprWad).toBe(((WAD / 10_000n) * SECONDS_PER_YEAR) / 7_200n)
  })
  it('is negative after a slash', () => {
    const slashed = point(1_000n + DAY, (SHARE_PRICE_PROBE * 7n) / 10n)
    expect(trailingApr(start, slashed, DAY)).toMatchObject({ growthWad: (-3n * WAD) / 10n, aprWad: (-3n * WAD * 365n) / 10n })
  })
  it('is zero when the price did not move', () => {
    expect(trailingApr(start, point(1_000n + DAY, SHARE_PRICE_PROBE), DAY)!.aprWad).toBe(0n)
  })
  it('has nothing to say without elapsed time or without a price', () => {
    expect(trailingApr(start, point(1_000n, SHARE_PRICE_PROBE * 2n), DAY)).toBeNull()
    expect(trailingApr(point(0n, 0n), point(DAY, 5n), DAY)).toBeNull()
  })
})

describe('windowStart', () => {
  it('starts the window that long ago, rounded down to the hour', () => {
    expect(windowStart(10n * DAY + 5_000n, 7n * DAY)).toBe(3n * DAY + 3_600n)
    expect(windowStart(10n * DAY, 7n * DAY)).toBe(3n * DAY)
  })
  it('does not go before time zero', () => {
    expect(windowStart(3_600n, 7n * DAY)).toBe(0n)
  })
})

describe('firstBlockAtOrAfter', () => {
  // Block n at 100 + 12·n, except a 1,000 s gap after block 50 (a warp).
  const timestampOf = (n: bigint) => 100n + 12n * n + (n > 50n ? 1_000n : 0n)
  const reads: bigint[] = []
  const chain = async (n: bigint) => {
    reads.push(n)
    return timestampOf(n)
  }
  it('finds the first block at or after the target', async () => {
    expect(await firstBlockAtOrAfter(100n + 12n * 20n, 0n, 1_000n, chain)).toBe(20n)
    expect(await firstBlockAtOrAfter(100n + 12n * 20n + 1n, 0n, 1_000n, chain)).toBe(21n)
    expect(await firstBlockAtOrAfter(timestampOf(50n) + 500n, 0n, 1_000n, chain)).toBe(51n)
  })
  it('returns the lower bound when it is already late enough, the upper one when nothing is', async () => {
    expect(await firstBlockAtOrAfter(0n, 30n, 1_000n, chain)).toBe(30n)
    expect(await firstBlockAtOrAfter(10n ** 9n, 0n, 1_000n, chain)).toBe(1_000n)
  })
  it('reads about log2 of the range', async () => {
    reads.length = 0
    await firstBlockAtOrAfter(100n + 12n * 777n, 0n, 1_000_000n, chain)
    expect(reads.length).toBeLessThanOrEqual(20)
  })
  it('refuses an empty range', async () => {
    await expect(firstBlockAtOrAfter(0n, 5n, 4n, chain)).rejects.toThrow(/empty/)
  })
})

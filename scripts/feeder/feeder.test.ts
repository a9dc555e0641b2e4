import { decodeFunctionData } from 'viem'
import { describe, expect, it } from 'vitest'
import { devnetPriceSourceAbi, oracleAggregatorAbi } from '../../lib/contracts/generated'
import { parseCandles, replaySteps } from './candles'
import { FEEDER_MAX_FEE, feederMaxFee, SOURCE_UPDATE_GAS, tickCalls, tickDecision, UPDATE_MANY_GAS } from './chain'
import { nextMidPrice, sourcePrices, toFeedAnswer } from './priceModel'
import { createRng, normal } from './random'

describe('random', () => {
  it('is reproducible from a seed and differs across seeds', () => {
    const a = createRng(42)
    const b = createRng(42)
    const c = createRng(43)
    const seqA = [a(), a(), a()]
    expect([b(), b(), b()]).toEqual(seqA)
    expect([c(), c(), c()]).not.toEqual(seqA)
  })
  it('draws normals with mean ~0 and variance ~1', () => {
    const rng = createRng(7)
    const draws = Array.from({ length: 20_000 }, () => normal(rng))
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / draws.length
    expect(Math.abs(mean)).toBeLessThan(0.03)
    expect(Math.abs(variance - 1)).toBeLessThan(0.05)
  })
})

describe('nextMidPrice', () => {
  it('realises roughly the configured volatility without jumps', () => {
    const rng = createRng(1)
    const params = { annualVolatility: 0.8, jumpsPerSecond: 0, jumpSize: 0 }
    let price = 3000
    const returns: number[] = []
    for (let i = 0; i < 20_000; i++) {
      const next = nextMidPrice(price, 60, params, rng)
      returns.push(Math.log(next / price))
      price = next
    }
    const variance = returns.reduce((s, r) => s + r * r, 0) / returns.length
    const annualised = Math.sqrt((variance * 365 * 24 * 60 * 60) / 60)
    expect(annualised).toBeGreaterThan(0.76)
    expect(annualised).toBeLessThan(0.84)
  })
  it('adds jumps of about the configured size', () => {
    const rng = createRng(2)
    const params = { annualVolatility: 0, jumpsPerSecond: 1, jumpSize: 0.02 }
    const moves = Array.from({ length: 500 }, () => Math.abs(Math.log(nextMidPrice(100, 1, params, rng) / 100)))
    expect(Math.min(...moves)).toBeGreaterThanOrEqual(0.01)
    expect(Math.max(...moves)).toBeLessThanOrEqual(0.03)
  })
})

describe('sourcePrices', () => {
  it('gives each source its own price within a few noise widths of the mid', () => {
    const prices = sourcePrices(3000, 3, 5, createRng(3))
    expect(new Set(prices).size).toBe(3)
    for (const price of prices) expect(Math.abs(price / 3000 - 1)).toBeLessThan(0.003)
  })
})

describe('toFeedAnswer', () => {
  it('scales to 8 decimals exactly', () => {
    expect(toFeedAnswer(3000)).toBe(300_000_000_000n)
    expect(toFeedAnswer(0.12345678)).toBe(12_345_678n)
    expect(toFeedAnswer(61234.5)).toBe(6_123_450_000_000n)
  })
  it('refuses non-positive and non-finite prices', () => {
    expect(() => toFeedAnswer(0)).toThrow()
    expect(() => toFeedAnswer(-1)).toThrow()
    expect(() => toFeedAnswer(Number.NaN)).toThrow()
  })
})

describe('candles', () => {
  const csv = 'timestamp,open,high,low,close\n100,10,11,9,10\n400,10,12,9,12\n700,12,12,5,6\n'
  it('parses rows and rejects bad input', () => {
    expect(parseCandles(csv)).toHaveLength(3)
    expect(() => parseCandles('time,price\n1,2')).toThrow(/header/)
    expect(() => parseCandles('timestamp,open,high,low,close\n1,2,3,x,4')).toThrow(/row 2/)
    expect(() => parseCandles('timestamp,open,high,low,close\n5,1,1,1,1\n5,1,1,1,1')).toThrow(/time order/)
  })
  it('replays returns on a new price level at the chosen speed', () => {
    const steps = replaySteps(parseCandles(csv), 60, 3000)
    expect(steps.map((s) => s.delayMs)).toEqual([0, 5000, 5000])
    expect(steps.map((s) => s.price)).toEqual([3000, 3600, 1800])
  })
})

describe('movePath', () => {
  it('reaches the target in steps below the limit', async () => {
    const { movePath } = await import('./markets')
    const path = movePath(3000, -30, 0.04)
    expect(path.at(-1)).toBeCloseTo(2100, 6)
    let previous = 3000
    for (const price of path) {
      expect(Math.abs(price / previous - 1)).toBeLessThanOrEqual(0.04 + 1e-12)
      previous = price
    }
    expect(path.length).toBe(Math.ceil(Math.abs(Math.log(0.7)) / Math.log(1.04)))
  })
  it('refuses a move to zero or below', async () => {
    const { movePath } = await import('./markets')
    expect(() => movePath(3000, -100)).toThrow()
  })
})

describe('tickCalls', () => {
  const oracle = '0x00000000000000000000000000000000000000aa'
  const source = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as const
  it("puts every source's answer first, then one updateMany for every market, each with its gas", () => {
    const calls = tickCalls(oracle, [
      { marketId: 0n, sources: [source(1), source(2)], answers: [10n, 11n] },
      { marketId: 2n, sources: [source(3)], answers: [30n] },
    ])
    expect(calls.map((c) => c.to)).toEqual([source(1), source(2), source(3), oracle])
    expect(calls.slice(0, 3).map((c) => decodeFunctionData({ abi: devnetPriceSourceAbi, data: c.data }).args)).toEqual([[10n], [11n], [30n]])
    expect(decodeFunctionData({ abi: oracleAggregatorAbi, data: calls[3].data })).toMatchObject({ functionName: 'updateMany', args: [[0n, 2n]] })
    expect(calls.map((c) => c.gas)).toEqual([SOURCE_UPDATE_GAS, SOURCE_UPDATE_GAS, SOURCE_UPDATE_GAS, UPDATE_MANY_GAS])
  })
  it('refuses a market whose answers do not match its sources', () => {
    expect(() => tickCalls(oracle, [{ marketId: 0n, sources: [source(1)], answers: [] }])).toThrow(/0 answers for 1 sources/)
  })
})

describe('tickDecision', () => {
  const every = { everyBlocks: 1n, stuckBlocks: 5n }
  it('sends the first tick, then one a block once the previous is mined', () => {
    expect(tickDecision(10n, null, every)).toEqual({ action: 'send' })
    expect(tickDecision(11n, { sentAfter: 10n, mined: true }, every)).toEqual({ action: 'send' })
    expect(tickDecision(10n, { sentAfter: 10n, mined: true }, every)).toEqual({ action: 'wait' })
  })
  it('never has two ticks in flight: waits for an unmined one, and calls it stuck after stuckBlocks', () => {
    expect(tickDecision(12n, { sentAfter: 10n, mined: false }, every)).toEqual({ action: 'wait' })
    expect(tickDecision(15n, { sentAfter: 10n, mined: false }, every)).toEqual({ action: 'wait' })
    expect(tickDecision(16n, { sentAfter: 10n, mined: false }, every)).toEqual({ action: 'stuck', blocks: 6n })
  })
  it('ticks every everyBlocks blocks when asked to', () => {
    const rare = { everyBlocks: 3n, stuckBlocks: 5n }
    expect(tickDecision(12n, { sentAfter: 10n, mined: true }, rare)).toEqual({ action: 'wait' })
    expect(tickDecision(13n, { sentAfter: 10n, mined: true }, rare)).toEqual({ action: 'send' })
  })
})

describe('feederMaxFee', () => {
  it('caps high enough to be ordered first in a block, above any base fee it must cover', () => {
    expect(feederMaxFee(7n)).toBe(FEEDER_MAX_FEE)
    expect(feederMaxFee(FEEDER_MAX_FEE)).toBeGreaterThan(FEEDER_MAX_FEE * 2n)
  })
})

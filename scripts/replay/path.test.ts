import { describe, expect, it } from 'vitest'
import { createRng } from '../feeder/random'
import { barPoints, pathOf, priceAt, sourceAnswers, tickTimes } from './path'
import { buildPopulation, crashWindow, DEFAULT_POPULATION } from './population'

describe('replay path', () => {
  it('visits the low first on a rising bar and the high first on a falling one', () => {
    expect(barPoints({ timestamp: 0, open: 10, high: 13, low: 9, close: 12 }, 300).map((p) => p.price)).toEqual([10, 9, 13, 12])
    expect(barPoints({ timestamp: 0, open: 12, high: 13, low: 9, close: 10 }, 300).map((p) => [p.time, p.price])).toEqual([
      [0, 12],
      [75, 13],
      [150, 9],
      [225, 10],
    ])
  })

  it('interpolates between points and fills gaps longer than the max step', () => {
    const path = pathOf([{ timestamp: 0, open: 100, high: 100, low: 100, close: 100 }, { timestamp: 3600, open: 200, high: 200, low: 200, close: 200 }], 3600)
    expect(priceAt(path, 2700)).toBe(100)
    expect(priceAt(path, 3150)).toBe(150)
    const times = tickTimes([path], 300)
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeLessThanOrEqual(300)
    expect(times).toContain(3600)
  })

  it('gives each source its own noise, its delay and its outage', () => {
    const path = [{ time: 0, price: 100 }, { time: 100, price: 200 }]
    const rng = createRng(1)
    const a = sourceAnswers(path, 50, 3, { noiseBp: 10, delaySeconds: 0 }, rng)
    expect(new Set(a).size).toBe(3)
    for (const x of a) expect(Math.abs(x! / 150 - 1)).toBeLessThan(0.01)
    const late = sourceAnswers(path, 50, 3, { noiseBp: 0, delaySeconds: 50 }, rng)
    expect(late).toEqual([100, 100, 100])
    const out = sourceAnswers(path, 50, 3, { noiseBp: 0, delaySeconds: 0, outage: { source: 1, from: 40, to: 60 } }, rng)
    expect(out).toEqual([150, null, 150])
  })
})

describe('population', () => {
  const params = { ...DEFAULT_POPULATION, traders: 2000, seed: 7, maxLeverage: [20, 10], crashOpenWindow: [1000, 2000] as [number, number] }

  it('is the same for the same seed and differs for another', () => {
    expect(buildPopulation(params)).toEqual(buildPopulation(params))
    expect(buildPopulation({ ...params, seed: 8 })).not.toEqual(buildPopulation(params))
  })

  it('is long-skewed, mostly low leverage within each tier, with all three behaviours and a few crash openers', () => {
    const pop = buildPopulation(params)
    const longs = pop.filter((t) => t.side === 1).length / pop.length
    expect(longs).toBeGreaterThan(0.6)
    expect(longs).toBeLessThan(0.7)
    for (const t of pop) {
      expect(t.leverage).toBeGreaterThanOrEqual(1)
      expect(t.leverage).toBeLessThanOrEqual(params.maxLeverage[t.market])
    }
    const low = pop.filter((t) => t.leverage <= 1 + (params.maxLeverage[t.market] - 1) / 2).length
    expect(low / pop.length).toBeGreaterThan(0.65) // u² below ½ with probability ~0.71
    expect(new Set(pop.map((t) => t.behaviour))).toEqual(new Set(['topUp', 'close', 'passive']))
    const openers = pop.filter((t) => t.opensAt !== null)
    expect(openers.length).toBeGreaterThan(50)
    expect(openers.length).toBeLessThan(150)
    for (const t of openers) expect(t.opensAt!).toBeGreaterThanOrEqual(1000)
  })

  it('puts the crash window before the lowest low', () => {
    expect(crashWindow([0, 1000, 2000, 3000, 10000], [5, 4, 3, 1, 2])).toEqual([2400, 3000]) // at least 10 minutes
  })
})

/**
 * Smoke test of the crash replay lab: 30 five-minute bars of the first leg of Black Thursday
 * (ETH, 2020-03-12 from 09:30 UTC) with 20 traders, under dynamic and static-matched, on a fresh
 * anvil. Asserts the accounting identities (per protocol contract: tokens in = tokens out + held;
 * the token's supply moves only by mints), the loss waterfall's (every dollar of bad debt is
 * covered somewhere or still outstanding), and that static-matched is the dynamic run's
 * time-averaged margin.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { DEFAULT_LAB, runLab, type LabResult } from './lab'
import { barsBetween, parsePriceFile } from './priceFile'
import { testPort } from '../devnet/testPorts'

const PORT = testPort(8749, 12)
const FILE = join(__dirname, '..', '..', '..', 'shared', 'data', 'prices', 'eth-2020-03-12.csv')
const FROM = Date.parse('2020-03-12T09:30:00Z') / 1000
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-5)

it('replays 30 bars with 20 traders under two policies and the books balance', async () => {
  const bars = barsBetween(parsePriceFile(readFileSync(FILE, 'utf8'), FILE), FROM).slice(0, 30)
  expect(bars).toHaveLength(30)
  const result: LabResult = await runLab({
    ...DEFAULT_LAB,
    port: PORT,
    traders: 20,
    seed: 3,
    markets: [{ name: 'ETH-USD', file: FILE, bars }],
    policies: [{ kind: 'dynamic' }, { kind: 'static-matched' }],
  })
  expect(result.population.opened).toBeGreaterThanOrEqual(18)
  // the window holds the 10:45 wick: the keeper has work under both policies
  for (const r of result.results) expect(r.liquidations).toBeGreaterThan(0)
  expect(result.results.map((r) => r.policy)).toEqual(['dynamic', 'static-matched'])
  const [dynamic, matched] = result.results
  close(matched.staticMargin!['0'], Math.round(dynamic.averageMargin[0] * 1e6) / 1e6)
  close(matched.averageMargin[0], matched.staticMargin!['0'])

  for (const r of result.results) {
    expect(r.ticks).toBe(120) // 4 oracle updates per bar
    expect(r.series.length).toBeGreaterThan(10)
    expect(r.series[r.series.length - 1].price[0]).toBeCloseTo(bars[29].close, 6)
    for (const flow of r.accounting.contracts) close(flow.start + flow.in - flow.out, flow.end)
    const engine = r.accounting.contracts.find((f) => f.contract === 'PerpEngine')!
    expect(engine.in + engine.out).toBeGreaterThan(0) // the replay moved tokens (fees, funding, liquidations)
    const { supply } = r.accounting
    close(supply.start + supply.minted - supply.burned, supply.end)
    close(r.coveredByBuffer + r.coveredByStakers + r.coveredByAuction + r.coveredBeforeSocialising + r.socialised + r.outstanding, r.badDebt)
    expect(r.liquidatedPositions.length).toBeLessThanOrEqual(r.liquidations)
  }
}, 300_000)

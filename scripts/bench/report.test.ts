import { describe, expect, it } from 'vitest'
import { renderResults, type BenchResults } from './report'

const results = (over: Partial<BenchResults> = {}): BenchResults => ({
  generatedAt: '2026-12-03T11:00:00.000Z',
  commit: 'abc1234',
  builds: 'built in this run',
  quick: false,
  machine: { nproc: 2, memoryGiB: 23.4, cpu: 'test cpu', node: 'v20', loadAverageStart: [1, 2, 3], loadAverageEnd: [4, 5, 6] },
  gas: {
    figures: [
      { action: 'request an open', who: 'user', snapshot: 'RouterGasTest.requestOpen', gas: 70_217, budget: { gas: 90_000, source: 'issue 10' } },
      { action: 'execute an open', who: 'keeper', snapshot: 'RouterGasTest.executeOpen', gas: 169_186, budget: { gas: 160_000, source: 'issue 10' } },
    ],
    anchors: [{ protocol: 'Aave v3', action: 'liquidationCall', gas: '≈ 340–350 k', source: 'published' }],
  },
  firstLoad: {
    method: 'method',
    bare: { rawBytes: 1_000_000, gzipBytes: 400 * 1024, files: 10 },
    pages: [
      { page: '/', rawBytes: 900_000, gzipBytes: 280 * 1024, files: 20, ratio: 0.7, largest: [] },
      { page: '/markets/ETH-USD', rawBytes: 900_000, gzipBytes: 320 * 1024, files: 20, ratio: 0.8, largest: [] },
    ],
  },
  latency: { page: '/markets/ETH-USD', updates: 50, missed: 0, p50Ms: 120, p95Ms: 340, maxMs: 500, mineRoundTripP50Ms: 8, samplesMs: [] },
  rpcPerBlock: [{ positions: 10, pages: [{ page: '/', perBlock: 2, byMethod: { eth_call: 5, eth_getLogs: 5 }, blocks: 5 }] }],
  keeper: { skipped: 'pending branch keeper' },
  ci: { seconds: 1503, source: 'README' },
  compile: { fromScratchS: 256, afterEngineTouchS: Number.NaN, measured: 'README', source: 'carried' },
  ...over,
})

describe('renderResults', () => {
  const md = renderResults(results())
  it('marks each figure met or not against its goal, with the gap where missed', () => {
    expect(md).toMatch(/request an open \| user \| 70,217 \| ≤ 90,000 \(issue 10\) \| \*\*met\*\*/)
    expect(md).toMatch(/execute an open \| keeper \| 169,186 \| ≤ 160,000 \(issue 10\) \| \*\*not met\*\*: 9,186 over/)
    expect(md).toMatch(/\| `\/` \| 280\.0 KiB \| .* \| 0\.700 \| \*\*met\*\* \|/)
    expect(md).toMatch(/\| `\/markets\/ETH-USD` \| 320\.0 KiB \| .* \| 0\.800 \| \*\*not met\*\*: 20\.0 KiB over \|/)
    expect(md).toMatch(/\| p95 \| 340 ms \| ≤ 300 ms \| \*\*not met\*\*: 40 ms over \|/)
    expect(md).toMatch(/\| `\/` \| 2\.00 \| eth_call 5, eth_getLogs 5 \(over 5 blocks\) \| \*\*met\*\* \|/)
  })
  it('describes the machine and says what was not measured', () => {
    expect(md).toContain('2 cores (`nproc`), 23.4 GiB memory')
    expect(md).toContain('Not measured: pending branch keeper')
    expect(md).toContain('256 s from scratch, not measured after touching')
  })
  it('says a missed update fails the latency goal even when p95 is within it', () => {
    const missed = renderResults(results({ latency: { page: '/', updates: 5, missed: 1, p50Ms: 100, p95Ms: 200, maxMs: 250, mineRoundTripP50Ms: 5, samplesMs: [] } }))
    expect(missed).toMatch(/\| p95 \| 200 ms \| ≤ 300 ms \| \*\*not met\*\* \|/)
  })
})

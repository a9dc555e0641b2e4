import { describe, expect, it } from 'vitest'
import { AT_RISK_HEALTH, liquidationBatches, summarise, type TrackedPosition } from './plan'

const WAD = 10n ** 18n
const position = (n: number, health: bigint): TrackedPosition => ({
  trader: `0x${n.toString(16).padStart(40, '0')}`,
  marketId: 0n,
  health,
  liquidatable: health < WAD,
})

describe('liquidationBatches', () => {
  it('takes only liquidatable positions, worst first, in batches', () => {
    const all = [position(1, WAD / 2n), position(2, 2n * WAD), position(3, WAD / 4n), position(4, WAD - 1n), position(5, 0n)]
    const batches = liquidationBatches(all, 2)
    expect(batches.map((b) => b.map((p) => p.health))).toEqual([[0n, WAD / 4n], [WAD / 2n, WAD - 1n]])
    expect(liquidationBatches([position(1, 3n * WAD)], 5)).toEqual([])
    expect(() => liquidationBatches(all, 0)).toThrow()
  })
})

describe('summarise', () => {
  it('counts tracked, at-risk and liquidatable positions', () => {
    const status = summarise(
      [position(1, WAD / 2n), position(2, AT_RISK_HEALTH - 1n), position(3, AT_RISK_HEALTH), position(4, 9n * WAD)],
      { positionsTracked: 0, atRisk: 0, liquidatable: 0, liquidated: 7, lastBlock: null, errors: 1 },
      42n,
    )
    expect(status).toEqual({ positionsTracked: 4, atRisk: 2, liquidatable: 1, liquidated: 7, lastBlock: '42', errors: 1 })
  })
})

import { describe, expect, it } from 'vitest'
import { chunk } from './chunk'
import { allocateNonces, AT_RISK_HEALTH, auctionBid, DEFAULT_LIQUIDATION_GAS, initialStatus, liquidationBatches, liquidationFees, nextPerTargetGas, shouldClaimFees, summarise, targetsPerBatch, type TrackedPosition } from './plan'
import { keyId } from '../../lib/positions/openSet'

const WAD = 10n ** 18n
const ACCOUNT = '0x00000000000000000000000000000000000000aa'
const position = (n: number, health: bigint): TrackedPosition => ({
  trader: `0x${n.toString(16).padStart(40, '0')}`,
  marketId: 0n,
  health,
  liquidatable: health < WAD,
})

describe('chunk', () => {
  it('cuts in order into chunks of at most size, the last one shorter', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]])
    expect(chunk([1, 2], 5)).toEqual([[1, 2]])
    expect(chunk([], 3)).toEqual([])
    expect(() => chunk([1], 0)).toThrow()
    expect(() => chunk([1], 1.5)).toThrow()
  })
})

describe('liquidationBatches', () => {
  it('takes only liquidatable positions, worst first, in batches', () => {
    const all = [position(1, WAD / 2n), position(2, 2n * WAD), position(3, WAD / 4n), position(4, WAD - 1n), position(5, 0n)]
    const batches = liquidationBatches(all, 2)
    expect(batches.map((b) => b.map((p) => p.health))).toEqual([[0n, WAD / 4n], [WAD / 2n, WAD - 1n]])
    expect(liquidationBatches([position(1, 3n * WAD)], 5)).toEqual([])
    expect(() => liquidationBatches(all, 0)).toThrow()
  })

  it('leaves out the positions already in a sent, unmined transaction (no second batch for them)', () => {
    const all = [position(1, WAD / 2n), position(3, WAD / 4n), position(4, WAD - 1n)]
    const batches = liquidationBatches(all, 10, new Set([keyId(all[1])]))
    expect(batches.map((b) => b.map((p) => p.trader))).toEqual([[all[0].trader, all[2].trader]])
    expect(liquidationBatches(all, 10, new Set(all.map(keyId)))).toEqual([])
  })
})

describe('targetsPerBatch', () => {
  const gas = { base: 100_000n, perTarget: 100_000n }
  it('sizes a batch so that txsPerBlock of them fit four fifths of the block, within the cap', () => {
    // 30M block: 24M for liquidations, 3 transactions of 8M: (8M − 0.1M) / 0.1M = 79
    expect(targetsPerBatch(30_000_000n, 3, gas, 500)).toBe(79)
    expect(targetsPerBatch(30_000_000n, 1, gas, 500)).toBe(239)
    expect(targetsPerBatch(30_000_000n, 3, gas, 20)).toBe(20)
    // dearer targets, smaller batches
    expect(targetsPerBatch(30_000_000n, 3, { base: 100_000n, perTarget: 300_000n }, 500)).toBe(26)
  })
  it('never plans an empty batch, even when one target exceeds the share of the block', () => {
    expect(targetsPerBatch(1_000_000n, 3, gas, 500)).toBe(1)
    expect(targetsPerBatch(30_000_000n, 3, { base: 0n, perTarget: 50_000_000n }, 500)).toBe(1)
    expect(() => targetsPerBatch(30_000_000n, 0, gas, 5)).toThrow()
  })
})

describe('nextPerTargetGas', () => {
  const floor = DEFAULT_LIQUIDATION_GAS.perTarget / 3n
  it('rises at once to what a batch used per target', () => {
    // 10 targets, 3.15M used, 150k base: 300k per target
    expect(nextPerTargetGas(150_000n, 3_150_000n, 10, 150_000n, floor)).toBe(300_000n)
  })
  it('falls back a quarter of the way, never under the floor, and ignores an empty batch', () => {
    expect(nextPerTargetGas(200_000n, 150_000n + 10n * 100_000n, 10, 150_000n, floor)).toBe(175_000n)
    expect(nextPerTargetGas(60_000n, 150_000n, 10, 150_000n, floor)).toBe(floor)
    expect(nextPerTargetGas(123_000n, 1_000_000n, 0, 150_000n, floor)).toBe(123_000n)
  })
})

describe('summarise', () => {
  it('counts tracked, at-risk and liquidatable positions and keeps the other fields', () => {
    const previous = { ...initialStatus(ACCOUNT, new Date(0)), liquidated: 7, errors: 1, lastScanBlock: '40', ordersExecuted: 3, lpExecuted: 1, pendingRequests: 2 }
    const status = summarise(
      [position(1, WAD / 2n), position(2, AT_RISK_HEALTH - 1n), position(3, AT_RISK_HEALTH), position(4, 9n * WAD)],
      previous,
      42n,
    )
    expect(status).toEqual({
      positionsTracked: 4,
      atRisk: 2,
      liquidatable: 1,
      liquidated: 7,
      lastBlock: '42',
      errors: 1,
      startedAt: '1970-01-01T00:00:00.000Z',
      account: ACCOUNT,
      lastScanBlock: '40',
      lastLiquidationBlock: null,
      ordersExecuted: 3,
      ordersCancelled: 0,
      lpExecuted: 1,
      lpCancelled: 0,
      pendingRequests: 2,
      feesClaimable: '0',
      feesClaimed: '0',
      healthReads: 0,
      liquidationsInFlight: 0,
    })
  })
})

describe('shouldClaimFees', () => {
  it('claims once the credit reaches the threshold, never an empty credit', () => {
    expect(shouldClaimFees(4_999_999n, 5_000_000n)).toBe(false)
    expect(shouldClaimFees(5_000_000n, 5_000_000n)).toBe(true)
    expect(shouldClaimFees(1n, 0n)).toBe(true)
    expect(shouldClaimFees(0n, 0n)).toBe(false)
  })
})

describe('auctionBid', () => {
  const USD = 10n ** 6n
  const state = { active: true, remainingDeficit: 500n * USD, priceNow: 2n * USD }
  it('bids when the price (token units per RPT) is at or under the valuation (USD per RPT, WAD)', () => {
    expect(auctionBid(state, 2n * WAD, 6, 10_000n * USD)).toEqual({ payment: 500n * USD, maxPrice: 2n * USD })
    expect(auctionBid({ ...state, priceNow: 2n * USD + 1n }, 2n * WAD, 6, 10_000n * USD)).toBeNull()
  })
  it('converts the valuation down to token units: never bids above it', () => {
    expect(auctionBid(state, 2n * WAD - 1n, 6, 10_000n * USD)).toBeNull()
    expect(auctionBid({ ...state, priceNow: 2n * WAD }, 2n * WAD, 18, 10n ** 30n)?.maxPrice).toBe(2n * WAD)
  })
  it('pays at most what it holds and the deficit; nothing when inactive or empty', () => {
    expect(auctionBid(state, 3n * WAD, 6, 100n * USD)?.payment).toBe(100n * USD)
    expect(auctionBid(state, 3n * WAD, 6, 0n)).toBeNull()
    expect(auctionBid({ ...state, active: false }, 3n * WAD, 6, 100n * USD)).toBeNull()
    expect(auctionBid({ ...state, remainingDeficit: 0n }, 3n * WAD, 6, 100n * USD)).toBeNull()
  })
})

describe('liquidationFees', () => {
  it('caps at twice the base fee plus the tip: still includable after five full blocks (+12.5 % each), not after a cap of 1.2x', () => {
    const base = 1_000_000_000n
    const tip = 1_000_000_000n
    const fees = liquidationFees(base, tip)
    expect(fees).toEqual({ maxFeePerGas: 3_000_000_000n, maxPriorityFeePerGas: tip })
    let baseAfter = base
    for (let i = 0; i < 5; i++) baseAfter = (baseAfter * 1125n) / 1000n
    expect(fees.maxFeePerGas - tip >= baseAfter).toBe(true)
    expect((base * 12n) / 10n >= (base * 1125n * 1125n) / 1_000_000n).toBe(false)
  })
})

describe('allocateNonces', () => {
  it('counts on from the higher of its own count and the node pending count', () => {
    expect(allocateNonces(3, [], 10, null, 10)).toEqual([10, 11, 12])
    expect(allocateNonces(2, [], 10, 14, 12)).toEqual([14, 15]) // the node has not seen all it was sent yet
    expect(allocateNonces(2, [], 10, 12, 15)).toEqual([15, 16]) // another writer of the account sent meanwhile
  })

  it('fills a dropped transaction nonce first (later ones queue behind it), skips gaps the chain has used, and fills every gap even with fewer batches', () => {
    // 46 dropped, 47 and 48 queued behind it: the pending count already says 49
    expect(allocateNonces(2, [46], 46, 49, 49)).toEqual([46, 49])
    expect(allocateNonces(2, [46, 44], 45, 49, 49)).toEqual([46, 49]) // 44 was mined by something else
    expect(allocateNonces(1, [47, 46], 46, 49, 49)).toEqual([46, 47]) // two gaps, one batch: both filled
    expect(allocateNonces(0, [46], 46, 49, 49)).toEqual([46])
    // a node that counts only up to the gap: still nothing below the gap twice
    expect(allocateNonces(2, [46], 46, null, 46)).toEqual([46, 47])
  })
})

/** A position as the keeper sees it (the engine's PositionView, reduced). */
export type TrackedPosition = { trader: `0x${string}`; marketId: bigint; health: bigint; liquidatable: boolean }

const WAD = 10n ** 18n

/** Health under which a position counts as at risk on the keeper's status (1.2). */
export const AT_RISK_HEALTH = (WAD * 6n) / 5n

/** Liquidatable positions, worst first, cut into batches for `liquidateMany`. */
export function liquidationBatches(positions: readonly TrackedPosition[], batchSize: number): TrackedPosition[][] {
  if (batchSize < 1) throw new Error('batchSize must be at least 1')
  const due = positions.filter((p) => p.liquidatable).sort((a, b) => (a.health < b.health ? -1 : a.health > b.health ? 1 : 0))
  const batches: TrackedPosition[][] = []
  for (let i = 0; i < due.length; i += batchSize) batches.push(due.slice(i, i + batchSize))
  return batches
}

export type KeeperStatus = {
  positionsTracked: number
  atRisk: number
  liquidatable: number
  liquidated: number
  lastBlock: string | null
  errors: number
}

export function summarise(positions: readonly TrackedPosition[], previous: KeeperStatus, lastBlock: bigint): KeeperStatus {
  return {
    ...previous,
    positionsTracked: positions.length,
    atRisk: positions.filter((p) => p.health < AT_RISK_HEALTH).length,
    liquidatable: positions.filter((p) => p.liquidatable).length,
    lastBlock: lastBlock.toString(),
  }
}

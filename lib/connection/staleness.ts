/**
 * Whether the numbers on screen are live: the chain's newest block should advance every block
 * time. The block time is learned from the gaps the app itself saw between new blocks (so the
 * same rule works on a 1 s devnet and a 12 s chain); the data is stale when no new block was
 * seen for STALE_BLOCK_TIMES of them (at least MIN_STALE_MS), or when block requests fail.
 */
export const STALE_BLOCK_TIMES = 3
export const MIN_STALE_MS = 3_000
/** Gaps kept to learn the block time from. */
export const GAPS_KEPT = 8

export type Connection =
  | { status: 'connecting' }
  | { status: 'live'; ageMs: number }
  | { status: 'stale'; ageMs: number; reason: 'noNewBlock' | 'requestsFailing' }

/** The typical gap between new blocks (median of those seen), or undefined before two blocks. */
export function blockTimeMs(gapsMs: readonly number[]): number | undefined {
  if (gapsMs.length === 0) return undefined
  const sorted = [...gapsMs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** How long without a new block before the data counts as stale. */
export function staleAfterMs(gapsMs: readonly number[]): number {
  const typical = blockTimeMs(gapsMs)
  return Math.max(MIN_STALE_MS, typical === undefined ? 0 : STALE_BLOCK_TIMES * typical)
}

/** The connection at `nowMs`, given when a new block was last seen and whether the last block request failed. */
export function connectionAt({ nowMs, lastNewBlockAtMs, gapsMs, requestFailed }: { nowMs: number; lastNewBlockAtMs: number | undefined; gapsMs: readonly number[]; requestFailed: boolean }): Connection {
  if (lastNewBlockAtMs === undefined) return { status: 'connecting' }
  const ageMs = Math.max(0, nowMs - lastNewBlockAtMs)
  if (requestFailed) return { status: 'stale', ageMs, reason: 'requestsFailing' }
  if (ageMs > staleAfterMs(gapsMs)) return { status: 'stale', ageMs, reason: 'noNewBlock' }
  return { status: 'live', ageMs }
}

/** Records a new block seen at `atMs`: the gap since the previous one joins the last GAPS_KEPT. */
export function withGap(gapsMs: readonly number[], previousAtMs: number | undefined, atMs: number): number[] {
  if (previousAtMs === undefined) return [...gapsMs]
  return [...gapsMs, atMs - previousAtMs].slice(-GAPS_KEPT)
}

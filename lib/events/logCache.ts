/** Logs read so far, through block `toBlock` inclusive. */
export type LogCache<TLog> = { toBlock: bigint; logs: TLog[] }

export type BlockRange = { fromBlock: bigint; toBlock: bigint }

/** [fromBlock, toBlock] cut into pages of at most `pageSize` blocks, in order. */
export function blockRanges(fromBlock: bigint, toBlock: bigint, pageSize: bigint): BlockRange[] {
  if (pageSize <= 0n) throw new Error('pageSize must be positive')
  const ranges: BlockRange[] = []
  for (let from = fromBlock; from <= toBlock; from += pageSize) {
    const to = from + pageSize - 1n
    ranges.push({ fromBlock: from, toBlock: to < toBlock ? to : toBlock })
  }
  return ranges
}

/**
 * What to read next for a cache at chain head `head`: everything from `startBlock` the first
 * time, then only the blocks after the last one read; never a re-scan, except when the chain went
 * backwards (a devnet restart or snapshot revert), which invalidates the cache.
 */
export function nextRead<TLog>(cache: LogCache<TLog> | undefined, head: bigint, startBlock: bigint): { range: BlockRange; reset: boolean } | null {
  if (!cache || head < cache.toBlock) return head >= startBlock ? { range: { fromBlock: startBlock, toBlock: head }, reset: true } : null
  if (head === cache.toBlock) return null
  return { range: { fromBlock: cache.toBlock + 1n, toBlock: head }, reset: false }
}

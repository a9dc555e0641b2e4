/** Reads a lab JSON (from the committed examples or a file the user picks) with a clear error when it is not one. */
import type { LabResult } from './types'

const NUMERIC_RESULT_FIELDS = ['liquidations', 'liquidatedNotional', 'badDebt', 'coveredByBuffer', 'coveredByStakers', 'coveredByAuction', 'socialised', 'outstanding', 'worstFundDrawdown', 'lpSharePriceBefore', 'lpSharePriceAfter', 'stakerSharePriceBefore', 'stakerSharePriceAfter', 'worstKeeperLagBlocks'] as const

export function parseLabResult(text: string): LabResult {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new Error(`not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  const r = data as Partial<LabResult>
  if (typeof r !== 'object' || r === null || r.version !== 1) throw new Error('not a replay result (version 1 from npm run replay)')
  if (!Array.isArray(r.markets) || r.markets.length === 0) throw new Error('no markets in the result')
  if (!Array.isArray(r.results) || r.results.length === 0) throw new Error('no policy results in the result')
  r.results.forEach((p, i) => {
    if (typeof p.policy !== 'string') throw new Error(`result ${i + 1} has no policy name`)
    for (const field of NUMERIC_RESULT_FIELDS) if (typeof p[field] !== 'number') throw new Error(`result "${p.policy}": ${field} is missing or not a number`)
    if (!Array.isArray(p.series)) throw new Error(`result "${p.policy}": no time series`)
    for (const point of p.series)
      if (typeof point.t !== 'number' || !Array.isArray(point.price) || point.price.length !== r.markets!.length) throw new Error(`result "${p.policy}": a series point without a time or a price per market`)
  })
  return r as LabResult
}

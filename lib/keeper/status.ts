/**
 * What the keeper's status endpoint (GET /status, scripts/keeper.ts) reports, as the dashboard
 * shows it: `online: false` when no keeper answered.
 */
export type KeeperStatusView =
  | { online: false }
  | {
      online: true
      positionsTracked: number
      atRisk: number
      liquidatable: number
      liquidated: number
      /** Last block the keeper finished handling (null before the first). */
      lastBlock: bigint | null
      errors: number
      /** Two-step request counts (issue 10); null from a keeper that does not report them. */
      requests: KeeperRequestCounts | null
    }

/** What the keeper's transactions did with two-step requests, and how many are pending now. */
export type KeeperRequestCounts = { ordersExecuted: number; ordersCancelled: number; lpExecuted: number; lpCancelled: number; pendingRequests: number }

const REQUEST_COUNTS = ['ordersExecuted', 'ordersCancelled', 'lpExecuted', 'lpCancelled', 'pendingRequests'] as const

const COUNTS = ['positionsTracked', 'atRisk', 'liquidatable', 'liquidated', 'errors'] as const

/** Checks the keeper's JSON; anything malformed counts as no keeper rather than a wrong number. */
export function parseKeeperStatus(json: unknown): KeeperStatusView {
  if (typeof json !== 'object' || json === null) return { online: false }
  const record = json as Record<string, unknown>
  if (!COUNTS.every((key) => Number.isSafeInteger(record[key]) && (record[key] as number) >= 0)) return { online: false }
  const lastBlock = record.lastBlock
  if (lastBlock !== null && !(typeof lastBlock === 'string' && /^\d+$/.test(lastBlock))) return { online: false }
  const [positionsTracked, atRisk, liquidatable, liquidated, errors] = COUNTS.map((key) => record[key] as number)
  const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0
  const requests = REQUEST_COUNTS.every((key) => isCount(record[key]))
    ? (Object.fromEntries(REQUEST_COUNTS.map((key) => [key, record[key]])) as KeeperRequestCounts)
    : null
  return { online: true, positionsTracked, atRisk, liquidatable, liquidated, errors, lastBlock: lastBlock === null ? null : BigInt(lastBlock), requests }
}

/** The status as JSON for the browser (bigint as a decimal string). */
export function serialiseKeeperStatus(status: KeeperStatusView): unknown {
  if (!status.online) return status
  // The request counts travel flat, as the keeper reports them, so the browser parses the same shape.
  const { requests, ...rest } = status
  return { ...rest, ...(requests ?? {}), lastBlock: status.lastBlock?.toString() ?? null }
}

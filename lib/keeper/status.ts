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
    }

const COUNTS = ['positionsTracked', 'atRisk', 'liquidatable', 'liquidated', 'errors'] as const

/** Checks the keeper's JSON; anything malformed counts as no keeper rather than a wrong number. */
export function parseKeeperStatus(json: unknown): KeeperStatusView {
  if (typeof json !== 'object' || json === null) return { online: false }
  const record = json as Record<string, unknown>
  if (!COUNTS.every((key) => Number.isSafeInteger(record[key]) && (record[key] as number) >= 0)) return { online: false }
  const lastBlock = record.lastBlock
  if (lastBlock !== null && !(typeof lastBlock === 'string' && /^\d+$/.test(lastBlock))) return { online: false }
  const [positionsTracked, atRisk, liquidatable, liquidated, errors] = COUNTS.map((key) => record[key] as number)
  return { online: true, positionsTracked, atRisk, liquidatable, liquidated, errors, lastBlock: lastBlock === null ? null : BigInt(lastBlock) }
}

/** The status as JSON for the browser (bigint as a decimal string). */
export function serialiseKeeperStatus(status: KeeperStatusView): unknown {
  return status.online ? { ...status, lastBlock: status.lastBlock?.toString() ?? null } : status
}

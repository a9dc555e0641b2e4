/** Names for the protocol's enums and units, as the contracts define them. */

/** `OracleStatus` in IOracleAggregator.sol, by value. */
export const ORACLE_STATUS = ['Fresh', 'Stale', 'Guarded'] as const
export type OracleStatusName = (typeof ORACLE_STATUS)[number]

export function oracleStatusName(status: number): OracleStatusName {
  const name = ORACLE_STATUS[status]
  if (!name) throw new Error(`unknown oracle status ${status}`)
  return name
}

/** `SourceStatus` in IOracleAggregator.sol, by value. */
export const SOURCE_STATUS = ['Ok', 'Stale', 'Deviant', 'Invalid'] as const

export const SECONDS_PER_HOUR = 3_600n

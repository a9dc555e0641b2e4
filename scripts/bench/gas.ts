import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'

/** A gas figure from the committed snapshots (contracts/snapshots, isolated calls), with its goal. */
export type GasFigure = {
  action: string
  who: 'user' | 'keeper' | 'LP' | 'staker' | 'governance' | 'oracle'
  snapshot: string
  gas: number
  /** The goal it is held to, and where that goal comes from; null: recorded, no goal. */
  budget: { gas: number; source: string } | null
}

/** A published figure from another protocol: context, not measured here. */
export type GasAnchor = { protocol: string; action: string; gas: string; source: string }

const ISSUE_10 = 'issue 10'
const CEILING = (file: string) => `ceiling in contracts/test/gas/${file}`

/**
 * Every user and keeper action in the snapshots, by snapshot file and key. Budgets: issue 10's
 * (request ≤ 90 k, execution of an open ≤ 160 k, batch marginal ≤ 110 k, LP deposit request ≤ 90 k)
 * and the gas tests' own ceilings (asserted in forge test) where issue 10 set none.
 */
const ACTIONS: { file: string; key: string; action: string; who: GasFigure['who']; budget: GasFigure['budget'] }[] = [
  { file: 'RouterGasTest', key: 'requestOpen', action: 'request an open (two-step)', who: 'user', budget: { gas: 90_000, source: ISSUE_10 } },
  { file: 'RouterGasTest', key: 'requestClose', action: 'request a close', who: 'user', budget: { gas: 90_000, source: ISSUE_10 } },
  { file: 'RouterGasTest', key: 'executeOpen', action: 'execute an open order', who: 'keeper', budget: { gas: 160_000, source: ISSUE_10 } },
  { file: 'RouterGasTest', key: 'executeClose', action: 'execute a close order', who: 'keeper', budget: null },
  { file: 'RouterGasTest', key: 'executeOrders_marginal', action: 'each further order in a batch', who: 'keeper', budget: { gas: 110_000, source: ISSUE_10 } },
  { file: 'RouterReopenGasTest', key: 'executeReopen', action: 'execute a reopen (slot used before)', who: 'keeper', budget: { gas: 160_000, source: CEILING('RouterGas.t.sol') } },
  { file: 'EngineGasTest', key: 'addCollateral', action: 'add collateral (one step)', who: 'user', budget: null },
  { file: 'EngineGasTest', key: 'removeCollateral', action: 'remove collateral', who: 'user', budget: null },
  { file: 'EngineGasTest', key: 'open', action: 'engine open (inside an execution)', who: 'keeper', budget: { gas: 135_000, source: CEILING('EngineGas.t.sol') } },
  { file: 'PoolGasTest', key: 'lpRequestDeposit', action: 'LP deposit request', who: 'LP', budget: { gas: 90_000, source: ISSUE_10 } },
  { file: 'PoolGasTest', key: 'lpRequestWithdraw', action: 'LP withdraw request', who: 'LP', budget: null },
  { file: 'PoolExecuteGasTest', key: 'lpExecuteDeposit', action: 'execute an LP deposit', who: 'keeper', budget: null },
  { file: 'PoolExecuteGasTest', key: 'lpExecuteWithdraw', action: 'execute an LP withdrawal', who: 'keeper', budget: null },
  { file: 'LiquidationGasTest', key: 'liquidate', action: 'liquidate one position', who: 'keeper', budget: { gas: 184_000, source: CEILING('LiquidationGas.t.sol') } },
  { file: 'LiquidationGasTest', key: 'liquidateMany_marginal', action: 'each further liquidation in a batch', who: 'keeper', budget: { gas: 60_000, source: CEILING('LiquidationGas.t.sol') } },
  { file: 'LiquidationGasTest', key: 'liquidate_badDebt', action: 'liquidate into bad debt', who: 'keeper', budget: null },
  { file: 'LiquidationGasTest', key: 'stake', action: 'stake in the insurance fund', who: 'staker', budget: { gas: 100_000, source: CEILING('LiquidationGas.t.sol') } },
  { file: 'LiquidationGasTest', key: 'cooldown', action: 'start the unstake cooldown', who: 'staker', budget: null },
  { file: 'LiquidationGasTest', key: 'redeem', action: 'redeem a stake', who: 'staker', budget: null },
  { file: 'EngineGasTest', key: 'oracleUpdate', action: 'oracle update (new bucket)', who: 'oracle', budget: null },
  { file: 'governance', key: 'propose', action: 'propose', who: 'governance', budget: null },
  { file: 'governance', key: 'castVote', action: 'cast a vote', who: 'governance', budget: null },
  { file: 'governance', key: 'execute', action: 'execute a proposal', who: 'governance', budget: null },
]

/**
 * Published figures (not measured here), for scale. The Aave v3 figures are the ones issue 16
 * gives; no GMX v2 figure could be checked offline, so none is printed as a number.
 */
export const GAS_ANCHORS: GasAnchor[] = [
  { protocol: 'Aave v3', action: '`liquidationCall`', gas: '≈ 340–350 k', source: 'published figure quoted in issue 16' },
  { protocol: 'Aave v3', action: 'first borrow', gas: '≈ 245 k', source: 'published figure quoted in issue 16' },
  { protocol: 'Aave v3', action: '`StataTokenV2` deposit', gas: '≈ 268 k', source: 'published figure quoted in issue 16' },
  {
    protocol: 'GMX v2',
    action: 'order creation + keeper execution',
    gas: 'not cited',
    source: 'no published figure could be checked offline; issue 10 says GMX v2 spends "several times" Rampart\'s request + execution',
  },
]

export async function readGasFigures(snapshotsDir: string): Promise<GasFigure[]> {
  const files = new Map<string, Record<string, string>>()
  for (const name of await readdir(snapshotsDir)) {
    if (name.endsWith('.json')) files.set(name.replace(/\.json$/, ''), JSON.parse(await readFile(join(snapshotsDir, name), 'utf8')))
  }
  return ACTIONS.map(({ file, key, action, who, budget }) => {
    const value = files.get(file)?.[key]
    if (value === undefined) throw new Error(`contracts/snapshots/${file}.json has no "${key}": the bench's gas list is out of date`)
    return { action, who, snapshot: `${file}.${key}`, gas: Number(value), budget }
  })
}

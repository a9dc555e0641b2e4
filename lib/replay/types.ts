/**
 * What the crash replay lab (`npm run replay`, scripts/replay/lab.ts) writes to its JSON, read by
 * the /replay page. Amounts in USD, margins as fractions, times in unix seconds (file time).
 */

export type LabResultParameters = {
  traders: number
  seed: number
  lpToOpenInterest: number
  stakeToOpenInterest: number
  sources: { noiseBp: number; delaySeconds: number; outage?: { source: number; from: number; to: number } }
  maxStepSeconds: number
  keeperEvery: number
  bidderRptValue: number | null
  warmupSeconds: number
  seriesPoints: number
  policies: string[]
}

export type SeriesPoint = {
  /** File time (unix seconds). */
  t: number
  price: number[]
  /** Maintenance margin in force per market (fraction). */
  margin: number[]
  /** Insurance buffer + staked capital (USD). */
  fund: number
  badDebt: number
  liquidations: number
  lpSharePrice: number
}

export type PolicyResult = {
  policy: string
  /** The static margin applied (static policies), per tier id. */
  staticMargin: Record<string, number> | null
  liquidations: number
  liquidatedNotional: number
  badDebt: number
  coveredByBuffer: number
  coveredByStakers: number
  coveredByAuction: number
  coveredBeforeSocialising: number
  socialised: number
  outstanding: number
  keeperRewards: number
  fundStart: number
  fundMin: number
  worstFundDrawdown: number
  worstFundDrawdownFraction: number
  lpSharePriceBefore: number
  lpSharePriceAfter: number
  stakerSharePriceBefore: number
  stakerSharePriceAfter: number
  /** Most blocks between the keeper seeing a position liquidatable and liquidating it. */
  worstKeeperLagBlocks: number
  /** Positions still liquidatable at the end (never liquidated). */
  liquidatableAtEnd: number
  /** Time-averaged maintenance margin in force, per market. */
  averageMargin: number[]
  maxMargin: number[]
  ordersExecuted: number
  ordersCancelled: number
  toppedUp: number
  closeRequests: number
  crashOpens: number
  /** Traders (address:market) liquidated at least once. */
  liquidatedPositions: string[]
  ticks: number
  blocks: number
  seconds: number
  /** Settlement-token flows over the replay, per protocol contract and for everyone (tokens in = tokens out + held). */
  accounting: Accounting
  series: SeriesPoint[]
}

export type TokenFlow = { contract: string; start: number; in: number; out: number; end: number }
export type Accounting = {
  contracts: TokenFlow[]
  /** Total supply before and after, and what was minted / burned in between (Transfer from / to 0x0). */
  supply: { start: number; minted: number; burned: number; end: number }
}

export type LabResult = {
  version: 1
  createdAt: string
  markets: { name: string; file: string; bars: number; barSeconds: number; from: number; to: number; firstOpen: number; minLow: number; lastClose: number }[]
  parameters: LabResultParameters
  population: { traders: number; opened: number; crashOpeners: number; openInterest: number; longShare: number; meanLeverage: number; lpDeposit: number; stake: number; poolValue: number; staked: number }
  results: PolicyResult[]
  /** For each pair of policies: positions liquidated under the first that were never liquidated under the second. */
  differences: { liquidatedUnder: string; survivedUnder: string; count: number; positions: string[] }[]
  setupSeconds: number
  totalSeconds: number
}

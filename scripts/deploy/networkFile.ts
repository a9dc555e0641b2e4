/**
 * `networks/<name>.json`: everything a live-network deploy needs (issue 17), checked field by field
 * so that a mistake is named before anything is sent. Numbers are written in the units people
 * think in and converted here: fractions and multipliers as decimals ("0.01" = 1 %), durations in
 * seconds, token amounts in the settlement token's units ("0.5" = 0.5 USDC), USD notionals in USD.
 * The contracts check the bounds (each setter reverts with a custom error; `docs/deploy.md`).
 */
import { getAddress, isAddress, parseUnits, type Address } from 'viem'

/** How a field's value is written in the file and what the contracts take. */
type Unit = 'fraction' | 'seconds' | 'count' | 'token' | 'usd'

const TIER_FIELDS = {
  mmBase: 'fraction',
  mmMax: 'fraction',
  imMultiplier: 'fraction',
  oiCapFraction: 'fraction',
  maxLeverage: 'fraction',
  liquidationPenalty: 'fraction',
  volMultiplier: 'fraction',
  horizon: 'seconds',
  maxMmRisePerHour: 'fraction',
} as const satisfies Record<string, Unit>

const MARKET_FIELDS = { fundingFactor: 'fraction', takerFee: 'fraction', impactFactor: 'fraction' } as const satisfies Record<string, Unit>

const ORACLE_FIELDS = {
  maxAge: 'seconds',
  minSources: 'count',
  maxDeviation: 'fraction',
  maxJump: 'fraction',
  recoveryPeriod: 'seconds',
  ewmaLambda: 'fraction',
  staleGrace: 'seconds',
  maxGuardDuration: 'seconds',
  volBucket: 'seconds',
} as const satisfies Record<string, Unit>

const TWO_STEP_FIELDS = {
  routerMinDelay: 'seconds',
  routerMaxOrderAge: 'seconds',
  routerExecutionFee: 'token',
  routerMinNotional: 'usd',
  poolMinDelay: 'seconds',
  poolMaxRequestAge: 'seconds',
  poolExecutionFee: 'token',
  poolMinHoldTime: 'seconds',
  poolMaxPnlFraction: 'fraction',
} as const satisfies Record<string, Unit>

const INSURANCE_FIELDS = {
  stakeCooldown: 'seconds',
  stakeWindow: 'seconds',
  maxSlash: 'fraction',
  slashWindow: 'seconds',
  auctionStartPrice: 'token',
  auctionMinPrice: 'token',
  auctionRoundDuration: 'seconds',
  auctionMinRounds: 'count',
  auctionLotGrowth: 'fraction',
  auctionMinTime: 'seconds',
  keeperShare: 'fraction',
  stakerShare: 'fraction',
  fullLiquidationHealth: 'fraction',
  dustNotional: 'token',
  minKeeperReward: 'token',
} as const satisfies Record<string, Unit>

const GOVERNANCE_FIELDS = {
  initialSupply: 'fraction', // RPT, 18 decimals
  votingDelay: 'seconds',
  votingPeriod: 'seconds',
  proposalThreshold: 'fraction', // RPT
  quorumPercent: 'count',
  timelockDelay: 'seconds',
  stewardCooldown: 'seconds',
  mintCap: 'fraction', // RPT
  mintPeriod: 'seconds',
} as const satisfies Record<string, Unit>

const FEE_FIELDS = { insuranceShare: 'fraction', stakerShare: 'fraction' } as const satisfies Record<string, Unit>

type Values<F> = { -readonly [K in keyof F]: bigint }

/** Where a market's prices come from: real feeds (Chainlink) or sources a feeder pushes (test chains). */
export type FeedKind = 'chainlink' | 'pushed'

export type NetworkMarket = { name: string; tier: number; params: Values<typeof MARKET_FIELDS>; oracle: Values<typeof ORACLE_FIELDS>; sources: Address[] }

export type NetworkFile = {
  name: string
  chainId: number
  /** In order of preference: the deploy uses the first that answers with the right chain id. */
  rpcUrls: string[]
  explorerUrl: string | null
  settlementToken: Address
  /** Multicall3; nothing there yet (a fresh local chain): the deploy puts one up. */
  multicall3: Address
  feeds: FeedKind
  tiers: Values<typeof TIER_FIELDS>[]
  markets: NetworkMarket[]
  fees: Values<typeof FEE_FIELDS>
  twoStep: Values<typeof TWO_STEP_FIELDS>
  insurance: Values<typeof INSURANCE_FIELDS>
  governance: Values<typeof GOVERNANCE_FIELDS>
  roles: { supplyRecipient: Address | null; riskCouncil: Address | null; guardianOperator: Address | null }
}

/** Multicall3's address on every chain that has it (mds1/multicall's deterministic deployment). */
export const CANONICAL_MULTICALL3: Address = '0xcA11bde05977b3631167028862bE2a173976CA11'

/** The settlement token's decimals: the protocol counts collateral and fees in 6-decimal units. */
export const SETTLEMENT_DECIMALS = 6

export class NetworkFileError extends Error {}

type Json = unknown
const fail = (path: string, message: string): never => {
  throw new NetworkFileError(`${path}: ${message}`)
}
const isObject = (x: Json): x is Record<string, Json> => typeof x === 'object' && x !== null && !Array.isArray(x)

function object(x: Json, path: string): Record<string, Json> {
  return isObject(x) ? x : fail(path, 'must be an object')
}

function array(x: Json, path: string): Json[] {
  return Array.isArray(x) && x.length > 0 ? x : fail(path, 'must be a non-empty list')
}

function string(x: Json, path: string): string {
  return typeof x === 'string' && x.trim() !== '' ? x : fail(path, 'must be a non-empty string')
}

function address(x: Json, path: string): Address {
  return typeof x === 'string' && isAddress(x, { strict: false }) ? getAddress(x) : fail(path, `must be an address (0x and 40 hex digits), got ${JSON.stringify(x)}`)
}

function optionalAddress(x: Json, path: string): Address | null {
  return x === undefined || x === null ? null : address(x, path)
}

/** A decimal written as a string or a number, converted to the unit's integer. */
function amount(x: Json, unit: Unit, path: string): bigint {
  const text = typeof x === 'number' ? String(x) : typeof x === 'string' ? x.trim() : fail(path, `must be a number or a decimal string, got ${JSON.stringify(x)}`)
  if (!/^\d+(\.\d+)?$/.test(text)) fail(path, `must be a non-negative decimal, got ${JSON.stringify(x)}`)
  if (unit === 'seconds' || unit === 'count') {
    if (text.includes('.')) fail(path, `must be a whole number of ${unit === 'seconds' ? 'seconds' : 'units'}, got ${text}`)
    return BigInt(text)
  }
  const decimals = unit === 'token' ? SETTLEMENT_DECIMALS : 18
  const fraction = text.split('.')[1] ?? ''
  if (fraction.length > decimals) fail(path, `has more than ${decimals} decimals: ${text}`)
  return parseUnits(text, decimals)
}

function fields<F extends Record<string, Unit>>(x: Json, spec: F, path: string): Values<F> {
  const o = object(x, path)
  const unknown = Object.keys(o).filter((k) => !(k in spec))
  if (unknown.length > 0) fail(`${path}.${unknown[0]}`, `is not a field (expected: ${Object.keys(spec).join(', ')})`)
  return Object.fromEntries(
    Object.entries(spec).map(([key, unit]) => [key, o[key] === undefined ? fail(`${path}.${key}`, `is missing (${unitLabel(unit)})`) : amount(o[key], unit, `${path}.${key}`)]),
  ) as Values<F>
}

function unitLabel(unit: Unit): string {
  return { fraction: 'a decimal, e.g. "0.01" for 1 %', seconds: 'seconds', count: 'a whole number', token: 'settlement-token units, e.g. "0.5"', usd: 'USD' }[unit]
}

/** Parses and checks a network file's JSON text; `source` names it in errors. */
export function parseNetworkFile(text: string, source: string): NetworkFile {
  let json: Json
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new NetworkFileError(`${source}: not valid JSON (${(e as Error).message})`)
  }
  const root = object(json, source)
  const p = (key: string) => `${source}: ${key}`
  const chainId = root.chainId
  if (typeof chainId !== 'number' || !Number.isInteger(chainId) || chainId <= 0) fail(p('chainId'), 'must be a positive whole number')
  const rpcUrls = array(root.rpcUrls, p('rpcUrls')).map((u, i) => {
    const url = string(u, p(`rpcUrls[${i}]`))
    if (!/^(https?|wss?):\/\//.test(url)) fail(p(`rpcUrls[${i}]`), `must be an http(s) or ws(s) URL, got ${url}`)
    return url
  })
  const feeds = root.feeds
  if (feeds !== 'chainlink' && feeds !== 'pushed') fail(p('feeds'), 'must be "chainlink" (real feeds) or "pushed" (sources a feeder writes: test chains only)')
  const tiers = array(root.tiers, p('tiers')).map((t, i) => fields(t, TIER_FIELDS, p(`tiers[${i}]`)))
  const names = new Set<string>()
  const markets = array(root.markets, p('markets')).map((m, i) => {
    const path = p(`markets[${i}]`)
    const o = object(m, path)
    const name = string(o.name, `${path}.name`)
    if (names.has(name)) fail(`${path}.name`, `${name} is listed twice`)
    names.add(name)
    const tier = o.tier
    if (typeof tier !== 'number' || !Number.isInteger(tier) || tier < 0 || tier >= tiers.length) fail(`${path}.tier`, `must be the index of a tier above (0–${tiers.length - 1})`)
    const sources = array(o.sources, `${path}.sources`).map((s, j) => address(s, `${path}.sources[${j}]`))
    const oracle = fields(o.oracle, ORACLE_FIELDS, `${path}.oracle`)
    if (oracle.minSources > BigInt(sources.length)) fail(`${path}.oracle.minSources`, `is ${oracle.minSources} but the market lists ${sources.length} source(s)`)
    return { name, tier: tier as number, params: fields(o.params, MARKET_FIELDS, `${path}.params`), oracle, sources }
  })
  const roles = root.roles === undefined ? {} : object(root.roles, p('roles'))
  return {
    name: string(root.name, p('name')),
    chainId: chainId as number,
    rpcUrls,
    explorerUrl: root.explorerUrl === undefined || root.explorerUrl === null ? null : string(root.explorerUrl, p('explorerUrl')),
    settlementToken: address(root.settlementToken, p('settlementToken')),
    multicall3: root.multicall3 === undefined ? CANONICAL_MULTICALL3 : address(root.multicall3, p('multicall3')),
    feeds: feeds as FeedKind,
    tiers,
    markets,
    fees: fields(root.fees, FEE_FIELDS, p('fees')),
    twoStep: fields(root.twoStep, TWO_STEP_FIELDS, p('twoStep')),
    insurance: fields(root.insurance, INSURANCE_FIELDS, p('insurance')),
    governance: fields(root.governance, GOVERNANCE_FIELDS, p('governance')),
    roles: {
      supplyRecipient: optionalAddress(roles.supplyRecipient, p('roles.supplyRecipient')),
      riskCouncil: optionalAddress(roles.riskCouncil, p('roles.riskCouncil')),
      guardianOperator: optionalAddress(roles.guardianOperator, p('roles.guardianOperator')),
    },
  }
}

/** The deployment file's key for a market's price sources (as the devnet's: `PriceSources_ETH_USD`). */
export const sourcesKey = (market: string) => `PriceSources_${market.replace(/[^A-Za-z0-9]/g, '_')}`

const ZERO: Address = '0x0000000000000000000000000000000000000000'

/** The `ProtocolSpec` argument of `DeployNetwork.run` (contracts/script/ProtocolDeployer.sol). */
export function protocolSpec(n: NetworkFile) {
  return {
    settlement: n.settlementToken,
    tiers: n.tiers,
    markets: n.markets.map((m) => ({ name: m.name, tier: BigInt(m.tier), params: m.params, oracle: m.oracle, sources: m.sources })),
    insuranceFeeShare: n.fees.insuranceShare,
    stakerFeeShare: n.fees.stakerShare,
    twoStep: n.twoStep,
    insurance: n.insurance,
    governance: n.governance,
    supplyRecipient: n.roles.supplyRecipient ?? ZERO,
    riskCouncil: n.roles.riskCouncil ?? ZERO,
    guardianOperator: n.roles.guardianOperator ?? ZERO,
  }
}

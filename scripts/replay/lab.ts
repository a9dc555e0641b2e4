/**
 * The crash replay lab (issue 13): one fresh anvil, the real devnet deploy, a seeded trader
 * population opened once and snapshotted, then for each policy: revert to the snapshot, apply the
 * policy (through the timelock, which owns RiskConfig), warm up, and replay the price files tick
 * by tick while the real keeper code (scripts/keeper: request settler, position follower,
 * liquidation batches, auction bid) runs in-process after every tick, so each step is
 * deterministic. Chain time follows the files' time: each tick's block is mined at
 * `fileTime + offset`, so funding, volatility buckets, margin ramps, guards and auction timers see
 * the real durations (shifted: the chain cannot go back to 2020).
 */
import { readFileSync } from 'node:fs'
import { encodeFunctionData, toHex, keccak256, stringToHex, type Abi, type Address, type Hex, type PublicClient } from 'viem'
import { createPublicClient, createTestClient, createWalletClient } from 'viem'
import { foundry } from 'viem/chains'
import {
  debtAuctionAbi,
  devnetPriceSourceAbi,
  insuranceFundAbi,
  liquidationEngineAbi,
  liquidityPoolAbi,
  oracleAggregatorAbi,
  orderRouterAbi,
  perpEngineAbi,
  perpLensAbi,
  riskConfigAbi,
  stakingVaultAbi,
  testUsdAbi,
} from '../../lib/contracts/generated'
import type { Deployment } from '../../lib/config/types'
import { devnetAccount, DEVNET_ROLES } from '../devnet/accounts'
import { deployDevnet, startAnvil } from '../devnet/devnet'
import { ProcessGroup } from '../devnet/processes'
import { tickCalls } from '../feeder/chain'
import { createRng, type Rng } from '../feeder/random'
import { createPositionFollower } from '../keeper/follower'
import { DEFAULT_BAND } from '../keeper/band'
import { createLiquidationSender } from '../keeper/liquidationSender'
import { auctionBid, type TrackedPosition } from '../keeper/plan'
import { keeperReads } from '../keeper/reads'
import { applyRequestEvents, type PendingRequests } from '../keeper/requests'
import { createRequestSettler } from '../keeper/settle'
import { createLogger } from '../service/log'
import { pathOf, priceAt, sourceAnswers, tickTimes, type PathPoint, type SourceModel } from './path'
import { barSeconds, type Bar } from './priceFile'
import { labTransport } from './transport'
import { buildPopulation, crashWindow, DEFAULT_POPULATION, type TraderSpec } from './population'

const WAD = 10n ** 18n
const USD = 1_000_000n // tUSD has 6 decimals
const SOURCE_DECIMALS = 8
/** Calm time after moving the markets to their files' first prices, before the population opens. */
const REPRICING_CALM_SECONDS = 12 * 3600
/** The warm-up tick comes this long before the first bar (it makes the oracle fresh). */
const WARMUP_TICK_LEAD = 60

/** `dynamic` with `mmMax`: the tier's ceiling raised (or lowered) to it, the floor as deployed. */
export type Policy = { kind: 'dynamic'; mmMax?: number } | { kind: 'static'; margin: number } | { kind: 'static-matched' }

export function policyLabel(p: Policy): string {
  if (p.kind === 'static') return `static:${p.margin}`
  return p.kind === 'dynamic' && p.mmMax !== undefined ? `dynamic:${p.mmMax}` : p.kind
}

export type MarketInput = { name: string; file: string; bars: Bar[] }

export type LabParams = {
  port: number
  markets: MarketInput[]
  policies: Policy[]
  traders: number
  seed: number
  /** LP capital and staked capital as multiples of the population's open interest. */
  lpToOpenInterest: number
  stakeToOpenInterest: number
  sources: SourceModel
  /** Longest gap between two oracle ticks (seconds): under the oracle's maxAge (600 s). */
  maxStepSeconds: number
  /** The keeper acts after every `keeperEvery`-th tick (1: every tick; latency as a parameter). */
  keeperEvery: number
  /** What the keeper (the debt auction's bidder) values one governance token at, in USD; null: no bids. */
  bidderRptValue: number | null
  /** Time between opening the population and the first bar (the static margin's ramp runs in it). */
  warmupSeconds: number
  /** At most this many points per series in the result (downsampled evenly). */
  seriesPoints: number
  onProgress?: (event: { policy: string; tick: number; ticks: number }) => void
  log?: (line: string) => void
}

export const DEFAULT_LAB: Omit<LabParams, 'port' | 'markets' | 'policies'> = {
  traders: 500,
  seed: 1,
  lpToOpenInterest: 2,
  stakeToOpenInterest: 0.1,
  sources: { noiseBp: 2, delaySeconds: 0 },
  maxStepSeconds: 300,
  keeperEvery: 1,
  bidderRptValue: 2,
  // 48 h: a static margin up to 25 % ramps in from the 1 % floor at the tier's 0.5 %/h (static-matched
  // under the 10 % ceiling reaches 8 %: 14 h); the same warm-up for every policy
  warmupSeconds: 48 * 3600,
  seriesPoints: 400,
}

export type { Accounting, LabResult, PolicyResult, SeriesPoint, TokenFlow } from '../../lib/replay/types'
import type { Accounting, LabResult, PolicyResult, SeriesPoint } from '../../lib/replay/types'
import { devnetOpenPositions } from '../devnet/openPositions'

/** Protocol contracts whose settlement-token balance the accounting follows. */
export const ACCOUNTED = ['PerpEngine', 'LiquidityPool', 'OrderRouter', 'InsuranceFund', 'StakingVault', 'DebtAuction', 'LiquidationEngine', 'CollateralAuction'] as const

type Contracts = Deployment['contracts']

/** Transactions from any address (anvil's auto-impersonation), mined on demand. */
export function chainOps(rpcUrl: string) {
  // The requests one step issues together (a tick's source updates, the keeper's parallel reads)
  // go in one HTTP request, over node:http rather than fetch (scripts/replay/transport.ts).
  const transport = labTransport(rpcUrl)
  const client = createPublicClient({ chain: foundry, transport, pollingInterval: 50, cacheTime: 0 }) as PublicClient
  const test = createTestClient({ chain: foundry, mode: 'anvil', transport })
  const rpc = (method: string, params: unknown[] = []) => client.request({ method: method as never, params: params as never }) as Promise<unknown>

  /** Sends one call; with automine on it is mined at once. Returns the hash. */
  async function send(from: Address, to: Address, data: Hex, gas = 3_000_000n, nonce?: number): Promise<Hex> {
    return (await rpc('eth_sendTransaction', [{ from, to, data, gas: toHex(gas), ...(nonce === undefined ? {} : { nonce: toHex(nonce) }) }])) as Hex
  }

  async function receiptOk(hash: Hex, label: string) {
    // Mined already in the lab's flow (evm_mine, or automine answering after mining); anvil may
    // answer an automined send before its receipt is readable: then wait for it.
    const receipt = (await client.getTransactionReceipt({ hash }).catch(() => null)) ?? (await client.waitForTransactionReceipt({ hash, pollingInterval: 20, timeout: 600_000 }))
    if (receipt.status !== 'success') throw new Error(`${label} reverted (${hash})`)
    return receipt
  }

  /**
   * Sends many calls and mines them into as few blocks as the gas limit allows; the first block at
   * `timestamp`. Round trips: automine off with the senders' nonces and the latest block's time;
   * the sends; `evm_mine` at the timestamp; the pool's status; automine back on with it again.
   */
  async function batch(calls: { from: Address; to: Address; data: Hex; gas?: bigint; label: string; last?: boolean }[], timestamp?: number) {
    const senders = [...new Set(calls.map((c) => c.from.toLowerCase()))]
    const [, latestTime, ...counts] = await Promise.all([
      rpc('evm_setAutomine', [false]),
      timestamp === undefined ? Promise.resolve(0) : now(),
      ...senders.map((from) => rpc('eth_getTransactionCount', [from, 'pending'])),
    ])
    let automine = false
    try {
      // Calls marked `last` go after all the others (the oracle update after the sources); the rest in parallel.
      // Nonces set here: parallel sends from one account would race for the node's pending nonce.
      const nonces = new Map<string, number>(senders.map((from, i) => [from, Number(counts[i])]))
      const nonceOf = (from: Address) => {
        const n = nonces.get(from.toLowerCase())!
        nonces.set(from.toLowerCase(), n + 1)
        return n
      }
      const ordered = [...calls.filter((c) => !c.last), ...calls.filter((c) => c.last)].map((c) => ({ ...c, nonce: nonceOf(c.from) }))
      // One sender: its nonces already order the block (the pool mines an account's transactions
      // by nonce), so the `last` calls go with the others; otherwise after them, one by one.
      const together = senders.length === 1 ? ordered : ordered.filter((c) => !c.last)
      const hashes: Hex[] = []
      for (let i = 0; i < together.length; i += 64) hashes.push(...(await Promise.all(together.slice(i, i + 64).map((c) => send(c.from, c.to, c.data, c.gas, c.nonce)))))
      if (senders.length > 1) for (const c of ordered.filter((c) => c.last)) hashes.push(await send(c.from, c.to, c.data, c.gas, c.nonce))
      // Never at or before the latest block (anvil refuses a timestamp in the past).
      await rpc('evm_mine', timestamp === undefined ? [] : [Math.max(timestamp, (latestTime as number) + 1)])
      // What did not fit in the block, block by block.
      const pending = async () => BigInt(((await rpc('txpool_status')) as { pending: Hex }).pending)
      while ((await pending()) !== 0n) await rpc('evm_mine', [])
      // Automine back on. A transaction sent by other code meanwhile would stay pending: mine it.
      const [, status] = await Promise.all([rpc('evm_setAutomine', [true]), rpc('txpool_status')])
      automine = true
      if (BigInt((status as { pending: Hex }).pending) !== 0n) await rpc('evm_mine', [])
      return hashes
    } finally {
      if (!automine) await rpc('evm_setAutomine', [true])
    }
  }

  async function now(): Promise<number> {
    return Number((await client.getBlock()).timestamp)
  }

  return { rpcUrl, client, transport, test, rpc, send, receiptOk, batch, now }
}

export type Ops = ReturnType<typeof chainOps>

const call = (abi: Abi, functionName: string, args: unknown[] = []) => encodeFunctionData({ abi, functionName, args } as never)

function traderAddress(seed: number, index: number): Address {
  return `0x${keccak256(stringToHex(`rampart-replay/${seed}/trader/${index}`)).slice(26)}` as Address
}

const toWad = (x: number) => BigInt(Math.round(x * 1e9)) * 10n ** 9n
const fromWad = (x: bigint) => Number(x) / 1e18
const fromUsd = (x: bigint) => Number(x) / 1e6

/** Runs the lab: deploy, population, then every policy from the same snapshot. */
export async function runLab(params: LabParams): Promise<LabResult> {
  const started = Date.now()
  const log = params.log ?? (() => {})
  const group = new ProcessGroup()
  try {
    // No past states kept: anvil otherwise keeps each block's whole state and writes the older
    // ones to disk (profiled: a fifth of its CPU), and the lab reads only the latest block.
    const rpcUrl = await startAnvil(group, { port: params.port, blockTime: 0, extraArgs: ['--prune-history', ...(process.env.REPLAY_ANVIL_ARGS?.split(' ').filter(Boolean) ?? [])] })
    const cpu = cpuMeter(group.child('anvil').pid)
    await new Promise((r) => setTimeout(r, 100))
    log(`anvil on ${rpcUrl}; deploying`)
    const deployment = await deployDevnet(rpcUrl)
    const ops = chainOps(rpcUrl)
    await ops.rpc('anvil_autoImpersonateAccount', [true])
    const lab = await setUp(ops, deployment, params, log)
    const setupSeconds = (Date.now() - started) / 1000
    const results: PolicyResult[] = []
    let snapshot = (await ops.rpc('evm_snapshot')) as Hex
    for (const policy of params.policies) {
      let margins: Record<string, number> | null = null
      if (policy.kind === 'static') margins = Object.fromEntries(lab.tiers.map((t) => [String(t), policy.margin]))
      if (policy.kind === 'static-matched') {
        const dynamic = [...results].reverse().find((r) => r.policy === 'dynamic' || r.policy.startsWith('dynamic:'))
        if (!dynamic) throw new Error('static-matched needs a dynamic run first: list --policy dynamic before it')
        margins = matchedMargins(dynamic, lab.marketTiers)
      }
      // A static margin is floor = ceiling; `dynamic:x` moves the ceiling alone.
      const targets: TierTargets | null = margins
        ? Object.fromEntries(Object.entries(margins).map(([tier, x]) => [tier, { mmBase: x, mmMax: x }]))
        : policy.kind === 'dynamic' && policy.mmMax !== undefined
          ? Object.fromEntries(lab.tiers.map((t) => [String(t), { mmMax: policy.mmMax! }]))
          : null
      log(`policy ${policyLabel(policy)}${targets ? ' ' + JSON.stringify(targets) : ''}`)
      results.push(await runPolicy(ops, deployment, lab, params, policyLabel(policy), margins, targets, cpu))
      await ops.rpc('evm_revert', [snapshot])
      snapshot = (await ops.rpc('evm_snapshot')) as Hex
    }
    return {
      version: 1,
      createdAt: new Date().toISOString(),
      markets: params.markets.map((m) => ({
        name: m.name,
        file: m.file,
        bars: m.bars.length,
        barSeconds: barSeconds(m.bars),
        from: m.bars[0].timestamp,
        to: m.bars[m.bars.length - 1].timestamp,
        firstOpen: m.bars[0].open,
        minLow: Math.min(...m.bars.map((b) => b.low)),
        lastClose: m.bars[m.bars.length - 1].close,
      })),
      parameters: {
        traders: params.traders,
        seed: params.seed,
        lpToOpenInterest: params.lpToOpenInterest,
        stakeToOpenInterest: params.stakeToOpenInterest,
        sources: params.sources,
        maxStepSeconds: params.maxStepSeconds,
        keeperEvery: params.keeperEvery,
        bidderRptValue: params.bidderRptValue,
        warmupSeconds: params.warmupSeconds,
        seriesPoints: params.seriesPoints,
        policies: params.policies.map(policyLabel),
      },
      population: lab.populationSummary,
      results,
      differences: differences(results),
      setupSeconds,
      totalSeconds: (Date.now() - started) / 1000,
    }
  } finally {
    await group.stop()
  }
}

/** Static margins equal to the dynamic run's time-averaged margin, per tier (the mean over the tier's replayed markets). */
export function matchedMargins(dynamic: Pick<PolicyResult, 'averageMargin'>, marketTiers: readonly number[]): Record<string, number> {
  const byTier = new Map<number, number[]>()
  marketTiers.forEach((tier, i) => byTier.set(tier, [...(byTier.get(tier) ?? []), dynamic.averageMargin[i]]))
  // Rounded to 0.01 bp: a parameter a proposal could state.
  return Object.fromEntries([...byTier].map(([tier, xs]) => [String(tier), Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1e6) / 1e6]))
}

export function differences(results: readonly Pick<PolicyResult, 'policy' | 'liquidatedPositions'>[]): LabResult['differences'] {
  const out: LabResult['differences'] = []
  for (const a of results)
    for (const b of results) {
      if (a === b) continue
      const survived = new Set(b.liquidatedPositions)
      const positions = a.liquidatedPositions.filter((p) => !survived.has(p))
      out.push({ liquidatedUnder: a.policy, survivedUnder: b.policy, count: positions.length, positions: positions.slice(0, 50) })
    }
  return out
}

type Market = {
  input: MarketInput
  id: bigint
  tier: number
  sources: Address[]
  path: PathPoint[]
  maxLeverage: number
}

type Trader = TraderSpec & { address: Address; marketId: bigint; collateral: bigint; topUps: number; closeRequested: boolean; opened: boolean }

type Lab = {
  markets: Market[]
  /** Every market of the deployment (also those not replayed: their sources keep reporting). */
  allMarkets: { id: bigint; sources: Address[]; price: number }[]
  tiers: number[]
  marketTiers: number[]
  traders: Trader[]
  ticks: number[]
  /** Chain time of file time 0: chain = file + offset. */
  offset: number
  setupEnd: number
  contracts: Contracts
  populationSummary: LabResult['population']
  tokenScale: { pool: bigint; vault: bigint }
}

const feeder = devnetAccount(DEVNET_ROLES.priceFeeder).address as Address

async function setUp(ops: Ops, deployment: Deployment, params: LabParams, log: (line: string) => void): Promise<Lab> {
  const c = deployment.contracts
  const { client } = ops
  const read = <T>(address: Address, abi: Abi, functionName: string, args: unknown[] = []) => client.readContract({ address, abi, functionName, args } as never) as Promise<T>

  // The deploy's demo positions sit at the devnet's prices; close them before the files move the prices.
  // (the engine keeps no list of open positions: on a fresh devnet only its accounts have traded)
  const demo = await devnetOpenPositions(client, deployment)
  const marketCount = Number(await read<bigint>(c.RiskConfig, riskConfigAbi, 'marketCount'))
  const allMarkets = await Promise.all(
    Array.from({ length: marketCount }, async (_, m) => {
      const sources = await read<Address[]>(c.OracleAggregator, oracleAggregatorAbi, 'getSources', [BigInt(m)])
      const latest = await read<{ price: bigint }>(c.OracleAggregator, oracleAggregatorAbi, 'latest', [BigInt(m)])
      return { id: BigInt(m), sources, price: fromWad(latest.price) }
    }),
  )
  const markets: Market[] = await Promise.all(
    params.markets.map(async (input) => {
      const id = deployment.markets[input.name]
      if (id === undefined) throw new Error(`no market ${input.name} on the devnet (markets: ${Object.keys(deployment.markets).join(', ')})`)
      const tier = Number(await read<bigint>(c.RiskConfig, riskConfigAbi, 'marketTier', [BigInt(id)]))
      const t = await read<{ maxLeverage: bigint }>(c.RiskConfig, riskConfigAbi, 'tier', [BigInt(tier)])
      return { input, id: BigInt(id), tier, sources: allMarkets[id].sources, path: pathOf(input.bars, barSeconds(input.bars)), maxLeverage: fromWad(t.maxLeverage) }
    }),
  )
  if (new Set(markets.map((m) => m.id)).size !== markets.length) throw new Error('each market may be replayed from one file only')
  const ticks = tickTimes(markets.map((m) => m.path), params.maxStepSeconds)
  const fileStart = ticks[0]

  // Every source reports `price` for its market; the oracle accepts it at `timestamp`.
  // The devnet's prices until the demo positions are closed; then the files' first prices.
  const prices = new Map<bigint, number>(allMarkets.map((m) => [m.id, m.price]))
  const flatTick = (timestamp: number) =>
    ops.batch(
      tickCalls(
        c.OracleAggregator,
        allMarkets.map((m) => ({ marketId: m.id, sources: m.sources, answers: m.sources.map(() => BigInt(Math.round(prices.get(m.id)! * 10 ** SOURCE_DECIMALS))) })),
      ).map((t, i, all) => ({ from: feeder, to: t.to, data: t.data, gas: t.gas, label: 'tick', last: i === all.length - 1 })),
      timestamp,
    )

  let t = (await ops.now()) + 5
  const settler = () =>
    createRequestSettler({
      client,
      wallet: createWalletClient({ chain: foundry, transport: ops.transport, account: devnetAccount(DEVNET_ROLES.keeper).address as Address }),
      account: { address: devnetAccount(DEVNET_ROLES.keeper).address, type: 'json-rpc' } as never,
      deployment,
      log: createLogger('replay-settle', () => {}),
      batchSize: 50,
      readBatch: 100,
      updateOracle: false,
    })

  if (demo.length > 0) {
    const expiry = BigInt(t + 540)
    // a close of a long sells (floor: 1 wei, any price); of a short buys (ceiling: far above)
    const positions = await Promise.all(demo.map((p) => read<{ size: bigint; markPrice: bigint }>(c.PerpLens, perpLensAbi, 'getPosition', [p.trader, p.marketId])))
    const calls = demo.map((p, i) => ({
      from: p.trader,
      to: c.OrderRouter,
      data: call(orderRouterAbi, 'requestClose', [p.marketId, positions[i].size > 0n ? 1n : positions[i].markPrice * 10n, expiry]),
      gas: 1_000_000n,
      label: 'demo close',
    }))
    const hashes = await ops.batch(calls, t)
    await Promise.all(hashes.map((h) => ops.receiptOk(h, 'demo close')))
    t += 2
    await flatTick(t)
    await settler().settlePendingOnce()
    const left = await devnetOpenPositions(client, deployment)
    if (left.length !== 0) throw new Error(`${left.length} demo positions did not close`)
  }

  // Ticks at the prices set (from `t` + `firstStep`, then every 121 s) until every replayed market is Fresh.
  const tickUntilFresh = async (firstStep: number, what: string) => {
    for (let attempt = 0; ; attempt++) {
      t += attempt === 0 ? firstStep : 121
      await flatTick(t)
      const statuses = await Promise.all(markets.map((m) => read<{ status: number }>(c.OracleAggregator, oracleAggregatorAbi, 'latest', [m.id])))
      if (statuses.every((s) => s.status === 0)) return
      if (attempt > 20) throw new Error(`the oracle did not accept ${what}`)
    }
  }
  // Move every replayed market to its file's first price; a move beyond maxJump trips the guard, which ends after maxGuardDuration.
  for (const m of markets) prices.set(m.id, m.path[0].price)
  await tickUntilFresh(2, 'the files’ first prices')
  // That move is the lab's, not the market's: a calm spell makes the volatility estimate forget it
  // (one observation after REPRICING_CALM_SECONDS weighs it by λ^buckets: 0.94^720 ≈ 5e-20), so
  // the population opens against a calm margin. Without it, how much of the move was still counted
  // when the opens came depended on the wall time the setup took, and under a 10 % ceiling the
  // higher-leverage opens were refused for initial margin (2021-05-19: 413 of 500 opened, not 473).
  // The move counts in the first observation after it (the return to the price prevailing at the
  // next bucket boundary): observed over one bucket, then forgotten over the calm spell.
  await tickUntilFresh(121, 'the files’ first prices')
  await tickUntilFresh(REPRICING_CALM_SECONDS, 'the files’ first prices after the calm spell')

  // The population, the LP and the stakers.
  const population = buildPopulation({
    ...DEFAULT_POPULATION,
    traders: params.traders,
    seed: params.seed,
    maxLeverage: markets.map((m) => m.maxLeverage),
    crashOpenWindow: crashWindow(
      ticks,
      ticks.map((x) => Math.min(...markets.map((m) => priceAt(m.path, x) / m.path[0].price))),
    ),
  })
  const traders: Trader[] = population.map((spec) => {
    const collateral = BigInt(Math.round((spec.notionalUsd / spec.leverage) * 1e6))
    return { ...spec, address: traderAddress(params.seed, spec.index), marketId: markets[spec.market].id, collateral, topUps: 0, closeRequested: false, opened: false }
  })
  const openInterest = population.reduce((s, x) => s + x.notionalUsd, 0)
  const poolValue = await read<{ value: bigint }>(c.LiquidityPool, liquidityPoolAbi, 'poolValue')
  const staked = await read<bigint>(c.StakingVault, stakingVaultAbi, 'stakedBalance')
  const lpDeposit = BigInt(Math.max(0, Math.round(params.lpToOpenInterest * openInterest * 1e6) - Number(poolValue.value)))
  const stake = BigInt(Math.max(0, Math.round(params.stakeToOpenInterest * openInterest * 1e6) - Number(staked)))
  const lp = `0x${keccak256(stringToHex(`rampart-replay/${params.seed}/lp`)).slice(26)}` as Address
  const staker = `0x${keccak256(stringToHex(`rampart-replay/${params.seed}/staker`)).slice(26)}` as Address
  const keeper = devnetAccount(DEVNET_ROLES.keeper).address as Address
  const funded = [lp, staker, ...traders.map((x) => x.address)]
  await Promise.all(funded.map((a) => ops.rpc('anvil_setBalance', [a, toHex(10n ** 21n)])))
  t += 2
  // Capital already there (the deploy's LP seed and stakers) counts toward the ratios; only the rest is added.
  const setup: Parameters<Ops['batch']>[0] = [
    // The bidder: enough tUSD to buy the whole deficit of a bad crash.
    { from: feeder, to: c.SettlementToken, data: call(testUsdAbi, 'mint', [keeper, BigInt(Math.round(openInterest * 0.5e6))]), gas: 200_000n, label: 'mint keeper' },
    { from: keeper, to: c.SettlementToken, data: call(testUsdAbi, 'approve', [c.DebtAuction, 2n ** 255n]), gas: 100_000n, label: 'approve auction' },
  ]
  if (lpDeposit > 0n)
    setup.push(
      { from: feeder, to: c.SettlementToken, data: call(testUsdAbi, 'mint', [lp, lpDeposit + USD]), gas: 200_000n, label: 'mint lp' },
      { from: lp, to: c.SettlementToken, data: call(testUsdAbi, 'approve', [c.LiquidityPool, 2n ** 255n]), gas: 100_000n, label: 'approve pool' },
      { from: lp, to: c.LiquidityPool, data: call(liquidityPoolAbi, 'requestDeposit', [lpDeposit, 0n, BigInt(t + 540)]), gas: 1_000_000n, label: 'lp deposit' },
    )
  if (stake > 0n)
    setup.push(
      { from: feeder, to: c.SettlementToken, data: call(testUsdAbi, 'mint', [staker, stake]), gas: 200_000n, label: 'mint staker' },
      { from: staker, to: c.SettlementToken, data: call(testUsdAbi, 'approve', [c.StakingVault, 2n ** 255n]), gas: 100_000n, label: 'approve vault' },
      { from: staker, to: c.StakingVault, data: call(stakingVaultAbi, 'deposit', [stake, staker]), gas: 1_000_000n, label: 'stake' },
    )
  for (const x of traders)
    setup.push(
      // collateral three times over: for top-ups and fees
      { from: feeder, to: c.SettlementToken, data: call(testUsdAbi, 'mint', [x.address, x.collateral * 3n + 10n * USD]), gas: 200_000n, label: 'mint trader' },
      { from: x.address, to: c.SettlementToken, data: call(testUsdAbi, 'approve', [c.OrderRouter, 2n ** 255n]), gas: 100_000n, label: 'approve router' },
      { from: x.address, to: c.SettlementToken, data: call(testUsdAbi, 'approve', [c.PerpEngine, 2n ** 255n]), gas: 100_000n, label: 'approve engine' },
    )
  const setupHashes = await ops.batch(setup, t)
  await Promise.all(setupHashes.map((h, i) => ops.receiptOk(h, setup[i].label)))
  t = (await ops.now()) + 2
  await flatTick(t)
  await settler().settlePendingOnce()

  // The population opens (crash openers wait for their time).
  t += 2
  const opens = traders.filter((x) => x.opensAt === null).map((x) => ({ from: x.address, to: c.OrderRouter, data: openCall(x, markets[x.market].path[0].price, t + 540), gas: 1_500_000n, label: 'open' }))
  const openHashes = await ops.batch(opens, t)
  await Promise.all(openHashes.map((h, i) => ops.receiptOk(h, opens[i].label)))
  t = (await ops.now()) + 2
  await flatTick(t)
  const settled = await settler().settlePendingOnce()
  t = await ops.now()
  log(`population: ${settled.ordersExecuted} opened, ${settled.ordersCancelled} cancelled of ${opens.length}`)
  // Which of the population's orders filled: their positions, read by key, 200 per call.
  const openSet = new Set<string>()
  for (let i = 0; i < traders.length; i += 200) {
    const keys = traders.slice(i, i + 200).map((x) => ({ trader: x.address, marketId: x.marketId }))
    const views = await read<{ trader: Address; marketId: bigint; size: bigint }[]>(c.PerpLens, perpLensAbi, 'getPositions', [keys])
    for (const p of views) if (p.size !== 0n) openSet.add(`${p.trader.toLowerCase()}:${p.marketId}`)
  }
  for (const x of traders) x.opened = openSet.has(`${x.address.toLowerCase()}:${x.marketId}`)
  const openedTraders = traders.filter((x) => x.opened)

  const decimals = async (a: Address, abi: Abi) => 10n ** BigInt(await read<number>(a, abi, 'decimals'))
  const tiers = [...new Set(markets.map((m) => m.tier))]
  return {
    markets,
    allMarkets: allMarkets.map((m) => ({ ...m, price: prices.get(m.id)! })),
    tiers,
    marketTiers: markets.map((m) => m.tier),
    traders,
    ticks,
    // Whole hours: the oracle's volatility buckets fall on the same file times in every run. The
    // warm-up ends at the tick 60 s before the first bar and starts after the setup's last block (t).
    offset: Math.ceil((t + 1 + params.warmupSeconds + WARMUP_TICK_LEAD - fileStart) / 3600) * 3600,
    setupEnd: t,
    contracts: c,
    populationSummary: {
      traders: traders.length,
      opened: openedTraders.length,
      crashOpeners: traders.filter((x) => x.opensAt !== null).length,
      openInterest: openedTraders.reduce((s, x) => s + x.notionalUsd, 0),
      longShare: openedTraders.filter((x) => x.side === 1).length / Math.max(1, openedTraders.length),
      meanLeverage: openedTraders.reduce((s, x) => s + x.leverage, 0) / Math.max(1, openedTraders.length),
      lpDeposit: fromUsd(lpDeposit),
      stake: fromUsd(stake),
      poolValue: fromUsd((await read<{ value: bigint }>(c.LiquidityPool, liquidityPoolAbi, 'poolValue')).value),
      staked: fromUsd(await read<bigint>(c.StakingVault, stakingVaultAbi, 'stakedBalance')),
    },
    tokenScale: { pool: await decimals(c.LiquidityPool, liquidityPoolAbi), vault: await decimals(c.StakingVault, stakingVaultAbi) },
  }
}

/** requestOpen at `price` with 5 % slippage allowed (the router cancels a fill beyond it). */
function openCall(x: Trader, price: number, expiry: number): Hex {
  const size = toWad(x.notionalUsd / price) * BigInt(x.side)
  const acceptable = toWad(x.side === 1 ? price * 1.05 : price * 0.95)
  return call(orderRouterAbi, 'requestOpen', [x.marketId, size, x.collateral, acceptable, BigInt(expiry)])
}

/** CPU seconds used so far by this process (all threads) and by anvil (from /proc; 0 where there is none). */
type CpuMeter = () => { lab: number; anvil: number }
function cpuMeter(anvilPid: number | undefined): CpuMeter {
  return () => {
    const { user, system } = process.cpuUsage()
    let anvil = 0
    try {
      // /proc/<pid>/stat: utime and stime are fields 14 and 15, in clock ticks (100 per second on Linux).
      const fields = readFileSync(`/proc/${anvilPid}/stat`, 'utf8').split(') ')[1].split(' ')
      anvil = (Number(fields[11]) + Number(fields[12])) / 100
    } catch {
      anvil = 0
    }
    return { lab: (user + system) / 1e6, anvil }
  }
}

const key = (trader: string, marketId: bigint) => `${trader.toLowerCase()}:${marketId}`

/** Tier fields a policy sets through the timelock before the replay (they ramp in over the warm-up). */
type TierTargets = Record<string, { mmBase?: number; mmMax: number }>

async function runPolicy(ops: Ops, deployment: Deployment, lab: Lab, params: LabParams, label: string, margins: Record<string, number> | null, targets: TierTargets | null, cpu: CpuMeter): Promise<PolicyResult> {
  const started = Date.now()
  const cpuStart = cpu()
  const c = lab.contracts
  const { client } = ops
  const read = <T>(address: Address, abi: Abi, functionName: string, args: unknown[] = [], blockNumber?: bigint) =>
    client.readContract({ address, abi, functionName, args, blockNumber } as never) as Promise<T>
  const keeper = devnetAccount(DEVNET_ROLES.keeper).address as Address
  const keeperAccount = { address: keeper, type: 'json-rpc' } as never
  const traders = lab.traders.map((x) => ({ ...x }))
  const byKey = new Map(traders.map((x) => [key(x.address, x.marketId), x]))
  const rng: Rng = createRng(params.seed * 7919 + 17)

  const chainTime = (fileTime: number) => fileTime + lab.offset
  const firstTick = lab.ticks[0]
  // The policy's tier targets, through the timelock (RiskConfig's owner on the devnet), voted
  // exactly `warmupSeconds` before the warm-up tick (chain time pinned, so the ramp's length does
  // not depend on how long the setup took in wall time).
  if (targets) {
    const timelock = c.Timelock
    await ops.rpc('anvil_setBalance', [timelock, toHex(10n ** 21n)])
    const calls: Parameters<Ops['batch']>[0] = []
    for (const [tier, target] of Object.entries(targets)) {
      const current = await read<Record<string, bigint>>(c.RiskConfig, riskConfigAbi, 'tier', [BigInt(tier)])
      const next = { ...current, ...(target.mmBase !== undefined ? { mmBase: toWad(target.mmBase) } : {}), mmMax: toWad(target.mmMax) }
      calls.push({ from: timelock, to: c.RiskConfig, data: call(riskConfigAbi, 'setTier', [BigInt(tier), next]), gas: 2_000_000n, label: `setTier ${tier}` })
    }
    const hashes = await ops.batch(calls, chainTime(firstTick - WARMUP_TICK_LEAD) - params.warmupSeconds)
    for (const [i, hash] of hashes.entries()) await ops.receiptOk(hash, calls[i].label)
  }
  const prices = new Map(lab.allMarkets.map((m) => [m.id, m.price]))
  const lastAnswer = new Map<Address, bigint>()

  /**
   * One oracle tick at file time `time`, in one block: the replayed markets' sources report (or
   * not: outage), then `updateMany`. The other markets' prices do not move; their sources report
   * again only when their last report is 240 s old, so their oracle stays fresh (maxAge 600 s,
   * ticks at most maxStepSeconds = 300 s apart) without nine transactions and three market updates
   * every tick (profiled: the oracle tick was the larger part of a tick's wall time).
   */
  const refreshedAt = new Map<bigint, number>()
  async function tick(time: number) {
    const answers = lab.allMarkets.flatMap((m) => {
      const replayed = lab.markets.find((x) => x.id === m.id)
      if (!replayed && time - (refreshedAt.get(m.id) ?? -Infinity) < 240) return []
      if (!replayed) refreshedAt.set(m.id, time)
      const values = replayed ? sourceAnswers(replayed.path, time, m.sources.length, params.sources, rng) : m.sources.map(() => prices.get(m.id)!)
      if (replayed) prices.set(m.id, priceAt(replayed.path, time))
      return [{ m, values }]
    })
    const calls: Parameters<Ops['batch']>[0] = []
    for (const { m, values } of answers)
      values.forEach((v, i) => {
        if (v === null) return
        const answer = BigInt(Math.round(v * 10 ** SOURCE_DECIMALS))
        lastAnswer.set(m.sources[i], answer)
        calls.push({ from: feeder, to: m.sources[i], data: call(devnetPriceSourceAbi, 'updateAnswer', [answer]), gas: 200_000n, label: 'source' })
      })
    calls.push({ from: feeder, to: c.OracleAggregator, data: call(oracleAggregatorAbi, 'updateMany', [answers.map(({ m }) => m.id)]), gas: 3_000_000n, label: 'updateMany', last: true })
    const hashes = await ops.batch(calls, chainTime(time))
    await ops.receiptOk(hashes[hashes.length - 1], 'updateMany')
  }

  // Warm-up: the static margin's ramp runs in it; a tick just before the first bar makes the oracle fresh.
  await tick(firstTick - WARMUP_TICK_LEAD)
  for (const [tier, target] of Object.entries(targets ?? {})) {
    const inForce = await read<{ mmBase: bigint; mmMax: bigint }>(c.RiskConfig, riskConfigAbi, 'tier', [BigInt(tier)])
    for (const field of ['mmBase', 'mmMax'] as const)
      if (target[field] !== undefined && Math.abs(fromWad(inForce[field]) - target[field]!) > 1e-9)
        throw new Error(`the policy's ${field} ${target[field]} has not ramped in after the ${params.warmupSeconds} s warm-up (in force ${fromWad(inForce[field])}): a longer --warmup`)
  }

  const settler = createRequestSettler({
    client,
    wallet: createWalletClient({ chain: foundry, transport: ops.transport, account: keeper }),
    account: keeperAccount,
    deployment,
    log: createLogger('replay-settle', () => {}),
    batchSize: 50,
    readBatch: 100,
    updateOracle: false,
  })
  const follower = createPositionFollower({
    reads: keeperReads(client, deployment, { readBatch: 100 }),
    // the open set from the logs since the deploy (the engine keeps no list of positions)
    deployBlock: BigInt(deployment.deployBlock),
    log: createLogger('replay-follow', () => {}),
    // health read only near a liquidation price, all of it every 20 blocks (as keeper.ts)
    band: DEFAULT_BAND,
  })
  const liquidations = createLiquidationSender({
    client,
    wallet: createWalletClient({ chain: foundry, transport: ops.transport, account: keeper }),
    account: keeperAccount,
    liquidationEngine: c.LiquidationEngine,
    log: createLogger('replay-liquidate', () => {}),
    maxBatch: 200,
  })
  let pending: PendingRequests | null = null
  let lastBlock = await client.getBlockNumber()

  const fundState = async () => {
    const [buffer, staked, totals, pool, vault] = await Promise.all([
      read<bigint>(c.InsuranceFund, insuranceFundAbi, 'buffer'),
      read<bigint>(c.StakingVault, stakingVaultAbi, 'stakedBalance'),
      read<Record<string, bigint>>(c.InsuranceFund, insuranceFundAbi, 'waterfallTotals'),
      read<bigint>(c.LiquidityPool, liquidityPoolAbi, 'convertToAssets', [lab.tokenScale.pool]),
      read<bigint>(c.StakingVault, stakingVaultAbi, 'convertToAssets', [lab.tokenScale.vault]),
    ])
    return { fund: fromUsd(buffer + staked), totals, lpShare: fromUsd(pool), stakerShare: fromUsd(vault) }
  }
  const before = await fundState()
  const totalsBefore = before.totals
  const accounted = ACCOUNTED.filter((name) => c[name] !== undefined).map((name) => ({ name, address: c[name] as Address }))
  const balances = () => Promise.all(accounted.map((a) => read<bigint>(c.SettlementToken, testUsdAbi, 'balanceOf', [a.address])))
  const startBlock = await client.getBlockNumber()
  const balancesStart = await balances()
  const supplyStart = await read<bigint>(c.SettlementToken, testUsdAbi, 'totalSupply')

  const counts = { liquidations: 0, notional: 0, ordersExecuted: 0, ordersCancelled: 0, toppedUp: 0, closeRequests: 0, crashOpens: 0 }
  const liquidated = new Set<string>()
  const firstSeen = new Map<string, bigint>()
  let worstLag = 0n
  let fundMin = before.fund
  let fundPeak = before.fund
  let worstDrawdown = 0
  const marginSum = lab.markets.map(() => 0)
  const marginMax = lab.markets.map(() => 0)
  const series: SeriesPoint[] = []
  const every = Math.max(1, Math.ceil(lab.ticks.length / params.seriesPoints))
  let lastPositions: TrackedPosition[] = []

  async function keeperStep() {
    const block = await client.getBlockNumber()
    if (block <= lastBlock) return
    // Requests and positions are read in parallel (both at `block`); the settle pass goes first, as in keeper.ts.
    const [events, positions, auctionBefore] = await Promise.all([
      pending === null ? null : settler.reads.requestEvents(lastBlock + 1n, block),
      follower.update(lastBlock + 1n, block),
      read<{ active: boolean; remainingDeficit: bigint; roundStart: bigint; priceNow: bigint }>(c.DebtAuction, debtAuctionAbi, 'auctionState', [], block),
    ])
    pending = pending === null ? await settler.reads.rebuild(block) : applyRequestEvents(pending, events!)
    const settled = await settler.settle(pending, block)
    counts.ordersExecuted += settled.ordersExecuted
    counts.ordersCancelled += settled.ordersCancelled
    lastBlock = block
    // A keeper's lag counts from the first block of an unbroken liquidatable stretch: a position the
    // follower predicted liquidatable (its liquidation price reached) that its next read finds
    // healthy (the margin or funding moved the price away; the keeper's send was skipped), or that
    // recovered, or that closed, starts again from its next liquidatable sighting.
    const present = new Set<string>()
    for (const p of positions) {
      const k = key(p.trader, p.marketId)
      present.add(k)
      if (!p.liquidatable) firstSeen.delete(k)
      else if (!firstSeen.has(k)) firstSeen.set(k, block)
    }
    for (const k of firstSeen.keys()) if (!present.has(k)) firstSeen.delete(k)
    // The keeper's liquidation pass (keeper.ts, scripts/keeper/liquidationSender.ts): batches sized
    // from the block gas limit, sent without waiting; on this automining chain each is mined at once,
    // and its receipt is collected here before the step ends (the lab's steps are deterministic).
    const liquidationsBefore = counts.liquidations
    await liquidations.submit(positions, block)
    for (let attempt = 0; liquidations.inFlight() > 0; attempt++) {
      // Automine: every sent batch is mined at once; a receipt still missing after this long is a node fault.
      if (attempt > 1000) throw new Error(`${liquidations.inFlight()} liquidation batches not mined on an automining chain`)
      if (attempt > 0) await new Promise((r) => setTimeout(r, 20))
      for (const o of await liquidations.collect(await client.getBlockNumber())) {
        if (o.status !== 'success') continue
        for (const e of o.liquidated) {
          const k = key(e.trader, e.marketId)
          counts.liquidations++
          counts.notional += fromWad(e.closedSize) * prices.get(e.marketId)!
          liquidated.add(k)
          const seen = firstSeen.get(k)
          if (seen !== undefined && o.blockNumber - seen > worstLag) worstLag = o.blockNumber - seen
          firstSeen.delete(k)
        }
      }
    }
    // The debt auction: restart an unfilled round, bid at or under the bidder's valuation. Its state
    // was read with the positions; read again when this step liquidated (bad debt adds deficit).
    const state = counts.liquidations > liquidationsBefore ? await read<typeof auctionBefore>(c.DebtAuction, debtAuctionAbi, 'auctionState') : auctionBefore
    if (!state.active && state.remainingDeficit > 0n && state.roundStart > 0n) await ops.receiptOk(await ops.send(keeper, c.DebtAuction, call(debtAuctionAbi, 'restart')), 'restart')
    if (params.bidderRptValue !== null && state.active) {
      const balance = await read<bigint>(c.SettlementToken, testUsdAbi, 'balanceOf', [keeper])
      const bid = auctionBid(state, toWad(params.bidderRptValue), 6, balance)
      if (bid) await ops.receiptOk(await ops.send(keeper, c.DebtAuction, call(debtAuctionAbi, 'bid', [bid.payment, bid.maxPrice])), 'bid')
    }
    lastPositions = positions
  }

  /** The traders' reactions: top up or close when health falls; crash openers open at their time. */
  async function agentsStep(time: number) {
    const calls: Parameters<Ops['batch']>[0] = []
    const now = chainTime(time)
    for (const p of lastPositions) {
      const x = byKey.get(key(p.trader, p.marketId))
      if (!x || p.liquidatable) continue
      const health = fromWad(p.health)
      if (x.behaviour === 'topUp' && health < 1.3 && x.topUps < 2) {
        x.topUps++
        counts.toppedUp++
        calls.push({ from: x.address, to: c.PerpEngine, data: call(perpEngineAbi, 'addCollateral', [x.marketId, x.collateral / 2n]), gas: 1_000_000n, label: 'top up' })
      } else if (x.behaviour === 'close' && health < 1.2 && !x.closeRequested) {
        x.closeRequested = true
        counts.closeRequests++
        const price = prices.get(x.marketId)!
        calls.push({ from: x.address, to: c.OrderRouter, data: call(orderRouterAbi, 'requestClose', [x.marketId, x.side === 1 ? 1n : toWad(price * 2), BigInt(now + 540)]), gas: 1_000_000n, label: 'close' })
      }
    }
    for (const x of traders)
      if (x.opensAt !== null && !x.opened && x.opensAt <= time) {
        x.opened = true
        counts.crashOpens++
        calls.push({ from: x.address, to: c.OrderRouter, data: openCall(x, prices.get(x.marketId)!, now + 540), gas: 1_500_000n, label: 'crash open' })
      }
    // Reverts are the traders' problem (a top-up of a position liquidated in the same block, a guarded market): not checked.
    if (calls.length > 0) await ops.batch(calls)
  }

  // Where the wall time goes (REPLAY_TIMING=1 prints it per policy): oracle tick, keeper, agents, the lab's own reads.
  const timing = { tick: 0, keeper: 0, agents: 0, reads: 0 }
  const timed = async <T>(part: keyof typeof timing, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now()
    try {
      return await run()
    } finally {
      timing[part] += performance.now() - t0
    }
  }
  for (let i = 0; i < lab.ticks.length; i++) {
    const time = lab.ticks[i]
    await timed('tick', () => tick(time))
    if (i % params.keeperEvery === 0) await timed('keeper', keeperStep)
    await timed('agents', () => agentsStep(time))
    const t0 = performance.now()
    const margin = await Promise.all(lab.markets.map((m) => read<readonly [bigint, bigint, bigint]>(c.OracleAggregator, oracleAggregatorAbi, 'margin', [m.id])))
    const dt = i + 1 < lab.ticks.length ? lab.ticks[i + 1] - time : 0
    margin.forEach(([current], k) => {
      marginSum[k] += fromWad(current) * dt
      marginMax[k] = Math.max(marginMax[k], fromWad(current))
    })
    if (i % every === 0 || i === lab.ticks.length - 1 || i % 20 === 0) {
      const s = await fundState()
      fundMin = Math.min(fundMin, s.fund)
      fundPeak = Math.max(fundPeak, s.fund)
      worstDrawdown = Math.max(worstDrawdown, fundPeak - s.fund)
      if (i % every === 0 || i === lab.ticks.length - 1)
        series.push({
          t: time,
          price: lab.markets.map((m) => Math.round(prices.get(m.id)! * 1e4) / 1e4),
          margin: margin.map(([current]) => fromWad(current)),
          fund: Math.round(s.fund * 100) / 100,
          badDebt: Math.round(fromUsd(s.totals.badDebt - totalsBefore.badDebt) * 100) / 100,
          liquidations: counts.liquidations,
          lpSharePrice: s.lpShare,
        })
    }
    timing.reads += performance.now() - t0
    if (process.env.REPLAY_TIMING && (i + 1) % 200 === 0) {
      const used = cpu()
      process.stderr.write(`\n  tick ${i + 1} block ${lastBlock}: CPU s lab ${(used.lab - cpuStart.lab).toFixed(1)}, anvil ${(used.anvil - cpuStart.anvil).toFixed(1)}\n`)
    }
    params.onProgress?.({ policy: label, tick: i + 1, ticks: lab.ticks.length })
  }
  if (process.env.REPLAY_TIMING) {
    const used = cpu()
    const ms = Object.fromEntries(Object.entries(timing).map(([k, v]) => [k, Math.round(v)]))
    process.stderr.write(`\ntiming ${label}: ${JSON.stringify(ms)} ms over ${lab.ticks.length} ticks; CPU s: lab ${(used.lab - cpuStart.lab).toFixed(1)}, anvil ${(used.anvil - cpuStart.anvil).toFixed(1)}\n`)
  }
  // A last keeper pass after the last tick (the window's end).
  await keeperStep()
  const after = await fundState()
  const endBlock = await client.getBlockNumber()
  const balancesEnd = await balances()
  const supplyEnd = await read<bigint>(c.SettlementToken, testUsdAbi, 'totalSupply')
  const transfers = await client.getContractEvents({ address: c.SettlementToken, abi: testUsdAbi, eventName: 'Transfer', fromBlock: startBlock + 1n, toBlock: endBlock } as never)
  const flowIn = accounted.map(() => 0n)
  const flowOut = accounted.map(() => 0n)
  let minted = 0n
  let burned = 0n
  const zero = '0x0000000000000000000000000000000000000000'
  for (const e of transfers as unknown as { args: { from: Address; to: Address; value: bigint } }[]) {
    const { from, to, value } = e.args
    if (from.toLowerCase() === zero) minted += value
    if (to.toLowerCase() === zero) burned += value
    accounted.forEach((a, k) => {
      if (to.toLowerCase() === a.address.toLowerCase()) flowIn[k] += value
      if (from.toLowerCase() === a.address.toLowerCase()) flowOut[k] += value
    })
  }
  const accounting: Accounting = {
    contracts: accounted.map((a, k) => ({ contract: a.name, start: fromUsd(balancesStart[k]), in: fromUsd(flowIn[k]), out: fromUsd(flowOut[k]), end: fromUsd(balancesEnd[k]) })),
    supply: { start: fromUsd(supplyStart), minted: fromUsd(minted), burned: fromUsd(burned), end: fromUsd(supplyEnd) },
  }
  fundMin = Math.min(fundMin, after.fund)
  worstDrawdown = Math.max(worstDrawdown, fundPeak - after.fund)
  const d = (k: string) => fromUsd(after.totals[k] - totalsBefore[k])
  const span = lab.ticks[lab.ticks.length - 1] - lab.ticks[0]
  return {
    policy: label,
    staticMargin: margins,
    liquidations: counts.liquidations,
    liquidatedNotional: Math.round(counts.notional * 100) / 100,
    badDebt: d('badDebt'),
    coveredByBuffer: d('coveredByBuffer'),
    coveredByStakers: d('coveredByStakers'),
    coveredByAuction: d('coveredByAuction'),
    coveredBeforeSocialising: d('coveredBeforeSocialising'),
    socialised: d('socialised'),
    outstanding: d('outstanding'),
    keeperRewards: d('keeperRewards'),
    fundStart: before.fund,
    fundMin,
    worstFundDrawdown: Math.round(worstDrawdown * 100) / 100,
    worstFundDrawdownFraction: fundPeak > 0 ? worstDrawdown / fundPeak : 0,
    lpSharePriceBefore: before.lpShare,
    lpSharePriceAfter: after.lpShare,
    stakerSharePriceBefore: before.stakerShare,
    stakerSharePriceAfter: after.stakerShare,
    worstKeeperLagBlocks: Number(worstLag),
    liquidatableAtEnd: lastPositions.filter((p) => p.liquidatable).length,
    averageMargin: marginSum.map((s) => (span > 0 ? s / span : 0)),
    maxMargin: marginMax,
    ordersExecuted: counts.ordersExecuted,
    ordersCancelled: counts.ordersCancelled,
    toppedUp: counts.toppedUp,
    closeRequests: counts.closeRequests,
    crashOpens: counts.crashOpens,
    liquidatedPositions: [...liquidated].sort(),
    ticks: lab.ticks.length,
    blocks: Number(lastBlock),
    seconds: (Date.now() - started) / 1000,
    accounting,
    series,
  }
}

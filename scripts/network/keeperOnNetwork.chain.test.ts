/**
 * The keeper on a network deployment (issue 17): a second anvil with chain id 31338 deployed through
 * the live path from `networks/local-l2.json` (its mocks first), the keeper started with
 * `--network local-l2` and its key from KEEPER_PRIVATE_KEY only. It fills an LP deposit and a
 * trade order there (the test pushes the mock sources, as the feeder's tick would), and after a
 * crash in steps liquidates the position, on that chain. Without the key it refuses to start.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { execFile } from 'node:child_process'
import { createPublicClient, createWalletClient, http, maxUint256, type Address, type PublicClient } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { devnetPriceSourceAbi, iLiquidityPoolAbi, iOracleAggregatorAbi, iOrderRouterAbi, iPerpLensAbi, liquidationEngineAbi, testUsdAbi } from '../../lib/contracts/generated'
import { parseDeployment } from '../../lib/config/deployment'
import type { Deployment } from '../../lib/config/types'
import { devnetAccount } from '../devnet/accounts'
import { ROOT, setIntervalMining, startAnvil } from '../devnet/devnet'
import { ProcessGroup } from '../devnet/processes'
import { testPort } from '../devnet/testPorts'
import { typescriptEntry } from '../devnet/typescriptEntry'
import { deployNetwork, deploymentPath } from '../deploy/deployNetwork'
import { deployLocalMocks, MOCK_DEPLOYER_INDEX } from '../deploy/localMocks'
import { parseNetworkFile } from '../deploy/networkFile'
import { tickCalls } from '../feeder/chain'

const PORT = testPort(8582, 13)
const STATUS_PORT = testPort(8583, 14)
const CHAIN_ID = 31338
const ETH = 0n
const KEEPER = devnetAccount(5)
const LP = devnetAccount(6).address
const TRADER = devnetAccount(7).address
/** The mocks' updater (scripts/deploy/localMocks.ts): the feeder's account on this chain. */
const FEEDER = devnetAccount(MOCK_DEPLOYER_INDEX).address

const group = new ProcessGroup()
let rpcUrl: string
let client: PublicClient
let deployment: Deployment
let keeper: ChildProcess
const keeperLog: string[] = []

const wallet = () => createWalletClient({ transport: http(rpcUrl) })
async function send(from: Address, request: Record<string, unknown>) {
  const hash = await wallet().writeContract({ ...request, account: from, chain: null, gas: 3_000_000n } as never)
  const receipt = await client.waitForTransactionReceipt({ hash })
  expect(receipt.status).toBe('success')
  return receipt
}

/** The feeder's tick on this chain: every source reports (its answer × factor for `moved`), the oracle accepts. */
async function tick(moved: { marketId: bigint; factor: number } | null = null) {
  const oracle = deployment.contracts.OracleAggregator
  const markets = await Promise.all(
    Object.values(deployment.markets).map(async (id) => {
      const marketId = BigInt(id)
      const sources = await client.readContract({ address: oracle, abi: iOracleAggregatorAbi, functionName: 'getSources', args: [marketId] })
      const answers = await Promise.all(
        sources.map(async (source) => {
          const [, answer] = await client.readContract({ address: source, abi: devnetPriceSourceAbi, functionName: 'latestRoundData' })
          return moved?.marketId === marketId ? (answer * BigInt(Math.round(moved.factor * 1e6))) / 1_000_000n : answer
        }),
      )
      return { marketId, sources, answers }
    }),
  )
  for (const call of tickCalls(oracle, markets)) {
    const receipt = await client.waitForTransactionReceipt({ hash: await wallet().sendTransaction({ ...call, account: FEEDER, chain: null }) })
    expect(receipt.status).toBe('success')
  }
}

const KEEPER_ENTRY = join(ROOT, 'scripts', 'keeper.ts')
const keeperArgs = ['--network', 'local-l2']
const keeperEnv = { ...process.env, NETWORK_RPC_URLS: '', KEEPER_STATUS_PORT: String(STATUS_PORT), KEEPER_POLL_MS: '200', RAMPART_RPC_URL: 'http://127.0.0.1:1' }

beforeAll(async () => {
  rpcUrl = await startAnvil(group, { port: PORT, blockTime: 0, chainId: CHAIN_ID })
  keeperEnv.NETWORK_RPC_URLS = rpcUrl
  const network = parseNetworkFile(readFileSync(join(ROOT, 'networks', 'local-l2.json'), 'utf8'), 'local-l2.json')
  network.rpcUrls = [rpcUrl]
  client = createPublicClient({ transport: http(rpcUrl), pollingInterval: 100 }) as PublicClient
  await deployLocalMocks(client, rpcUrl, network, { 'ETH-USD': 3000, 'BTC-USD': 60_000 })
  rmSync(deploymentPath(CHAIN_ID), { force: true })
  deployment = parseDeployment((await deployNetwork(network, { privateKey: devnetAccount(0).privateKey as `0x${string}` })).deployment, CHAIN_ID)
  await tick()
  await setIntervalMining(rpcUrl, 1)
  keeper = spawn(...typescriptEntry(KEEPER_ENTRY, keeperArgs), {
    cwd: ROOT,
    env: { ...keeperEnv, KEEPER_PRIVATE_KEY: KEEPER.privateKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  keeper.stdout!.on('data', (chunk) => keeperLog.push(...chunk.toString().split('\n').filter(Boolean)))
  keeper.stderr!.on('data', (chunk) => keeperLog.push(chunk.toString()))
}, 300_000)

afterAll(async () => {
  if (process.env.PRINT_KEEPER_LOG) console.log(keeperLog.join('\n'))
  keeper?.kill('SIGTERM')
  await group.stop()
  rmSync(deploymentPath(CHAIN_ID), { force: true })
})

it('refuses to start on a network without KEEPER_PRIVATE_KEY', async () => {
  const run = promisify(execFile)(...typescriptEntry(KEEPER_ENTRY, keeperArgs), { cwd: ROOT, env: { ...keeperEnv, KEEPER_PRIVATE_KEY: '', KEEPER_STATUS_PORT: '1' } })
  const failure = await run.then(() => null, (e: { code: number; stdout: string; stderr: string }) => e)
  expect(failure?.code).toBe(1)
  expect(`${failure?.stdout}${failure?.stderr}`).toMatch(/keeper on local-l2: set KEEPER_PRIVATE_KEY/)
}, 60_000)

it('fills requests and liquidates on the local-l2 deployment, with the key from the environment', async () => {
  await expect.poll(() => keeperLog.some((line) => line.includes('"event":"started"') && line.includes(`"chainId":${CHAIN_ID}`)), { timeout: 60_000 }).toBe(true)
  const usd = { address: deployment.contracts.SettlementToken, abi: testUsdAbi } as const
  const pool = { address: deployment.contracts.LiquidityPool, abi: iLiquidityPoolAbi } as const
  const router = { address: deployment.contracts.OrderRouter, abi: iOrderRouterAbi } as const
  const expiry = async () => (await client.getBlock()).timestamp + 300n

  // The pool's first liquidity: 10,000 tUSD from the mock token's faucet, a deposit request the keeper fills.
  await send(LP, { ...usd, functionName: 'faucet' })
  await send(LP, { ...usd, functionName: 'approve', args: [pool.address, maxUint256] })
  await send(LP, { ...pool, functionName: 'requestDeposit', args: [9_000_000_000n, 0n, await expiry()] })
  await tick()
  await expect.poll(async () => (await client.readContract({ ...pool, functionName: 'poolValue' })).value, { timeout: 20_000, interval: 500 }).toBeGreaterThan(0n)

  // A ~8.6x ETH long (1 ETH at 3,000 with 350 tUSD: under the open-interest cap of half the pool), filled by the keeper at the next tick.
  await send(TRADER, { ...usd, functionName: 'faucet' })
  await send(TRADER, { ...usd, functionName: 'approve', args: [router.address, maxUint256] })
  await send(TRADER, { ...router, functionName: 'requestOpen', args: [ETH, 10n ** 18n, 350_000_000n, 6000n * 10n ** 18n, await expiry()] })
  await tick()
  const position = () => client.readContract({ address: deployment.contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getPosition', args: [TRADER, ETH] })
  await expect.poll(async () => (await position()).size, { timeout: 20_000, interval: 500 }).toBe(10n ** 18n)

  // A crash in steps under the oracle's jump limit (10 %): ETH −14 %.
  const crashStart = await client.getBlockNumber()
  for (let i = 0; i < 3; i++) await tick({ marketId: ETH, factor: 0.95 })
  await expect.poll(async () => (await position()).size, { timeout: 30_000, interval: 500 }).toBeLessThan(10n ** 18n)
  const liquidated = await client.getContractEvents({
    address: deployment.contracts.LiquidationEngine,
    abi: liquidationEngineAbi,
    eventName: 'Liquidated',
    args: { trader: TRADER, marketId: ETH },
    fromBlock: crashStart,
  })
  expect(liquidated.length).toBeGreaterThan(0)
  expect(liquidated[0].args.liquidator).toBe(KEEPER.address)
  await expect.poll(async () => (await (await fetch(`http://127.0.0.1:${STATUS_PORT}/status`)).json()).liquidated, { timeout: 15_000, interval: 250 }).toBeGreaterThanOrEqual(1)
}, 180_000)

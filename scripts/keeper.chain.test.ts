/**
 * The keeper against a devnet: after a price crash, it liquidates the seeded positions that fell
 * under maintenance margin within a few blocks, logs it, reports it on its status port, and the
 * chain has the Liquidated events.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { liquidationEngineAbi, perpEngineAbi } from '../lib/contracts/generated'
import { devnetAccount } from './devnet/accounts'
import { ROOT } from './devnet/devnet'
import { movePrice } from './devnet/movePrice'
import { startTestChain } from './devnet/testChain'

const PORT = 8550
const STATUS_PORT = 8551
const ETH = 0n
let chain: Awaited<ReturnType<typeof startTestChain>>
let keeper: ChildProcess
const keeperLog: string[] = []

beforeAll(async () => {
  chain = await startTestChain(PORT, { blockTime: 1 })
  keeper = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'keeper.ts')], {
    cwd: ROOT,
    env: { ...process.env, RAMPART_RPC_URL: chain.rpcUrl, KEEPER_STATUS_PORT: String(STATUS_PORT), KEEPER_POLL_MS: '200' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  keeper.stdout!.on('data', (chunk) => keeperLog.push(...chunk.toString().split('\n').filter(Boolean)))
  keeper.stderr!.on('data', (chunk) => keeperLog.push(chunk.toString()))
}, 120_000)

afterAll(async () => {
  keeper?.kill('SIGTERM')
  await chain?.stop()
})

it('liquidates the seeded positions a crash puts under water, within a few blocks', async () => {
  const trader = devnetAccount(2).address // seeded ~10x ETH long
  const read = () =>
    chain.publicClient.readContract({ address: chain.deployment.contracts.PerpEngine, abi: perpEngineAbi, functionName: 'getPosition', args: [trader, ETH] })
  const before = await read()
  expect(before.size).toBeGreaterThan(0n)
  await expect.poll(() => keeperLog.some((line) => line.includes('"event":"started"')), { timeout: 30_000 }).toBe(true)

  // A crash in steps the oracle accepts (each under its circuit breaker): ETH −14 %. The keeper may
  // act between the steps, as soon as the position is under water.
  const wallet = chain.walletFor(0)
  const crashStart = await chain.publicClient.getBlockNumber()
  for (const factor of [0.95, 0.95, 0.95]) await movePrice({ publicClient: chain.publicClient, walletClient: wallet }, chain.deployment, ETH, factor)
  const crashEnd = await chain.publicClient.getBlockNumber()

  await expect.poll(async () => (await read()).size, { timeout: 30_000, interval: 500 }).toBeLessThan(before.size)
  const events = await chain.publicClient.getContractEvents({
    address: chain.deployment.contracts.LiquidationEngine,
    abi: liquidationEngineAbi,
    eventName: 'Liquidated',
    args: { trader, marketId: ETH },
    fromBlock: crashStart,
  })
  expect(events.length).toBeGreaterThan(0)
  expect(events[0].blockNumber).toBeLessThanOrEqual(crashEnd + 5n)
  expect(keeperLog.some((line) => line.includes('"event":"liquidated"') && line.includes(trader))).toBe(true)
  const status = (await (await fetch(`http://127.0.0.1:${STATUS_PORT}/status`)).json()) as { liquidated: number; positionsTracked: number }
  expect(status.liquidated).toBeGreaterThanOrEqual(1)
  expect(status.positionsTracked).toBeGreaterThan(0)
}, 90_000)

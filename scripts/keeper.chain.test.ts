/**
 * The keeper against a devnet. It follows positions opened and closed after it started by their
 * events alone (no resync of the paged view runs in this file), and after a price crash it
 * liquidates the seeded positions that fell under maintenance margin within a few blocks, logs
 * it, reports it on its status port, and the chain has the Liquidated events.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { liquidationEngineAbi, perpEngineAbi } from '../lib/contracts/generated'
import type { KeeperStatus } from './keeper/plan'
import { devnetAccount } from './devnet/accounts'
import { ROOT } from './devnet/devnet'
import { movePrice } from './devnet/movePrice'
import { startTestChain } from './devnet/testChain'

const PORT = 8550
const STATUS_PORT = 8551
const ETH = 0n
const SOL = 2n
let chain: Awaited<ReturnType<typeof startTestChain>>
let keeper: ChildProcess
const keeperLog: string[] = []

beforeAll(async () => {
  chain = await startTestChain(PORT, { blockTime: 1 })
  keeper = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'keeper.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      RAMPART_RPC_URL: chain.rpcUrl,
      KEEPER_STATUS_PORT: String(STATUS_PORT),
      KEEPER_POLL_MS: '200',
      // No periodic resync: only the start's read of the paged view and the events can explain what it tracks.
      KEEPER_RESYNC_BLOCKS: '1000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  keeper.stdout!.on('data', (chunk) => keeperLog.push(...chunk.toString().split('\n').filter(Boolean)))
  keeper.stderr!.on('data', (chunk) => keeperLog.push(chunk.toString()))
}, 120_000)

const status = async () => (await (await fetch(`http://127.0.0.1:${STATUS_PORT}/status`)).json()) as KeeperStatus
const engine = () => ({ address: chain.deployment.contracts.PerpEngine, abi: perpEngineAbi }) as const

afterAll(async () => {
  keeper?.kill('SIGTERM')
  await chain?.stop()
})

it('tracks a position opened after it started, and its close, from the events', async () => {
  await expect.poll(async () => (await status().catch(() => null))?.lastBlock ?? null, { timeout: 30_000 }).not.toBeNull()
  const before = await status()
  expect(before.positionsTracked).toBe(Number(await chain.publicClient.readContract({ ...engine(), functionName: 'openPositionCount' })))
  expect(before.lastResyncBlock).toMatch(/^\d+$/)

  // Demo trader 2 (tUSD approved to the engine by the deploy) has no SOL position.
  const wallet = chain.walletFor(2)
  const mined = async (hash: `0x${string}`) => expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success')
  // Explicit gas: anvil estimates against the last block, and a close mined a second later (funding
  // accrues with block time) was seen to run out of the estimate.
  const gas = 1_000_000n
  await mined(await wallet.writeContract({ ...engine(), functionName: 'open', args: [SOL, 10n * 10n ** 18n, 500_000_000n], gas }))
  await expect.poll(async () => (await status()).positionsTracked, { timeout: 10_000, interval: 250 }).toBe(before.positionsTracked + 1)

  await mined(await wallet.writeContract({ ...engine(), functionName: 'close', args: [SOL], gas }))
  await expect.poll(async () => (await status()).positionsTracked, { timeout: 10_000, interval: 250 }).toBe(before.positionsTracked)
  expect((await status()).lastResyncBlock).toBe(before.lastResyncBlock)
  expect(keeperLog.some((line) => line.includes('"event":"positions changed"'))).toBe(true)
}, 60_000)

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
  const after = await status()
  expect(after.liquidated).toBeGreaterThanOrEqual(1)
  // It counts what its transactions did (Liquidated events it caused), not what it simulated.
  const byKeeper = await chain.publicClient.getContractEvents({
    address: chain.deployment.contracts.LiquidationEngine,
    abi: liquidationEngineAbi,
    eventName: 'Liquidated',
    args: { liquidator: devnetAccount(5).address },
    fromBlock: 0n,
    toBlock: BigInt(after.lastLiquidationBlock!),
  })
  expect(after.liquidated).toBe(byKeeper.length)
  expect(after.lastLiquidationBlock).not.toBeNull()
  expect(after.positionsTracked).toBeGreaterThan(0)

  // Still following by events only, the keeper agrees with the engine on what is open, whether the
  // liquidation closed the position fully (Liquidated with full, no PositionClosed) or in part.
  await expect
    .poll(async () => {
      const { positionsTracked, lastBlock } = await status()
      const open = await chain.publicClient.readContract({ ...engine(), functionName: 'openPositionCount', blockNumber: BigInt(lastBlock!) })
      return positionsTracked - Number(open)
    }, { timeout: 10_000, interval: 500 })
    .toBe(0)
  expect((await status()).lastResyncBlock).toBe(after.lastResyncBlock)
  // …by the events, not by the safety net that drops a tracked position found closed.
  expect(keeperLog.filter((line) => line.includes('"level":"warn"') && !line.includes('"event":"retrying"'))).toEqual([])
}, 90_000)

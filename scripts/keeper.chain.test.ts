/**
 * The keeper against a devnet. It executes a two-step trade order and an LP deposit within two
 * blocks of the first observation that qualifies for them (the test pushes the sources, as the
 * feeder's next tick would), and counts them on its status. It follows positions opened and closed after it started by their
 * events alone (its one full scan of the logs is at start; the engine keeps no list), and after a price crash it
 * liquidates the seeded positions that fell under maintenance margin within a few blocks, logs
 * it, reports it on its status port, and the chain has the Liquidated events.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { parseEventLogs } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { iLiquidityPoolAbi, iOracleAggregatorAbi, iOrderRouterAbi, iPerpLensAbi, liquidationEngineAbi, liquidityPoolAbi, testUsdAbi } from '../lib/contracts/generated'
import type { KeeperStatus } from './keeper/plan'
import { devnetAccount } from './devnet/accounts'
import { ROOT } from './devnet/devnet'
import { movePrice, repushSources } from './devnet/movePrice'
import { devnetOpenPositions } from './devnet/openPositions'
import { startTestChain } from './devnet/testChain'
import { testPort } from './devnet/testPorts'
import { typescriptEntry } from './devnet/typescriptEntry'

const PORT = testPort(8550, 1)
const STATUS_PORT = testPort(8551, 2)
const ETH = 0n
const SOL = 2n
let chain: Awaited<ReturnType<typeof startTestChain>>
let keeper: ChildProcess
const keeperLog: string[] = []

beforeAll(async () => {
  chain = await startTestChain(PORT, { blockTime: 1 })
  keeper = spawn(...typescriptEntry(join(ROOT, 'scripts', 'keeper.ts')), {
    cwd: ROOT,
    env: {
      ...process.env,
      RAMPART_RPC_URL: chain.rpcUrl,
      KEEPER_STATUS_PORT: String(STATUS_PORT),
      KEEPER_POLL_MS: '200',
      // claim any credit at once, so the test sees the keeper take the fee of its execution
      KEEPER_CLAIM_THRESHOLD: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  keeper.stdout!.on('data', (chunk) => keeperLog.push(...chunk.toString().split('\n').filter(Boolean)))
  keeper.stderr!.on('data', (chunk) => keeperLog.push(chunk.toString()))
}, 120_000)

function parseLogs<A extends readonly unknown[]>(abi: A, logs: readonly unknown[], eventName: string) {
  return parseEventLogs({ abi: abi as never, logs: logs as never, eventName: eventName as never }).map((l) => (l as unknown as { args: Record<string, bigint> }).args)
}

/** The first log the read returns, polled (the keeper acts on its own schedule). */
async function pollEvent<L>(read: () => Promise<readonly L[]>): Promise<L> {
  let found: L | undefined
  await expect.poll(async () => (found = (await read())[0]) !== undefined, { timeout: 20_000, interval: 250 }).toBe(true)
  return found!
}

const status = async () => (await (await fetch(`http://127.0.0.1:${STATUS_PORT}/status`)).json()) as KeeperStatus
const lens = () => ({ address: chain.deployment.contracts.PerpLens, abi: iPerpLensAbi }) as const
const router = () => ({ address: chain.deployment.contracts.OrderRouter, abi: iOrderRouterAbi }) as const
const pool = () => ({ address: chain.deployment.contracts.LiquidityPool, abi: iLiquidityPoolAbi }) as const
/** Open positions on the chain at `blockNumber` (every devnet account × market: the whole truth here). */
const openOnChain = async (blockNumber?: bigint) => (await devnetOpenPositions(chain.publicClient, chain.deployment, blockNumber)).length
const mined = async (hash: `0x${string}`) => {
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash })
  expect(receipt.status).toBe('success')
  return receipt
}

afterAll(async () => {
  if (process.env.PRINT_KEEPER_LOG) console.log(keeperLog.join('\n'))
  keeper?.kill('SIGTERM')
  await chain?.stop()
})

it('executes a trade order and an LP deposit within two blocks of their first qualifying observation', async () => {
  await expect.poll(async () => (await status().catch(() => null))?.lastBlock ?? null, { timeout: 30_000 }).not.toBeNull()
  const start = await status()
  expect(start.pendingRequests).toBe(0) // the deploy's requests were settled by deployDevnet
  // Demo trader 3: a BTC long and a deposit, both requests escrowing tUSD (+ the execution fee).
  const wallet = chain.walletFor(3)
  const trader = devnetAccount(3).address
  const usd = { address: chain.deployment.contracts.SettlementToken, abi: testUsdAbi } as const
  const gas = 1_000_000n
  for (const spender of [router().address, pool().address])
    await mined(await wallet.writeContract({ ...usd, functionName: 'approve', args: [spender, 10n ** 30n], gas }))
  const { timestamp } = await chain.publicClient.getBlock()
  const expiry = timestamp + 300n
  const BTC = 1n
  const before = await chain.publicClient.readContract({ ...lens(), functionName: 'getPosition', args: [trader, BTC] })
  const accepted = await chain.publicClient.readContract({ address: chain.deployment.contracts.OracleAggregator, abi: iOracleAggregatorAbi, functionName: 'latest', args: [BTC] })
  // 0.01 BTC with 200 tUSD, any fill under twice today's price (requestIncrease takes the same arguments).
  const args = [BTC, 10n ** 16n, 200_000_000n, accepted.price * 2n, expiry] as const
  const open = await mined(await wallet.writeContract({ ...router(), functionName: before.size === 0n ? 'requestOpen' : 'requestIncrease', args, gas } as never))
  const deposit = await mined(await wallet.writeContract({ ...pool(), functionName: 'requestDeposit', args: [1_000_000_000n, 0n, expiry], gas }))
  const [orderRequested] = parseLogs(iOrderRouterAbi, open.logs, 'OrderRequested')
  const [lpRequested] = parseLogs(iLiquidityPoolAbi, deposit.logs, 'LpRequested')
  // Nothing qualifies yet: no source reported after the requests. The keeper waits (it may ask
  // the oracle to re-accept, which records nothing that qualifies).
  await expect.poll(async () => (await status()).pendingRequests, { timeout: 10_000, interval: 250 }).toBe(2)
  expect(await chain.publicClient.readContract({ ...router(), functionName: 'orderHash', args: [orderRequested.orderId] })).not.toMatch(/^0x0+$/)

  // The feeder's next tick: every source reports, the oracle accepts: the first qualifying observation.
  const observed = await repushSources({ publicClient: chain.publicClient, walletClient: chain.walletFor(0) }, chain.deployment)
  const executedOrder = await pollEvent(() =>
    chain.publicClient.getContractEvents({ ...router(), eventName: 'OrderExecuted', args: { orderId: orderRequested.orderId }, fromBlock: observed }),
  )
  const executedDeposit = await pollEvent(() =>
    chain.publicClient.getContractEvents({ ...pool(), eventName: 'LpRequestExecuted', args: { requestId: lpRequested.requestId }, fromBlock: observed }),
  )
  expect(executedOrder.blockNumber).toBeLessThanOrEqual(observed + 2n)
  expect(executedDeposit.blockNumber).toBeLessThanOrEqual(observed + 2n)
  expect(executedOrder.args.executor).toBe(devnetAccount(5).address)
  const after = await chain.publicClient.readContract({ ...lens(), functionName: 'getPosition', args: [trader, BTC] })
  expect(after.size).toBe(before.size + 10n ** 16n)
  expect(await chain.publicClient.readContract({ address: pool().address, abi: liquidityPoolAbi, functionName: 'balanceOf', args: [trader] })).toBeGreaterThan(0n)
  await expect
    .poll(async () => {
      const s = await status()
      return [s.ordersExecuted - start.ordersExecuted, s.lpExecuted - start.lpExecuted, s.pendingRequests]
    }, { timeout: 10_000, interval: 250 })
    .toEqual([1, 1, 0])
  // Executors are paid by credit: the router credited the fee, and the keeper claimed it.
  const keeperAccount = devnetAccount(5).address
  const claimed = await pollEvent(() =>
    chain.publicClient.getContractEvents({ ...router(), eventName: 'Claimed', args: { executor: keeperAccount }, fromBlock: executedOrder.blockNumber }),
  )
  const fee = await chain.publicClient.readContract({ ...router(), functionName: 'executionFee' })
  expect(claimed.args.amount).toBeGreaterThanOrEqual(fee)
  await expect.poll(async () => BigInt((await status()).feesClaimed), { timeout: 10_000, interval: 250 }).toBeGreaterThanOrEqual(claimed.args.amount!)
}, 90_000)

it('tracks a position opened after it started, and its close, from the events', async () => {
  await expect.poll(async () => (await status().catch(() => null))?.lastBlock ?? null, { timeout: 30_000 }).not.toBeNull()
  const before = await status()
  expect(before.positionsTracked).toBe(await openOnChain(BigInt(before.lastBlock!)))
  expect(before.lastScanBlock).toMatch(/^\d+$/)

  // Demo trader 2 has no SOL position. Two-step: the request, a tick of the sources, the keeper fills.
  const wallet = chain.walletFor(2)
  // Explicit gas: anvil estimates against the last block.
  const gas = 1_000_000n
  await mined(await wallet.writeContract({ address: chain.deployment.contracts.SettlementToken, abi: testUsdAbi, functionName: 'approve', args: [router().address, 10n ** 30n], gas }))
  const feeder = { publicClient: chain.publicClient, walletClient: chain.walletFor(0) }
  const sol = await chain.publicClient.readContract({ address: chain.deployment.contracts.OracleAggregator, abi: iOracleAggregatorAbi, functionName: 'latest', args: [SOL] })
  const expiry = (await chain.publicClient.getBlock()).timestamp + 300n
  await mined(await wallet.writeContract({ ...router(), functionName: 'requestOpen', args: [SOL, 10n * 10n ** 18n, 500_000_000n, sol.price * 2n, expiry], gas }))
  await repushSources(feeder, chain.deployment)
  await expect.poll(async () => (await status()).positionsTracked, { timeout: 10_000, interval: 250 }).toBe(before.positionsTracked + 1)

  await mined(await wallet.writeContract({ ...router(), functionName: 'requestClose', args: [SOL, 1n, expiry + 60n], gas }))
  await repushSources(feeder, chain.deployment)
  await expect.poll(async () => (await status()).positionsTracked, { timeout: 10_000, interval: 250 }).toBe(before.positionsTracked)
  expect((await status()).lastScanBlock).toBe(before.lastScanBlock)
  expect(keeperLog.some((line) => line.includes('"event":"positions changed"'))).toBe(true)
}, 60_000)

it('liquidates the seeded positions a crash puts under water, within a few blocks', async () => {
  const trader = devnetAccount(2).address // seeded ~10x ETH long
  const read = () =>
    chain.publicClient.readContract({ ...lens(), functionName: 'getPosition', args: [trader, ETH] })
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
  // The keeper logs and counts a liquidation once its receipt is back, which can be after the
  // position's size has changed on the chain (what the poll above saw).
  await expect
    .poll(() => keeperLog.some((line) => line.includes('"event":"liquidated"') && line.includes(trader)), { timeout: 15_000, interval: 250 })
    .toBe(true)
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
      return positionsTracked - (await openOnChain(BigInt(lastBlock!)))
    }, { timeout: 10_000, interval: 500 })
    .toBe(0)
  expect((await status()).lastScanBlock).toBe(after.lastScanBlock)
  // …by the events, not by the safety net that drops a tracked position found closed.
  expect(keeperLog.filter((line) => line.includes('"level":"warn"') && !line.includes('"event":"retrying"'))).toEqual([])
}, 90_000)

/**
 * Keeper throughput bench (issue 16): on its own anvil (port 8900 + offset, a fresh devnet deploy),
 * opens `--positions` positions (default 1,000) in ETH-USD and BTC-USD through the two-step router,
 * starts the real keeper (scripts/keeper.ts, a child process, with KEEPER_LOG_PASSES=1), waits until its
 * status has reached the head (past its start-up pass), mines a block a second and crashes
 * both markets by `--crash` (30 %) in oracle steps as large as the oracle accepts (just under its
 * `maxJump`), one step per block, and measures from the bench's own reads of every position at every
 * block: the first block each one is liquidatable in, the block the keeper liquidated it in, blocks
 * and wall time from the first crashing price to no liquidatable position, transactions per block
 * and gas per liquidation. Writes JSON (`--json out`).
 *
 *   npx tsx scripts/bench/keeperCrash.ts [--positions 1000] [--crash 0.3] [--port 8900] [--json out.json]
 *       [--keeper scripts/keeper.ts] (another keeper script, e.g. an older one, for a before/after)
 *       [--keeper-log file] (the keeper's output)
 */
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { encodeFunctionData, keccak256, parseEventLogs, stringToHex, toHex, type Address, type Hex } from 'viem'
import { iPerpLensAbi, liquidationEngineAbi, liquidityPoolAbi, oracleAggregatorAbi, orderRouterAbi, testUsdAbi, devnetPriceSourceAbi } from '../../lib/contracts/generated'
import { devnetAccount, DEVNET_ROLES } from '../devnet/accounts'
import { ROOT } from '../devnet/devnet'
import { startTestChain } from '../devnet/testChain'
import { chainOps } from '../replay/lab'
import { createRequestSettler } from '../keeper/settle'
import { createLogger } from '../service/log'
import { typescriptEntry } from '../devnet/typescriptEntry'

type Args = { positions: number; crash: number; port: number; json: string | null; keeper: string; keeperLog: string | null }

export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { positions: 1000, crash: 0.3, port: 8900, json: null, keeper: join(ROOT, 'scripts', 'keeper.ts'), keeperLog: null }
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1]
    switch (argv[i]) {
      case '--positions':
        args.positions = Number(value)
        break
      case '--crash':
        args.crash = Number(value)
        break
      case '--port':
        args.port = Number(value)
        break
      case '--json':
        args.json = value
        break
      case '--keeper':
        args.keeper = value
        break
      case '--keeper-log':
        args.keeperLog = value
        break
      default:
        throw new Error(`unknown argument ${argv[i]}`)
    }
    i++
  }
  if (!Number.isInteger(args.positions) || args.positions < 2) throw new Error('--positions must be a whole number ≥ 2')
  if (!(args.crash > 0 && args.crash < 0.9)) throw new Error('--crash must be a fraction between 0 and 0.9')
  return args
}

const WAD = 10n ** 18n
const call = (abi: readonly unknown[], functionName: string, args: unknown[] = []) => encodeFunctionData({ abi, functionName, args } as never)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const load = loadavg()
  const log = (line: string) => process.stderr.write(`[bench keeper] ${line}\n`)
  log(`anvil on port ${args.port}; deploying`)
  const chain = await startTestChain(args.port)
  const keeperLog: string[] = []
  let keeperProcess: ReturnType<typeof spawn> | null = null
  try {
    const ops = chainOps(chain.rpcUrl)
    const { client } = ops
    const c = chain.deployment.contracts
    await ops.rpc('anvil_autoImpersonateAccount', [true])
    const feeder = devnetAccount(DEVNET_ROLES.priceFeeder).address as Address
    const keeperAddress = devnetAccount(DEVNET_ROLES.keeper).address as Address
    const marketIds = ['ETH-USD', 'BTC-USD'].map((name) => BigInt(chain.deployment.markets[name]))
    const oracle = { address: c.OracleAggregator, abi: oracleAggregatorAbi } as const
    const sources = await Promise.all(marketIds.map((id) => client.readContract({ ...oracle, functionName: 'getSources', args: [id] })))
    const prices = await Promise.all(marketIds.map(async (id) => (await client.readContract({ ...oracle, functionName: 'latest', args: [id] })).price))

    // LP capital for the open-interest caps, the traders' tUSD and approvals: one batch.
    const notionalUsd = 500
    const lp = `0x${keccak256(stringToHex('rampart-bench/lp')).slice(26)}` as Address
    const lpDeposit = BigInt(args.positions * notionalUsd * 4) * 1_000_000n
    let t = (await ops.now()) + 2
    const traders = Array.from({ length: args.positions }, (_, i) => {
      const address = `0x${keccak256(stringToHex(`rampart-bench/trader/${i}`)).slice(26)}` as Address
      // 7 in 8 long (a crash liquidates longs), leverage spread evenly over 1.5×–5.5× (what the devnet accepts at
      // its initial margin of new risk; above, the router cancels the order)
      const long = i % 8 !== 7
      const leverage = 1.5 + (4 * ((i * 37) % args.positions)) / args.positions
      return { address, market: i % 2, long, collateral: BigInt(Math.round((notionalUsd / leverage) * 1e6)) }
    })
    await Promise.all([lp, ...traders.map((x) => x.address)].map((a) => ops.rpc('anvil_setBalance', [a, toHex(10n ** 21n)])))
    const setup = [
      { from: feeder, to: c.SettlementToken, data: call(testUsdAbi, 'mint', [lp, lpDeposit + 10_000_000n]), gas: 200_000n, label: 'mint lp' },
      { from: lp, to: c.SettlementToken, data: call(testUsdAbi, 'approve', [c.LiquidityPool, 2n ** 255n]), gas: 100_000n, label: 'approve pool' },
      { from: lp, to: c.LiquidityPool, data: call(liquidityPoolAbi, 'requestDeposit', [lpDeposit, 0n, BigInt(t + 540)]), gas: 1_000_000n, label: 'lp deposit' },
      ...traders.flatMap((x) => [
        { from: feeder, to: c.SettlementToken, data: call(testUsdAbi, 'mint', [x.address, x.collateral * 2n + 10_000_000n]), gas: 200_000n, label: 'mint trader' },
        { from: x.address, to: c.SettlementToken, data: call(testUsdAbi, 'approve', [c.OrderRouter, 2n ** 255n]), gas: 100_000n, label: 'approve router' },
      ]),
    ]
    const hashes = await ops.batch(setup, t)
    await Promise.all(hashes.map((h, i) => ops.receiptOk(h, setup[i].label)))
    const settler = createRequestSettler({
      client,
      wallet: chain.walletFor(DEVNET_ROLES.keeper),
      account: { address: keeperAddress, type: 'json-rpc' } as never,
      deployment: chain.deployment,
      log: createLogger('bench-settle', () => {}),
      batchSize: 30,
      readBatch: 100,
    })
    // Every market's sources (the LP deposit waits for an observation of each; with only the two
    // crashed markets pushed it stayed pending, and the keeper asked the oracle for an update every block).
    const allMarketIds = Object.values(chain.deployment.markets).map((id) => BigInt(id))
    const allSources = (await Promise.all(allMarketIds.map((id) => client.readContract({ ...oracle, functionName: 'getSources', args: [id] })))).flat()
    const repush = async () => {
      const answers = await Promise.all(allSources.map((s) => client.readContract({ address: s, abi: devnetPriceSourceAbi, functionName: 'latestRoundData' })))
      const calls = allSources.map((s, i) => ({ from: feeder, to: s, data: call(devnetPriceSourceAbi, 'updateAnswer', [answers[i][1]]), gas: 200_000n, label: 'source' }))
      await ops.batch([...calls, { from: feeder, to: c.OracleAggregator, data: call(oracleAggregatorAbi, 'updateMany', [allMarketIds]), gas: 3_000_000n, label: 'update', last: true }], (await ops.now()) + 2)
    }
    await repush()
    await settler.settlePendingOnce()
    t = (await ops.now()) + 2
    const opens = traders.map((x) => {
      const price = prices[x.market]
      const size = ((BigInt(notionalUsd) * WAD * WAD) / price) * (x.long ? 1n : -1n)
      // wide: the price impact of a one-sided population grows with the skew
      const acceptable = x.long ? (price * 150n) / 100n : (price * 50n) / 100n
      return { from: x.address, to: c.OrderRouter, data: call(orderRouterAbi, 'requestOpen', [marketIds[x.market], size, x.collateral, acceptable, BigInt(t + 540)]), gas: 1_500_000n, label: 'open' }
    })
    const openHashes = await ops.batch(opens, t)
    await Promise.all(openHashes.map((h) => ops.receiptOk(h, 'open')))
    await repush()
    const settled = await settler.settlePendingOnce()
    const cancels = await client.getContractEvents({ address: c.OrderRouter, abi: orderRouterAbi, eventName: 'OrderCancelled', fromBlock: 0n })
    const why = cancels.reduce<Record<string, number>>((h, e) => {
      const k = `${e.args.why}:${(e.args.data ?? '0x').slice(0, 10)}`
      return { ...h, [k]: (h[k] ?? 0) + 1 }
    }, {})
    log(`${settled.ordersExecuted} positions opened, ${settled.ordersCancelled} cancelled ${JSON.stringify(why)}`)
    const keys = traders.map((x) => ({ trader: x.address, marketId: marketIds[x.market] }))
    const lens = { address: c.PerpLens, abi: iPerpLensAbi } as const
    const readAll = async (blockNumber: bigint) =>
      (await Promise.all(Array.from({ length: Math.ceil(keys.length / 250) }, (_, k) => client.readContract({ ...lens, functionName: 'getPositions', args: [keys.slice(k * 250, k * 250 + 250)], blockNumber })))).flat()
    const opened = (await readAll(await client.getBlockNumber())).filter((p) => p.size !== 0n).length

    // The keeper, as `npm run dev` runs it (its own process), then a block a second.
    const statusPort = args.port + 1
    keeperProcess = spawn(...typescriptEntry(args.keeper), {
      cwd: ROOT,
      env: { ...process.env, RAMPART_RPC_URL: chain.rpcUrl, KEEPER_STATUS_PORT: String(statusPort), KEEPER_POLL_MS: '100', KEEPER_LOG_PASSES: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    keeperProcess.stdout!.on('data', (d) => keeperLog.push(...d.toString().split('\n').filter(Boolean)))
    keeperProcess.stderr!.on('data', (d) => keeperLog.push(d.toString()))
    await ops.rpc('evm_setIntervalMining', [1])
    for (let i = 0; ; i++) {
      await sleep(500)
      if (keeperLog.some((l) => l.includes('"synced"'))) break
      if (i > 240) throw new Error(`the keeper did not start: ${keeperLog.slice(-5).join(' | ')}`)
    }
    // A running keeper, not one in its start-up pass (the full log scan and the first read of every
    // position took 3-13 s under load, and a crash during it measured that): its status must have
    // reached a block mined after its sync, twice in a row a block apart.
    const keeperBlock = async () => {
      const status = (await (await fetch(`http://127.0.0.1:${statusPort}/status`)).json().catch(() => null)) as { lastBlock: string | null } | null
      return status?.lastBlock ? BigInt(status.lastBlock) : -1n
    }
    for (let caughtUp = 0, i = 0; caughtUp < 2; i++) {
      const head = await client.getBlockNumber()
      await sleep(1_000)
      caughtUp = (await keeperBlock().catch(() => -1n)) >= head ? caughtUp + 1 : 0
      if (i > 120) throw new Error(`the keeper did not catch up with the chain: ${keeperLog.slice(-5).join(' | ')}`)
    }

    // The crash: one oracle step per block, each just under maxJump, until −crash.
    const maxJump = 0.1
    const stepFactor = 1 - maxJump * 0.95
    const factors: number[] = []
    const target = 1 - args.crash
    const product = () => factors.reduce((a, b) => a * b, 1)
    while (product() * stepFactor > target) factors.push(stepFactor)
    factors.push(target / product())
    const answers0 = await Promise.all(sources.flat().map(async (s) => (await client.readContract({ address: s, abi: devnetPriceSourceAbi, functionName: 'latestRoundData' }))[1]))
    const feederNonce = async () => Number(await ops.rpc('eth_getTransactionCount', [feeder, 'pending']))
    const stepBlocks: bigint[] = []
    let stepWall = 0
    let cumulative = 1
    const startHead = await client.getBlockNumber()
    for (const f of factors) {
      cumulative *= f
      const ppm = BigInt(Math.round(cumulative * 1e9))
      let nonce = await feederNonce()
      const sent: Hex[] = []
      for (const [i, s] of sources.flat().entries()) sent.push(await ops.send(feeder, s, call(devnetPriceSourceAbi, 'updateAnswer', [(answers0[i] * ppm) / 1_000_000_000n]), 200_000n, nonce++))
      sent.push(await ops.send(feeder, c.OracleAggregator, call(oracleAggregatorAbi, 'updateMany', [marketIds]), 3_000_000n, nonce++))
      const receipt = await ops.receiptOk(sent[sent.length - 1], 'crash step')
      if (stepBlocks.length === 0) stepWall = Date.now()
      stepBlocks.push(receipt.blockNumber)
      const latest = await Promise.all(marketIds.map((id) => client.readContract({ ...oracle, functionName: 'latest', args: [id], blockNumber: receipt.blockNumber })))
      log(`step to ${(cumulative * 100).toFixed(1)} % in block ${receipt.blockNumber}: oracle status ${latest.map((l) => l.status).join(',')}`)
    }
    const firstStep = stepBlocks[0]

    // Every block from the first step: which positions are liquidatable (the bench's own reads).
    const firstLiquidatable = new Map<string, bigint>()
    let clearedBlock: bigint | null = null
    let clearedWall = 0
    for (let block = firstStep; ; ) {
      const head = await client.getBlockNumber()
      if (head < block) {
        await sleep(50)
        continue
      }
      const views = await readAll(block)
      let liquidatable = 0
      for (const v of views)
        if (v.liquidatable) {
          liquidatable++
          const id = `${v.trader.toLowerCase()}:${v.marketId}`
          if (!firstLiquidatable.has(id)) firstLiquidatable.set(id, block)
        }
      if (liquidatable === 0 && block >= stepBlocks[stepBlocks.length - 1]) {
        clearedBlock = block
        clearedWall = Date.now()
        break
      }
      if (block - firstStep > 60n) break
      block++
    }
    const endBlock = clearedBlock ?? (await client.getBlockNumber())

    // The keeper's liquidations: per transaction, per block, gas.
    const events = await client.getContractEvents({ address: c.LiquidationEngine, abi: liquidationEngineAbi, eventName: 'Liquidated', fromBlock: startHead, toBlock: endBlock })
    const skippedEvents = await client.getContractEvents({ address: c.LiquidationEngine, abi: liquidationEngineAbi, eventName: 'LiquidationSkipped', fromBlock: startHead, toBlock: endBlock })
    const txs = [...new Set([...events, ...skippedEvents].map((e) => e.transactionHash))]
    const receipts = await Promise.all(txs.map((hash) => client.getTransactionReceipt({ hash })))
    const perBlock = new Map<string, number>()
    for (const r of receipts) perBlock.set(r.blockNumber.toString(), (perBlock.get(r.blockNumber.toString()) ?? 0) + 1)
    const batches = receipts.map((r) => ({
      block: Number(r.blockNumber),
      gasUsed: Number(r.gasUsed),
      liquidated: parseEventLogs({ abi: liquidationEngineAbi, logs: r.logs, eventName: 'Liquidated' }).length,
      skipped: parseEventLogs({ abi: liquidationEngineAbi, logs: r.logs, eventName: 'LiquidationSkipped' }).length,
      shortfalls: parseEventLogs({ abi: liquidationEngineAbi, logs: r.logs, eventName: 'Liquidated' }).filter((e) => e.args.shortfall > 0n).length,
    }))
    const lags = events.map((e) => {
      const first = firstLiquidatable.get(`${e.args.trader!.toLowerCase()}:${e.args.marketId}`)
      return first === undefined ? 0 : Number(e.blockNumber - first)
    })
    const gasTotal = batches.reduce((s, b) => s + b.gasUsed, 0)
    const blockGasLimit = (await client.getBlock({ blockNumber: endBlock })).gasLimit
    const result = {
      bench: 'keeperCrash',
      createdAt: new Date().toISOString(),
      keeper: args.keeper.replace(ROOT + '/', ''),
      positions: opened,
      crash: args.crash,
      steps: factors.map((f) => Math.round(f * 1e4) / 1e4),
      stepBlocks: stepBlocks.map(Number),
      blockGasLimit: Number(blockGasLimit),
      liquidations: events.length,
      liquidatablePositions: firstLiquidatable.size,
      skipped: skippedEvents.length,
      cleared: clearedBlock !== null,
      /** Blocks from the first crashing price's block to the first block with no liquidatable position. */
      blocksToClear: clearedBlock === null ? null : Number(clearedBlock - firstStep),
      /** Blocks after the last crash step until none is liquidatable. */
      blocksAfterLastStep: clearedBlock === null ? null : Number(clearedBlock - stepBlocks[stepBlocks.length - 1]),
      wallSecondsToClear: clearedBlock === null ? null : (clearedWall - stepWall) / 1000,
      /** Per liquidated position: blocks from the first block it was liquidatable in to its liquidation's block. */
      maxLagBlocks: lags.length ? Math.max(...lags) : null,
      lagHistogram: lags.reduce<Record<string, number>>((h, l) => ({ ...h, [l]: (h[l] ?? 0) + 1 }), {}),
      transactions: receipts.length,
      transactionsPerBlock: Object.fromEntries(perBlock),
      maxTransactionsPerBlock: Math.max(0, ...perBlock.values()),
      gasPerLiquidation: events.length ? Math.round(gasTotal / events.length) : null,
      maxBatchGas: Math.max(0, ...batches.map((b) => b.gasUsed)),
      batches,
      machine: { loadAverage1m: Math.round(load[0] * 100) / 100, loadAverage5m: Math.round(load[1] * 100) / 100, cpus: (await import('node:os')).cpus().length },
    }
    const text = JSON.stringify(result, null, 2)
    if (args.json) writeFileSync(args.json, text + '\n')
    process.stdout.write(text + '\n')
    if (clearedBlock === null) process.exitCode = 1
  } finally {
    keeperProcess?.kill('SIGTERM')
    if (args.keeperLog) writeFileSync(args.keeperLog, keeperLog.join('\n') + '\n')
    await chain.stop()
  }
}

if (process.argv[1]?.endsWith('keeperCrash.ts'))
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  })

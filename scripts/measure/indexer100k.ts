/**
 * Issue 17's measurement: how long the indexer (indexer/, Ponder 0.12) takes to index 100,000
 * protocol events from scratch, on PGlite and on PostgreSQL, and how much disk each uses.
 *
 *   npx tsx scripts/measure/indexer100k.ts [--events 100000] [--out docs/bench/indexer100k.json]
 *
 * 1. A devnet (anvil, automine off, block gas limit raised) with the protocol deployed and seeded
 *    as `npm run dev` does; the seed's traders (each holds a position) get tokens and approve the
 *    engine.
 * 2. Events: `addCollateral` from those traders in JSON-RPC batches of eth_sendTransaction, mined
 *    a few thousand to a block with `evm_mine`, until the 13 indexed contracts have emitted at
 *    least `--events` events (counted with eth_getLogs block by block: each call emits
 *    CollateralAdded, and FundingSettled / MarketAccrued when funding moved). Then 64 empty blocks,
 *    so every event is past the 30 blocks Ponder holds back as unfinal on an unknown chain: its
 *    /ready then means everything is indexed.
 * 3. For each database, a fresh indexer is started against the frozen chain and timed to /ready
 *    (wall time from the process start; indexing time from its server's first answer, the start
 *    of the historical sync), its row count checked, its database measured on disk (PGlite: the
 *    directory; Postgres, Debian's server started here on 127.0.0.1 with fsync off: the database
 *    size less the empty database's), then stopped.
 * Ports: anvil MEASURE_RPC_PORT (8890), Postgres MEASURE_PG_PORT (8895), indexer MEASURE_INDEXER_PORT (42190).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicClient, encodeFunctionData, http, maxUint256, type Address, type Hex } from 'viem'
import { foundry } from 'viem/chains'
import { perpEngineAbi, testUsdAbi } from '../../lib/contracts/generated'
import { INDEXED_CONTRACTS } from '../../indexer/src/contracts'
import { devnetAccount, DEVNET_ROLES } from '../devnet/accounts'
import { deployDevnet, ROOT, startAnvil } from '../devnet/devnet'
import { indexedBlock, startIndexer } from '../devnet/indexer'
import { startTestPostgres } from '../devnet/postgres'
import { ProcessGroup } from '../devnet/processes'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1]! : fallback
}
const TARGET = Number(arg('events', '100000'))
const OUT = arg('out', join(ROOT, 'docs', 'bench', 'indexer100k.json'))
const RPC_PORT = Number(process.env.MEASURE_RPC_PORT ?? 8890)
const PG_PORT = Number(process.env.MEASURE_PG_PORT ?? 8895)
const INDEXER_PORT = Number(process.env.MEASURE_INDEXER_PORT ?? 42190)
/** transactions per evm_mine, and per JSON-RPC batch */
const PER_BLOCK = 3_000
const PER_BATCH = 500

const log = (message: string) => console.log(`[indexer100k ${new Date().toISOString().slice(11, 19)}] ${message}`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function rpc<T>(url: string, body: object | object[]): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return (await response.json()) as T
}

async function main() {
  const group = new ProcessGroup()
  const stops: (() => void | Promise<void>)[] = [() => group.stop()]
  try {
    const load = { before: loadavg().map((l) => Number(l.toFixed(2))), cores: cpus().length }
    log(`load average ${load.before.join(' ')} on ${load.cores} cores`)
    // blocks of thousands of transactions (anvil's default limit is 30 M gas)
    const rpcUrl = await startAnvil(group, { port: RPC_PORT, blockTime: 0, extraArgs: ['--gas-limit', '2000000000'] })
    const deployment = await deployDevnet(rpcUrl)
    const client = createPublicClient({ chain: foundry, transport: http(rpcUrl), cacheTime: 0 })
    await rpc(rpcUrl, { jsonrpc: '2.0', id: 1, method: 'evm_setAutomine', params: [false] })
    const addresses = Object.keys(INDEXED_CONTRACTS).map((name) => deployment.contracts[name]!.toLowerCase() as Address)
    const countEvents = async (fromBlock: bigint, toBlock: bigint) =>
      (await rpc<{ result: unknown[] }>(rpcUrl, { jsonrpc: '2.0', id: 1, method: 'eth_getLogs', params: [{ address: addresses, fromBlock: `0x${fromBlock.toString(16)}`, toBlock: `0x${toBlock.toString(16)}` }] })).result.length
    const deployEvents = await countEvents(BigInt(deployment.deployBlock), await client.getBlockNumber())

    // the seed's traders: every (trader, market) with a position
    const opened = await client.getContractEvents({ address: deployment.contracts.PerpEngine, abi: perpEngineAbi, eventName: 'PositionOpened', fromBlock: BigInt(deployment.deployBlock) })
    const positions = [...new Map(opened.map((e) => [`${e.args.trader}-${e.args.marketId}`, { trader: e.args.trader as Address, marketId: e.args.marketId as bigint }])).values()]
    const traders = [...new Set(positions.map((p) => p.trader))]
    const deployer = devnetAccount(DEVNET_ROLES.deployer).address
    // explicit nonces: anvil answers a batch's calls concurrently, and would give two of them the same one
    const nonces = new Map<Address, number>()
    for (const account of [deployer, ...traders]) nonces.set(account, await client.getTransactionCount({ address: account, blockTag: 'pending' }))
    const send = (from: Address, to: Address, data: Hex, id: number) => {
      const nonce = nonces.get(from)!
      nonces.set(from, nonce + 1)
      return { jsonrpc: '2.0', id, method: 'eth_sendTransaction', params: [{ from, to, data, gas: '0x30000', nonce: `0x${nonce.toString(16)}` }] }
    }
    const setup = traders.flatMap((trader, i) => [
      send(deployer, deployment.contracts.SettlementToken, encodeFunctionData({ abi: testUsdAbi, functionName: 'mint', args: [trader, 10n ** 15n] }), 2 * i),
      send(trader, deployment.contracts.SettlementToken, encodeFunctionData({ abi: testUsdAbi, functionName: 'approve', args: [deployment.contracts.PerpEngine, maxUint256] }), 2 * i + 1),
    ])
    await rpc(rpcUrl, setup)
    await rpc(rpcUrl, { jsonrpc: '2.0', id: 1, method: 'evm_mine', params: [] })
    log(`deployed (${deployEvents} events); ${positions.length} positions of ${traders.length} traders add collateral, ${PER_BLOCK} transactions a block`)

    // generate
    const startBlock = (await client.getBlockNumber()) + 1n
    const generatedAt = Date.now()
    let events = 0
    let transactions = 0
    let blocks = 0
    while (events + deployEvents < TARGET) {
      const calls = Array.from({ length: PER_BLOCK }, (_, i) => {
        const p = positions[(transactions + i) % positions.length]!
        return send(p.trader, deployment.contracts.PerpEngine, encodeFunctionData({ abi: perpEngineAbi, functionName: 'addCollateral', args: [p.marketId, 1_000n] }), i)
      })
      for (let i = 0; i < calls.length; i += PER_BATCH) {
        const answers = await rpc<{ error?: { message: string } }[]>(rpcUrl, calls.slice(i, i + PER_BATCH))
        const failed = answers.find((a) => a.error)
        if (failed) throw new Error(`eth_sendTransaction: ${failed.error!.message}`)
      }
      await rpc(rpcUrl, { jsonrpc: '2.0', id: 1, method: 'evm_mine', params: [] })
      const block = await client.getBlockNumber()
      const inBlock = await countEvents(block, block)
      const mined = (await client.getBlock({ blockNumber: block })).transactions.length
      if (mined !== PER_BLOCK) {
        const pool = await rpc(rpcUrl, { jsonrpc: '2.0', id: 1, method: 'txpool_status', params: [] })
        const limit = (await client.getBlock({ blockNumber: block })).gasLimit
        throw new Error(`block ${block} holds ${mined} transactions, not ${PER_BLOCK} (pool ${JSON.stringify(pool)}, gas limit ${limit})`)
      }
      events += inBlock
      transactions += PER_BLOCK
      blocks++
      if (blocks % 5 === 0) log(`${events + deployEvents} events in ${((Date.now() - generatedAt) / 1000).toFixed(0)} s`)
    }
    const generateSeconds = (Date.now() - generatedAt) / 1000
    await rpc(rpcUrl, { jsonrpc: '2.0', id: 1, method: 'anvil_mine', params: ['0x40'] })
    const head = await client.getBlockNumber()
    const total = await countEvents(BigInt(deployment.deployBlock), head)
    log(`generated ${events} events (${transactions} transactions, ${blocks} blocks) in ${generateSeconds.toFixed(1)} s; ${total} protocol events in all through block ${head}`)

    const postgres = startTestPostgres(PG_PORT)
    stops.push(() => postgres.stop())
    const psql = (sql: string) =>
      execFileSync(join(postgresBin(), 'psql'), ['-h', '127.0.0.1', '-p', String(PG_PORT), '-U', 'postgres', '-d', 'postgres', '-tAc', sql], { encoding: 'utf8' }).trim()
    const emptyPostgresBytes = Number(psql('SELECT pg_database_size(current_database())'))

    const runs = []
    for (const database of ['pglite', 'postgres'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'rampart-indexer100k-'))
      stops.push(() => rmSync(dir, { recursive: true, force: true }))
      const name = `indexer-${database}`
      const startedAt = Date.now()
      const child = startIndexer(group, name, { port: INDEXER_PORT, rpcUrl, schema: 'measure', logLevel: 'warn', ...(database === 'postgres' ? { databaseUrl: postgres.url } : { dir }) })
      const exited = group.watch(name, child)
      const url = `http://127.0.0.1:${INDEXER_PORT}`
      let serverUpAt = 0
      const loadDuring: number[] = []
      const ready = (async () => {
        for (;;) {
          if (!serverUpAt && (await fetch(`${url}/health`).then((r) => r.ok, () => false))) serverUpAt = Date.now()
          if (serverUpAt && (await fetch(`${url}/ready`).then((r) => r.ok, () => false))) return Date.now()
          if (loadDuring.length === 0 || Date.now() - startedAt > loadDuring.length * 5_000) loadDuring.push(loadavg()[0]!)
          await sleep(100)
        }
      })()
      const readyAt = await Promise.race([ready, exited])
      const through = await indexedBlock(url)
      const count = (await rpc<{ data: { protocolEvents: { totalCount: number } } }>(`${url}/graphql`, { query: '{ protocolEvents { totalCount } }' })).data.protocolEvents.totalCount
      const gone = new Promise((r) => child.once('exit', r))
      process.kill(-child.pid!, 'SIGTERM')
      await Promise.race([gone, sleep(15_000)])
      const bytes = database === 'pglite' ? duBytes(dir) : Number(psql('SELECT pg_database_size(current_database())')) - emptyPostgresBytes
      // Postgres: how much is the table the API serves, how much Ponder's RPC cache
      const schemaMiB = (schema: string) =>
        Number((Number(psql(`SELECT coalesce(sum(pg_total_relation_size(format('%I.%I', schemaname, tablename))), 0) FROM pg_tables WHERE schemaname = '${schema}'`)) / 2 ** 20).toFixed(1))
      const split = database === 'postgres' ? { indexedTablesMiB: schemaMiB('measure'), rpcCacheMiB: schemaMiB('ponder_sync') } : {}
      const wallSeconds = (readyAt - startedAt) / 1000
      const indexingSeconds = (readyAt - serverUpAt) / 1000
      const run = {
        database,
        rows: count,
        indexedThroughBlock: Number(through),
        wallSeconds: Number(wallSeconds.toFixed(1)),
        indexingSeconds: Number(indexingSeconds.toFixed(1)),
        eventsPerSecond: Math.round(count / indexingSeconds),
        databaseBytes: bytes,
        databaseMiB: Number((bytes / 2 ** 20).toFixed(1)),
        ...split,
        loadAverageDuring: loadDuring.map((l) => Number(l.toFixed(2))),
      }
      log(JSON.stringify(run))
      if (count !== total) throw new Error(`${database}: ${count} rows, the chain has ${total} protocol events`)
      runs.push(run)
    }
    const result = {
      what: 'Ponder 0.12.26 indexing every protocol event from scratch (protocol_event: one row per event with args JSON and the raw log, five indexes)',
      command: `npx tsx scripts/measure/indexer100k.ts --events ${TARGET}`,
      measuredAt: new Date().toISOString(),
      machine: { cores: load.cores, loadAverageBefore: load.before, loadAverageAfter: loadavg().map((l) => Number(l.toFixed(2))), node: process.version },
      chain: { events: total, deployEvents, generatedEvents: events, transactions, blocks, head: Number(head), generateSeconds: Number(generateSeconds.toFixed(1)) },
      postgres: { server: psql('SHOW server_version'), settings: 'fsync=off (a test server), otherwise Debian defaults' },
      runs,
    }
    writeFileSync(OUT, JSON.stringify(result, null, 2) + '\n')
    log(`written ${OUT}`)
  } finally {
    for (const stop of stops.reverse()) await stop()
  }
}

function postgresBin(): string {
  return execFileSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1'], { encoding: 'utf8' }).trim()
}

function duBytes(dir: string): number {
  return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0])
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)

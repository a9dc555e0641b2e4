/**
 * The indexer (indexer/, Ponder 0.12) on a devnet, against PGlite and against a real PostgreSQL
 * (Debian's, started by the test on 127.0.0.1): it catches up on the deploy's events, a new
 * protocol event is in its GraphQL API within 2 blocks of the block that mined it (blocks every
 * second), and its POST /logs answers a filter with exactly the logs the node's `eth_getLogs`
 * returns. The same assertions for both databases.
 *
 * "Caught up" is not Ponder's /ready: that turns 200 once the historical sync reaches the block it
 * treats as final (the head less 30 blocks on a chain it does not know, such as anvil's 31337);
 * the last 30 blocks then come through its realtime sync, at most 25 per new head, and that burst
 * of reads fills its client-side RPC rate limit (20 a second over 5 s at first), so for up to 5 s
 * more the next block holding an event waits. Measured right after /ready, a new event looked 4–11
 * blocks late on either database; once at the head and 5 s on, it is in the API within the block.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toEventSelector, type AbiEvent } from 'viem'
import { perpEngineAbi } from '../../lib/contracts/generated'
import { indexedTopic } from '../../lib/events/logReader'
import { devnetAccount } from '../devnet/accounts'
import { ROOT } from '../devnet/devnet'
import { waitCaughtUp as waitIndexerCaughtUp } from '../devnet/indexer'
import { startTestPostgres, type TestPostgres } from '../devnet/postgres'
import { startTestChain } from '../devnet/testChain'

const CHAIN_PORT = 8590
const PG_PORT = 8595
const INDEXER_PORTS = { pglite: 8596, postgres: 8597 }
const TRADER = 2 // demo account 2 holds an ETH long after the deploy
let chain: Awaited<ReturnType<typeof startTestChain>>
let postgres: TestPostgres | null = null

beforeAll(async () => {
  chain = await startTestChain(CHAIN_PORT, { blockTime: 1 })
  postgres = startTestPostgres(PG_PORT)
}, 180_000)

afterAll(async () => {
  postgres?.stop()
  await chain?.stop()
})

type EventRow = { id: string; name: string; blockNumber: string; account: string | null; args: Record<string, string> }

async function query(port: number, gql: string): Promise<{ protocolEvents: { items: EventRow[]; totalCount: number } }> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: gql }),
  })
  const body = (await response.json()) as { data?: never; errors?: { message: string }[] }
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join('; '))
  return body.data!
}

function startIndexer(port: number, env: Record<string, string>): { child: ChildProcess; output: string[] } {
  const output: string[] = []
  // the binary itself, in its own process group: stopping `npx ponder` would orphan the server
  const child = spawn(join(ROOT, 'indexer', 'node_modules', '.bin', 'ponder'), ['start', '--port', String(port), '--schema', `test_${port}`], {
    cwd: join(ROOT, 'indexer'),
    env: { ...process.env, PONDER_TELEMETRY_DISABLED: 'true', RAMPART_RPC_URL: chain.rpcUrl, RAMPART_RPC_WS_URL: chain.rpcUrl.replace('http', 'ws'), RAMPART_INDEXER_POLL_MS: '100', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  child.stdout!.on('data', (d) => output.push(String(d)))
  child.stderr!.on('data', (d) => output.push(String(d)))
  return { child, output }
}

async function waitReady(port: number, output: string[]) {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`the indexer on ${port} was not ready in 2 minutes:\n${output.join('').slice(-3000)}`)
}

/** The block the indexer's /status says it holds. */
async function indexedBlock(port: number): Promise<bigint> {
  const status = (await fetch(`http://127.0.0.1:${port}/status`).then((r) => r.json())) as Record<string, { block: { number: number } }>
  return BigInt(Object.values(status)[0]?.block.number ?? -1)
}

/** Until the indexer is at the head and past the catch-up's rate limiting (scripts/devnet/indexer.ts). */
const waitCaughtUp = (port: number) => waitIndexerCaughtUp(`http://127.0.0.1:${port}`, () => chain.publicClient.getBlockNumber({ cacheTime: 0 }), 60_000)

describe.each(['pglite', 'postgres'] as const)('the indexer on %s', (database) => {
  const port = INDEXER_PORTS[database]
  let indexer: ReturnType<typeof startIndexer>
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rampart-indexer-'))
    indexer = startIndexer(port, database === 'postgres' ? { DATABASE_URL: postgres!.url } : { RAMPART_INDEXER_DIR: dir })
    await waitReady(port, indexer.output)
    await waitCaughtUp(port)
  }, 210_000)

  afterAll(async () => {
    const child = indexer?.child
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      process.kill(-child.pid, 'SIGTERM')
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))])
    }
    rmSync(dir, { recursive: true, force: true })
  }, 30_000)

  it("holds the deploy's protocol events", async () => {
    const opened = await query(port, '{ protocolEvents(where: { name: "PositionOpened" }, limit: 100) { totalCount items { id account } } }')
    expect(opened.protocolEvents.totalCount).toBe(7) // the seven demo positions
    const markets = await query(port, '{ protocolEvents(where: { name: "MarketAdded" }) { totalCount items { id } } }')
    expect(markets.protocolEvents.totalCount).toBe(3)
  })

  it('serves a new event within 2 blocks of its block', async () => {
    const trader = devnetAccount(TRADER).address
    const hash = await chain.walletFor(TRADER).writeContract({
      address: chain.deployment.contracts.PerpEngine,
      abi: perpEngineAbi,
      functionName: 'addCollateral',
      args: [0n, 1_000_000n],
      chain: null,
    })
    const receipt = await chain.publicClient.waitForTransactionReceipt({ hash })
    const receivedAt = Date.now()
    const gql = `{ protocolEvents(where: { name: "CollateralAdded", account: "${trader.toLowerCase()}" }, orderBy: "blockNumber", orderDirection: "desc", limit: 1) { items { id name blockNumber account args } } }`
    const deadline = Date.now() + 30_000
    let found: EventRow | undefined
    while (!found && Date.now() < deadline) {
      found = (await query(port, gql)).protocolEvents.items.find((e) => BigInt(e.blockNumber) === receipt.blockNumber)
      if (!found) await new Promise((r) => setTimeout(r, 100))
    }
    const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 })
    console.log(`${database}: the event of block ${receipt.blockNumber} queryable ${Date.now() - receivedAt} ms after its receipt, head ${head} (${head - receipt.blockNumber} blocks later)`)
    expect(found, `not indexed in 30 s:\n${indexer.output.join('').slice(-2000)}`).toBeDefined()
    expect(found!.args).toMatchObject({ trader: trader.toLowerCase(), marketId: '0', amount: '1000000' })
    expect(head - receipt.blockNumber).toBeLessThanOrEqual(2n)
  }, 60_000)

  it("answers POST /logs with the node's own eth_getLogs answer", async () => {
    const engine = chain.deployment.contracts.PerpEngine
    const trader = devnetAccount(TRADER).address
    const selectors = (['PositionOpened', 'CollateralAdded'] as const).map((name) =>
      toEventSelector(perpEngineAbi.find((item) => item.type === 'event' && item.name === name) as AbiEvent),
    )
    const toBlock = await indexedBlock(port)
    const filter = { address: [engine], topics: [selectors, indexedTopic(trader)], fromBlock: `0x${BigInt(chain.deployment.deployBlock).toString(16)}`, toBlock: `0x${toBlock.toString(16)}` }
    const fromNode = (await chain.publicClient.request({ method: 'eth_getLogs', params: [filter] } as never)) as Record<string, unknown>[]
    const response = await fetch(`http://127.0.0.1:${port}/logs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(filter) })
    const answer = (await response.json()) as { throughBlock: string; logs: Record<string, unknown>[] }
    expect(BigInt(answer.throughBlock)).toBe(toBlock)
    expect(fromNode.length).toBeGreaterThanOrEqual(2) // the deploy's open and the collateral added above
    const fields = ['address', 'topics', 'data', 'blockNumber', 'blockHash', 'transactionHash', 'transactionIndex', 'logIndex'] as const
    const pick = (log: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f, f === 'address' ? String(log[f]).toLowerCase() : log[f]]))
    expect(answer.logs.map(pick)).toEqual(fromNode.map(pick))
    // a filter past what the index holds comes back short, saying how far it reached
    const ahead = await fetch(`http://127.0.0.1:${port}/logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...filter, toBlock: `0x${(toBlock + 1000n).toString(16)}` }),
    }).then((r) => r.json() as Promise<{ throughBlock: string }>)
    expect(BigInt(ahead.throughBlock)).toBeLessThan(toBlock + 1000n)
  })
})

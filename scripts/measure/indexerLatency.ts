/**
 * How long after its receipt a new protocol event is indexed (the indexer's /status reaches its
 * block), 30 times, on a devnet with a block a second, once the indexer is caught up and steady:
 *   npx tsx scripts/measure/indexerLatency.ts postgres|pglite
 * Ports: anvil 8590, Postgres 8595 (the indexer test's), indexer 42110. Ponder's debug log goes to
 * /tmp/indexer-latency/ponder.log; the figures to stdout.
 */
import { rmSync } from 'node:fs'
import { perpEngineAbi } from '../../lib/contracts/generated'
import { startTestChain } from '../devnet/testChain'
import { startTestPostgres } from '../devnet/postgres'
import { ProcessGroup } from '../devnet/processes'
import { startIndexer, waitCaughtUp, indexedBlock } from '../devnet/indexer'
const db = process.argv[2] ?? 'postgres'
const chain = await startTestChain(8590, { blockTime: 1 })
const pg = db === 'postgres' ? startTestPostgres(8595) : null
rmSync('/tmp/indexer-latency', { recursive: true, force: true }) // a fresh index each run
const group = new ProcessGroup({ logDir: '/tmp/indexer-latency' })
startIndexer(group, 'ponder', { port: 42110, rpcUrl: chain.rpcUrl, schema: 'probe', logLevel: 'debug', ...(pg ? { databaseUrl: pg.url } : { dir: '/tmp/indexer-latency/pglite' }), env: { RAMPART_INDEXER_POLL_MS: '100' } })
const url = 'http://127.0.0.1:42110'
await waitCaughtUp(url, () => chain.publicClient.getBlockNumber({ cacheTime: 0 }))
const out: string[] = []
const behind: bigint[] = []
const ms: number[] = []
for (let i = 0; i < 30; i++) {
  const hash = await chain.walletFor(2).writeContract({ address: chain.deployment.contracts.PerpEngine, abi: perpEngineAbi, functionName: 'addCollateral', args: [0n, 1_000_000n], chain: null })
  const r = await chain.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 })
  const t = Date.now()
  while ((await indexedBlock(url)) < r.blockNumber) await new Promise((x) => setTimeout(x, 20))
  const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 })
  ms.push(Date.now() - t)
  behind.push(head - r.blockNumber)
  out.push(`${new Date().toISOString()} block ${r.blockNumber} indexed ${ms.at(-1)} ms after receipt, head ${head}`)
  console.log(out.at(-1))
}
const sorted = [...ms].sort((a, b) => a - b)
console.log(`${db}: ${ms.length} events, ms after receipt: median ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted.at(-1)}; blocks behind at most ${behind.reduce((a, b) => (b > a ? b : a), 0n)}`)
await group.stop()
pg?.stop()
await chain.stop()
process.exit(0)

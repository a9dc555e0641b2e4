/**
 * The indexer (issue 17): every event of the protocol's contracts into one table
 * (ponder.schema.ts), from the deployment's block on. The chain and the deployment come from the
 * environment, so the same indexer serves the devnet and any network `npm run deploy` wrote:
 *   RAMPART_RPC_URL         the node (default http://127.0.0.1:8545)
 *   RAMPART_RPC_WS_URL      its WebSocket, when it has one: new blocks are pushed, not polled
 *   RAMPART_CHAIN_ID        whose deployments/<id>.json to index (default 31337, the devnet)
 *   DATABASE_URL            Postgres; unset: PGlite under .ponder/ (RAMPART_INDEXER_DIR to move it)
 *   RAMPART_INDEXER_MAX_RESPONSE_MB  the largest JSON-RPC answer it accepts (default 512)
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createConfig } from 'ponder'
import { http } from 'viem'
import { INDEXED_CONTRACTS } from './src/contracts'

const INDEXER_DIR = fileURLToPath(new URL('.', import.meta.url))
const chainId = Number(process.env.RAMPART_CHAIN_ID ?? 31337)
const deploymentFile = join(INDEXER_DIR, '..', 'deployments', `${chainId}.json`)
const deployment = JSON.parse(readFileSync(deploymentFile, 'utf8')) as { deployBlock: number; contracts: Record<string, `0x${string}`> }

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: 'postgres', connectionString: process.env.DATABASE_URL }
    : { kind: 'pglite', directory: process.env.RAMPART_INDEXER_DIR || join(INDEXER_DIR, '.ponder', `pglite-${chainId}`) },
  chains: {
    rampart: {
      id: chainId,
      // Ponder reads history with eth_getLogs over 500 blocks at first, and viem's HTTP transport
      // refuses an answer over 10 MB, an error Ponder does not answer with a smaller range: it
      // stops. Measured: the 100,000-event devnet's 102,000 logs in one answer made 71 MB. With the cap raised, the
      // node's own limits decide, and those errors Ponder does split the range on.
      rpc: http(process.env.RAMPART_RPC_URL ?? 'http://127.0.0.1:8545', {
        maxResponseBodySize: Number(process.env.RAMPART_INDEXER_MAX_RESPONSE_MB ?? 512) * 2 ** 20,
      }),
      ...(process.env.RAMPART_RPC_WS_URL ? { ws: process.env.RAMPART_RPC_WS_URL } : {}),
      // a local chain: new blocks every second, no reorgs worth a delay
      pollingInterval: Number(process.env.RAMPART_INDEXER_POLL_MS ?? 250),
      disableCache: chainId === 31337,
    },
  },
  contracts: Object.fromEntries(
    Object.entries(INDEXED_CONTRACTS).map(([name, abi]) => {
      const address = deployment.contracts[name]
      if (!address) throw new Error(`${deploymentFile} has no ${name}`)
      return [name, { chain: 'rampart' as const, abi, address, startBlock: deployment.deployBlock }]
    }),
  ) as { [K in keyof typeof INDEXED_CONTRACTS]: { chain: 'rampart'; abi: (typeof INDEXED_CONTRACTS)[K]; address: `0x${string}`; startBlock: number } },
})

/**
 * Starting the indexer (indexer/, Ponder) beside a devnet, for the e2e specs and measurements that
 * need one: the `ponder` binary itself in its own process group (stopping `npx ponder` would
 * orphan the server), telemetry off, PGlite in `dir` unless `DATABASE_URL` is given.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './devnet'
import type { ProcessGroup } from './processes'

export const PONDER_BIN = join(ROOT, 'indexer', 'node_modules', '.bin', 'ponder')

export type IndexerOptions = {
  port: number
  rpcUrl: string
  schema: string
  dir?: string
  databaseUrl?: string
  /** Ponder's log level (default info: a line per block) */
  logLevel?: 'error' | 'warn' | 'info' | 'debug'
  env?: Record<string, string>
}

export function startIndexer(group: ProcessGroup, name: string, { port, rpcUrl, schema, dir, databaseUrl, logLevel = 'info', env = {} }: IndexerOptions) {
  if (!existsSync(PONDER_BIN)) throw new Error(`the indexer is not installed: ${PONDER_BIN} (npm ci --prefix indexer)`)
  return group.start(name, PONDER_BIN, ['start', '--port', String(port), '--schema', schema, '--log-level', logLevel], {
    cwd: join(ROOT, 'indexer'),
    env: {
      ...process.env,
      PONDER_TELEMETRY_DISABLED: 'true',
      RAMPART_RPC_URL: rpcUrl,
      RAMPART_RPC_WS_URL: rpcUrl.replace(/^http/, 'ws'),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '', ...(dir ? { RAMPART_INDEXER_DIR: dir } : {}) }),
      ...env,
    },
  })
}

/** The block the indexer's /status says it holds (-1 before it holds any). */
export async function indexedBlock(indexerUrl: string): Promise<bigint> {
  const status = (await fetch(`${indexerUrl}/status`).then((r) => r.json())) as Record<string, { block: { number: number } }>
  return BigInt(Object.values(status)[0]?.block.number ?? -1)
}

/**
 * Ponder's client-side RPC rate limit: it starts at 20 requests a second over a 5 s window
 * (ponder/src/rpc/index.ts) and rises only under sustained load. Its catch-up reads a few dozen
 * blocks at once, past that limit: for up to 5 s after, the next block holding an event waits for
 * the window to drain (measured: a new event 4 s and 3–4 blocks late, on either database).
 */
export const PONDER_RPS_WINDOW_MS = 5_000

/**
 * Until the indexer is at the chain's head and steady: /ready (historical sync done), then /status
 * at or past the head as read at that moment (not at the call: the chain moves on while it
 * starts), and still so once the rate limit's window has passed. Ponder's /ready comes when it
 * reaches the block it treats as final (the head less 30 on anvil); the rest follows through its
 * realtime sync, up to 25 blocks per new head.
 */
export async function waitCaughtUp(indexerUrl: string, head: () => Promise<bigint>, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  const atHead = async () =>
    (await fetch(`${indexerUrl}/ready`).then(
      (r) => r.ok,
      () => false,
    )) && (await indexedBlock(indexerUrl)) >= (await head())
  for (;;) {
    if (await atHead()) {
      await new Promise((r) => setTimeout(r, PONDER_RPS_WINDOW_MS + 1_000))
      if (await atHead()) return
    }
    if (Date.now() > deadline) throw new Error(`the indexer at ${indexerUrl} did not reach the chain's head in ${timeoutMs / 1000} s`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import { parseDeployment } from './deployment'
import { ChainListError, DEVNET_CHAIN_ID, parseChainList, singleChainEntry, type ChainEntry, type NetworkSummary } from './chainList'
import type { AppConfig, ChainConfig } from './types'

export { webSocketUrl } from './chainList'

/**
 * Read at request time, not build time, so one production build serves any chains: the launcher
 * and the e2e tests redeploy and point `RAMPART_RPC_URL` (or `RAMPART_CHAINS`) elsewhere without
 * rebuilding. Each chain's deployment is `deployments/<chainId>.json` (`RAMPART_DEPLOYMENTS_DIR`);
 * a chain without one is served as unsupported. With none at all the app cannot show anything,
 * so that is an error that says how to get one.
 */
export async function loadAppConfig(): Promise<AppConfig> {
  const dir = process.env.RAMPART_DEPLOYMENTS_DIR ?? join(process.cwd(), 'deployments')
  const entries = process.env.RAMPART_CHAINS ? chainEntries(process.env.RAMPART_CHAINS) : [singleChainEntry(process.env)]
  const chains: ChainConfig[] = await Promise.all(
    entries.map(async ({ keeperStatusUrl: _serverOnly, ...entry }) => ({
      ...entry,
      deployment: await readChainDeployment(dir, entry.chainId),
      // the single-chain variables apply to a single chain only; a list gives them per entry
      indexerUrl: indexerUrl(process.env.RAMPART_CHAINS ? entry.indexerUrl : process.env.RAMPART_INDEXER_URL),
      logLookbackBlocks: historyBound(entry.chainId, logLookbackBlocks(process.env.RAMPART_CHAINS ? entry.logLookbackBlocks : process.env.RAMPART_LOG_LOOKBACK_BLOCKS)),
    })),
  )
  if (!chains.some((chain) => chain.deployment))
    throw new Error(
      `No deployment at ${entries.map((e) => join(dir, `${e.chainId}.json`)).join(', ')}: start the devnet with \`npm run dev\` (or deploy to chain ${entries[0].chainId}).`,
    )
  return { chains, walletConnectProjectId: process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID || null }
}

/** `RAMPART_CHAINS`: inline JSON (starts with `[`) or the path of a JSON file. */
function chainEntries(value: string): ChainEntry[] {
  const text = value.trimStart().startsWith('[') ? value : readFileSync(/*turbopackIgnore: true*/ isAbsolute(value) ? value : join(process.cwd(), value), 'utf8')
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    throw new ChainListError(`RAMPART_CHAINS is not JSON: ${(e as Error).message}`)
  }
  return parseChainList(raw, networkSummary)
}

/** The chain fields of `networks/<name>.json` (the deploy checks the rest of the file). */
function networkSummary(name: string): NetworkSummary {
  const path = join(process.cwd(), 'networks', `${name}.json`)
  if (!/^[A-Za-z0-9_-]+$/.test(name) || !existsSync(path)) throw new ChainListError(`no network file networks/${name}.json`)
  const file = JSON.parse(readFileSync(path, 'utf8')) as NetworkSummary
  return { name: file.name, chainId: file.chainId, rpcUrls: file.rpcUrls, explorerUrl: file.explorerUrl ?? null, feeds: file.feeds }
}

async function readChainDeployment(dir: string, chainId: number) {
  let raw: string
  try {
    raw = await readFile(join(dir, `${chainId}.json`), 'utf8')
  } catch {
    return null
  }
  // a file that is there but wrong is an error, not an unsupported chain
  return parseDeployment(JSON.parse(raw), chainId)
}

/** A positive whole number of blocks, or null when unset; anything else is a configuration error. */
export function logLookbackBlocks(configured: string | undefined): number | null {
  if (!configured) return null
  if (!/^\d+$/.test(configured) || Number(configured) < 1) throw new Error(`RAMPART_LOG_LOOKBACK_BLOCKS is not a positive number of blocks: ${configured}`)
  return Number(configured)
}

/** The indexer's base URL without a trailing slash, or null when unset; a value that is not an http(s) URL is a configuration error. */
export function indexerUrl(configured: string | undefined): string | null {
  if (!configured) return null
  const url = URL.canParse(configured) ? new URL(configured) : null
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new Error(`RAMPART_INDEXER_URL is not an http(s) URL: ${configured}`)
  return url.toString().replace(/\/+$/, '')
}

/** Without an indexer, how far back a live chain's history views read when nothing is configured. */
export const DEFAULT_LIVE_LOOKBACK_BLOCKS = 50_000

/**
 * The bound of the direct log reads of a chain's history views (issue 17: "bounded direct log
 * reads"): the configured one; else, on every chain but the devnet (whose whole history is short
 * and local), DEFAULT_LIVE_LOOKBACK_BLOCKS, which public RPCs serve in a few pages; the devnet reads
 * from its deploy block. An indexer, when configured, serves all of it instead (lib/history/source.ts).
 */
export function historyBound(chainId: number, configured: number | null): number | null {
  return configured ?? (chainId === DEVNET_CHAIN_ID ? null : DEFAULT_LIVE_LOOKBACK_BLOCKS)
}

/**
 * Where a chain's keeper reports its status (scripts/keeper.ts, KEEPER_STATUS_PORT); read by
 * /api/keeper. The single chain's is KEEPER_STATUS_URL; with RAMPART_CHAINS, each entry's
 * `keeperStatusUrl`. No chain given: the first configured chain's.
 */
export function keeperStatusUrl(chainId: number | null): string | null {
  const entries = process.env.RAMPART_CHAINS ? chainEntries(process.env.RAMPART_CHAINS) : [singleChainEntry(process.env)]
  const entry = chainId === null ? entries[0] : entries.find((e) => e.chainId === chainId)
  return entry?.keeperStatusUrl ?? null
}

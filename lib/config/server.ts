import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseDeployment } from './deployment'
import type { AppConfig } from './types'

/**
 * Read at request time, not build time, so one production build serves any devnet: the launcher
 * and the e2e tests redeploy and point `RAMPART_RPC_URL` elsewhere without rebuilding.
 */
export async function loadAppConfig(): Promise<AppConfig> {
  const chainId = Number(process.env.RAMPART_CHAIN_ID ?? 31337)
  const rpcUrl = process.env.RAMPART_RPC_URL ?? 'http://127.0.0.1:8545'
  const dir = process.env.RAMPART_DEPLOYMENTS_DIR ?? join(process.cwd(), 'deployments')
  const file = join(dir, `${chainId}.json`)
  let raw: string
  try {
    raw = await readFile(file, 'utf8')
  } catch {
    throw new Error(`No deployment at ${file}: start the devnet with \`npm run dev\` (or deploy to chain ${chainId}).`)
  }
  return {
    chainId,
    chainName: process.env.RAMPART_CHAIN_NAME ?? (chainId === 31337 ? 'Rampart Devnet' : `Chain ${chainId}`),
    rpcUrl,
    rpcWsUrl: webSocketUrl(rpcUrl, process.env.RAMPART_RPC_WS_URL),
    walletConnectProjectId: process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID || null,
    deployment: parseDeployment(JSON.parse(raw), chainId),
    indexerUrl: indexerUrl(process.env.RAMPART_INDEXER_URL),
    logLookbackBlocks: logLookbackBlocks(process.env.RAMPART_LOG_LOOKBACK_BLOCKS),
  }
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

/**
 * The node's WebSocket endpoint: `RAMPART_RPC_WS_URL` when set (`off` for none), else the HTTP
 * URL with a ws scheme, which is where anvil (and most hosted RPCs) serve it. A wrong guess costs
 * nothing but the attempt: the app then polls over HTTP (lib/config/headsTransport.ts).
 */
export function webSocketUrl(rpcUrl: string, configured: string | undefined): string | null {
  if (configured !== undefined && configured !== '') return configured === 'off' ? null : configured
  const url = new URL(rpcUrl)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return url.toString().replace(/\/$/, rpcUrl.endsWith('/') ? '/' : '')
}

/** Where the keeper reports its status (scripts/keeper.ts, KEEPER_STATUS_PORT); read by /api/keeper. */
export function keeperStatusUrl(): string {
  return process.env.KEEPER_STATUS_URL ?? 'http://127.0.0.1:8549/status'
}

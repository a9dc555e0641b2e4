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
    walletConnectProjectId: process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID || null,
    deployment: parseDeployment(JSON.parse(raw), chainId),
  }
}

/** Where the keeper reports its status (scripts/keeper.ts, KEEPER_STATUS_PORT); read by /api/keeper. */
export function keeperStatusUrl(): string {
  return process.env.KEEPER_STATUS_URL ?? 'http://127.0.0.1:8549/status'
}

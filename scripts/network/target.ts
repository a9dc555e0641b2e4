/**
 * Which chain the keeper and the feeder serve (issue 17): the devnet by default (its deployment,
 * `RAMPART_RPC_URL`, anvil's accounts), or a network named by `--network <name>` (or
 * `RAMPART_NETWORK`): `networks/<name>.json` for the chain id, RPC URLs and kind of feeds,
 * `deployments/<chainId>.json` for the contracts, and the key from the environment only.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { defineChain, type Chain, type Hex } from 'viem'
import { foundry } from 'viem/chains'
import { parseDeployment } from '../../lib/config/deployment'
import type { Deployment } from '../../lib/config/types'
import { devnetAccount, DEVNET_ROLES } from '../devnet/accounts'
import { DEPLOYMENTS_DIR, ROOT, readDeployment } from '../devnet/devnet'
import { pickRpc } from '../deploy/deployNetwork'
import { parseNetworkFile, type FeedKind, type NetworkFile } from '../deploy/networkFile'

export class TargetError extends Error {}

export type ServiceTarget = {
  /** The network file's name; null: the devnet. */
  network: string | null
  chain: Chain
  rpcUrl: string
  deployment: Deployment
  feeds: FeedKind
}

type Env = Record<string, string | undefined>

/** `--network` wins over `RAMPART_NETWORK`; neither: the devnet. */
export function networkName(argument: string | undefined, env: Env): string | null {
  const name = argument ?? env.RAMPART_NETWORK
  if (name === undefined || name === '') return null
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new TargetError(`--network ${name}: not a network file's name`)
  return name
}

const KEY_VARIABLES = { keeper: 'KEEPER_PRIVATE_KEY', feeder: 'FEEDER_PRIVATE_KEY' } as const

/**
 * The signing key of a service. On a network: only from the environment (KEEPER_PRIVATE_KEY,
 * FEEDER_PRIVATE_KEY), never a default. On the devnet: that variable when set, else anvil's
 * well-known account for the role (KEEPER_INDEX for the keeper).
 */
export function serviceKey(role: 'keeper' | 'feeder', network: string | null, env: Env): Hex {
  const variable = KEY_VARIABLES[role]
  const value = env[variable]
  if (value !== undefined && value !== '') {
    if (!/^0x[0-9a-fA-F]{64}$/.test(value)) throw new TargetError(`${variable} must be 0x and 64 hex digits`)
    return value as Hex
  }
  if (network !== null) throw new TargetError(`${role} on ${network}: set ${variable} (0x and 64 hex digits); a network's key is never a default`)
  const index = role === 'keeper' ? Number(env.KEEPER_INDEX ?? DEVNET_ROLES.keeper) : DEVNET_ROLES.priceFeeder
  return devnetAccount(index).privateKey as Hex
}

/**
 * The feeder writes prices into sources it controls: a test chain's (`"feeds": "pushed"`). On a
 * network whose sources are real feeds (`"chainlink"`) it has nothing to write and must not try.
 */
export function assertFeederMayRun(network: string | null, feeds: FeedKind): void {
  if (feeds === 'chainlink')
    throw new TargetError(
      `the price feeder does not run on ${network}: its price sources are real feeds (networks/${network}.json says "feeds": "chainlink"); it only writes to sources a test chain lets it push ("feeds": "pushed")`,
    )
}

/** Reads `networks/<name>.json` (checked as the deploy checks it). */
export async function readNetworkFile(name: string): Promise<NetworkFile> {
  const file = join(ROOT, 'networks', `${name}.json`)
  const text = await readFile(file, 'utf8').catch(() => {
    throw new TargetError(`no network file ${file}`)
  })
  return parseNetworkFile(text, `networks/${name}.json`)
}

/**
 * The chain a service runs on. On a network: the first of the file's RPC URLs (or of
 * `NETWORK_RPC_URLS`, comma-separated, to point at another node) that answers with its chain id,
 * and its deployment file.
 */
export async function resolveTarget(network: string | null, env: Env): Promise<ServiceTarget> {
  if (network === null)
    return { network: null, chain: foundry, rpcUrl: env.RAMPART_RPC_URL ?? 'http://127.0.0.1:8545', deployment: await readDeployment(), feeds: 'pushed' }
  const file = await readNetworkFile(network)
  if (env.NETWORK_RPC_URLS) file.rpcUrls = env.NETWORK_RPC_URLS.split(',').map((u) => u.trim()).filter(Boolean)
  const { rpcUrl } = await pickRpc(file)
  const path = join(env.RAMPART_DEPLOYMENTS_DIR ?? DEPLOYMENTS_DIR, `${file.chainId}.json`)
  const raw = await readFile(path, 'utf8').catch(() => {
    throw new TargetError(`${network}: no deployment at ${path} (deploy first: npm run deploy -- --network ${network})`)
  })
  const chain = defineChain({
    id: file.chainId,
    name: file.name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  })
  return { network, chain, rpcUrl, deployment: parseDeployment(JSON.parse(raw), file.chainId), feeds: file.feeds }
}

/**
 * The chains the dApp serves (issue 17), from `RAMPART_CHAINS`: a JSON list, inline or in a file,
 * each entry `{ chainId, name, rpcUrls, rpcWsUrl?, explorerUrl?, faucet?, keeperStatusUrl?, indexerUrl?, logLookbackBlocks? }`, or
 * `{ network: "<name>" }` to take the chain id, RPC URLs and explorer from `networks/<name>.json`
 * (any field written beside it overrides the file's). Without `RAMPART_CHAINS` the app serves the
 * one chain of the single-chain variables (`RAMPART_CHAIN_ID`, `RAMPART_RPC_URL`, …), as before.
 */
import type { ChainConfig } from './types'

/** A chain entry before its deployment is read. */
export type ChainEntry = Omit<ChainConfig, 'deployment' | 'indexerUrl' | 'logLookbackBlocks'> & {
  /** As written (the server checks them: lib/config/server.ts). */
  indexerUrl?: string
  logLookbackBlocks?: string
  /** Where this chain's keeper reports (server side only: /api/keeper asks it); null: no keeper known. */
  keeperStatusUrl: string | null
}

/** What a network file says about its chain (scripts/deploy/networkFile.ts checks the rest). */
export type NetworkSummary = { name: string; chainId: number; rpcUrls: string[]; explorerUrl: string | null; feeds: 'chainlink' | 'pushed' }

export class ChainListError extends Error {}

export const DEVNET_CHAIN_ID = 31337

/**
 * The node's WebSocket endpoint: the configured one when set (`off` for none), else the HTTP URL
 * with a ws scheme, which is where anvil (and most hosted RPCs) serve it. A wrong guess costs
 * nothing but the attempt: the app then polls over HTTP (lib/config/headsTransport.ts).
 */
export function webSocketUrl(rpcUrl: string, configured: string | undefined | null): string | null {
  if (configured !== undefined && configured !== null && configured !== '') return configured === 'off' ? null : configured
  const url = new URL(rpcUrl)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return url.toString().replace(/\/$/, rpcUrl.endsWith('/') ? '/' : '')
}

/** The one chain of the single-chain variables: what `npm run dev`, CI and the e2e stacks set. */
export function singleChainEntry(env: Record<string, string | undefined>): ChainEntry {
  const chainId = Number(env.RAMPART_CHAIN_ID ?? DEVNET_CHAIN_ID)
  const rpcUrl = env.RAMPART_RPC_URL ?? 'http://127.0.0.1:8545'
  return {
    chainId,
    name: env.RAMPART_CHAIN_NAME ?? (chainId === DEVNET_CHAIN_ID ? 'Rampart Devnet' : `Chain ${chainId}`),
    rpcUrls: [rpcUrl],
    rpcWsUrl: webSocketUrl(rpcUrl, env.RAMPART_RPC_WS_URL),
    explorerUrl: null,
    faucet: chainId === DEVNET_CHAIN_ID,
    keeperStatusUrl: env.KEEPER_STATUS_URL ?? 'http://127.0.0.1:8549/status',
  }
}

/**
 * Checks a chain list; `network(name)` reads a network file's summary. A mistake is named by its
 * place in the list. The devnet's token has a faucet; any other chain's only when its entry says
 * so, and never on a network whose feeds are real.
 */
export function parseChainList(raw: unknown, network: (name: string) => NetworkSummary): ChainEntry[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new ChainListError('RAMPART_CHAINS must be a non-empty JSON list of chains')
  const seen = new Set<number>()
  return raw.map((item, i) => {
    const where = `RAMPART_CHAINS[${i}]`
    if (typeof item !== 'object' || item === null) throw new ChainListError(`${where}: not an object`)
    const entry = item as Record<string, unknown>
    const known = new Set(['network', 'chainId', 'name', 'rpcUrls', 'rpcWsUrl', 'explorerUrl', 'faucet', 'keeperStatusUrl', 'indexerUrl', 'logLookbackBlocks'])
    for (const key of Object.keys(entry)) if (!known.has(key)) throw new ChainListError(`${where}.${key}: unknown field`)
    const file = typeof entry.network === 'string' ? network(entry.network) : null
    if (entry.network !== undefined && file === null) throw new ChainListError(`${where}.network: must be a network file's name`)
    const chainId = entry.chainId ?? file?.chainId
    if (typeof chainId !== 'number' || !Number.isSafeInteger(chainId) || chainId < 1) throw new ChainListError(`${where}.chainId: must be a positive whole number`)
    if (file && chainId !== file.chainId) throw new ChainListError(`${where}.chainId: ${chainId}, but networks/${entry.network}.json is chain ${file.chainId}`)
    if (seen.has(chainId)) throw new ChainListError(`${where}.chainId: chain ${chainId} is listed twice`)
    seen.add(chainId)
    const rpcUrls = entry.rpcUrls ?? file?.rpcUrls
    if (!Array.isArray(rpcUrls) || rpcUrls.length === 0 || rpcUrls.some((u) => typeof u !== 'string' || !/^https?:\/\//.test(u)))
      throw new ChainListError(`${where}.rpcUrls: must be a non-empty list of http(s) URLs`)
    const name = entry.name ?? file?.name ?? `Chain ${chainId}`
    if (typeof name !== 'string' || name === '') throw new ChainListError(`${where}.name: must be a non-empty string`)
    const optionalString = (key: 'rpcWsUrl' | 'explorerUrl' | 'keeperStatusUrl' | 'indexerUrl', value: unknown) => {
      if (value === undefined || value === null) return null
      if (typeof value !== 'string') throw new ChainListError(`${where}.${key}: must be a string`)
      return value
    }
    const explorerUrl = optionalString('explorerUrl', entry.explorerUrl !== undefined ? entry.explorerUrl : file?.explorerUrl)
    const faucet = entry.faucet ?? chainId === DEVNET_CHAIN_ID
    if (typeof faucet !== 'boolean') throw new ChainListError(`${where}.faucet: must be true or false`)
    if (faucet && file?.feeds === 'chainlink') throw new ChainListError(`${where}.faucet: ${entry.network} is a real network (its feeds are Chainlink's): its token has no faucet`)
    return {
      chainId,
      name,
      rpcUrls: rpcUrls as string[],
      rpcWsUrl: webSocketUrl(rpcUrls[0] as string, optionalString('rpcWsUrl', entry.rpcWsUrl)),
      explorerUrl,
      faucet,
      keeperStatusUrl: optionalString('keeperStatusUrl', entry.keeperStatusUrl),
      indexerUrl: optionalString('indexerUrl', entry.indexerUrl) ?? undefined,
      logLookbackBlocks: entry.logLookbackBlocks === undefined ? undefined : String(entry.logLookbackBlocks),
    }
  })
}

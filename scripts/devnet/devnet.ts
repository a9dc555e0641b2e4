import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createPublicClient, createTestClient, createWalletClient, http, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { parseDeployment } from '../../lib/config/deployment'
import type { Deployment } from '../../lib/config/types'
import { devnetAccount, DEVNET_ROLES } from './accounts'
import { createLogger } from '../service/log'
import { requestReads } from '../keeper/requestReads'
import { createRequestSettler, type SettleCounts } from '../keeper/settle'
import { foundryBinary } from './foundryBinary'
import { repushSources } from './movePrice'
import { ProcessGroup, run } from './processes'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const CONTRACTS_DIR = join(ROOT, 'contracts')
export const DEPLOYMENTS_DIR = join(ROOT, 'deployments')
export const DEVNET_CHAIN_ID = 31337

/** `blockTime` 0 mines a block per transaction (anvil's automine), for fast tests. With
 * `statePath`, the chain is loaded from that file when it exists and saved to it when anvil stops. */
/** `chainId`: another chain than the devnet's 31337 (a chain that stands for a live network);
 * `extraArgs`: more anvil flags (the replay lab's `--prune-history`). */
export type DevnetOptions = { port: number; blockTime: number; statePath?: string; chainId?: number; extraArgs?: string[] }

/** anvil writes its whole state file on SIGTERM (about 5 s for the devnet on a loaded machine):
 * a SIGKILL before it finishes would lose the chain. */
const ANVIL_STATE_SAVE_GRACE_MS = 60_000

/** Starts anvil (fresh, or from `statePath`) and waits until it answers. */
export async function startAnvil(group: ProcessGroup, { port, blockTime, statePath, chainId = DEVNET_CHAIN_ID, extraArgs = [] }: DevnetOptions): Promise<string> {
  const rpcUrl = `http://127.0.0.1:${port}`
  const anvil = group.start('anvil', foundryBinary('anvil'), [
    '--host', '127.0.0.1',
    '--port', String(port),
    '--chain-id', String(chainId),
    ...(blockTime > 0 ? ['--block-time', String(blockTime)] : []),
    ...(statePath ? ['--state', statePath] : []),
    ...extraArgs,
    '--silent',
  ], {}, statePath ? ANVIL_STATE_SAVE_GRACE_MS : undefined)
  const exited = group.watch('anvil', anvil)
  await Promise.race([waitForRpc(rpcUrl), exited])
  if (statePath) await resumeClock(rpcUrl)
  return rpcUrl
}

/**
 * A loaded chain's clock goes on from its last block. anvil's saved state keeps the blocks but not
 * the offset `evm_increaseTime` added (the governance seed moves time past voting periods), so
 * after a load its next blocks would be stamped with the wall clock, before the saved ones: time
 * would run backwards, and a margin ramp started "later" underflows every read of its market.
 */
export async function resumeClock(rpcUrl: string): Promise<void> {
  const client = createPublicClient({ transport: http(rpcUrl) })
  const last = (await client.getBlock({ blockTag: 'latest' })).timestamp
  const now = BigInt(Math.floor(Date.now() / 1000))
  if (last >= now) await client.request({ method: 'evm_setTime' as never, params: [toHex(last + 1n)] as never })
}

export async function waitForRpc(rpcUrl: string, timeoutMs = 20_000): Promise<void> {
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) })
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      await client.getChainId()
      return
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`RPC ${rpcUrl} did not answer in ${timeoutMs} ms: ${String(error)}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}

/** From now on a block every `seconds` (a chain started on automine for a fast deploy). */
export async function setIntervalMining(rpcUrl: string, seconds: number): Promise<void> {
  const client = createPublicClient({ transport: http(rpcUrl) })
  await client.request({ method: 'evm_setIntervalMining' as never, params: [seconds] as never })
}

export async function blockNumber(rpcUrl: string): Promise<bigint> {
  return createPublicClient({ transport: http(rpcUrl) }).getBlockNumber()
}

/** The deployment recorded in `deployments/`, if the chain at `rpcUrl` has its contracts. */
export async function deploymentOnChain(rpcUrl: string): Promise<Deployment | null> {
  const deployment = await readDeployment().catch(() => null)
  if (!deployment) return null
  const client = createPublicClient({ transport: http(rpcUrl) })
  const code = await client.getCode({ address: deployment.contracts.PerpEngine }).catch(() => undefined)
  return code && code !== '0x' ? deployment : null
}

/** forge build of the sources and deploy scripts (the tests compile with `forge test`), then the typed ABIs for the dApp and scripts. */
export async function buildContracts(): Promise<void> {
  await run(foundryBinary('forge'), ['build', '--skip', 'test'], { cwd: CONTRACTS_DIR })
  await run(join(ROOT, 'node_modules', '.bin', 'wagmi'), ['generate'], { cwd: ROOT })
}

/**
 * Deploys Multicall3, the test token and the protocol, seeds demo state, returns the deployment.
 * The forge script cannot pass time, so it leaves the LP seed deposit and the demo positions as
 * two-step requests; `settleDeployRequests` fills them as the keeper would.
 */
export async function deployDevnet(rpcUrl: string): Promise<Deployment> {
  // forge only lets the script write into a folder that exists (fs_permissions in foundry.toml).
  await mkdir(DEPLOYMENTS_DIR, { recursive: true })
  await run(
    foundryBinary('forge'),
    [
      'script', 'script/DeployDevnet.s.sol',
      '--rpc-url', rpcUrl,
      '--broadcast',
      '--private-key', devnetAccount(DEVNET_ROLES.deployer).privateKey,
      '--slow',
      // Gas is estimated on one simulated block; mined over several blocks, vote checkpoints land
      // at new timestamps and cost more (a new checkpoint, not an update): leave ample headroom.
      '--gas-estimate-multiplier', '200',
    ],
    { cwd: CONTRACTS_DIR },
  )
  const deployment = await readDeployment()
  const settled = await settleDeployRequests(rpcUrl, deployment)
  const left = await pendingRequestCount(rpcUrl, deployment)
  if (left > 0 || settled.ordersCancelled > 0 || settled.lpCancelled > 0)
    throw new Error(`the deploy's requests did not all fill: ${left} pending, ${JSON.stringify(settled)}`)
  return deployment
}

/**
 * Fills the requests a deploy left pending, as on a live chain: time passes (≥ the routers'
 * 1 s minDelay), every source reports again and the oracle accepts it (a price nobody knew at the
 * requests), then the keeper's own settle pass executes them (LP first, then orders).
 */
export async function settleDeployRequests(rpcUrl: string, deployment: Deployment): Promise<SettleCounts> {
  const transport = http(rpcUrl)
  const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 100 })
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport })
  await testClient.increaseTime({ seconds: 2 })
  await testClient.mine({ blocks: 1 })
  const feeder = createWalletClient({ chain: foundry, transport })
  await repushSources({ publicClient, walletClient: feeder }, deployment)
  return settlePending(rpcUrl, deployment)
}

/** Orders and LP requests still pending (request logs since the deploy block whose stored hash is set). */
export async function pendingRequestCount(rpcUrl: string, deployment: Deployment): Promise<number> {
  const client = createPublicClient({ chain: foundry, transport: http(rpcUrl), cacheTime: 0 })
  const pending = await requestReads(client, deployment, { readBatch: 100 }).rebuild(await client.getBlockNumber())
  return pending.orders.size + pending.lp.size
}

/**
 * One pass of the keeper's request settlement (scripts/keeper/settle.ts) from the keeper's
 * devnet account: rebuilds the pending set from the logs and executes or cancels what it can now.
 * For the deploy and for tests that run without a keeper process.
 */
export async function settlePending(rpcUrl: string, deployment: Deployment): Promise<SettleCounts> {
  // no response size cap: a devnet with 10,000 requests returns their logs in one page (12 MB > viem's 10 MB default)
  const transport = http(rpcUrl, { maxResponseBodySize: false })
  const client = createPublicClient({ chain: foundry, transport, pollingInterval: 100, cacheTime: 0 })
  const account = privateKeyToAccount(devnetAccount(DEVNET_ROLES.keeper).privateKey)
  const wallet = createWalletClient({ chain: foundry, transport, account })
  const settler = createRequestSettler({
    client,
    wallet,
    account,
    deployment,
    log: createLogger('settle', () => {}),
    batchSize: 50,
    readBatch: 100,
    updateOracle: false,
  })
  return settler.settlePendingOnce()
}

export async function readDeployment(dir = DEPLOYMENTS_DIR): Promise<Deployment> {
  const raw = await readFile(join(dir, `${DEVNET_CHAIN_ID}.json`), 'utf8')
  return parseDeployment(JSON.parse(raw), DEVNET_CHAIN_ID)
}

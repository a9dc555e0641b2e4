/**
 * The live-network deploy (issue 17), as a function the CLI (scripts/deploy.ts) and the tests call:
 * checks the network file and the chain, leaves a deployment that verifies untouched, otherwise runs
 * contracts/script/DeployNetwork.s.sol with the deployer's key, verifies the wiring on chain and
 * adds up the gas from forge's broadcast record.
 */
import { existsSync } from 'node:fs'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createPublicClient, encodeFunctionData, erc20Abi, getAddress, http, type Abi, type Address, type PublicClient } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { aggregatorV3InterfaceAbi } from '../../lib/contracts/generated'
import { ROOT } from '../devnet/devnet'
import { foundryBinary } from '../devnet/foundryBinary'
import { spawn } from 'node:child_process'
import { protocolSpec, sourcesKey, SETTLEMENT_DECIMALS, type NetworkFile } from './networkFile'
import { verifyDeployment, type NetworkDeployment } from './verifyDeployment'

const CONTRACTS_DIR = join(ROOT, 'contracts')
export const deploymentPath = (chainId: number) => join(ROOT, 'deployments', `${chainId}.json`)

/** How the deployer signs: a raw key (from the environment) or a keystore file (forge asks for its password). */
export type DeployerKey = { privateKey: `0x${string}` } | { keystore: string; passwordFile?: string }

export type DeployResult = {
  status: 'deployed' | 'already deployed'
  rpcUrl: string
  deployment: NetworkDeployment
  /** Gas of every transaction the deploy sent, and what it cost (wei); null when nothing was sent. */
  gas: { transactions: number; gasUsed: bigint; costWei: bigint } | null
}

export class DeployError extends Error {}

/** The first RPC URL that answers with the file's chain id; the error says what each one did. */
export async function pickRpc(network: NetworkFile): Promise<{ rpcUrl: string; client: PublicClient }> {
  const tried: string[] = []
  for (const rpcUrl of network.rpcUrls.filter((u) => u.startsWith('http'))) {
    const client = createPublicClient({ transport: http(rpcUrl, { timeout: 10_000, retryCount: 1 }) })
    try {
      const chainId = await client.getChainId()
      if (chainId === network.chainId) return { rpcUrl, client: client as PublicClient }
      tried.push(`${rpcUrl}: chain ${chainId}, not ${network.chainId}`)
    } catch (e) {
      tried.push(`${rpcUrl}: ${(e as Error).message.split('\n')[0]}`)
    }
  }
  throw new DeployError(`no RPC URL of ${network.name} answered for chain ${network.chainId}:\n  ${tried.join('\n  ')}`)
}

async function keystoreAddress(path: string): Promise<Address | null> {
  try {
    const json = JSON.parse(await readFile(path, 'utf8')) as { address?: string }
    return json.address ? getAddress(json.address.startsWith('0x') ? json.address : `0x${json.address}`) : null
  } catch {
    throw new DeployError(`keystore ${path}: cannot be read as a JSON keystore`)
  }
}

/** What must hold on chain before anything is sent: the token, the feeds, the deployer's funds. */
async function preflight(client: PublicClient, network: NetworkFile, deployer: Address | null): Promise<void> {
  const problems: string[] = []
  const code = async (a: Address) => {
    const c = await client.getCode({ address: a })
    return !!c && c !== '0x'
  }
  if (!(await code(network.settlementToken))) problems.push(`settlementToken ${network.settlementToken}: no contract there`)
  else {
    const decimals = await client.readContract({ address: network.settlementToken, abi: erc20Abi, functionName: 'decimals' }).catch(() => null)
    if (decimals !== SETTLEMENT_DECIMALS) problems.push(`settlementToken ${network.settlementToken}: ${decimals ?? 'no'} decimals, the protocol counts in ${SETTLEMENT_DECIMALS}`)
  }
  for (const m of network.markets)
    for (const source of m.sources) {
      if (!(await code(source))) {
        problems.push(`${m.name} source ${source}: no contract there`)
        continue
      }
      const round = await client
        .readContract({ address: source, abi: aggregatorV3InterfaceAbi, functionName: 'latestRoundData' })
        .catch((e: Error) => e)
      if (round instanceof Error) problems.push(`${m.name} source ${source}: latestRoundData() failed (${round.message.split('\n')[0]})`)
      else if (round[1] <= 0n) problems.push(`${m.name} source ${source}: answer ${round[1]} is not a price`)
    }
  if (deployer && (await client.getBalance({ address: deployer })) === 0n) problems.push(`the deployer ${deployer} has no native token to pay gas`)
  if (problems.length > 0) throw new DeployError(`${network.name}: not deployable yet:\n  ${problems.join('\n  ')}`)
}

/** Reads the deployment file of `chainId`, or null. */
export async function readNetworkDeployment(chainId: number): Promise<NetworkDeployment | null> {
  const path = deploymentPath(chainId)
  if (!existsSync(path)) return null
  return JSON.parse(await readFile(path, 'utf8')) as NetworkDeployment
}

/**
 * Total gas and cost of the last broadcast of DeployNetwork on `chainId`: forge's record, named
 * after the called function's selector (`<selector>-latest.json`) when `--sig` is calldata.
 */
async function broadcastGas(chainId: number, calldata: `0x${string}`): Promise<DeployResult['gas']> {
  const path = join(CONTRACTS_DIR, 'broadcast', 'DeployNetwork.s.sol', String(chainId), `${calldata.slice(2, 10)}-latest.json`)
  const record = JSON.parse(await readFile(path, 'utf8')) as { receipts: { gasUsed: string; effectiveGasPrice: string }[] }
  let gasUsed = 0n
  let costWei = 0n
  for (const r of record.receipts) {
    gasUsed += BigInt(r.gasUsed)
    costWei += BigInt(r.gasUsed) * BigInt(r.effectiveGasPrice)
  }
  return { transactions: record.receipts.length, gasUsed, costWei }
}

export async function deployNetwork(network: NetworkFile, key: DeployerKey, options: { resume?: boolean } = {}): Promise<DeployResult> {
  const { rpcUrl, client } = await pickRpc(network)
  const deployer = 'privateKey' in key ? privateKeyToAccount(key.privateKey).address : await keystoreAddress(key.keystore)

  // Re-running is idempotent: a deployment on file that verifies is left as it is.
  const existing = await readNetworkDeployment(network.chainId)
  if (existing && !options.resume) {
    const problems = await verifyDeployment(client, existing, network, deployer)
    if (problems.length === 0) return { status: 'already deployed', rpcUrl, deployment: existing, gas: null }
    throw new DeployError(
      `${deploymentPath(network.chainId)} exists but does not verify on chain:\n  ${problems.join('\n  ')}\n` +
        'Move it away to deploy afresh, or pass --resume if a deploy was interrupted.',
    )
  }
  await preflight(client, network, deployer)

  const artifact = JSON.parse(await readFile(join(CONTRACTS_DIR, 'out', 'DeployNetwork.s.sol', 'DeployNetwork.json'), 'utf8')) as { abi: Abi }
  const calldata = encodeFunctionData({
    abi: artifact.abi,
    functionName: 'run',
    args: [protocolSpec(network), network.multicall3, network.markets.map((m) => sourcesKey(m.name))],
  })
  const signer = 'privateKey' in key ? ['--private-key', key.privateKey] : ['--keystore', key.keystore, ...(key.passwordFile ? ['--password-file', key.passwordFile] : [])]
  await mkdir(join(ROOT, 'deployments'), { recursive: true })
  await forgeScript(
    [
      'script', 'script/DeployNetwork.s.sol',
      '--sig', calldata,
      '--rpc-url', rpcUrl,
      '--broadcast',
      // one transaction at a time, each confirmed before the next: a live network reorders or
      // drops what a burst would send
      '--slow',
      // estimated on one simulated block; vote checkpoints written in later blocks cost more
      '--gas-estimate-multiplier', '200',
      ...(options.resume ? ['--resume'] : []),
      ...signer,
    ],
  )
  const deployment = await readNetworkDeployment(network.chainId)
  if (!deployment) throw new DeployError(`the deploy ran but wrote no ${deploymentPath(network.chainId)}`)
  const problems = await verifyDeployment(client, deployment, network, deployer)
  if (problems.length > 0) throw new DeployError(`deployed, but the wiring does not verify:\n  ${problems.join('\n  ')}`)
  return { status: 'deployed', rpcUrl, deployment, gas: await broadcastGas(network.chainId, calldata) }
}

/**
 * Runs `forge script` from contracts/. Its output is kept for the error; the arguments are not
 * repeated there (they hold the key). stdin stays the terminal's, for a keystore's password prompt.
 */
function forgeScript(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(foundryBinary('forge'), args, { cwd: CONTRACTS_DIR, stdio: ['inherit', 'pipe', 'pipe'] })
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new DeployError(`forge script DeployNetwork failed (${code}):\n${output}`))))
  })
}

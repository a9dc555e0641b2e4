/**
 * `npm run deploy -- --network <name>`: deploys the protocol to the network `networks/<name>.json`
 * describes (issue 17; docs/deploy.md), hands every ownership to the timelock, verifies the wiring
 * on chain, writes `deployments/<chainId>.json` and prints the gas. Re-running it leaves a
 * deployment that verifies as it is.
 *
 *   DEPLOYER_PRIVATE_KEY=0x… npm run deploy -- --network sepolia
 *   npm run deploy -- --network sepolia --keystore ~/.foundry/keystores/deployer [--password-file F]
 *   npm run deploy -- --network local-l2 --mocks     (a local test chain: token and feeds first)
 *   [--resume]  finish a deploy that was interrupted (forge's broadcast record)
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { formatEther } from 'viem'
import { ROOT } from './devnet/devnet'
import { DeployError, deployNetwork, deploymentPath, pickRpc, type DeployerKey } from './deploy/deployNetwork'
import { deployLocalMocks } from './deploy/localMocks'
import { NetworkFileError, parseNetworkFile } from './deploy/networkFile'

/** Prices the mock sources start at (a local test chain only). */
const MOCK_PRICES: Record<string, number> = { 'ETH-USD': 3000, 'BTC-USD': 60_000, 'SOL-USD': 150 }

async function main() {
  const { values: args } = parseArgs({
    options: {
      network: { type: 'string' },
      keystore: { type: 'string' },
      'password-file': { type: 'string' },
      resume: { type: 'boolean', default: false },
      mocks: { type: 'boolean', default: false },
    },
  })
  if (!args.network) throw new DeployError('--network <name> is required (a file networks/<name>.json)')
  const file = join(ROOT, 'networks', `${args.network}.json`)
  const network = parseNetworkFile(await readFile(file, 'utf8').catch(() => {
    throw new DeployError(`no network file ${file}`)
  }), `networks/${args.network}.json`)

  const envKey = process.env.DEPLOYER_PRIVATE_KEY
  let key: DeployerKey
  if (args.keystore) key = { keystore: args.keystore, passwordFile: args['password-file'] }
  else if (envKey && /^0x[0-9a-fA-F]{64}$/.test(envKey)) key = { privateKey: envKey as `0x${string}` }
  else throw new DeployError('the deployer key: set DEPLOYER_PRIVATE_KEY (0x and 64 hex digits) or pass --keystore <file>; never put it in a file in the repository')

  if (args.mocks) {
    const { rpcUrl, client } = await pickRpc(network)
    await deployLocalMocks(client, rpcUrl, network, MOCK_PRICES)
    console.log(`mocks in place on ${network.name} (token and ${network.markets.reduce((n, m) => n + m.sources.length, 0)} price sources)`)
  }
  const result = await deployNetwork(network, key, { resume: args.resume })
  const c = result.deployment.contracts
  console.log(`${network.name} (chain ${network.chainId}) via ${result.rpcUrl}: ${result.status}`)
  console.log(`  ${deploymentPath(network.chainId)}`)
  console.log(`  RiskConfig ${c.RiskConfig}, owned by the timelock ${c.Timelock} (verified on chain)`)
  if (result.gas)
    console.log(`  ${result.gas.transactions} transactions, ${result.gas.gasUsed.toLocaleString('en-US')} gas, ${formatEther(result.gas.costWei)} in the native token`)
  else console.log('  nothing sent: the deployment on file verifies')
}

main().catch((e: Error) => {
  console.error(e instanceof DeployError || e instanceof NetworkFileError ? e.message : e)
  process.exit(1)
})

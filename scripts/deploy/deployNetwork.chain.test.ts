/**
 * The live-network deploy path (issue 17) on a second anvil whose chain id (31338) is not the
 * devnet's, so the contracts apply their live bounds: the mocks the network file lists are put up,
 * `deployNetwork` deploys from `networks/local-l2.json`, every ownership ends with the timelock
 * (read on chain), the parameters on chain are the file's, a re-run sends nothing, a deployment
 * file that does not match the chain is refused, and a missing feed stops the deploy before any
 * transaction.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { createPublicClient, http, type PublicClient } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { rampartTimelockAbi, riskConfigAbi, liquidityPoolAbi } from '../../lib/contracts/generated'
import { devnetAccount } from '../devnet/accounts'
import { startAnvil } from '../devnet/devnet'
import { ProcessGroup } from '../devnet/processes'
import { DeployError, deployNetwork, deploymentPath } from './deployNetwork'
import { deployLocalMocks } from './localMocks'
import { parseNetworkFile, type NetworkFile } from './networkFile'
import { testPort } from '../devnet/testPorts'

const PORT = testPort(8580, 10)
const CHAIN_ID = 31338
const group = new ProcessGroup()
let client: PublicClient
let network: NetworkFile
const key = { privateKey: devnetAccount(0).privateKey as `0x${string}` }
const deployer = devnetAccount(0).address

beforeAll(async () => {
  rmSync(deploymentPath(CHAIN_ID), { force: true })
  const rpcUrl = await startAnvil(group, { port: PORT, blockTime: 0, chainId: CHAIN_ID })
  network = parseNetworkFile(readFileSync(join(__dirname, '..', '..', 'networks', 'local-l2.json'), 'utf8'), 'local-l2.json')
  network.rpcUrls = [rpcUrl]
  client = createPublicClient({ transport: http(rpcUrl), pollingInterval: 100 }) as PublicClient
  await deployLocalMocks(client, rpcUrl, network, { 'ETH-USD': 3000, 'BTC-USD': 60_000 })
}, 60_000)

afterAll(async () => {
  rmSync(deploymentPath(CHAIN_ID), { force: true })
  await group.stop()
})

it('stops before sending anything when a listed feed is not there', async () => {
  const broken = structuredClone(network)
  broken.markets[1].sources[2] = '0x000000000000000000000000000000000000dEaD'
  const nonce = await client.getTransactionCount({ address: deployer })
  await expect(deployNetwork(broken, key)).rejects.toThrow(/BTC-USD source 0x000000000000000000000000000000000000dEaD: no contract there/)
  expect(await client.getTransactionCount({ address: deployer })).toBe(nonce)
  expect(existsSync(deploymentPath(CHAIN_ID))).toBe(false)
})

it('deploys from the network file, hands everything to the timelock, and a re-run sends nothing', async () => {
  const first = await deployNetwork(network, key)
  expect(first.status).toBe('deployed')
  expect(first.gas!.transactions).toBeGreaterThan(20)
  expect(first.gas!.gasUsed).toBeGreaterThan(10_000_000n)
  const c = first.deployment.contracts
  // ownership, read on chain
  expect(await client.readContract({ address: c.RiskConfig, abi: riskConfigAbi, functionName: 'owner' })).toBe(c.Timelock)
  const admin = await client.readContract({ address: c.Timelock, abi: rampartTimelockAbi, functionName: 'DEFAULT_ADMIN_ROLE' })
  expect(await client.readContract({ address: c.Timelock, abi: rampartTimelockAbi, functionName: 'hasRole', args: [admin, deployer] })).toBe(false)
  expect(await client.readContract({ address: c.Timelock, abi: rampartTimelockAbi, functionName: 'getMinDelay' })).toBe(2n * 86_400n)
  // the file's parameters, on chain
  const tier = await client.readContract({ address: c.RiskConfig, abi: riskConfigAbi, functionName: 'tier', args: [0n] })
  expect(tier.mmBase).toBe(network.tiers[0].mmBase)
  expect(tier.maxLeverage).toBe(network.tiers[0].maxLeverage)
  expect(await client.readContract({ address: c.LiquidityPool, abi: liquidityPoolAbi, functionName: 'minHoldTime' })).toBe(network.twoStep.poolMinHoldTime)
  expect(first.deployment.markets).toEqual({ 'ETH-USD': 0, 'BTC-USD': 1 })

  const block = await client.getBlockNumber()
  const again = await deployNetwork(network, key)
  expect(again.status).toBe('already deployed')
  expect(again.gas).toBeNull()
  expect(await client.getBlockNumber()).toBe(block)
}, 300_000)

it('refuses a deployment file that does not match the chain', async () => {
  const tampered = structuredClone(network)
  tampered.governance.timelockDelay = 3n * 86_400n
  await expect(deployNetwork(tampered, key)).rejects.toThrow(DeployError)
  await expect(deployNetwork(tampered, key)).rejects.toThrow(/the timelock's delay is 172800 s, the network file says 259200 s/)
})

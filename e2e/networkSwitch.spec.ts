/**
 * Issue 17, must-show 1: the dApp configured for two chains. A second anvil with chain id 31338 is
 * deployed through the live-network path (the mocks `networks/local-l2.json` lists, then
 * `deployNetwork`, as `npm run deploy -- --network local-l2 --mocks` does), its ETH price set apart
 * from the devnet's on purpose; an app (`next start`, the production build) serves this worker's
 * devnet, that chain, and a third configured chain with no deployment. The header's network
 * selector and the connected test wallet move the app between them; each chain's own state shows,
 * and on chain the 31338 deployment's RiskConfig is owned by its timelock.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { createPublicClient, createWalletClient, http, type Address, type PublicClient } from 'viem'
import { iPerpLensAbi, oracleAggregatorAbi, rampartTimelockAbi, riskConfigAbi } from '../lib/contracts/generated'
import { parseDeployment } from '../lib/config/deployment'
import type { Deployment } from '../lib/config/types'
import { formatWad } from '../lib/format'
import { devnetAccount } from '../scripts/devnet/accounts'
import { DEPLOYMENTS_DIR, readDeployment, ROOT, setIntervalMining, startAnvil } from '../scripts/devnet/devnet'
import { ProcessGroup } from '../scripts/devnet/processes'
import { deployNetwork, deploymentPath } from '../scripts/deploy/deployNetwork'
import { deployLocalMocks } from '../scripts/deploy/localMocks'
import { parseNetworkFile } from '../scripts/deploy/networkFile'
import { connectWallet } from './support/connect'
import { installInjectedWallet } from './support/injectedWallet'
import { expect, test } from './support/test'

const DEVNET = 31337
const L2 = 31338
/** Configured, never deployed: the app must call it unsupported (and read nothing from it). */
const EMPTY = 31339
/** The L2's mock prices, far from the devnet's, so each chain's numbers are its own. */
const L2_PRICES = { 'ETH-USD': 1234.5, 'BTC-USD': 45_678 }

// One setup (a chain, a deploy, an app) for the whole file: its tests run in order on one worker.
test.describe.configure({ mode: 'serial' })

const group = new ProcessGroup()
let appUrl: string
let l2RpcUrl: string
let l2: Deployment
let devnet: Deployment
let deploymentsDir: string
let emptyRpcUrl: string

test.beforeAll(async ({ stack }, testInfo) => {
  testInfo.setTimeout(300_000)
  l2RpcUrl = await startAnvil(group, { port: stack.secondRpcPort, blockTime: 0, chainId: L2 })
  const network = parseNetworkFile(readFileSync(join(ROOT, 'networks', 'local-l2.json'), 'utf8'), 'local-l2.json')
  network.rpcUrls = [l2RpcUrl]
  const client = createPublicClient({ transport: http(l2RpcUrl), pollingInterval: 100 }) as PublicClient
  await deployLocalMocks(client, l2RpcUrl, network, L2_PRICES)
  // the deploy writes deployments/31338.json; a file from an earlier run would be taken for this chain's
  rmSync(deploymentPath(L2), { force: true })
  const result = await deployNetwork(network, { privateKey: devnetAccount(0).privateKey as `0x${string}` })
  expect(result.status).toBe('deployed')
  // The app gets its own deployments directory: the devnet's file and the L2's (moved out of the repo's).
  deploymentsDir = mkdtempSync(join(tmpdir(), 'rampart-networks-'))
  copyFileSync(join(DEPLOYMENTS_DIR, `${DEVNET}.json`), join(deploymentsDir, `${DEVNET}.json`))
  renameSync(deploymentPath(L2), join(deploymentsDir, `${L2}.json`))
  l2 = parseDeployment(JSON.parse(readFileSync(join(deploymentsDir, `${L2}.json`), 'utf8')), L2)
  devnet = await readDeployment()
  // The oracle accepts the mocks' prices (as the feeder's first tick would), then a block a second.
  const wallet = createWalletClient({ transport: http(l2RpcUrl) })
  for (const id of Object.values(l2.markets)) {
    const hash = await wallet.writeContract({
      address: l2.contracts.OracleAggregator, abi: oracleAggregatorAbi, functionName: 'update', args: [BigInt(id)],
      account: devnetAccount(0).address, chain: null, gas: 3_000_000n,
    })
    expect((await client.waitForTransactionReceipt({ hash })).status).toBe('success')
  }
  await setIntervalMining(l2RpcUrl, 1)

  emptyRpcUrl = `http://127.0.0.1:${stack.secondRpcPort + 1}`
  const chains = [
    { chainId: DEVNET, name: 'Rampart Devnet', rpcUrls: [stack.rpcUrl] },
    // the network file gives the chain id; its RPC is this test's anvil. No faucet field: none there.
    { network: 'local-l2', name: 'Local L2', rpcUrls: [l2RpcUrl] },
    // nothing listens there: the app must not try
    { chainId: EMPTY, name: 'Empty Chain', rpcUrls: [emptyRpcUrl] },
  ]
  appUrl = `http://127.0.0.1:${stack.secondAppPort}`
  const next = group.start('next (two chains)', join(ROOT, 'node_modules', '.bin', 'next'), ['start', '-H', '127.0.0.1', '-p', String(stack.secondAppPort)], {
    cwd: ROOT,
    env: { ...process.env, RAMPART_CHAINS: JSON.stringify(chains), RAMPART_DEPLOYMENTS_DIR: deploymentsDir, NEXT_TELEMETRY_DISABLED: '1' },
  })
  await Promise.race([waitForHttp(appUrl), group.watch('next (two chains)', next)])
})

test.afterAll(async () => {
  await group.stop()
  if (deploymentsDir && existsSync(deploymentsDir)) rmSync(deploymentsDir, { recursive: true, force: true })
})

async function waitForHttp(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const ok = await fetch(url).then((r) => r.ok, () => false)
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}

const ethPrice = async (rpcUrl: string, deployment: Deployment) =>
  (await createPublicClient({ transport: http(rpcUrl) }).readContract({ address: deployment.contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getMarket', args: [BigInt(deployment.markets['ETH-USD'])] })).price

/** The markets page shows this chain's markets and this chain's ETH price, in the footer its name. */
async function expectChain(page: Page, name: string, chainId: number, deployment: Deployment, price: bigint) {
  await expect(page.getByTestId('footer-chain')).toHaveText(`${name} · chain ${chainId}`)
  await expect(page.getByTestId('network-select')).toHaveValue(String(chainId))
  await expect(page.getByTestId('market-row-ETH-USD').getByTestId('market-price')).toHaveText(formatWad(price))
  await expect(page.locator('[data-testid^="market-row-"]')).toHaveCount(Object.keys(deployment.markets).length)
}

test('the 31338 deployment came through the live path: its RiskConfig is owned by the timelock, on chain', async () => {
  const client = createPublicClient({ transport: http(l2RpcUrl) })
  const owner = await client.readContract({ address: l2.contracts.RiskConfig, abi: riskConfigAbi, functionName: 'owner' })
  expect(owner).toBe(l2.contracts.Timelock)
  const admin = await client.readContract({ address: l2.contracts.Timelock, abi: rampartTimelockAbi, functionName: 'DEFAULT_ADMIN_ROLE' })
  expect(await client.readContract({ address: l2.contracts.Timelock, abi: rampartTimelockAbi, functionName: 'hasRole', args: [admin, devnetAccount(0).address] })).toBe(false)
})

test("a visitor switches networks in the header and reads each chain's own state; the choice survives a reload", async ({ page, stack }) => {
  const devnetPrice = await ethPrice(stack.rpcUrl, devnet)
  const l2Price = await ethPrice(l2RpcUrl, l2)
  expect(formatWad(l2Price)).not.toBe(formatWad(devnetPrice))
  await page.goto(`${appUrl}/markets`)
  // the first configured chain until one is chosen
  await expectChain(page, 'Rampart Devnet', DEVNET, devnet, devnetPrice)

  await page.getByTestId('network-select').selectOption(String(L2))
  await expectChain(page, 'Local L2', L2, l2, l2Price)
  await page.reload()
  await expectChain(page, 'Local L2', L2, l2, l2Price)
  // the devnet's token has a faucet, the L2's (as any chain not configured with one) shows none
  await page.goto(`${appUrl}/pool`)
  await expect(page.getByTestId('footer-chain')).toHaveText(`Local L2 · chain ${L2}`)
  await expect(page.getByTestId('pool-value')).toBeVisible()
  await expect(page.getByTestId('faucet-button')).toHaveCount(0)

  // a link can name the chain
  await page.goto(`${appUrl}/markets?chain=${DEVNET}`)
  await expectChain(page, 'Rampart Devnet', DEVNET, devnet, devnetPrice)
  await page.goto(`${appUrl}/pool`)
  await expect(page.getByTestId('faucet-button')).toBeVisible()
})

test('the connected wallet is asked to switch, and the app follows a switch made in the wallet', async ({ page, stack }) => {
  const account = devnetAccount(9).address as Address
  await installInjectedWallet(page, { account, rpcUrl: stack.rpcUrl, chainId: DEVNET, chains: { [DEVNET]: stack.rpcUrl, [L2]: l2RpcUrl } })
  const devnetPrice = await ethPrice(stack.rpcUrl, devnet)
  const l2Price = await ethPrice(l2RpcUrl, l2)
  await page.goto(`${appUrl}/markets?chain=${DEVNET}`)
  await connectWallet(page)
  await expectChain(page, 'Rampart Devnet', DEVNET, devnet, devnetPrice)

  // the header's selector asks the wallet (wallet_switchEthereumChain); the app moves only once the
  // wallet has switched (a refusal leaves it on the devnet)
  await page.getByTestId('network-select').selectOption(String(L2))
  await expectChain(page, 'Local L2', L2, l2, l2Price)

  // the person switches in the wallet itself
  await page.evaluate((id) => (window as unknown as { __rampartTestWallet: { switchNetwork(id: number): void } }).__rampartTestWallet.switchNetwork(id), DEVNET)
  await expectChain(page, 'Rampart Devnet', DEVNET, devnet, devnetPrice)
})

test('a configured chain without a deployment is shown as unsupported, and nothing is read from it', async ({ page }) => {
  // every request and WebSocket the page opens towards the empty chain's RPC (nothing listens there)
  const emptyChainRequests: string[] = []
  const emptyHost = new URL(emptyRpcUrl).host
  page.on('request', (request) => void (new URL(request.url()).host === emptyHost && emptyChainRequests.push(request.url())))
  page.on('websocket', (socket) => void (new URL(socket.url()).host === emptyHost && emptyChainRequests.push(socket.url())))
  await page.goto(`${appUrl}/markets`)
  await page.getByTestId('network-select').selectOption(String(EMPTY))
  const banner = page.getByTestId('unsupported-chain')
  await expect(banner).toBeVisible()
  await expect(banner).toContainText('Empty Chain is not supported')
  await expect(page.getByTestId('footer-chain')).toHaveText(`Empty Chain · chain ${EMPTY} · not deployed`)
  await expect(page.locator('[data-testid^="market-row-"]')).toHaveCount(0)
  await expect(page.getByTestId('network-select').locator('option', { hasText: 'Empty Chain (unsupported)' })).toHaveCount(1)
  await page.waitForTimeout(1_500) // a few block times: a watcher would have asked by now
  expect(emptyChainRequests).toEqual([])

  await banner.getByTestId(`switch-to-${L2}`).click()
  await expect(page.getByTestId('unsupported-chain')).toHaveCount(0)
  await expect(page.getByTestId('footer-chain')).toHaveText(`Local L2 · chain ${L2}`)
})

import { test as base, expect } from '@playwright/test'
import { createPublicClient, createTestClient, createWalletClient, http, type Address } from 'viem'
import { foundry } from 'viem/chains'
import { devnetAccount } from '../../scripts/devnet/accounts'
import { readDeployment, settlePending } from '../../scripts/devnet/devnet'
import { movePrice, repushSources } from '../../scripts/devnet/movePrice'
import type { SettleCounts } from '../../scripts/keeper/settle'
import type { Deployment } from '../../lib/config/types'
import { e2eStack, type E2EStack } from './env'
import { installInjectedWallet, type WalletControl } from './injectedWallet'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** A devnet account no deploy script touches, so every test's wallet starts empty. */
const TEST_WALLET_INDEX = 9

type WriteRequest = Omit<Parameters<ReturnType<typeof createWalletClient>['writeContract']>[0], 'account' | 'chain'>

export type ChainFixture = Fixtures['chain']

/** Worker-scoped: the stack (chain, app, keeper status port) this worker's tests run on. */
type WorkerFixtures = {
  stack: E2EStack
}

type Fixtures = {
  chain: {
    rpcUrl: string
    deployment: Deployment
    publicClient: ReturnType<typeof createPublicClient>
    testClient: ReturnType<typeof createTestClient>
    /** Moves a market's oracle price by `factor` (all sources, then the oracle accepts it); returns the new price. */
    movePrice: (marketId: bigint, factor: number) => Promise<bigint>
    /**
     * Settles pending two-step requests (orders, LP deposits and withdrawals) the way the keeper
     * does, with no keeper process: the sources report again in a later block (a price nobody knew
     * at the request), then the keeper's own settle pass (scripts/keeper/settle.ts) executes what
     * qualifies and cancels what expired. Call it once the request is mined. Returns what it did.
     */
    settlePending: () => Promise<SettleCounts>
    /** The feeder's tick without moving a price: every source reports again, the oracle accepts. Returns its block. */
    repushSources: () => Promise<bigint>
    /** Sends a transaction from the deployer (admin, guardian, token minter on the devnet) and waits for it. */
    asDeployer: (request: WriteRequest) => Promise<void>
    /** Sends a transaction from any of anvil's unlocked accounts and waits for it. */
    as: (account: Address, request: WriteRequest) => Promise<void>
  }
  wallet: WalletControl & { address: Address }
  guards: void
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  // parallelIndex is unique among the workers running at one time (a replacement worker after a
  // failure takes the index of the one it replaces), so no two workers share a chain.
  stack: [async ({}, use, workerInfo) => use(e2eStack(workerInfo.parallelIndex)), { scope: 'worker' }],
  baseURL: async ({ stack }, use) => use(stack.appUrl),

  // Every test starts from the freshly deployed chain: snapshot before, revert after.
  chain: async ({ stack }, use) => {
    const transport = http(stack.rpcUrl)
    const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport })
    const publicClient = createPublicClient({ chain: foundry, transport })
    const walletClient = createWalletClient({ chain: foundry, transport })
    const sendAs = async (account: Address, request: WriteRequest) => {
      const hash = await walletClient.writeContract({ ...request, account, chain: foundry } as never)
      const receipt = await publicClient.waitForTransactionReceipt({ hash })
      expect(receipt.status).toBe('success')
    }
    const deployment = await readDeployment()
    const snapshot = await testClient.snapshot()
    await use({
      rpcUrl: stack.rpcUrl,
      deployment,
      publicClient,
      testClient,
      movePrice: (marketId, factor) => movePrice({ publicClient, walletClient }, deployment, marketId, factor),
      settlePending: async () => {
        await repushSources({ publicClient, walletClient }, deployment)
        return settlePending(stack.rpcUrl, deployment)
      },
      repushSources: () => repushSources({ publicClient, walletClient }, deployment),
      asDeployer: (request) => sendAs(devnetAccount(0).address, request),
      as: sendAs,
    })
    await testClient.revert({ id: snapshot })
  },

  wallet: async ({ page, chain }, use) => {
    const { address } = devnetAccount(TEST_WALLET_INDEX)
    const control = await installInjectedWallet(page, { account: address, rpcUrl: chain.rpcUrl })
    await use({ ...control, address })
  },

  // No request may leave loopback, and the console stays free of errors, in every test.
  guards: [
    async ({ page }, use) => {
      const external: string[] = []
      const consoleErrors: string[] = []
      await page.route(
        (url) => !LOOPBACK_HOSTS.has(url.hostname) && url.protocol !== 'data:',
        (route) => {
          external.push(route.request().url())
          return route.abort('blockedbyclient')
        },
      )
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text())
      })
      page.on('pageerror', (error) => consoleErrors.push(error.message))
      await use()
      expect(external, 'requests that left 127.0.0.1').toEqual([])
      expect(consoleErrors, 'browser console errors').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }

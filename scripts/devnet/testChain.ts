import { createPublicClient, createTestClient, createWalletClient, http, type Address } from 'viem'
import { foundry } from 'viem/chains'
import type { Deployment } from '../../lib/config/types'
import { devnetAccount } from './accounts'
import { deployDevnet, startAnvil } from './devnet'
import { ProcessGroup } from './processes'

/**
 * A private devnet for a test file: a fresh anvil (by default mining on each transaction) with the contracts
 * deployed and seeded exactly as `npm run dev` does, plus clients to drive it. With `blockTime`,
 * blocks are mined on that interval once the deploy is done (deployed on automine: seconds, not
 * the minutes its hundred-odd transactions take at one block a second).
 */
export async function startTestChain(port: number, { blockTime = 0 }: { blockTime?: number } = {}) {
  const group = new ProcessGroup()
  try {
    const rpcUrl = await startAnvil(group, { port, blockTime: 0 })
    const deployment: Deployment = await deployDevnet(rpcUrl)
    const transport = http(rpcUrl)
    // viem polls receipts every 4 s on a chain without a block time; a test waits on many.
    const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 250 })
    const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport })
    if (blockTime > 0) await testClient.setIntervalMining({ interval: blockTime })
    const walletFor = (index: number) =>
      createWalletClient({ chain: foundry, transport, account: devnetAccount(index).address as Address })
    return { rpcUrl, deployment, publicClient, testClient, walletFor, stop: () => group.stop() }
  } catch (error) {
    await group.stop()
    throw error
  }
}

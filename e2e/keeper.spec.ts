import { join } from 'node:path'
import { liquidationEngineAbi } from '../lib/contracts/generated'
import { devnetAccount } from '../scripts/devnet/accounts'
import { devnetOpenPositions } from '../scripts/devnet/openPositions'
import { ROOT } from '../scripts/devnet/devnet'
import { ProcessGroup } from '../scripts/devnet/processes'
import { typescriptEntry } from '../scripts/devnet/typescriptEntry'
import { expect, test } from './support/test'

const ETH = 0n

test.describe('keeper on the risk console', () => {
  test('shows the keeper offline, then online with what it tracks, and its liquidation after a crash', async ({ page, chain, stack }) => {
    // The keeper's start (tsx) and twelve transactions at one block a second (three price steps of
    // four each, every receipt polled) take most of the default 60 s on a busy machine.
    test.setTimeout(120_000)
    await page.goto('/risk')
    await expect(page.getByTestId('keeper-status')).toHaveText('offline')

    // A real keeper (scripts/keeper.ts) on this test's chain; stopped before the chain is reverted.
    const services = new ProcessGroup()
    try {
      services.start('keeper', ...typescriptEntry(join(ROOT, 'scripts', 'keeper.ts')), {
        cwd: ROOT,
        env: { ...process.env, RAMPART_RPC_URL: chain.rpcUrl, KEEPER_STATUS_PORT: String(stack.keeperStatusPort), KEEPER_POLL_MS: '200' },
      })
      const open = (await devnetOpenPositions(chain.publicClient, chain.deployment)).length
      await expect(page.getByTestId('keeper-status')).toHaveText('online', { timeout: 60_000 })
      await expect(page.getByTestId('keeper-tracked')).toHaveText(String(open))
      await expect(page.getByTestId('keeper-liquidated')).toHaveText('0')
      await expect(page.getByTestId('keeper-last-block')).toHaveText(/^#\d+$/)

      // ETH −14 % in steps the oracle accepts: the seeded ~10x long goes under water.
      const trader = devnetAccount(2).address
      const crashStart = await chain.publicClient.getBlockNumber()
      for (const factor of [0.95, 0.95, 0.95]) await chain.movePrice(ETH, factor)
      await expect(page.getByTestId('keeper-liquidated')).not.toHaveText('0', { timeout: 60_000 })
      const liquidations = await chain.publicClient.getContractEvents({
        address: chain.deployment.contracts.LiquidationEngine,
        abi: liquidationEngineAbi,
        eventName: 'Liquidated',
        args: { trader, marketId: ETH },
        fromBlock: crashStart,
      })
      expect(liquidations.length).toBeGreaterThan(0)
      const shown = Number(await page.getByTestId('keeper-liquidated').textContent())
      expect(shown).toBeGreaterThanOrEqual(1)
    } finally {
      await services.stop()
    }
  })
})

import type { Page } from '@playwright/test'
import { maxUint256, parseUnits, type Address } from 'viem'
import { perpEngineAbi, testUsdAbi } from '../lib/contracts/generated'
import { formatWad } from '../lib/format'
import { liquidationProbability } from '../lib/risk'
import { devnetAccount } from '../scripts/devnet/accounts'
import { connectWallet } from './support/connect'
import { expect, test, type ChainFixture } from './support/test'

/** Opens a position for an anvil-unlocked account straight on the chain (not through the page). */
async function openFor(chain: ChainFixture, trader: Address, marketId: bigint, size: bigint, collateral: bigint) {
  const { contracts } = chain.deployment
  await chain.asDeployer({ address: contracts.TestUSD, abi: testUsdAbi, functionName: 'mint', args: [trader, collateral] })
  await chain.as(trader, { address: contracts.TestUSD, abi: testUsdAbi, functionName: 'approve', args: [contracts.PerpEngine, maxUint256] })
  await chain.as(trader, { address: contracts.PerpEngine, abi: perpEngineAbi, functionName: 'open', args: [marketId, size, collateral] })
}

/** eth_call requests the page sends, grouped by the block they are pinned to. */
function countCallsPerBlock(page: Page, rpcUrl: string) {
  const perBlock = new Map<string, number>()
  page.on('request', (request) => {
    if (!request.url().startsWith(rpcUrl) || request.method() !== 'POST') return
    const body = request.postDataJSON() as { method: string; params: unknown[] } | { method: string; params: unknown[] }[]
    for (const call of Array.isArray(body) ? body : [body])
      if (call.method === 'eth_call' && typeof call.params[1] === 'string') perBlock.set(call.params[1], (perBlock.get(call.params[1]) ?? 0) + 1)
  })
  return perBlock
}

test.describe('portfolio and request budget', () => {
  test("shows the account's positions with the engine's numbers and 24 h odds", async ({ page, chain, wallet }) => {
    await openFor(chain, wallet.address, 0n, parseUnits('1', 18), 400_000_000n)
    await openFor(chain, wallet.address, 2n, -parseUnits('20', 18), 500_000_000n)
    await page.goto('/portfolio')
    await connectWallet(page)
    for (const [id, name] of [[0n, 'ETH-USD'], [2n, 'SOL-USD']] as const) {
      const row = page.getByTestId(`portfolio-row-${name}`)
      const [view, market] = await Promise.all([
        chain.publicClient.readContract({ address: chain.deployment.contracts.PerpEngine, abi: perpEngineAbi, functionName: 'getPosition', args: [wallet.address, id] }),
        chain.publicClient.readContract({ address: chain.deployment.contracts.PerpEngine, abi: perpEngineAbi, functionName: 'getMarket', args: [id] }),
      ])
      await expect(row.getByTestId('portfolio-liquidation-price')).toHaveText(formatWad(view.liquidationPrice))
      const odds = liquidationProbability(view.markPrice, view.liquidationPrice, view.size > 0n, market.volatility)
      await expect(row.getByTestId('portfolio-liquidation-probability')).toHaveText(`${(odds * 100).toFixed(2)}%`)
    }
    await expect(page.getByTestId('portfolio-row-BTC-USD')).toHaveCount(0)
  })

  test('the risk console reads a constant number of calls per block however many positions', async ({ page, chain }) => {
    const perBlock = countCallsPerBlock(page, chain.rpcUrl)
    await page.goto('/risk')
    await expect(page.getByTestId('open-position-count')).toHaveText('7')
    await page.waitForTimeout(5_000)
    const before = Math.max(...perBlock.values())
    perBlock.clear()

    for (const index of [5, 6, 7, 8]) await openFor(chain, devnetAccount(index).address, BigInt(index % 3), parseUnits('0.01', 18), 100_000_000n)
    await expect(page.getByTestId('open-position-count')).toHaveText('11')
    perBlock.clear()
    await page.waitForTimeout(5_000)
    const after = Math.max(...perBlock.values())
    expect(perBlock.size).toBeGreaterThan(2) // several blocks were read
    expect(after).toBe(before)
    expect(after).toBeLessThanOrEqual(2)
  })
})

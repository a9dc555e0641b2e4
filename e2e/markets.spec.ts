import { iPerpLensAbi } from '../lib/contracts/generated'
import { formatAmount, formatWad } from '../lib/format'
import { devnetAccount } from '../scripts/devnet/accounts'
import { ATTEMPT, expectMatchesChain } from './support/matchesChain'
import { expect, test } from './support/test'

const ETH = 0n

test.describe('live markets and positions', () => {
  test('the markets table follows the oracle without reload', async ({ page, chain }) => {
    await page.goto('/markets')
    const row = page.getByTestId('market-row-ETH-USD')
    const price = row.getByTestId('market-price')
    await expect(price).toHaveText(/\d/)
    await expect(row.getByTestId('market-oracle-status')).toHaveText('Fresh')
    const before = await price.textContent()

    const accepted = await chain.movePrice(ETH, 1.03)
    await expect(price).toHaveText(formatWad(accepted))
    expect(formatWad(accepted)).not.toBe(before)
  })

  test('the market page draws its price history as a light line; the interactive chart loads when asked', async ({ page, chain }) => {
    await page.goto('/markets/ETH-USD')
    await expect(page.getByTestId('price-history-count')).toHaveText(/^\d+ oracle prices since deployment$/)
    await chain.movePrice(ETH, 1.01)
    const light = page.getByTestId('price-chart-light')
    // one vertex per price second: the deploy's price and the new one at least
    await expect.poll(async () => ((await light.locator('polyline').getAttribute('points')) ?? '').trim().split(' ').length).toBeGreaterThan(1)
    await expect(page.getByTestId('price-chart')).toHaveCount(0)
    await page.getByTestId('price-chart-interactive').click()
    await expect(page.getByTestId('price-chart').locator('canvas').first()).toBeVisible()
    await expect(light).toHaveCount(0)
  })

  test("the risk console shows the engine's numbers and updates them on a price move", async ({ page, chain }) => {
    const trader = devnetAccount(2).address // seeded: a ~10x ETH long
    const read = () =>
      chain.publicClient.readContract({
        address: chain.deployment.contracts.PerpLens,
        abi: iPerpLensAbi,
        functionName: 'getPosition',
        args: [trader, ETH],
      })
    await page.goto('/risk')
    const row = page.getByTestId(`position-row-${trader.toLowerCase()}-ETH-USD`)
    // Funding accrues per block: each attempt re-reads the engine (support/matchesChain.ts).
    const initial = await expectMatchesChain(read, async (view) => {
      await expect(row.getByTestId('position-liquidation-price')).toHaveText(formatWad(view.liquidationPrice), ATTEMPT)
      await expect(row.getByTestId('position-pnl')).toHaveText(formatAmount(view.unrealisedPnl, 6), ATTEMPT)
    })

    await chain.movePrice(ETH, 0.95)
    const after = await read()
    expect(after.unrealisedPnl).toBeLessThan(initial.unrealisedPnl)
    await expectMatchesChain(read, async (view) => {
      await expect(row.getByTestId('position-pnl')).toHaveText(formatAmount(view.unrealisedPnl, 6), ATTEMPT)
      await expect(row.getByTestId('position-equity')).toHaveText(formatAmount(view.equity, 6), ATTEMPT)
      await expect(row.getByTestId('position-health')).toHaveText(formatAmount(view.health, 18, 2), ATTEMPT)
      await expect(row.getByTestId('position-mark')).toHaveText(formatWad(view.markPrice), ATTEMPT)
    })
  })
})

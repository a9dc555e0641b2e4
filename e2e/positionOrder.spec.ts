import type { Page } from '@playwright/test'
import { formatUnits, parseUnits } from 'viem'
import { iPerpLensAbi, testUsdAbi } from '../lib/contracts/generated'
import { formatAmount } from '../lib/format'
import { collateralForHealth } from '../lib/risk'
import { OrderFormPage } from './pages/orderForm'
import { connectWallet } from './support/connect'
import { openThroughRouter } from './support/requests'
import { ATTEMPT, expectMatchesChain } from './support/matchesChain'
import { expect, test, type ChainFixture } from './support/test'

const ETH = 0n

async function fund(page: Page) {
  await page.getByTestId('faucet-button').first().click()
  await expect(page.getByTestId('toast-success')).toContainText('Draw test USD: done')
  await expect(page.getByText('Balance 10,000.00')).toBeVisible()
}

const lensOf = (chain: ChainFixture) => ({ address: chain.deployment.contracts.PerpLens, abi: iPerpLensAbi }) as const

test.describe('the order form with a position open', () => {
  test('becomes an increase form once the open fills; increase, reduce by 50 %, Max closes; nothing the contracts refuse is sent', async ({ page, chain, wallet }) => {
    test.setTimeout(180_000)
    const form = new OrderFormPage(page)
    const position = () => chain.publicClient.readContract({ ...lensOf(chain), functionName: 'getPosition', args: [wallet.address, ETH] })
    const sentSoFar = () => chain.publicClient.getTransactionCount({ address: wallet.address })

    await page.goto('/markets/ETH-USD')
    await connectWallet(page)
    await fund(page)

    // Open a 5× long: approve, request. While it waits, a second open is not sent (it would be refused at execution).
    await form.fill({ side: 'long', collateral: '1000', leverage: '5' })
    await form.request(/^Request long \(escrow/)
    await expect(page.getByTestId('toast-success').last()).toContainText('Request open long: done')
    await form.fill({ side: 'long', collateral: '500', leverage: '3' })
    await expect(form.pendingOpen).toContainText(/^An open request is pending: #\d+\./)
    await expect(form.submit).toBeDisabled()
    const sent = await sentSoFar()

    expect((await chain.settlePending()).ordersExecuted).toBe(1)
    await expect(page.getByTestId('toast-success').last()).toContainText(/Open #\d+: executed/)
    // The same form, now about the position: increase first; no open (no PositionExists toast possible).
    await expect(form.positionForm).toBeVisible()
    await expect(page.getByTestId('order-side-long')).toHaveCount(0)
    await expect(form.mode('increase')).toHaveAttribute('aria-pressed', 'true')
    await expect(form.positionSummary).toContainText('Your long')
    expect(await sentSoFar()).toBe(sent)
    // Untouched fields say nothing; a bad value is named next to its field and nothing can be sent.
    await expect(form.error('size')).toHaveCount(0)
    await expect(form.submit).toBeDisabled()
    await form.increaseBy('6') // ≈ 20,000 USD more on ≈ 1,000 of collateral: far above 20×
    await expect(form.error('size')).toContainText("above this market's max")
    await expect(form.submit).toBeDisabled()
    await form.increaseBy('1', '999999')
    await expect(form.error('collateral')).toContainText('More than your balance')
    await expect(form.submit).toBeDisabled()
    await page.getByTestId('order-size').fill('')
    await expect(form.error('size')).toHaveText('Enter an amount.')
    expect(await sentSoFar()).toBe(sent)

    // Increase by 0.1 ETH with 100 tUSD more collateral, previewed; filled by the keeper's pass.
    const opened = await position()
    await form.increaseBy('0.1', '100')
    await expect(page.getByTestId('order-preview-leverage')).toHaveText(/×$/)
    await form.request(/^Request increase \(escrow 100\.50 tUSD\)$/)
    await expect(page.getByTestId('toast-success').last()).toContainText('Request increase: done')
    expect((await chain.settlePending()).ordersExecuted).toBe(1)
    await expect(page.getByTestId('toast-success').last()).toContainText(/Increase #\d+: executed/)
    const increased = await position()
    expect(increased.size).toBe(opened.size + parseUnits('0.1', 18))
    await expect(page.getByTestId('position-size')).toHaveText(formatAmount(increased.size, 18, 4))

    // Reduce by 50 %: the button fills in exactly half the size.
    await form.reduceBy({ percent: 50 })
    const half = increased.size / 2n
    await expect(form.reduceSize).toHaveValue(formatUnits(half, 18))
    await expect(form.submit).toHaveText(/Request reduce|approve/)
    await form.request('Request reduce')
    await expect(page.getByTestId('toast-success').last()).toContainText('Request reduce: done')
    // While it waits, no second exit.
    await form.percent(25).click()
    await expect(page.getByTestId('order-pending-exit')).toContainText(/^A reduce request is pending: #\d+\./)
    await expect(form.submit).toBeDisabled()
    expect((await chain.settlePending()).ordersExecuted).toBe(1)
    await expect(page.getByTestId('toast-success').last()).toContainText(/Reduce #\d+: executed/)
    const reduced = await position()
    expect(reduced.size).toBe(increased.size - half)

    // Max is the whole position: sent as a close; the form goes back to opening.
    await form.reduceBy({ percent: 100 })
    await expect(form.reduceSize).toHaveValue(formatUnits(reduced.size, 18))
    await expect(page.getByTestId('order-reduce-closes')).toBeVisible()
    await expect(page.getByTestId('order-close-payout')).toHaveText(/^\d[\d,]*\.\d\d$/)
    await form.request('Request close')
    await expect(page.getByTestId('toast-success').last()).toContainText('Request close: done')
    expect((await chain.settlePending()).ordersExecuted).toBe(1)
    await expect(page.getByTestId('toast-success').last()).toContainText(/Close #\d+: executed/)
    expect((await position()).size).toBe(0n)
    await expect(page.getByTestId('order-side-long')).toBeVisible()
    await expect(form.positionForm).toHaveCount(0)
  })
})

test.describe('the health banner', () => {
  test('under health 1.2 the position offers the collateral that brings it to 1.5 (or the health picked), and adds it in one click', async ({ page, chain, wallet }) => {
    test.setTimeout(120_000)
    const { contracts } = chain.deployment
    const lens = lensOf(chain)
    const position = () => chain.publicClient.readContract({ ...lens, functionName: 'getPosition', args: [wallet.address, ETH] })
    // An 8× long (under the devnet tier's 9× gap-aware cap), then ETH down in steps the oracle accepts until its health is between 1 and 1.2.
    const market = await chain.publicClient.readContract({ ...lens, functionName: 'getMarket', args: [ETH] })
    await openThroughRouter(chain, wallet.address, ETH, parseUnits('1', 18), market.price / 8n / 10n ** 12n)
    await chain.asDeployer({ address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'mint', args: [wallet.address, 5_000_000_000n] })

    await page.goto('/markets/ETH-USD')
    await connectWallet(page)
    await expect(page.getByTestId('position-panel')).toBeVisible()
    await expect(page.getByTestId('health-banner')).toHaveCount(0) // healthy: no banner

    // Aim for health ≈ 1.1 (health is nearly linear in the price between the liquidation price and
    // now), at most 3 % a step either way: each step's own volatility observation raises the
    // margin too, so a step can overshoot under 1; the next one steps back up.
    for (let step = 0; step < 12; step++) {
      const now = await position()
      if (now.health > 102n * 10n ** 16n && now.health < 115n * 10n ** 16n) break
      const h = Number(now.health) / 1e18
      const target = Number(now.liquidationPrice) + ((Number(now.markPrice) - Number(now.liquidationPrice)) * 0.1) / (h - 1)
      await chain.movePrice(ETH, Math.min(Math.max(target / Number(now.markPrice), 0.97), 1.03))
    }
    const low = await position()
    expect(low.health).toBeLessThan(12n * 10n ** 17n)
    expect(low.health).toBeGreaterThan(10n ** 18n)

    const banner = page.getByTestId('health-banner')
    await expect(banner).toBeVisible()
    await expect(page.getByTestId('health-banner-target')).toHaveValue('1.50')
    // The amount on the button is lib/risk's collateralForHealth at the block shown, to the cent.
    const amountFor = async (target: bigint) => {
      const view = await position()
      return formatAmount(collateralForHealth(view.equity, view.mmr, target), 6)
    }
    await expect.poll(async () => (await page.getByTestId('health-banner-amount').textContent()) === (await amountFor(15n * 10n ** 17n))).toBe(true)
    await page.getByTestId('health-banner-target').fill('2')
    await expect.poll(async () => (await page.getByTestId('health-banner-amount').textContent()) === (await amountFor(2n * 10n ** 18n))).toBe(true)
    await page.getByTestId('health-banner-target').fill('0.9')
    await expect(page.getByTestId('health-banner-error')).toContainText('Pick a health above 1')
    await expect(page.getByTestId('health-banner-submit')).toBeDisabled()
    await page.getByTestId('health-banner-target').fill('1.5')

    // One click (after approving the engine): the position is back at 1.5 and the banner is gone.
    await expect(page.getByTestId('health-banner-submit')).toContainText('Step 1 of 2: approve')
    await page.getByTestId('health-banner-submit').click()
    await expect(page.getByTestId('toast-success').last()).toContainText('Approve tUSD: done')
    await expect(page.getByTestId('health-banner-submit')).toContainText(/^Add [\d,]+\.\d\d tUSD collateral$/)
    await page.getByTestId('health-banner-submit').click()
    await expect(page.getByTestId('toast-success').last()).toContainText('Add collateral: done')
    await expect(banner).toHaveCount(0)
    // Funding of the second or two between the read and the block may take a hair off the target.
    const after = await expectMatchesChain(position, (view) =>
      expect(page.getByTestId('position-health')).toHaveText(formatAmount(view.health, 18, 2), ATTEMPT),
    )
    expect(after.health).toBeGreaterThan(149n * 10n ** 16n)
    expect(after.health).toBeLessThan(151n * 10n ** 16n)
  })
})

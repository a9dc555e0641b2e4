import type { Page } from '@playwright/test'
import { iOrderRouterAbi, iPerpLensAbi, pauseGuardianAbi, testUsdAbi } from '../lib/contracts/generated'
import { formatAmount, formatWad } from '../lib/format'
import { acceptablePrice } from '../lib/orders/requestTerms'
import { PositionActionsPanel } from './pages/positionActions'
import { connectWallet } from './support/connect'
import { ATTEMPT, expectMatchesChain } from './support/matchesChain'
import { expect, test, type ChainFixture } from './support/test'

const ETH = 0n
const BTC = 1n

async function fund(page: Page) {
  await page.getByTestId('faucet-button').click()
  await expect(page.getByTestId('toast-success')).toContainText('Draw test USD: done')
  await expect(page.getByText('Balance 10,000.00')).toBeVisible()
}

/**
 * Approve (step 1) then request (step 2), as the form asks; the request is pending until the
 * keeper's settle pass fills it at the next fresh price: executed toast, then the position.
 */
async function openPosition(page: Page, chain: ChainFixture, side: 'long' | 'short', fill: () => Promise<void>) {
  await page.getByTestId(`order-side-${side}`).click()
  await fill()
  await expect(page.getByTestId('order-submit')).toHaveText(/Step 1 of 2: approve/)
  await page.getByTestId('order-submit').click()
  await expect(page.getByTestId('order-submit')).toHaveText(new RegExp(`^Request ${side} \\(escrow`))
  await page.getByTestId('order-submit').click()
  await expect(page.getByTestId('toast-success').last()).toContainText(`Request open ${side}: done`)
  await expect(page.getByTestId('pending-order-count')).toHaveText('1')
  await expect(page.getByTestId('position-panel')).toHaveCount(0)
  const settled = await chain.settlePending()
  expect(settled.ordersExecuted).toBe(1)
  await expect(page.getByTestId('toast-success').last()).toContainText(/Open #\d+: executed/)
  await expect(page.getByTestId('position-panel')).toBeVisible()
  await expect(page.getByTestId('pending-order-count')).toHaveText('0')
}

test.describe('trading', () => {
  test('open a long and a short, follow a price move, add collateral, close', async ({ page, chain, wallet }) => {
    // Three requests, each settled by the keeper's pass (fresh prices, then a batch): longer than the default minute.
    test.setTimeout(150_000)
    const engine = { address: chain.deployment.contracts.PerpLens, abi: iPerpLensAbi } as const
    const positionOf = (marketId: bigint) => chain.publicClient.readContract({ ...engine, functionName: 'getPosition', args: [wallet.address, marketId] })
    const balance = () => chain.publicClient.readContract({ address: chain.deployment.contracts.SettlementToken, abi: testUsdAbi, functionName: 'balanceOf', args: [wallet.address] })

    await page.goto('/markets/ETH-USD')
    await connectWallet(page)
    await fund(page)

    // Long ETH: 1,000 tUSD at 5×, previewed before signing; the request shows its limit and fee.
    await openPosition(page, chain, 'long', async () => {
      await page.getByTestId('order-collateral').fill('1000')
      await page.getByTestId('order-leverage').fill('5')
      await expect(page.getByTestId('order-preview-liquidation-price')).toHaveText(/\d/)
    })
    // funding moves health and the liquidation price per block: the engine is read at each attempt
    let long = await expectMatchesChain(() => positionOf(ETH), async (view) => {
      await expect(page.getByTestId('position-liquidation-price')).toHaveText(formatWad(view.liquidationPrice), ATTEMPT)
      await expect(page.getByTestId('position-health')).toHaveText(formatAmount(view.health, 18, 2), ATTEMPT)
    })
    expect(long.size).toBeGreaterThan(0n)

    // The oracle moves: health and PnL follow without a reload.
    await chain.movePrice(ETH, 0.96)
    long = await expectMatchesChain(() => positionOf(ETH), async (view) => {
      await expect(page.getByTestId('position-pnl')).toHaveText(formatAmount(view.unrealisedPnl, 6), ATTEMPT)
      await expect(page.getByTestId('position-health')).toHaveText(formatAmount(view.health, 18, 2), ATTEMPT)
    })

    // Adding collateral moves the liquidation price away (down, for a long).
    await page.getByTestId('position-action-addCollateral').click()
    await page.getByTestId('position-amount').fill('500')
    await expect(page.getByTestId('position-preview-liquidation-price')).toHaveText(/\d/)
    await page.getByTestId('position-submit').click() // approve the engine (one step: no request)
    await expect(page.getByTestId('position-submit')).toHaveText('Add collateral')
    await page.getByTestId('position-submit').click()
    await expect(page.getByTestId('position-collateral')).toHaveText(formatAmount(long.collateral + 500_000_000n, 6))
    const afterAdd = await expectMatchesChain(() => positionOf(ETH), (view) =>
      expect(page.getByTestId('position-liquidation-price')).toHaveText(formatWad(view.liquidationPrice), ATTEMPT),
    )
    expect(afterAdd.liquidationPrice).toBeLessThan(long.liquidationPrice)

    // Close through a request (the fee approved first): filled by the keeper, the funds come back.
    const actions = new PositionActionsPanel(page)
    const before = await balance()
    await actions.choose('close')
    await actions.submit.click() // approve the router for the fee
    await expect(actions.submit).toHaveText('Request close')
    await actions.submit.click()
    await expect(page.getByTestId('toast-success').last()).toContainText('Request close: done')
    await expect(page.getByTestId('position-panel')).toBeVisible() // pending: still open

    // While it waits, no second exit: close and reduce are blocked, the pending request named next to the button.
    const closeId = await chain.publicClient.readContract({ address: chain.deployment.contracts.OrderRouter, abi: iOrderRouterAbi, functionName: 'orderCount' })
    const sent = await chain.publicClient.getTransactionCount({ address: wallet.address })
    await expect(actions.pendingExit).toContainText(`A close request is pending: #${closeId}.`)
    await expect(actions.submit).toBeDisabled()
    await actions.choose('reduce', '0.1')
    await expect(actions.pendingExit).toContainText(`A close request is pending: #${closeId}.`)
    await expect(actions.submit).toBeDisabled()
    await actions.choose('addCollateral', '10') // one-step actions stay open
    await expect(actions.pendingExit).toHaveCount(0)
    await expect(actions.submit).toBeEnabled()
    expect(await chain.publicClient.getTransactionCount({ address: wallet.address })).toBe(sent)
    expect((await chain.settlePending()).ordersExecuted).toBe(1)
    await expect(page.getByTestId('toast-success').last()).toContainText(/Close #\d+: executed/)
    await expect(page.getByTestId('position-panel')).toHaveCount(0)
    expect((await positionOf(ETH)).size).toBe(0n)
    expect(await balance()).toBeGreaterThan(before + 1_000_000_000n)

    // Short BTC, sized in BTC: the size drives the leverage.
    await page.goto('/markets/BTC-USD')
    await openPosition(page, chain, 'short', async () => {
      await page.getByTestId('order-collateral').fill('2000')
      await page.getByTestId('order-size').fill('0.1')
      await expect(page.getByTestId('order-leverage')).toHaveValue(/^\d+\.\d\d$/)
    })
    const short = await expectMatchesChain(() => positionOf(BTC), (view) =>
      expect(page.getByTestId('position-liquidation-price')).toHaveText(formatWad(view.liquidationPrice), ATTEMPT),
    )
    expect(short.size).toBe(-(10n ** 17n))
  })

  test('every invalid input is named next to its field and nothing is sent', async ({ page, chain, wallet }) => {
    // about fifteen inputs, several needing a transaction first (approval, a position): ~45 s of blocks
    test.setTimeout(120_000)
    const nonce = () => chain.publicClient.getTransactionCount({ address: wallet.address })
    await page.goto('/markets/ETH-USD')
    await connectWallet(page)
    const sent = await nonce()
    const collateral = page.getByTestId('order-collateral')
    const submit = page.getByTestId('order-submit')

    const cases: [string, string, string][] = [
      ['order-collateral', '', 'Enter an amount.'],
      ['order-collateral', '0', 'The amount must be greater than zero.'],
      ['order-collateral', '-5', 'The amount must be positive.'],
      ['order-collateral', 'abc', 'Enter a number, like 1250.50.'],
      ['order-collateral', '1.1234567', 'At most 6 decimal places.'],
      ['order-collateral', '20', 'More than your balance (0.00 tUSD).'],
    ]
    await collateral.fill('1')
    for (const [field, value, message] of cases) {
      await page.getByTestId(field).fill(value)
      await expect(page.getByTestId(`${field}-error`)).toHaveText(message)
      await expect(submit).toBeDisabled()
    }

    // With funds: leverage above the tier's maximum, and above the open-interest cap.
    await chain.asDeployer({ address: chain.deployment.contracts.SettlementToken, abi: testUsdAbi, functionName: 'mint', args: [wallet.address, 100_000_000_000n] })
    await collateral.fill('1000')
    await page.getByTestId('order-leverage').fill('25')
    await expect(page.getByTestId('order-leverage-error')).toHaveText("Above this market's max leverage (9×).")
    await collateral.fill('70000')
    await page.getByTestId('order-leverage').fill('8')
    await expect(page.getByTestId('order-leverage-error')).toHaveText(/^Above the open-interest cap for longs/)
    await expect(submit).toBeDisabled()

    // Market states: paused, stale, guarded.
    await collateral.fill('1000')
    await page.getByTestId('order-leverage').fill('5')
    await expect(submit).toBeEnabled()
    // The guardian (PauseGuardian, operated by the deployer on the devnet) pauses new risk.
    const guardian = { address: chain.deployment.contracts.PauseGuardian, abi: pauseGuardianAbi } as const
    const setPause = (paused: boolean) =>
      chain.asDeployer({ ...guardian, functionName: paused ? 'pauseMarket' : 'unpauseMarket', args: [chain.deployment.contracts.RiskConfig, ETH] })
    await setPause(true)
    await expect(page.getByTestId('order-market-error')).toHaveText('New positions are paused in this market.')
    await expect(submit).toBeDisabled()
    await setPause(false)
    await expect(page.getByTestId('order-market-error')).toHaveCount(0)

    await chain.movePrice(ETH, 1.2) // beyond the circuit breaker's maxJump
    await expect(page.getByTestId('order-market-error')).toHaveText('The oracle circuit breaker tripped: new positions wait until it clears.')
    await expect(submit).toBeDisabled()

    expect(await nonce()).toBe(sent)
  })

  test('a stale oracle blocks new positions with a message', async ({ page, chain, wallet }) => {
    await page.goto('/markets/SOL-USD')
    await connectWallet(page)
    await page.getByTestId('order-collateral').fill('100')
    await chain.testClient.increaseTime({ seconds: 3600 })
    await chain.testClient.mine({ blocks: 1 })
    await expect(page.getByTestId('order-market-error')).toHaveText('The oracle is stale: new positions wait for fresh prices.')
    await expect(page.getByTestId('order-submit')).toBeDisabled()
    expect(await chain.publicClient.getTransactionCount({ address: wallet.address })).toBe(0)
  })

  test('a rejection in the wallet is calm and opens nothing', async ({ page, chain, wallet }) => {
    const ordersBefore = await chain.publicClient.readContract({ address: chain.deployment.contracts.OrderRouter, abi: iOrderRouterAbi, functionName: 'orderCount' })
    await page.goto('/markets/ETH-USD')
    await connectWallet(page)
    await fund(page)
    await page.getByTestId('order-collateral').fill('1000')
    await page.getByTestId('order-submit').click() // approve
    await expect(page.getByTestId('order-submit')).toHaveText(/^Request long/)
    wallet.rejectNextApproval()
    await page.getByTestId('order-submit').click()
    await expect(page.getByTestId('toast-info')).toContainText('You cancelled the request in your wallet. Nothing was sent.')
    await expect(page.getByTestId('position-panel')).toHaveCount(0)
    const position = await chain.publicClient.readContract({ address: chain.deployment.contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getPosition', args: [wallet.address, ETH] })
    expect(position.size).toBe(0n)
    expect(await chain.publicClient.readContract({ address: chain.deployment.contracts.OrderRouter, abi: iOrderRouterAbi, functionName: 'orderCount' })).toBe(ordersBefore)
  })

  test('the request terms: slippage sets the limit (stored), the expiry stays within the router bounds, the fee is shown', async ({ page, chain, wallet }) => {
    const { contracts } = chain.deployment
    const router = { address: contracts.OrderRouter, abi: iOrderRouterAbi } as const
    const [fee, maxAge, market] = await Promise.all([
      chain.publicClient.readContract({ ...router, functionName: 'executionFee' }),
      chain.publicClient.readContract({ ...router, functionName: 'maxOrderAge' }),
      chain.publicClient.readContract({ address: contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getMarket', args: [ETH] }),
    ])
    await page.goto('/markets/ETH-USD')
    await connectWallet(page)
    await expect(page.getByTestId('order-execution-fee')).toHaveText(`${formatAmount(fee, 6)} tUSD`)
    await expect(page.getByTestId('order-slippage')).toHaveValue('0.5')
    await expect(page.getByTestId('order-acceptable-price')).toHaveText(formatWad(acceptablePrice(market.price, 50n, true)))
    await page.getByTestId('order-side-short').click()
    await expect(page.getByTestId('order-acceptable-price')).toHaveText(formatWad(acceptablePrice(market.price, 50n, false)))
    await page.getByTestId('order-slippage').fill('1.25')
    await expect(page.getByTestId('order-acceptable-price')).toHaveText(formatWad(acceptablePrice(market.price, 125n, false)))
    await page.getByTestId('order-slippage').fill('30')
    await expect(page.getByTestId('order-slippage-error')).toHaveText(/At most 20 %/)
    await expect(page.getByTestId('order-acceptable-price')).toHaveText('—')
    await page.getByTestId('order-slippage').fill('1.25')
    await page.getByTestId('order-expiry').fill(String(Number(maxAge) / 60 + 1))
    await expect(page.getByTestId('order-expiry-error')).toHaveText(/^At most/)
    await page.getByTestId('order-expiry').fill('2')
    await expect(page.getByTestId('order-expiry-error')).toHaveCount(0)
    // The choice is remembered.
    await page.reload()
    await expect(page.getByTestId('order-slippage')).toHaveValue('1.25')
    await expect(page.getByTestId('order-expiry')).toHaveValue('2')
    expect(await chain.publicClient.getTransactionCount({ address: wallet.address })).toBe(0)
  })

  test('an order cancelled by its acceptable price says why and returns the collateral', async ({ page, chain, wallet }) => {
    const balance = () => chain.publicClient.readContract({ address: chain.deployment.contracts.SettlementToken, abi: testUsdAbi, functionName: 'balanceOf', args: [wallet.address] })
    const fee = await chain.publicClient.readContract({ address: chain.deployment.contracts.OrderRouter, abi: iOrderRouterAbi, functionName: 'executionFee' })
    await page.goto('/markets/ETH-USD')
    await connectWallet(page)
    await fund(page)
    await page.getByTestId('order-side-long').click()
    await page.getByTestId('order-collateral').fill('1000')
    await page.getByTestId('order-leverage').fill('3')
    await page.getByTestId('order-slippage').fill('0.5')
    await page.getByTestId('order-submit').click() // approve
    await expect(page.getByTestId('order-submit')).toHaveText(/^Request long/)
    const before = await balance()
    await page.getByTestId('order-submit').click()
    await expect(page.getByTestId('toast-success').last()).toContainText('Request open long: done')
    expect(await balance()).toBe(before - 1_000_000_000n - fee) // collateral and fee escrowed

    // The next fresh price is 2 % higher: beyond a long's 0.5 % ceiling.
    await chain.movePrice(ETH, 1.02)
    const settled = await chain.settlePending()
    expect(settled.ordersCancelled).toBe(1)
    await expect(page.getByTestId('toast-error').last()).toContainText(/Open #\d+: cancelled/)
    await expect(page.getByTestId('toast-error').last()).toContainText('price moved beyond your limit')
    const id = await chain.publicClient.readContract({ address: chain.deployment.contracts.OrderRouter, abi: iOrderRouterAbi, functionName: 'orderCount' })
    await expect(page.getByTestId(`order-status-${id}`)).toHaveText('cancelled')
    await expect(page.getByTestId(`order-why-${id}`)).toHaveText('Why: price moved beyond your limit')
    await expect(page.getByTestId('position-panel')).toHaveCount(0)
    expect(await balance()).toBe(before - fee) // the collateral came back; the fee paid the settler
  })
})

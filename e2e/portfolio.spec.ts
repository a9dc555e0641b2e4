import type { Page } from '@playwright/test'
import { parseUnits } from 'viem'
import { iOrderRouterAbi, iPerpLensAbi, perpEngineAbi, testUsdAbi } from '../lib/contracts/generated'
import { formatAmount, formatWad } from '../lib/format'
import { closeFee, liquidationProbability, scaleFor } from '../lib/risk'
import { devnetAccount } from '../scripts/devnet/accounts'
import { PositionActionsPanel } from './pages/positionActions'
import { connectWallet } from './support/connect'
import { openThroughRouter as openFor } from './support/requests'
import { ATTEMPT, expectMatchesChain } from './support/matchesChain'
import { expect, test } from './support/test'

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

/**
 * The most `eth_call`s the page made for one block, over 5 s windows until two in a row agree (at
 * most four): a one-off read (the first load's, a new position's) lands in one window, not two.
 */
async function steadyMaxPerBlock(perBlock: Map<string, number>): Promise<number> {
  let previous = -1
  for (let window = 0; window < 4; window++) {
    perBlock.clear()
    await new Promise((resolve) => setTimeout(resolve, 5_000))
    expect(perBlock.size).toBeGreaterThan(2) // several blocks were read
    const max = Math.max(...perBlock.values())
    if (max === previous) return max
    previous = max
  }
  return previous
}

test.describe('portfolio and request budget', () => {
  test("shows the account's positions with the engine's numbers and 24 h odds", async ({ page, chain, wallet }) => {
    await openFor(chain, wallet.address, 0n, parseUnits('1', 18), 400_000_000n)
    await openFor(chain, wallet.address, 2n, -parseUnits('20', 18), 500_000_000n)
    await page.goto('/portfolio')
    await connectWallet(page)
    for (const [id, name] of [[0n, 'ETH-USD'], [2n, 'SOL-USD']] as const) {
      const row = page.getByTestId(`portfolio-row-${name}`)
      const read = () =>
        Promise.all([
          chain.publicClient.readContract({ address: chain.deployment.contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getPosition', args: [wallet.address, id] }),
          chain.publicClient.readContract({ address: chain.deployment.contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getMarket', args: [id] }),
        ])
      // funding moves the liquidation price per block: read at each attempt
      await expectMatchesChain(read, async ([view, market]) => {
        await expect(row.getByTestId('portfolio-liquidation-price')).toHaveText(formatWad(view.liquidationPrice), ATTEMPT)
        const odds = liquidationProbability(view.markPrice, view.liquidationPrice, view.size > 0n, market.volatility)
        await expect(row.getByTestId('portfolio-liquidation-probability')).toHaveText(`${(odds * 100).toFixed(2)}%`, ATTEMPT)
      })
    }
    await expect(page.getByTestId('portfolio-row-BTC-USD')).toHaveCount(0)
  })

  test('PnL after fees and funding, and managing a position from its row', async ({ page, chain, wallet }) => {
    // An open and a close through requests (each settled in later blocks) plus a collateral top-up.
    test.setTimeout(120_000)
    const { contracts } = chain.deployment
    const engine = { address: contracts.PerpEngine, abi: perpEngineAbi } as const
    const lens = { address: contracts.PerpLens, abi: iPerpLensAbi } as const
    const positionOf = () => chain.publicClient.readContract({ ...lens, functionName: 'getPosition', args: [wallet.address, 0n] })
    await openFor(chain, wallet.address, 0n, parseUnits('2', 18), 1_000_000_000n)
    await chain.asDeployer({ address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'mint', args: [wallet.address, 600_000_000n] })
    await page.goto('/portfolio')
    await connectWallet(page)
    const row = page.getByTestId('portfolio-row-ETH-USD')

    // Net PnL = price PnL − funding − the open fee (from the engine's event) − the fee to close now.
    await chain.movePrice(0n, 1.02)
    const [opened] = await chain.publicClient.getContractEvents({ ...engine, eventName: 'PositionOpened', args: { trader: wallet.address }, fromBlock: 0n })
    const [view, market] = await Promise.all([positionOf(), chain.publicClient.readContract({ ...lens, functionName: 'getMarket', args: [0n] })])
    const exitFee = closeFee(view.size, view.markPrice, market.takerFee, scaleFor(6))
    expect(opened.args.fee).toBeGreaterThan(0n)
    await expect(row.getByTestId('portfolio-pnl')).toHaveText(formatAmount(view.unrealisedPnl, 6))
    await expect(row.getByTestId('portfolio-pnl-net')).toHaveText(formatAmount(view.unrealisedPnl - view.fundingOwed - opened.args.fee! - exitFee, 6))
    await expect(row.getByTestId('portfolio-pnl-net-fees')).toHaveText(formatAmount(opened.args.fee! + exitFee, 6))

    // Add collateral from the row: previewed, then the liquidation price moves away (down, for a long).
    await row.getByTestId('portfolio-manage').click()
    const actions = page.getByTestId('portfolio-actions-ETH-USD')
    await actions.getByTestId('position-action-addCollateral').click()
    await actions.getByTestId('position-amount').fill('500')
    await expect(actions.getByTestId('position-preview-collateral')).toHaveText(formatAmount(view.collateral + 500_000_000n, 6))
    await actions.getByTestId('position-submit').click() // approve the engine
    await expect(actions.getByTestId('position-submit')).toHaveText('Add collateral')
    await actions.getByTestId('position-submit').click()
    await expect(row.getByTestId('portfolio-collateral')).toHaveText(formatAmount(view.collateral + 500_000_000n, 6))
    const afterAdd = await positionOf()
    expect(afterAdd.liquidationPrice).toBeLessThan(view.liquidationPrice)
    await expect(row.getByTestId('portfolio-liquidation-price')).toHaveText(formatWad(afterAdd.liquidationPrice))

    // Reduce from the row (a request; the router already holds an allowance from the open, so no
    // approval step). While it waits no other exit goes out: a close or a second reduce is blocked,
    // the pending request named next to the button; once it is executed the close is open again.
    const panel = new PositionActionsPanel(actions)
    await expect(panel.amount).toHaveValue('') // the form clears once the top-up's transaction flow is done
    await panel.choose('reduce', '0.5')
    await expect(panel.submit).toHaveText('Request reduce')
    await panel.submit.click()
    await expect(page.getByTestId('toast-success').last()).toContainText('Request reduce: done')
    const reduceId = await chain.publicClient.readContract({ address: contracts.OrderRouter, abi: iOrderRouterAbi, functionName: 'orderCount' })
    const sent = await chain.publicClient.getTransactionCount({ address: wallet.address })
    await expect(panel.pendingExit).toContainText(`A reduce request is pending: #${reduceId}.`)
    await expect(panel.submit).toBeDisabled()
    await panel.choose('close')
    await expect(panel.pendingExit).toContainText(`A reduce request is pending: #${reduceId}.`)
    await expect(panel.submit).toBeDisabled()
    expect(await chain.publicClient.getTransactionCount({ address: wallet.address })).toBe(sent)
    expect((await chain.settlePending()).ordersExecuted).toBe(1)
    await expect(page.getByTestId('toast-success').last()).toContainText(`Reduce #${reduceId}: executed`)
    await expect(panel.pendingExit).toHaveCount(0)
    expect((await positionOf()).size).toBe(parseUnits('1.5', 18))

    // Close from the row (a request; the keeper fills it): the row goes and the funds come back.
    const balance = () => chain.publicClient.readContract({ address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'balanceOf', args: [wallet.address] })
    const before = await balance()
    await expect(panel.acceptablePrice).toHaveText(/\d/)
    await expect(panel.submit).toHaveText('Request close')
    await panel.submit.click()
    await expect(page.getByTestId('toast-success').last()).toContainText('Request close: done')
    await expect(page.getByTestId('pending-order-count')).toHaveText('1')
    await chain.settlePending()
    await expect(page.getByTestId('toast-success').last()).toContainText(/Close #\d+: executed/)
    await expect(page.getByTestId('no-positions')).toBeVisible()
    await expect(page.getByTestId('pending-order-count')).toHaveText('0')
    expect(await balance()).toBeGreaterThan(before + 1_000_000_000n)
  })

  test('the risk console reads a constant number of calls per block however many positions', async ({ page, chain }) => {
    // Twelve transactions at one block a second plus up to eight 5 s measurements.
    test.setTimeout(150_000)
    const perBlock = countCallsPerBlock(page, chain.rpcUrl)
    await page.goto('/risk')
    await expect(page.getByTestId('open-position-count')).toHaveText('7')
    // Measured once the page has loaded: its first block waits for the position logs (the keys of
    // the open positions), so its reads do not share that block's batch.
    const before = await steadyMaxPerBlock(perBlock)

    // sizes above the router's minimum position notional (10 USD): 0.1 SOL, 0.01 ETH and BTC
    for (const index of [5, 6, 7, 8]) {
      const market = BigInt(index % 3)
      await openFor(chain, devnetAccount(index).address, market, parseUnits(market === 2n ? '0.1' : '0.01', 18), 100_000_000n)
    }
    await expect(page.getByTestId('open-position-count')).toHaveText('11')
    const after = await steadyMaxPerBlock(perBlock)
    expect(after).toBe(before)
    expect(after).toBeLessThanOrEqual(2)
  })
})

import { parseUnits } from 'viem'
import { iOrderRouterAbi, iPerpLensAbi, perpEngineAbi, testUsdAbi } from '../lib/contracts/generated'
import { formatAmount } from '../lib/format'
import { connectWallet } from './support/connect'
import { chainTime, openThroughRouter } from './support/requests'
import { expect, test } from './support/test'

const ETH = 0n
const BTC = 1n

test.describe('account summary', () => {
  test("equity, margin used, free collateral and unrealised PnL follow the engine's views; realised PnL the closes' payouts", async ({ page, chain, wallet }) => {
    test.setTimeout(120_000)
    const { contracts } = chain.deployment
    const lens = { address: contracts.PerpLens, abi: iPerpLensAbi } as const
    const router = { address: contracts.OrderRouter, abi: iOrderRouterAbi } as const
    const positionOf = (marketId: bigint) => chain.publicClient.readContract({ ...lens, functionName: 'getPosition', args: [wallet.address, marketId] })
    const balance = () => chain.publicClient.readContract({ address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'balanceOf', args: [wallet.address] })
    // Two positions opened on the chain (1,000 and 2,000 tUSD escrowed), and 3,000 tUSD in the wallet.
    const ethCollateral = 1_000_000_000n
    const btcCollateral = 2_000_000_000n
    await openThroughRouter(chain, wallet.address, ETH, parseUnits('1', 18), ethCollateral)
    await openThroughRouter(chain, wallet.address, BTC, -parseUnits('0.1', 18), btcCollateral)
    await chain.asDeployer({ address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'mint', args: [wallet.address, 3_000_000_000n] })
    await chain.movePrice(ETH, 1.02)

    await page.goto('/portfolio')
    await connectWallet(page)
    const text = (id: string) => page.getByTestId(id).textContent()
    // Each number against the lens at the newest block (funding moves equity a little every second).
    const expected = async () => {
      const [eth, btc, wallet] = await Promise.all([positionOf(ETH), positionOf(BTC), balance()])
      const free = (p: typeof eth) => { const excess = p.equity - p.imr; return excess <= 0n ? 0n : excess < p.collateral ? excess : p.collateral }
      return {
        equity: formatAmount(wallet + eth.equity + btc.equity, 6),
        marginUsed: formatAmount(eth.imr + btc.imr, 6),
        free: formatAmount(wallet + free(eth) + free(btc), 6),
        unrealised: formatAmount(eth.equity - eth.collateral + btc.equity - btc.collateral, 6),
        // nothing closed yet: what the open fees took from the escrowed collateral
        realised: formatAmount(eth.collateral + btc.collateral - ethCollateral - btcCollateral, 6),
      }
    }
    const shown = async () => ({
      equity: await text('summary-equity'),
      marginUsed: await text('summary-margin-used'),
      free: await text('summary-free-collateral'),
      unrealised: await text('summary-unrealised-pnl'),
      realised: await text('summary-realised-pnl'),
    })
    await expect.poll(async () => JSON.stringify(await shown()) === JSON.stringify(await expected()), { timeout: 20_000 }).toBe(true)
    expect((await expected()).realised).toMatch(/^-\d/) // the open fees: a real, negative number
    await expect(page.getByTestId('account-summary')).toContainText(`Since block ${chain.deployment.deployBlock} (the history's first)`)
    await expect(page.getByTestId('account-summary')).toContainText('2 positions at the oracle price, block')
    // The header carries the same equity and free collateral.
    await expect.poll(async () => (await text('header-equity')) === (await text('summary-equity'))).toBe(true)
    await expect.poll(async () => (await text('header-free-collateral')) === (await text('summary-free-collateral'))).toBe(true)

    // Close ETH through the router: realised PnL is then its payout less what was escrowed, plus BTC's open fee.
    const market = await chain.publicClient.readContract({ ...lens, functionName: 'getMarket', args: [ETH] })
    const before = await chain.publicClient.getBlockNumber()
    await chain.as(wallet.address, { ...router, functionName: 'requestClose', args: [ETH, market.price / 2n, (await chainTime(chain)) + 300n] })
    expect((await chain.settlePending()).ordersExecuted).toBe(1)
    const [closed] = await chain.publicClient.getContractEvents({ address: contracts.PerpEngine, abi: perpEngineAbi, eventName: 'PositionClosed', args: { trader: wallet.address }, fromBlock: before })
    const btc = await positionOf(BTC)
    const realised = closed!.args.payout! - ethCollateral + (btc.collateral - btcCollateral)
    await expect(page.getByTestId('summary-realised-pnl')).toHaveText(formatAmount(realised, 6))
    await expect(page.getByTestId('account-summary')).toContainText('1 position at the oracle price')
  })
})

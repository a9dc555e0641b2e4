import { join } from 'node:path'
import { maxUint256, parseUnits, type Address } from 'viem'
import { debtAuctionAbi, iPerpLensAbi, insuranceFundAbi, liquidationEngineAbi, perpEngineAbi, rampartTokenAbi, stakingVaultAbi, testUsdAbi } from '../lib/contracts/generated'
import { formatAmount, formatPercent, formatWad } from '../lib/format'
import { devnetAccount } from '../scripts/devnet/accounts'
import { ROOT } from '../scripts/devnet/devnet'
import { ProcessGroup } from '../scripts/devnet/processes'
import { typescriptEntry } from '../scripts/devnet/typescriptEntry'
import { connectWallet } from './support/connect'
import { expect, test, type ChainFixture } from './support/test'

const ETH = 0n
const TOKEN_DECIMALS = 6
/** The seeded ~8.7x ETH long (10 ETH, 3,500 tUSD): under water after ETH −14 %. */
const TRADER = devnetAccount(2).address
const rowId = (trader: Address, market: string) => `${trader.toLowerCase()}-${market}`
/** A figure shown with grouping ("1,234.56"), back to a number. */
const figure = (text: string | null) => Number((text ?? '').replace(/[^0-9.\-−]/g, '').replace('−', '-'))

const balanceOf = (chain: ChainFixture, account: Address) =>
  chain.publicClient.readContract({ address: chain.deployment.contracts.SettlementToken, abi: testUsdAbi, functionName: 'balanceOf', args: [account] })
const auctionState = (chain: ChainFixture) =>
  chain.publicClient.readContract({ address: chain.deployment.contracts.DebtAuction, abi: debtAuctionAbi, functionName: 'auctionState' })

/** ETH −14.3 % in three steps the oracle accepts (each within maxJump). */
async function crashEth(chain: ChainFixture) {
  for (const factor of [0.95, 0.95, 0.95]) await chain.movePrice(ETH, factor)
}

/** The deployer mints tUSD to `to`. */
const mint = (chain: ChainFixture, to: Address, amount: bigint) =>
  chain.asDeployer({ address: chain.deployment.contracts.SettlementToken, abi: testUsdAbi, functionName: 'mint', args: [to, amount] })

test.describe('risk console', () => {
  test('after a crash the map, histogram and forecast shift, and the console liquidates for the reward it shows', async ({ page, chain, wallet }) => {
    test.setTimeout(120_000)
    const { contracts } = chain.deployment
    // A well-stocked buffer: the fund's minimum keeper reward for an under-water position is paid
    // from what the buffer holds once the shortfall is covered.
    const deployer = devnetAccount(0).address
    await mint(chain, deployer, parseUnits('20000', TOKEN_DECIMALS))
    await chain.asDeployer({ address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'approve', args: [contracts.InsuranceFund, maxUint256] })
    await chain.asDeployer({ address: contracts.InsuranceFund, abi: insuranceFundAbi, functionName: 'addToBuffer', args: [parseUnits('20000', TOKEN_DECIMALS)] })

    await page.goto('/risk')
    await connectWallet(page)
    await expect(page.getByTestId('open-position-count')).toHaveText('7')
    await expect(page.getByTestId('liquidatable-count')).toHaveText('0')
    const liquidatableBucket = page.getByTestId('health-bucket-0')
    await expect(liquidatableBucket).toHaveText('0')
    const longsWithin = page.getByTestId('map-longs-within-ETH-USD')
    const longsBefore = await longsWithin.textContent()
    const badDebt = page.getByTestId('forecast-bad-debt-24h-total')
    const badDebtBefore = figure(await badDebt.textContent())
    const shockBefore = await page.getByTestId('forecast-shock-ETH-USD').textContent()
    // The exposure history, rebuilt from the position events, ends at the pool's delta the market's open interest gives.
    const historyEnd = page.getByTestId('exposure-history-end-ETH-USD')
    await expect(historyEnd).toHaveText((await page.getByTestId('exposure-delta-ETH-USD').textContent()) ?? '')
    const historyEndBefore = figure(await historyEnd.textContent())
    const historyPoints = page.getByTestId('exposure-history-ETH-USD')
    const pointsBefore = Number(await historyPoints.getAttribute('data-points'))
    expect(pointsBefore).toBeGreaterThan(0)
    // "since" the first position event unless that is a day old: never a day it does not have
    const [firstOpen] = await chain.publicClient.getContractEvents({ address: contracts.PerpEngine, abi: perpEngineAbi, eventName: 'PositionOpened', fromBlock: BigInt(chain.deployment.deployBlock) })
    const firstAt = (await chain.publicClient.getBlock({ blockNumber: firstOpen.blockNumber })).timestamp
    const now = (await chain.publicClient.getBlock()).timestamp
    const since = `since ${new Date(Number(firstAt) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`
    await expect(page.getByTestId('exposure-history-span-ETH-USD')).toContainText(now - firstAt >= 86_400n ? 'last 24 h' : since)

    await crashEth(chain)
    const market = await chain.publicClient.readContract({ address: contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getMarket', args: [ETH] })
    // the map follows the price, and the long now liquidatable counts at every level below it
    await expect(page.getByTestId('map-price-ETH-USD')).toHaveText(formatWad(market.price))
    await expect(longsWithin).not.toHaveText(longsBefore ?? '')
    expect(figure(await longsWithin.textContent())).toBeGreaterThan(figure(longsBefore))
    // the histogram's "below 1" bar fills, the forecast's expected bad debt rises, and the nearest bankruptcy comes closer
    await expect(liquidatableBucket).not.toHaveText('0')
    await expect.poll(async () => figure(await badDebt.textContent())).toBeGreaterThan(badDebtBefore)
    await expect(page.getByTestId('forecast-shock-ETH-USD')).not.toHaveText(shockBefore ?? '')

    // the liquidator console: the under-water long, with the fund's minimum reward shown
    const row = page.getByTestId(`liquidatable-row-${rowId(TRADER, 'ETH-USD')}`)
    await expect(row).toBeVisible()
    const shownReward = await row.getByTestId('liquidatable-reward').textContent()
    const view = await chain.publicClient.readContract({ address: contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getPosition', args: [TRADER, ETH] })
    expect(view.equity).toBeLessThan(0n)
    const minimum = await chain.publicClient.readContract({ address: contracts.LiquidationEngine, abi: liquidationEngineAbi, functionName: 'minKeeperReward' })
    expect(shownReward).toBe(formatAmount(minimum, TOKEN_DECIMALS, 6))

    const before = await balanceOf(chain, wallet.address)
    const fromBlock = await chain.publicClient.getBlockNumber()
    await row.getByTestId('liquidate-one').click()
    await expect(page.getByTestId('toast-success').last()).toContainText(': done')
    const received = (await balanceOf(chain, wallet.address)) - before
    expect(formatAmount(received, TOKEN_DECIMALS, 6)).toBe(shownReward)
    const [liquidation] = await chain.publicClient.getContractEvents({
      address: contracts.LiquidationEngine,
      abi: liquidationEngineAbi,
      eventName: 'Liquidated',
      args: { trader: TRADER, marketId: ETH },
      fromBlock,
    })
    expect(liquidation.args.liquidator).toBe(wallet.address)
    expect(liquidation.args.full).toBe(true)
    await expect(page.getByTestId('open-position-count')).toHaveText('6')
    await expect(page.getByTestId('liquidatable-count')).toHaveText('0')
    // the exposure history moved: one more change, the pool no longer short the liquidated long's 10 ETH
    await expect(historyPoints).toHaveAttribute('data-points', String(pointsBefore + 1))
    await expect.poll(async () => figure(await historyEnd.textContent()) - historyEndBefore).toBeCloseTo(Number(liquidation.args.closedSize) / 1e18, 4)
    await expect(historyEnd).toHaveText((await page.getByTestId('exposure-delta-ETH-USD').textContent()) ?? '')
    await page.getByTestId('exposure-history-ETH-USD').locator('svg').hover({ position: { x: 5, y: 10 } })
    await expect(page.getByTestId('exposure-history-hover-ETH-USD')).toContainText('pool delta')
  })

  test('a shortfall beyond the buffer and the stakers starts a debt auction that can be bid on from the page', async ({ page, chain, wallet }) => {
    test.setTimeout(120_000)
    const { contracts } = chain.deployment
    const vault = { address: contracts.StakingVault, abi: stakingVaultAbi } as const
    // The seeded stakers leave (cooldown, then redeem in the window): nothing left to slash.
    const stakers = [devnetAccount(1).address, devnetAccount(3).address]
    for (const staker of stakers) await chain.as(staker, { ...vault, functionName: 'cooldown' })
    await chain.testClient.increaseTime({ seconds: 301 })
    await chain.testClient.mine({ blocks: 1 })
    for (const staker of stakers) {
      const shares = await chain.publicClient.readContract({ ...vault, functionName: 'maxRedeem', args: [staker] })
      await chain.as(staker, { ...vault, functionName: 'redeem', args: [shares, staker, staker] })
    }
    await chain.repushSources()
    await crashEth(chain)
    // Anyone liquidates the under-water long: its shortfall passes the buffer and goes to the auction
    // (explicit gas, as the keeper adds a margin: the node's estimate may fall short on the waterfall path).
    await chain.as(devnetAccount(6).address, { address: contracts.LiquidationEngine, abi: liquidationEngineAbi, functionName: 'liquidate', args: [TRADER, ETH], gas: 2_000_000n })
    const state = await auctionState(chain)
    expect(state.active).toBe(true)
    expect(state.remainingDeficit).toBeGreaterThan(parseUnits('100', TOKEN_DECIMALS))

    await mint(chain, wallet.address, parseUnits('1000', TOKEN_DECIMALS))
    await page.goto('/risk')
    await connectWallet(page)
    await expect(page.getByTestId('debt-auction-state')).toHaveText('running')
    await expect(page.getByTestId('debt-auction-deficit')).toHaveText(`${formatAmount(state.remainingDeficit, TOKEN_DECIMALS)} tUSD`)
    await expect(page.getByTestId('debt-auction-time-left')).toHaveText(/\d+ (min|s)/)
    // a bid above the balance is refused next to the field, before any transaction
    await page.getByTestId('debt-auction-amount').fill('5000')
    await expect(page.getByTestId('debt-auction-amount-error')).toBeVisible()
    await expect(page.getByTestId('debt-auction-bid')).toBeDisabled()

    await page.getByTestId('debt-auction-amount').fill('100')
    await expect(page.getByTestId('debt-auction-amount-error')).toHaveCount(0)
    await page.getByTestId('debt-auction-bid').click()
    await expect(page.getByTestId('toast-success').last()).toContainText('Bid in the debt auction: done', { timeout: 30_000 })
    const after = await auctionState(chain)
    expect(state.remainingDeficit - after.remainingDeficit).toBe(parseUnits('100', TOKEN_DECIMALS))
    const rptToken = await chain.publicClient.readContract({ address: contracts.DebtAuction, abi: debtAuctionAbi, functionName: 'rpt' })
    const rpt = await chain.publicClient.readContract({ address: rptToken, abi: rampartTokenAbi, functionName: 'balanceOf', args: [wallet.address] })
    expect(rpt).toBeGreaterThan(0n)
    await expect(page.getByTestId('debt-auction-deficit')).toHaveText(`${formatAmount(after.remainingDeficit, TOKEN_DECIMALS)} tUSD`)
  })

  test("the keeper's /risk.json serves the page's figures", async ({ page, chain, stack }) => {
    test.setTimeout(120_000)
    await page.goto('/risk')
    const services = new ProcessGroup()
    try {
      services.start('keeper', ...typescriptEntry(join(ROOT, 'scripts', 'keeper.ts')), {
        cwd: ROOT,
        env: { ...process.env, RAMPART_RPC_URL: chain.rpcUrl, KEEPER_STATUS_PORT: String(stack.keeperStatusPort), KEEPER_POLL_MS: '200' },
      })
      type RiskJson = {
        block?: string
        positions: number
        markets: {
          name: string
          price: string
          oracle: { status: string; sources: unknown[] }
          exposure: { poolDelta: string }
          exposureHistory: { endDelta: string; startDelta: string; points: { poolDelta: string }[]; noEvents: boolean }
        }[]
        forecast: { badDebtShockDown: string | null; badDebtShockUp: string | null }
        stress: { shock: string; reaches: string }[]
        assumptions: { forecast: string }
      }
      let report: RiskJson | undefined
      await expect
        .poll(
          async () => {
            const response = await fetch(`http://127.0.0.1:${stack.keeperStatusPort}/risk.json`).catch(() => undefined)
            report = response?.ok ? ((await response.json()) as RiskJson) : undefined
            return report?.block !== undefined
          },
          { timeout: 45_000 },
        )
        .toBe(true)
      expect(report!.positions).toBe(7)
      expect(report!.markets.map((m) => m.name).sort()).toEqual(Object.keys(chain.deployment.markets).sort())
      expect(report!.markets.every((m) => m.oracle.status === 'fresh' && m.oracle.sources.length >= 2)).toBe(true)
      expect(report!.stress.map((s) => Number(BigInt(s.shock) / 10n ** 16n))).toEqual([-60, -50, -40, -30, -20, -10, 10, 20, 30, 40, 50, 60])
      expect(report!.assumptions.forecast).toContain('reflection principle')
      // the exposure history from the events ends where the open interest puts the pool's delta, in every market
      for (const m of report!.markets) {
        expect(m.exposureHistory.noEvents).toBe(false)
        expect(m.exposureHistory.endDelta).toBe(m.exposure.poolDelta)
        const shown = await page.getByTestId(`exposure-history-end-${m.name}`).textContent()
        expect(figure(shown)).toBeCloseTo(Number(m.exposureHistory.endDelta) / 1e18, 4)
      }
      // the same maths as the page: the shock at which bad debt first appears, all markets
      const shock = (value: string | null, sign: string) => (value === null ? '—' : `${sign}${formatPercent(BigInt(value))}`)
      await expect(page.getByTestId('forecast-shock-total')).toHaveText(`${shock(report!.forecast.badDebtShockDown, '−')} / ${shock(report!.forecast.badDebtShockUp, '+')}`)
    } finally {
      await services.stop()
    }
  })
})

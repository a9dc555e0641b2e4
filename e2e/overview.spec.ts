import { parseUnits } from 'viem'
import { iLiquidityPoolAbi, iPerpLensAbi, insuranceFundAbi, liquidationEngineAbi, rampartGovernorAbi } from '../lib/contracts/generated'
import { formatAmount, formatPercent, formatWad } from '../lib/format'
import { coverageRatio, coverCapacity, notional, openInterestNotional, scaleFor } from '../lib/risk'
import { devnetAccount } from '../scripts/devnet/accounts'
import { seedGovernance } from '../scripts/devnet/seedGovernance'
import { openThroughRouter } from './support/requests'
import { ATTEMPT, expectMatchesChain } from './support/matchesChain'
import { expect, test } from './support/test'

const ETH = 0n

test.describe('overview', () => {
  test('pool, open interest per market, the fund and its coverage, open proposals, and a liquidation with its waterfall arriving live', async ({ page, chain }) => {
    test.setTimeout(180_000)
    const { contracts } = chain.deployment
    // The dev launcher's governance seed: one proposal in each state (executed, queued, succeeded, defeated, active).
    await seedGovernance(chain.rpcUrl, chain.deployment)
    const lens = { address: contracts.PerpLens, abi: iPerpLensAbi } as const
    const read = async () => {
      const [pool, fund, markets] = await Promise.all([
        chain.publicClient.readContract({ address: contracts.LiquidityPool, abi: iLiquidityPoolAbi, functionName: 'poolValue' }),
        chain.publicClient.readContract({ address: contracts.InsuranceFund, abi: insuranceFundAbi, functionName: 'fundState', args: ['0x0000000000000000000000000000000000000000'] }),
        Promise.all(Object.values(chain.deployment.markets).map((id) => chain.publicClient.readContract({ ...lens, functionName: 'getMarket', args: [BigInt(id)] }))),
      ])
      return { pool, fund, markets }
    }

    await page.goto('/')
    // The pool's value takes in the traders' funding, which accrues per block: read at each attempt.
    const { fund, markets } = await expectMatchesChain(read, async ({ pool, fund }) => {
      await expect(page.getByTestId('overview-pool-value')).toHaveText(formatAmount(pool.value, 6), ATTEMPT)
      await expect(page.getByTestId('overview-fund')).toHaveText(formatAmount(coverCapacity(fund), 6), ATTEMPT)
    })
    const oi = openInterestNotional(markets)
    expect(oi).toBeGreaterThan(0n) // the deploy's demo positions
    await expect(page.getByTestId('overview-open-interest')).toHaveText(formatWad(oi, 0))
    await expect(page.getByTestId('overview-coverage')).toHaveText(formatPercent(coverageRatio(coverCapacity(fund), oi, scaleFor(6))!))
    for (const m of markets) {
      const row = page.getByTestId(`overview-market-${m.name}`)
      await expect(row.getByTestId('overview-oi-long')).toHaveText(formatWad(notional(m.longOpenInterest, m.price), 0))
      await expect(row.getByTestId('overview-oi-short')).toHaveText(formatWad(notional(m.shortOpenInterest, m.price), 0))
    }

    // Open for votes: the Active proposals among every one created.
    const governor = { address: contracts.RampartGovernor!, abi: rampartGovernorAbi } as const
    const created = await chain.publicClient.getContractEvents({ ...governor, eventName: 'ProposalCreated', fromBlock: 0n })
    const states = await Promise.all(created.map((log) => chain.publicClient.readContract({ ...governor, functionName: 'state', args: [log.args.proposalId!] })))
    const active = created.filter((_, i) => states[i] === 1).map((log) => String(log.args.proposalId))
    expect(active.length).toBeGreaterThan(0)
    expect(active.length).toBeLessThan(created.length)
    await expect(page.getByTestId('overview-proposal')).toHaveCount(active.length)
    const listed = await page.getByTestId('overview-proposal').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-proposal-id')))
    expect(listed.sort()).toEqual(active.sort())
    await expect(page.getByTestId('overview-proposal-ends').first()).toContainText('ends in')

    // A liquidation with bad debt, while the page is open: the row and the buffer's cover arrive with no reload.
    await expect(page.getByTestId('overview-feed-row')).toHaveCount(0)
    const trader = devnetAccount(8).address // untouched by the deploy
    const market = await chain.publicClient.readContract({ ...lens, functionName: 'getMarket', args: [ETH] })
    await openThroughRouter(chain, trader, ETH, parseUnits('1', 18), market.price / 8n / 10n ** 12n)
    const position = () => chain.publicClient.readContract({ ...lens, functionName: 'getPosition', args: [trader, ETH] })
    // Down to health ≈ 1.2 (steps the oracle accepts), then one 5 % step: equity goes below 0.
    for (let step = 0; step < 8; step++) {
      const now = await position()
      if (now.health < 13n * 10n ** 17n) break
      const h = Number(now.health) / 1e18
      const target = Number(now.liquidationPrice) + ((Number(now.markPrice) - Number(now.liquidationPrice)) * 0.2) / (h - 1)
      await chain.movePrice(ETH, Math.max(target / Number(now.markPrice), 0.96))
    }
    expect((await position()).liquidatable).toBe(false)
    await chain.movePrice(ETH, 0.95)
    expect((await position()).equity).toBeLessThan(0n)
    const before = await chain.publicClient.getBlockNumber()
    await chain.asDeployer({ address: contracts.LiquidationEngine, abi: liquidationEngineAbi, functionName: 'liquidate', args: [trader, ETH], gas: 3_000_000n })
    const [liquidated] = await chain.publicClient.getContractEvents({ address: contracts.LiquidationEngine, abi: liquidationEngineAbi, eventName: 'Liquidated', args: { trader }, fromBlock: before })
    const [bufferUsed] = await chain.publicClient.getContractEvents({ address: contracts.InsuranceFund, abi: insuranceFundAbi, eventName: 'BufferUsed', fromBlock: before })
    expect(liquidated!.args.shortfall).toBeGreaterThan(0n)

    const liquidationRow = page.locator('[data-testid="overview-feed-row"][data-kind="liquidation"]')
    await expect(liquidationRow).toHaveCount(1)
    await expect(liquidationRow).toContainText(`ETH-USD liquidated in full (${formatWad(liquidated!.args.closedSize!, 4)}) for ${trader.slice(0, 6)}…${trader.slice(-4)}`)
    await expect(liquidationRow).toContainText(`penalty ${formatAmount(liquidated!.args.penalty!, 6)} tUSD`)
    await expect(liquidationRow).toContainText(`bad debt ${formatAmount(liquidated!.args.shortfall!, 6)} tUSD`)
    await expect(page.locator('[data-testid="overview-feed-row"][data-kind="buffer"]')).toContainText(`The fund's buffer covered ${formatAmount(bufferUsed!.args.amount!, 6)} tUSD`)
    await expectMatchesChain(read, ({ fund }) => expect(page.getByTestId('overview-fund')).toHaveText(formatAmount(coverCapacity(fund), 6), ATTEMPT))
  })
})

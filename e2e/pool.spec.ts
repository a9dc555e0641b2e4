import { iLiquidityPoolAbi, iPerpLensAbi, liquidityPoolAbi, perpEngineAbi } from '../lib/contracts/generated'
import { formatAmount, formatDuration, formatPercent, formatWad } from '../lib/format'
import { convertToAssets, poolBreakdown, utilisation } from '../lib/pool/poolValue'
import { LpFormPage } from './pages/lpForm'
import { connectWallet } from './support/connect'
import { expect, test, type ChainFixture } from './support/test'

const TOKEN_DECIMALS = 6
const SHARE_DECIMALS = 12

const pool = (chain: ChainFixture) => ({ address: chain.deployment.contracts.LiquidityPool, abi: iLiquidityPoolAbi }) as const
const vault = (chain: ChainFixture) => ({ address: chain.deployment.contracts.LiquidityPool, abi: liquidityPoolAbi }) as const

test.describe('liquidity pool', () => {
  test("the pool's numbers equal the contracts' views", async ({ page, chain }) => {
    await page.goto('/pool')
    const maxPnlFraction = await chain.publicClient.readContract({ ...pool(chain), functionName: 'maxPnlFraction' })
    // Funding accrues every block: each number is compared with a read of the same moment, retried until both agree.
    await expect(async () => {
      const view = await chain.publicClient.readContract({ ...pool(chain), functionName: 'poolValue' })
      const b = poolBreakdown(view, maxPnlFraction)
      expect(b.consistent).toBe(true)
      const shown = async (id: string) => page.getByTestId(id).textContent()
      expect(await shown('pool-value')).toBe(formatAmount(view.value, TOKEN_DECIMALS))
      expect(await shown('pool-tokens')).toBe(formatAmount(view.tokens, TOKEN_DECIMALS))
      expect(await shown('pool-receivable')).toBe(formatAmount(view.receivable, TOKEN_DECIMALS))
      expect(await shown('pool-trader-pnl')).toBe(formatAmount(view.traderPnl, TOKEN_DECIMALS))
      expect(await shown('pool-counted-trader-pnl')).toBe(formatAmount(view.countedTraderPnl, TOKEN_DECIMALS))
      expect(await shown('pool-uncounted-pnl')).toBe(formatAmount(b.uncounted, TOKEN_DECIMALS))
    }).toPass({ timeout: 20_000 })

    await expect(async () => {
      const [oneShare, supply, withdrawable] = await Promise.all([
        chain.publicClient.readContract({ ...vault(chain), functionName: 'convertToAssets', args: [10n ** BigInt(SHARE_DECIMALS)] }),
        chain.publicClient.readContract({ ...vault(chain), functionName: 'totalSupply' }),
        chain.publicClient.readContract({ address: chain.deployment.contracts.PerpEngine, abi: perpEngineAbi, functionName: 'withdrawablePoolAssets' }),
      ])
      expect(await page.getByTestId('pool-share-price').textContent()).toBe(formatAmount(oneShare, TOKEN_DECIMALS, 6))
      expect(await page.getByTestId('pool-total-supply').textContent()).toBe(formatAmount(supply, SHARE_DECIMALS, 4))
      expect(await page.getByTestId('pool-withdrawable').textContent()).toBe(formatAmount(withdrawable, TOKEN_DECIMALS))
    }).toPass({ timeout: 20_000 })

    // Utilisation per market: open interest at the accepted price over the per-side cap, from the lens.
    for (const [name, id] of Object.entries(chain.deployment.markets)) {
      await expect(async () => {
        const market = await chain.publicClient.readContract({ address: chain.deployment.contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getMarket', args: [BigInt(id)] })
        const u = utilisation(market)
        expect(await page.getByTestId(`pool-util-${name}-long`).textContent()).toBe(formatWad(u.longNotional))
        expect(await page.getByTestId(`pool-util-${name}-short`).textContent()).toBe(formatWad(u.shortNotional))
        expect(await page.getByTestId(`pool-util-${name}-cap`).textContent()).toBe(formatWad(market.openInterestCap))
        expect(await page.getByTestId(`pool-util-${name}-used`).textContent()).toBe(
          `${u.longFraction === null ? '—' : formatPercent(u.longFraction)} / ${u.shortFraction === null ? '—' : formatPercent(u.shortFraction)}`,
        )
      }).toPass({ timeout: 20_000 })
    }

    // The history says what it rests on: the deploy's seeded deposits executed through requests.
    await expect(page.getByTestId('pool-history-basis')).toHaveText(/^Rests on [1-9]\d* executed requests? \(their fill prices, since the deploy\)/)
  })

  test('deposit → executed → withdrawal blocked during the holding time → executed after it', async ({ page, chain, wallet }) => {
    test.setTimeout(120_000)
    const lp = new LpFormPage(page)
    const sharesOf = () => chain.publicClient.readContract({ ...vault(chain), functionName: 'balanceOf', args: [wallet.address] })
    const [fee, minHold] = await Promise.all([
      chain.publicClient.readContract({ ...pool(chain), functionName: 'executionFee' }),
      chain.publicClient.readContract({ ...pool(chain), functionName: 'minHoldTime' }),
    ])
    await lp.goto()
    await connectWallet(page)
    await page.getByTestId('faucet-button').click()
    await expect(page.getByTestId('toast-success')).toContainText('Draw test USD: done')
    await expect(lp.form('deposit').executionFee).toHaveText(`${formatAmount(fee, TOKEN_DECIMALS)} tUSD`)
    await expect(page.getByTestId('lp-min-hold-time')).toHaveText(formatDuration(minHold))

    // Deposit 1,000 tUSD: escrowed, pending until the keeper's settle pass fills it at the next fresh prices.
    await lp.request('deposit', '1000')
    await expect(page.getByTestId('toast-success').last()).toContainText('Request deposit: done')
    await expect(lp.pendingCount).toHaveText('1')
    expect(await sharesOf()).toBe(0n)
    expect((await chain.settlePending()).lpExecuted).toBe(1)
    await expect(page.getByTestId('toast-success').last()).toContainText(/Deposit #\d+: executed/)
    await expect(lp.pendingCount).toHaveText('0')
    const shares = await sharesOf()
    expect(shares).toBeGreaterThan(0n)
    await expect(page.getByTestId('lp-shares')).toHaveText(formatAmount(shares, SHARE_DECIMALS, 4))
    await expect(async () => {
      const [view, supply] = await Promise.all([
        chain.publicClient.readContract({ ...pool(chain), functionName: 'poolValue' }),
        chain.publicClient.readContract({ ...vault(chain), functionName: 'totalSupply' }),
      ])
      const value = convertToAssets(shares, view.value, supply, SHARE_DECIMALS - TOKEN_DECIMALS)
      expect(value).toBe(await chain.publicClient.readContract({ ...vault(chain), functionName: 'convertToAssets', args: [shares] }))
      expect(await page.getByTestId('lp-value').textContent()).toBe(formatAmount(value, TOKEN_DECIMALS))
    }).toPass({ timeout: 20_000 })
    const unlock = await chain.publicClient.readContract({ ...pool(chain), functionName: 'unlockTime', args: [wallet.address] })
    expect(unlock).toBeGreaterThan(0n)
    await expect(page.getByTestId('lp-hold-left')).toHaveText(/\d+ (min|s)/)

    // Withdrawing now is refused by the form (and would be by the pool: SharesLocked); nothing is sent.
    const nonce = await chain.publicClient.getTransactionCount({ address: wallet.address })
    const withdraw = lp.form('withdraw')
    await withdraw.amount.fill(formatAmount(shares / 2n, SHARE_DECIMALS, 4).replace(/,/g, ''))
    await expect(withdraw.error).toHaveText(/holding time: withdrawals open in/)
    await expect(withdraw.submit).toBeDisabled()
    expect(await chain.publicClient.getTransactionCount({ address: wallet.address })).toBe(nonce)

    // The holding time passes on the chain: the form opens, the request executes.
    await chain.testClient.increaseTime({ seconds: Number(minHold) + 1 })
    await chain.testClient.mine({ blocks: 1 })
    await expect(page.getByTestId('lp-hold-left')).toHaveText('none: withdrawals open')
    await expect(withdraw.error).toHaveCount(0)
    await expect(withdraw.minOut).toHaveText(/\d/)
    await lp.request('withdraw', formatAmount(shares / 2n, SHARE_DECIMALS, 4).replace(/,/g, ''))
    await expect(page.getByTestId('toast-success').last()).toContainText('Request withdrawal: done')
    await expect(lp.pendingCount).toHaveText('1')
    expect((await chain.settlePending()).lpExecuted).toBe(1)
    await expect(page.getByTestId('toast-success').last()).toContainText(/Withdrawal #\d+: executed/)
    await expect(lp.pendingCount).toHaveText('0')
    const left = await sharesOf()
    expect(left).toBeLessThan(shares)
    await expect(page.getByTestId('lp-shares')).toHaveText(formatAmount(left, SHARE_DECIMALS, 4))
  })
})

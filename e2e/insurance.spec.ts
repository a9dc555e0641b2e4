import type { Page } from '@playwright/test'
import { maxUint256, parseUnits, zeroAddress, type Address } from 'viem'
import { iPerpLensAbi, insuranceFundAbi, riskConfigAbi, stakingVaultAbi, testUsdAbi } from '../lib/contracts/generated'
import { formatAmount, formatDuration, formatPercent, formatSignificant, formatWad } from '../lib/format'
import { coverageMultiple, coverageRatio, coverCapacity, openInterestNotional, scaleFor, stressLoss } from '../lib/risk'
import { devnetAccount } from '../scripts/devnet/accounts'
import { devnetOpenPositions } from '../scripts/devnet/openPositions'
import { connectWallet } from './support/connect'
import { openThroughRouter } from './support/requests'
import { countEthCallsPerBlock } from './support/rpcCalls'
import { ATTEMPT, expectMatchesChain } from './support/matchesChain'
import { expect, test, type ChainFixture } from './support/test'

const TOKEN_DECIMALS = 6
const SHARE_DECIMALS = 12
const ETH = 0n
const tusd = (value: bigint) => `${formatAmount(value, TOKEN_DECIMALS)} tUSD`

const fundStateOf = (chain: ChainFixture, account: Address) =>
  chain.publicClient.readContract({ address: chain.deployment.contracts.InsuranceFund, abi: insuranceFundAbi, functionName: 'fundState', args: [account] })
const balanceOf = (chain: ChainFixture, account: Address) =>
  chain.publicClient.readContract({ address: chain.deployment.contracts.SettlementToken, abi: testUsdAbi, functionName: 'balanceOf', args: [account] })

/** Every market and open position, straight from the lens, for the coverage numbers. */
async function riskState(chain: ChainFixture) {
  const engine = { address: chain.deployment.contracts.PerpLens, abi: iPerpLensAbi } as const
  const ids = Object.values(chain.deployment.markets).map(BigInt) // in the file's (name) order, not by id
  const markets = await Promise.all(ids.map((id) => chain.publicClient.readContract({ ...engine, functionName: 'getMarket', args: [id] })))
  const positions = await devnetOpenPositions(chain.publicClient, chain.deployment)
  return { markets, positions }
}

/** The chain moves on: past `seconds` of chain time, and a block to show it. */
async function warp(chain: ChainFixture, seconds: number) {
  await chain.testClient.increaseTime({ seconds })
  await chain.testClient.mine({ blocks: 1 })
}

/**
 * A price move that the volatility estimate has seen. The oracle samples on a fixed time grid: one
 * observation per `volBucket`, the return between the prices at two bucket boundaries, so a move
 * counts once the next bucket is observed (then the same price is accepted again).
 */
async function moveObserved(chain: ChainFixture, marketId: bigint, factor: number) {
  await chain.movePrice(marketId, factor)
  const { volBucket } = await chain.publicClient.readContract({
    address: chain.deployment.contracts.RiskConfig,
    abi: riskConfigAbi,
    functionName: 'oracleParams',
    args: [marketId],
  })
  await warp(chain, Number(volBucket) + 1)
  await chain.movePrice(marketId, 1)
}

async function drawTestUsd(page: Page) {
  await page.getByTestId('faucet-button').click()
  await expect(page.getByTestId('toast-success')).toContainText('Draw test USD: done')
  await expect(page.getByTestId('stake-wallet-balance')).toHaveText(tusd(10_000_000_000n))
}

test.describe('insurance and staking', () => {
  test('fund, waterfall and coverage numbers equal the contracts’ views', async ({ page, chain }) => {
    await page.goto('/insurance')
    const fund = await fundStateOf(chain, zeroAddress)
    await expect(page.getByTestId('fund-staked')).toHaveText(tusd(fund.stakedAssets))
    await expect(page.getByTestId('fund-buffer')).toHaveText(tusd(fund.buffer))
    await expect(page.getByTestId('fund-pending-buffer-fees')).toHaveText(tusd(fund.pendingBufferFees))
    await expect(page.getByTestId('fund-share-price')).toHaveText(`${formatSignificant(fund.sharePrice, TOKEN_DECIMALS)} tUSD`)
    await expect(page.getByTestId('fund-total-shares')).toHaveText(formatSignificant(fund.totalShares, SHARE_DECIMALS))
    await expect(page.getByTestId('fund-outstanding-deficit')).toHaveText(tusd(fund.outstandingDeficit))
    await expect(page.getByTestId('fund-max-slash')).toHaveText(formatPercent(fund.maxSlash))
    await expect(page.getByTestId('fund-cooldown-period')).toHaveText(formatDuration(fund.cooldownPeriod))
    await expect(page.getByTestId('fund-unstake-window')).toHaveText(formatDuration(fund.unstakeWindow))

    const totals = await chain.publicClient.readContract({ address: chain.deployment.contracts.InsuranceFund, abi: insuranceFundAbi, functionName: 'waterfallTotals' })
    for (const [testId, value] of [
      ['waterfall-bad-debt', totals.badDebt],
      ['waterfall-buffer', totals.coveredByBuffer],
      ['waterfall-stakers', totals.coveredByStakers],
      ['waterfall-sent-to-auction', totals.sentToAuction],
      ['waterfall-auction-raised', totals.coveredByAuction],
      ['waterfall-socialised', totals.socialised],
    ] as const)
      await expect(page.getByTestId(testId)).toHaveText(tusd(value))

    // A fresh chain has no measured volatility yet: no stress loss.
    const scale = scaleFor(TOKEN_DECIMALS)
    const capacity = coverCapacity(fund)
    let { markets, positions } = await riskState(chain)
    expect(markets.every((m) => m.volatility === 0n)).toBe(true)
    await expect(page.getByTestId('coverage-stress-multiple')).toHaveText('No stress loss at current positions')
    await expect(page.getByTestId('coverage-stress-loss')).toHaveText(tusd(0n))
    await expect(page.getByTestId('coverage-capacity')).toHaveText(tusd(capacity))
    await expect(page.getByTestId('coverage-open-interest')).toHaveText(`${formatWad(openInterestNotional(markets))} USD`)
    await expect(page.getByTestId('coverage-ratio')).toHaveText(formatPercent(coverageRatio(capacity, openInterestNotional(markets), scale)!))

    // A sharp ETH move gives the market volatility: the stress loss follows the engine's positions.
    await moveObserved(chain, ETH, 0.96)
    // the stress loss counts funding owed, which accrues per block: the engine is read at each attempt
    let loss = stressLoss([], new Map(), scale)
    await expectMatchesChain(() => riskState(chain), async (state) => {
      ;({ markets, positions } = state)
      loss = stressLoss(positions, new Map(markets.map((m) => [m.marketId, m.volatility])), scale)
      await expect(page.getByTestId('coverage-stress-loss')).toHaveText(tusd(loss.total), ATTEMPT)
      if (loss.total > 0n)
        await expect(page.getByTestId('coverage-stress-multiple')).toHaveText(`Covers ${formatWad(coverageMultiple(capacity, loss.total)!, 1)}× the 99 % 1-day stress loss`, ATTEMPT)
    })
    expect(markets.find((m) => m.marketId === ETH)!.volatility).toBeGreaterThan(0n)
    expect(loss.total).toBeGreaterThan(0n)
    await expect(page.getByTestId('coverage-stress-positions')).toHaveText(`${loss.positionsInDeficit} of ${positions.length}`)
    await expect(page.getByTestId('coverage-open-interest')).toHaveText(`${formatWad(openInterestNotional(markets))} USD`)
  })

  test('stake, cool down, redeem inside the window', async ({ page, chain, wallet }) => {
    await page.goto('/insurance')
    await connectWallet(page)
    await drawTestUsd(page)
    const before = await fundStateOf(chain, wallet.address)

    // Stake 2,500: approve (step 1), then deposit (step 2).
    await page.getByTestId('stake-amount').fill('2500')
    await expect(page.getByTestId('stake-submit')).toHaveText('Step 1 of 2: approve 2,500.00 tUSD')
    await page.getByTestId('stake-submit').click()
    await expect(page.getByTestId('stake-submit')).toHaveText('Stake')
    await page.getByTestId('stake-submit').click()
    await expect(page.getByTestId('toast-success').last()).toContainText('Stake: done')

    const staked = await fundStateOf(chain, wallet.address)
    expect(staked.stakedAssets).toBe(before.stakedAssets + 2_500_000_000n)
    expect(staked.accountShares).toBeGreaterThan(0n)
    await expect(page.getByTestId('fund-staked')).toHaveText(tusd(staked.stakedAssets))
    await expect(page.getByTestId('fund-total-shares')).toHaveText(formatSignificant(staked.totalShares, SHARE_DECIMALS))
    await expect(page.getByTestId('stake-shares')).toHaveText(formatSignificant(staked.accountShares, SHARE_DECIMALS))
    await expect(page.getByTestId('stake-value')).toHaveText(tusd(staked.accountAssets))
    await expect(page.getByTestId('stake-wallet-balance')).toHaveText(tusd(7_500_000_000n))
    await expect(page.getByTestId('stake-cooldown-state')).toHaveText('None')
    await expect(page.getByTestId('redeem-disabled-reason')).toHaveText('Start a cooldown first: redemption opens 5 min after it, for 10 min.')
    await expect(page.getByTestId('redeem-submit')).toBeDisabled()

    // Cooldown: fixes the whole balance, which stays slashable.
    await expect(page.getByTestId('cooldown-explainer')).toContainText(`${formatSignificant(staked.accountShares, SHARE_DECIMALS)} shares`)
    await expect(page.getByTestId('cooldown-explainer')).toContainText('can still be slashed')
    await page.getByTestId('cooldown-submit').click()
    await expect(page.getByTestId('toast-success').last()).toContainText('Start cooldown: done')
    const cooling = await fundStateOf(chain, wallet.address)
    expect(cooling.cooldownShares).toBe(staked.accountShares)
    await expect(page.getByTestId('stake-cooldown-state')).toContainText('Cooling down until')
    await expect(page.getByTestId('stake-cooldown-state').locator('[data-phase]')).toHaveAttribute('data-phase', 'coolingDown')
    await expect(page.getByTestId('stake-cooldown-amount')).toContainText(
      `${formatSignificant(cooling.cooldownShares, SHARE_DECIMALS)} shares, worth ${formatAmount(cooling.cooldownAssets, TOKEN_DECIMALS)} tUSD`,
    )
    await expect(page.getByTestId('redeem-disabled-reason')).toContainText('Redemption opens at')
    await expect(page.getByTestId('redeem-submit')).toBeDisabled()

    // Past the cooldown: the window opens and the whole amount comes back.
    await warp(chain, Number(cooling.cooldownPeriod) + 1)
    await expect(page.getByTestId('stake-cooldown-state')).toContainText('Unstake window open until')
    const vault = { address: chain.deployment.contracts.StakingVault, abi: stakingVaultAbi } as const
    const maxWithdraw = await chain.publicClient.readContract({ ...vault, functionName: 'maxWithdraw', args: [wallet.address] })
    expect(maxWithdraw).toBeGreaterThan(2_499_000_000n)
    await expect(page.getByTestId('redeem-max')).toContainText(`Redeemable now: ${tusd(maxWithdraw)}`)
    // Above what the vault allows: named next to the field.
    await page.getByTestId('redeem-amount').fill('2600')
    await expect(page.getByTestId('redeem-amount-error')).toHaveText(`More than you can redeem now (${tusd(maxWithdraw)}).`)
    await expect(page.getByTestId('redeem-submit')).toBeDisabled()
    const walletBefore = await balanceOf(chain, wallet.address)
    await page.getByTestId('redeem-max-button').click()
    await page.getByTestId('redeem-submit').click()
    await expect(page.getByTestId('toast-success').last()).toContainText('Redeem: done')

    expect(await balanceOf(chain, wallet.address)).toBe(walletBefore + maxWithdraw)
    const after = await fundStateOf(chain, wallet.address)
    expect(after.accountShares).toBe(0n)
    await expect(page.getByTestId('stake-shares')).toHaveText(formatSignificant(0n, SHARE_DECIMALS))
    await expect(page.getByTestId('stake-wallet-balance')).toHaveText(tusd(walletBefore + maxWithdraw))
    await expect(page.getByTestId('fund-staked')).toHaveText(tusd(after.stakedAssets))
    await expect(page.getByTestId('stake-cooldown-state')).toHaveText('None')
  })

  test('every invalid stake amount is named next to the field and nothing is sent', async ({ page, chain, wallet }) => {
    const nonce = () => chain.publicClient.getTransactionCount({ address: wallet.address })
    await page.goto('/insurance')
    await connectWallet(page)
    const sent = await nonce()
    const cases: [string, string][] = [
      ['', 'Enter an amount.'],
      ['0', 'The amount must be greater than zero.'],
      ['-5', 'The amount must be positive.'],
      ['abc', 'Enter a number, like 1250.50.'],
      ['1.1234567', 'At most 6 decimal places.'],
      ['20', 'More than your balance (0.00 tUSD).'],
    ]
    await page.getByTestId('stake-amount').fill('1')
    for (const [value, message] of cases) {
      await page.getByTestId('stake-amount').fill(value)
      await expect(page.getByTestId('stake-amount-error')).toHaveText(message)
      await expect(page.getByTestId('stake-submit')).toBeDisabled()
    }
    // Nothing staked: no cooldown to start, nothing to redeem, and the page says why.
    await expect(page.getByTestId('cooldown-submit')).toBeDisabled()
    await expect(page.getByTestId('redeem-disabled-reason')).toHaveText('Nothing staked.')
    await expect(page.getByTestId('redeem-amount')).toBeDisabled()
    expect(await nonce()).toBe(sent)
  })

  test('a window that passed unused closes redemption until a new cooldown', async ({ page, chain, wallet }) => {
    const { contracts } = chain.deployment
    const vault = { address: contracts.StakingVault, abi: stakingVaultAbi } as const
    await chain.asDeployer({ address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'mint', args: [wallet.address, parseUnits('1000', TOKEN_DECIMALS)] })
    await chain.as(wallet.address, { address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'approve', args: [contracts.StakingVault, maxUint256] })
    await chain.as(wallet.address, { ...vault, functionName: 'deposit', args: [parseUnits('1000', TOKEN_DECIMALS), wallet.address] })
    await chain.as(wallet.address, { ...vault, functionName: 'cooldown' })
    const fund = await fundStateOf(chain, wallet.address)

    await page.goto('/insurance')
    await connectWallet(page)
    await expect(page.getByTestId('stake-cooldown-state')).toContainText('Cooling down until')
    await warp(chain, Number(fund.cooldownPeriod + fund.unstakeWindow) + 1)
    await expect(page.getByTestId('stake-cooldown-state')).toContainText('Unstake window expired at')
    await expect(page.getByTestId('redeem-disabled-reason')).toContainText('start a new cooldown to redeem')
    await expect(page.getByTestId('redeem-submit')).toBeDisabled()
    expect(await chain.publicClient.readContract({ ...vault, functionName: 'maxRedeem', args: [wallet.address] })).toBe(0n)
    await expect(page.getByTestId('cooldown-submit')).toHaveText('Start cooldown')
  })

  test('staking yield: no APR headline on a fresh chain, what a share earned so far instead', async ({ page, chain }) => {
    await page.goto('/insurance')
    // The devnet has minutes of history, not 7 or 30 days: no annualised figure anywhere.
    await expect(page.getByTestId('yield-span-7d')).toHaveText(/^over the last \d+ (s|min|h)( \d+ (s|min))?; no APR until 7 d of history$/)
    await expect(page.getByTestId('yield-span-30d')).toHaveText(/no APR until 30 d of history$/)
    await expect(page.getByTestId('yield-apr-7d')).toHaveCount(0)
    await expect(page.getByTestId('yield-apr-30d')).toHaveCount(0)
    // The seeded trades paid fees after the demo stakers deposited: the share price already rose.
    const earnedShown = async () => Number((await page.getByTestId('yield-earned-7d').textContent())!.replace(/[,%]/g, ''))
    await expect(page.getByTestId('yield-earned-7d')).toHaveText(/^\d+\.\d{4}%$/)
    const earnedBefore = await earnedShown()
    expect(earnedBefore).toBeGreaterThan(0)
    // A large trade pays fees, a share of them to stakers: what a share earned jumps.
    const trader = devnetAccount(8).address // untouched by the deploy
    await openThroughRouter(chain, trader, ETH, parseUnits('40', 18), parseUnits('40000', TOKEN_DECIMALS))
    await expect.poll(earnedShown, { timeout: 15_000 }).toBeGreaterThan(earnedBefore * 1.2)
  })

  test('reads the whole page, wallet included, with one eth_call per block', async ({ page, chain, wallet }) => {
    const perBlock = countEthCallsPerBlock(page, chain.rpcUrl)
    await page.goto('/insurance')
    await connectWallet(page)
    await expect(page.getByTestId('stake-wallet-balance')).toHaveText(tusd(await balanceOf(chain, wallet.address)))
    await expect(page.getByTestId('yield-earned-7d')).toHaveText(/%$/)
    const loadedAt = await chain.publicClient.getBlockNumber()
    await page.waitForTimeout(5_000)
    // Blocks the page followed once loaded (the yield's reads at the window start are pinned to older blocks).
    const followed = [...perBlock].filter(([block]) => block.startsWith('0x') && BigInt(block) > loadedAt)
    expect(followed.length).toBeGreaterThan(2)
    for (const [block, calls] of followed) expect(calls, `eth_calls at block ${BigInt(block)}`).toBe(1)
  })
})

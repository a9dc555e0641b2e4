import { encodeFunctionData, parseUnits, type Address } from 'viem'
import { iRiskConfigAbi, pauseGuardianAbi, rampartGovernorAbi, rampartTokenAbi, riskStewardAbi, testUsdAbi } from '../lib/contracts/generated'
import { shortAddress } from '../lib/format'
import { formatParameterValue } from '../lib/governance/parameterCatalog'
import { parameterKeys } from '../lib/governance/parameterKeys'
import { descriptionHash, proposalStateName } from '../lib/governance/proposals'
import { devnetAccount } from '../scripts/devnet/accounts'
import { devnetOpenPositions } from '../scripts/devnet/openPositions'
import { seedGovernance } from '../scripts/devnet/seedGovernance'
import { GovernancePage } from './pages/governance'
import { connectWallet } from './support/connect'
import { expect, test, type ChainFixture } from './support/test'

const RPT = (n: number) => parseUnits(String(n), 18)
const TIER0_MM_BASE = 'ETH-USD, BTC-USD (tier 0) maintenance margin base'
const VOTER = devnetAccount(1).address // 30 M votes (its own 20 M and account 3's 10 M)
const HOLDER = devnetAccount(4).address // 5 M RPT, undelegated

async function advance(chain: ChainFixture, seconds: bigint) {
  await chain.testClient.increaseTime({ seconds: Number(seconds) })
  await chain.testClient.mine({ blocks: 1 })
}

const governorOf = (chain: ChainFixture) => ({ address: chain.deployment.contracts.RampartGovernor, abi: rampartGovernorAbi }) as const

test.describe('governance', () => {
  test('delegate, propose a margin raise with its impact, vote, queue, execute; the market shows it ramping in', async ({ page, chain, wallet }) => {
    test.setTimeout(120_000)
    const governor = governorOf(chain)
    const gov = new GovernancePage(page)
    const nonce = () => chain.publicClient.getTransactionCount({ address: wallet.address })
    // The test wallet gets account 4's 5 M RPT (undelegated: it voted with none of it).
    await chain.as(HOLDER, { address: chain.deployment.contracts.RampartToken, abi: rampartTokenAbi, functionName: 'transfer', args: [wallet.address, RPT(5_000_000)] })

    await gov.goto()
    await connectWallet(page)
    await expect(gov.balance).toHaveText('5,000,000.00')
    await expect(gov.delegate).toHaveText('none')
    await expect(gov.votes).toHaveText('0.00')

    // A typed delegate is checked next to the field before any transaction.
    await gov.t('gov-delegate-input').fill('0x1234')
    await expect(gov.t('gov-delegate-error')).toContainText('Not an address')
    await gov.t('gov-delegate-input').fill('0x0000000000000000000000000000000000000000')
    await expect(gov.t('gov-delegate-error')).toContainText('zero address')
    await expect(gov.t('gov-delegate-submit')).toBeDisabled()

    await gov.delegateToSelf()
    await expect(gov.delegate).toHaveText('yourself')
    await expect(gov.votes).toHaveText('5,000,000.00')
    expect(await chain.publicClient.readContract({ address: chain.deployment.contracts.RampartToken, abi: rampartTokenAbi, functionName: 'delegates', args: [wallet.address] })).toBe(wallet.address)
    // Votes count from the second after the delegation (checkpoints are read strictly before a proposal).
    await advance(chain, 1n)

    // Out of bounds: refused next to the field, the submit stays disabled, nothing is sent.
    const nonceBefore = await nonce()
    const change = await gov.addChange(TIER0_MM_BASE, '60')
    await gov.description.fill('Out of bounds')
    await expect(change.error).toHaveText('Out of bounds: must be between 0.10 % and 50.00 % (hard bounds no vote can change).')
    await expect(gov.submit).toBeDisabled()
    await gov.submit.click({ force: true })
    // Above the tier's mmMax (read from the chain) is refused too: RiskConfig would revert at execution.
    const { mmMax } = await chain.publicClient.readContract({ address: chain.deployment.contracts.RiskConfig, abi: iRiskConfigAbi, functionName: 'tier', args: [0n] })
    const mmMaxPercent = Number(mmMax) / 1e16
    await change.value.fill(String(mmMaxPercent + 1))
    await expect(change.error).toContainText(`Above the tier's maintenance margin max (${mmMaxPercent.toFixed(2)} %)`)
    await expect(gov.submit).toBeDisabled()
    expect(await nonce()).toBe(nonceBefore)

    // 1 % → 4 %: the diff in words, with the ramp the config reports, and the positions it reaches.
    await change.value.fill('4')
    await expect(change.error).toHaveCount(0)
    await expect(change.info).toContainText('ramps in over 6 h') // tier 0 rises at most 0.5 %/h
    await expect(gov.actionText(0)).toHaveText(`${TIER0_MM_BASE}: 1.00 % → 4.00 %, bounds 0.1–50 %, ramps over 6 h`)
    // Positions in tier 0's markets whose margin in force is below 4 % today need more margin.
    const positions = await devnetOpenPositions(chain.publicClient, chain.deployment)
    const names = new Map([[0n, 'ETH-USD'], [1n, 'BTC-USD']])
    const expected = positions
      .filter((p) => names.has(p.marketId) && p.maintenanceMarginRatio < parseUnits('0.04', 18))
      .map((p) => `${shortAddress(p.trader)} ${names.get(p.marketId)} ${p.size > 0n ? 'long' : 'short'}`)
    expect(expected.length).toBeGreaterThan(0)
    // The page lists them in the order the logs opened them; compared as sets.
    await expect.poll(async () => (await gov.impactNames().allInnerTexts()).map((t) => t.trim()).sort()).toEqual([...expected].sort())
    await expect(gov.t('impact-more-margin-count')).toHaveText(String(expected.length))

    const title = 'Raise tier 0 maintenance margin base to 4 %'
    await gov.description.fill(`${title}\nETH and BTC volatility calls for a higher floor.`)
    await gov.submit.click()
    await expect(page.getByTestId('toast-success').last()).toContainText('Propose: done')
    await expect(gov.row(title)).toBeVisible()
    const id = await gov.proposalId(title)
    await expect(gov.row(title).getByTestId('proposal-state')).toHaveText('Pending')

    await gov.row(title).getByTestId('proposal-link').click()
    await expect(gov.state).toHaveText('Pending')
    await expect(gov.actionText(0)).toHaveText(`${TIER0_MM_BASE}: 1.00 % → 4.00 %, bounds 0.1–50 %, ramps over 6 h`)
    // The page lists them in the order the logs opened them; compared as sets.
    await expect.poll(async () => (await gov.impactNames().allInnerTexts()).map((t) => t.trim()).sort()).toEqual([...expected].sort())
    await expect(gov.t('timeline-voting-starts')).toHaveText(/^in /)
    await gov.t('action-raw-toggle').click()
    await expect(gov.t('action-raw-0')).toContainText(chain.deployment.contracts.RiskConfig)

    // Voting opens: the UI votes with 5 M, account 1 with 30 M through viem.
    const delay = await chain.publicClient.readContract({ ...governor, functionName: 'votingDelay' })
    const period = await chain.publicClient.readContract({ ...governor, functionName: 'votingPeriod' })
    await advance(chain, delay + 1n)
    await expect(gov.state).toHaveText('Active')
    await expect(gov.t('power-at-snapshot')).toHaveText('5,000,000')
    await gov.vote('for', 'Ramp it in: traders get six hours.')
    await expect(gov.t('votes-for')).toHaveText('5,000,000')
    await expect(gov.t('has-voted')).toBeVisible()
    await chain.as(VOTER, { ...governor, functionName: 'castVote', args: [id, 1] })
    await expect(gov.t('votes-for')).toHaveText('35,000,000')
    await expect(gov.t('quorum-progress')).toHaveText('35,000,000 / 4,000,000')

    // Voting ends; queue and execute from the UI.
    await advance(chain, period + 1n)
    await expect(gov.state).toHaveText('Succeeded')
    await gov.queue()
    await expect(gov.state).toHaveText('Queued')
    await expect(gov.t('proposal-wait')).toBeVisible()
    const eta = await chain.publicClient.readContract({ ...governor, functionName: 'proposalEta', args: [id] })
    const now = (await chain.publicClient.getBlock()).timestamp
    await advance(chain, eta - now + 1n)
    await gov.execute()
    await expect(gov.state).toHaveText('Executed')
    expect(proposalStateName(await chain.publicClient.readContract({ ...governor, functionName: 'state', args: [id] }))).toBe('Executed')

    // The market page: mmBase in force ramps from 1 % toward 4 %, with its end time.
    await page.goto('/markets/ETH-USD')
    await expect(page.getByTestId('market-margin-ramp')).toBeVisible()
    await expect(page.getByTestId('market-ramp-mmBase-values')).toHaveText(/^1\.\d\d% in force → 4\.00%$/)
    await expect(page.getByTestId('market-ramp-mmBase')).toContainText('(in 5 h')
  })

  test('a proposal with calldata the registry does not describe shows as an unknown action with its raw data', async ({ page, chain }) => {
    const governor = governorOf(chain)
    const target = chain.deployment.contracts.SettlementToken as Address
    const calldata = encodeFunctionData({ abi: testUsdAbi, functionName: 'transfer', args: [VOTER, 1n] })
    const description = 'Send 1 unit of tUSD from the treasury\nArbitrary calldata.'
    await chain.as(VOTER, { ...governor, functionName: 'propose', args: [[target], [0n], [calldata], description] })
    const id = await chain.publicClient.readContract({ ...governor, functionName: 'getProposalId', args: [[target], [0n], [calldata], descriptionHash(description)] })

    const gov = new GovernancePage(page)
    await gov.gotoProposal(id)
    await expect(gov.t('proposal-title')).toHaveText('Send 1 unit of tUSD from the treasury')
    await expect(gov.t('action-unknown-0')).toContainText('Unknown action')
    await expect(gov.t('action-unknown-0')).toContainText('calls a contract other than the risk config')
    await expect(gov.t('action-target-0')).toHaveText(target)
    await expect(gov.t('action-unknown-data-0')).toHaveText(calldata)
    await expect(gov.t('impact-none')).toBeVisible()
  })

  test("the devnet seed's proposals each show the Governor's state, and the filter narrows the list", async ({ page, chain }) => {
    test.setTimeout(90_000)
    const governor = governorOf(chain)
    const seeded = await seedGovernance(chain.rpcUrl, chain.deployment)
    const gov = new GovernancePage(page)
    await gov.goto()
    await expect(gov.rows()).toHaveCount(Object.keys(seeded).length)
    for (const [description, seededState] of Object.entries(seeded)) {
      const id = await gov.proposalId(description)
      const onChain = proposalStateName(await chain.publicClient.readContract({ ...governor, functionName: 'state', args: [id] }))
      expect(onChain).toBe(seededState)
      await expect(gov.row(description).getByTestId('proposal-state')).toHaveText(onChain)
    }
    await gov.filter('Queued')
    await expect(gov.rows()).toHaveCount(1)
    await expect(gov.rows().getByTestId('proposal-state')).toHaveText('Queued')
    await gov.filter('Executed')
    await expect(gov.rows()).toHaveCount(1)

    // The executed margin raise reads as done; the queued one can be executed from its page.
    const executed = await gov.proposalId('ETH-USD, BTC-USD (tier 0) maintenance margin base: 1.0 % -> 1.5 %')
    await gov.gotoProposal(executed)
    await expect(gov.state).toHaveText('Executed')
    await expect(gov.actionText(0)).toHaveText(`${TIER0_MM_BASE}: set to 1.50 % (now 1.50 %), bounds 0.1–50 %`)
  })

  test("the steward's move shows with the room it has left, and the guardian's pause with when it ends", async ({ page, chain }) => {
    const { RiskSteward, PauseGuardian, RiskConfig } = chain.deployment.contracts
    const steward = { address: RiskSteward, abi: riskStewardAbi } as const
    const takerFee = parameterKeys.market('takerFee', 0n)
    // The deployer is the devnet's risk council and guardian operator: +10 % on ETH's taker fee, then pause ETH.
    await chain.asDeployer({ ...steward, functionName: 'updateParameter', args: [RiskConfig, takerFee, parseUnits('0.00055', 18)] })
    await chain.asDeployer({ address: PauseGuardian, abi: pauseGuardianAbi, functionName: 'pauseMarket', args: [RiskConfig, 0n] })
    const [min, max] = await chain.publicClient.readContract({ ...steward, functionName: 'stepRange', args: [RiskConfig, takerFee] })

    const gov = new GovernancePage(page)
    await gov.goto()
    const move = page.getByTestId('steward-move')
    await expect(move).toHaveCount(1)
    await expect(move).toContainText('ETH-USD taker fee')
    await expect(move).toContainText('0.05 % → 0.055 %')
    await expect(move.getByTestId('steward-headroom')).toHaveText(`${formatParameterValue(min, 'percent')} – ${formatParameterValue(max, 'percent')}`)
    await expect(move.getByTestId('steward-next')).toHaveText(/^in \d+ min/)
    await expect(page.getByTestId('pause-market')).toHaveText(/^ETH-USD paused · ends in 6 d 23 h/)
    await expect(page.getByTestId('pause-history')).toContainText('ETH-USD paused by the guardian')
  })
})

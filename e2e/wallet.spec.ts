import { testUsdAbi } from '../lib/contracts/generated'
import { formatAmount } from '../lib/format'
import { withGasMargin } from '../lib/tx/gasMargin'
import { connectWallet } from './support/connect'
import { expect, test } from './support/test'

test.describe('app shell and wallet', () => {
  test('shows live chain data before any wallet is connected', async ({ page, chain }) => {
    await page.goto('/')
    await expect(page.getByTestId('footer-rpc-status')).toHaveText('connected')
    const block = page.getByTestId('footer-block')
    await expect(block).toHaveText(/^\d+$/)
    const first = Number(await block.textContent())
    // anvil mines every second: the footer follows without a reload.
    await expect.poll(async () => Number(await block.textContent()), { timeout: 10_000 }).toBeGreaterThan(first)

    const supply = await chain.publicClient.readContract({
      address: chain.deployment.contracts.SettlementToken,
      abi: testUsdAbi,
      functionName: 'totalSupply',
    })
    await expect(page.getByTestId('token-supply')).toHaveText(formatAmount(supply, 6))
    await expect(page.getByTestId('connected-account')).toHaveText('Not connected')
  })

  test('batches contract reads through Multicall3', async ({ page, chain }) => {
    const callTargets: string[] = []
    page.on('request', (request) => {
      if (!request.url().startsWith(chain.rpcUrl) || request.method() !== 'POST') return
      const body = request.postDataJSON() as { method: string; params: [{ to?: string }] } | { method: string; params: [{ to?: string }] }[]
      for (const call of Array.isArray(body) ? body : [body])
        if (call.method === 'eth_call') callTargets.push(call.params[0].to!.toLowerCase())
    })
    await page.goto('/')
    await expect(page.getByTestId('token-supply')).toHaveText(/\d/)
    await expect.poll(() => callTargets.length).toBeGreaterThan(1)
    expect(new Set(callTargets)).toEqual(new Set([chain.deployment.contracts.Multicall3.toLowerCase()]))
  })

  test('connects through the RainbowKit modal and draws test USD', async ({ page, chain, wallet }) => {
    await page.goto('/')
    await connectWallet(page)

    const short = `${wallet.address.slice(0, 6)}…${wallet.address.slice(-4)}`
    await expect(page.getByTestId('connected-account')).toHaveText(short)
    await expect(page.getByTestId('wallet-balance')).toHaveText('0.00')
    const supplyBefore = await page.getByTestId('token-supply').textContent()

    await page.getByTestId('faucet-button').click()
    await expect(page.getByTestId('toast-success')).toContainText('Draw test USD: done')
    await expect(page.getByTestId('wallet-balance')).toHaveText('10,000.00')
    await expect(page.getByTestId('token-supply')).not.toHaveText(supplyBefore!)

    const balance = await chain.publicClient.readContract({
      address: chain.deployment.contracts.SettlementToken,
      abi: testUsdAbi,
      functionName: 'balanceOf',
      args: [wallet.address],
    })
    expect(balance).toBe(10_000_000_000n)

    // The wallet was asked for the estimate plus the app's margin, not for the bare estimate.
    const [mint] = await chain.publicClient.getContractEvents({
      address: chain.deployment.contracts.SettlementToken,
      abi: testUsdAbi,
      eventName: 'Transfer',
      args: { to: wallet.address },
      fromBlock: 0n,
    })
    const sent = await chain.publicClient.getTransaction({ hash: mint.transactionHash })
    const { gasUsed } = await chain.publicClient.getTransactionReceipt({ hash: mint.transactionHash })
    expect(sent.gas).toBeGreaterThanOrEqual(withGasMargin(gasUsed))
  })

  test('decodes a contract revert before the wallet opens', async ({ page, wallet }) => {
    await page.goto('/')
    await connectWallet(page)
    await expect(page.getByTestId('wallet-balance')).toHaveText('0.00')

    await page.getByTestId('faucet-button').click()
    await expect(page.getByTestId('wallet-balance')).toHaveText('10,000.00')
    // A second draw within the cooldown is refused by the contract: the simulation decodes it.
    await page.getByTestId('faucet-button').click()
    await expect(page.getByTestId('toast-error')).toContainText('The faucet gives each account one draw a minute')
    await expect(page.getByTestId('wallet-balance')).toHaveText('10,000.00')
    expect(wallet.address).toMatch(/^0x/)
  })

  test('a rejection in the wallet is a calm message and sends nothing', async ({ page, chain, wallet }) => {
    await page.goto('/')
    await connectWallet(page)
    await expect(page.getByTestId('wallet-balance')).toHaveText('0.00')
    const nonceBefore = await chain.publicClient.getTransactionCount({ address: wallet.address })

    wallet.rejectNextApproval()
    await page.getByTestId('faucet-button').click()
    await expect(page.getByTestId('toast-info')).toContainText('You cancelled the request in your wallet. Nothing was sent.')
    await expect(page.getByTestId('toast-error')).toHaveCount(0)
    expect(await chain.publicClient.getTransactionCount({ address: wallet.address })).toBe(nonceBefore)
    await expect(page.getByTestId('wallet-balance')).toHaveText('0.00')
  })
})

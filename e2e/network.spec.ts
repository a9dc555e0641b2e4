import type { Page } from '@playwright/test'
import { connectWallet } from './support/connect'
import { expect, test } from './support/test'

async function connect(page: Page) {
  await page.goto('/')
  await connectWallet(page)
  await expect(page.getByTestId('wallet-balance')).toHaveText('0.00')
}

test.describe('wallet on another network', () => {
  test('shows a switch prompt and switches back to the devnet', async ({ page, wallet }) => {
    await connect(page)
    await wallet.switchNetwork(1)

    const wrongNetwork = page.getByRole('button').filter({ hasText: 'Wrong network' })
    await expect(wrongNetwork).toBeVisible()
    await wrongNetwork.click()
    await page.getByRole('dialog').getByRole('button', { name: /Rampart Devnet/ }).click()
    await expect(wrongNetwork).toHaveCount(0)
    await expect(page.getByTestId('connected-account')).toHaveText(`${wallet.address.slice(0, 6)}…${wallet.address.slice(-4)}`)
  })

  test('a transaction from the wrong network asks the wallet to switch first', async ({ page, wallet }) => {
    await connect(page)
    await wallet.switchNetwork(1)
    await expect(page.getByRole('button').filter({ hasText: 'Wrong network' })).toBeVisible()

    await page.getByTestId('faucet-button').click()
    await expect(page.getByTestId('toast-success')).toContainText('Draw test USD: done')
    await expect(page.getByTestId('wallet-balance')).toHaveText('10,000.00')
    await expect(page.getByRole('button').filter({ hasText: 'Wrong network' })).toHaveCount(0)
  })
})

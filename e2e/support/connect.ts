import { expect, type Page } from '@playwright/test'

/** Connects the injected test wallet the way a person does: RainbowKit's button, then the wallet in its modal. */
export async function connectWallet(page: Page) {
  await page.getByRole('button', { name: 'Connect Wallet' }).click()
  await page.getByRole('dialog').getByRole('button', { name: /Rampart Test Wallet/ }).click()
  await expect(page.getByRole('button', { name: 'Connect Wallet' })).toHaveCount(0)
}

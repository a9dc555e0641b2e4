import type { Locator, Page } from '@playwright/test'
import { expect } from '../support/test'

/**
 * The market page's order form and the trader's order requests, by the dashboard's test ids
 * (app/markets/[name]/_components/OrderForm.tsx, components/orders/OrderRequestsList.tsx).
 * A request only escrows: call `chain.settlePending()` (or run a keeper) to have it filled.
 */
export class OrderFormPage {
  constructor(readonly page: Page) {}

  async goto(market: string) {
    await this.page.goto(`/markets/${market}`)
    await expect(this.submit).toBeVisible()
  }

  get submit(): Locator {
    return this.page.getByTestId('order-submit')
  }
  get acceptablePrice(): Locator {
    return this.page.getByTestId('order-acceptable-price')
  }
  get executionFee(): Locator {
    return this.page.getByTestId('order-execution-fee')
  }
  get pendingCount(): Locator {
    return this.page.getByTestId('pending-order-count')
  }

  /** Fills side, collateral and either leverage or size; slippage (%) and expiry (minutes) when given. */
  async fill({ side, collateral, leverage, size, slippage, expiryMinutes }: {
    side: 'long' | 'short'
    collateral: string
    leverage?: string
    size?: string
    slippage?: string
    expiryMinutes?: string
  }) {
    await this.page.getByTestId(`order-side-${side}`).click()
    await this.page.getByTestId('order-collateral').fill(collateral)
    if (leverage !== undefined) await this.page.getByTestId('order-leverage').fill(leverage)
    if (size !== undefined) await this.page.getByTestId('order-size').fill(size)
    if (slippage !== undefined) await this.page.getByTestId('order-slippage').fill(slippage)
    if (expiryMinutes !== undefined) await this.page.getByTestId('order-expiry').fill(expiryMinutes)
  }

  /** Clicks submit through the approval step (when there is one) until the request is sent. */
  async request(label: RegExp | string) {
    if (/approve/i.test((await this.submit.textContent()) ?? '')) {
      await this.submit.click()
      await expect(this.submit).toHaveText(label)
    }
    await this.submit.click()
  }

  row(id: bigint | number): { row: Locator; status: Locator; fill: Locator; why: Locator; expiry: Locator; cancel: Locator } {
    const t = (name: string) => this.page.getByTestId(`order-${name}-${id}`)
    return { row: t('row'), status: t('status'), fill: t('fill'), why: t('why'), expiry: t('expiry'), cancel: t('cancel') }
  }
}

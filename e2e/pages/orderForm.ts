import type { Locator, Page } from '@playwright/test'
import { expect } from '../support/test'

/**
 * The market page's order form and the trader's order requests, by the dashboard's test ids
 * (app/markets/[name]/_components/OrderForm.tsx, components/orders/OrderRequestsList.tsx). With a
 * position open in the market the form is PositionOrderForm.tsx: increase, reduce or close it
 * (`mode`, `increaseBy`, `reduceBy`, `percent`); the submit button and the request terms keep
 * their ids. A request only escrows: call `chain.settlePending()` (or run a keeper) to have it filled.
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

  // ---- with a position open (PositionOrderForm)
  get positionForm(): Locator {
    return this.page.getByTestId('position-order-form')
  }
  get positionSummary(): Locator {
    return this.page.getByTestId('order-position-summary')
  }
  mode(name: 'increase' | 'reduce' | 'close'): Locator {
    return this.page.getByTestId(`order-mode-${name}`)
  }
  /** The reduce shortcuts: 25, 50, 75, and 100 ("Max", sent as a close). */
  percent(value: 25 | 50 | 75 | 100): Locator {
    return this.page.getByTestId(`order-percent-${value}`)
  }
  get reduceSize(): Locator {
    return this.page.getByTestId('order-reduce-size')
  }
  /** The message next to a field: 'size', 'collateral', 'reduce', 'market', 'notional'. */
  error(field: 'size' | 'collateral' | 'reduce' | 'market' | 'notional'): Locator {
    return this.page.getByTestId(`order-${field}-error`)
  }
  /** "An open request is pending: #id…" while an open in this market waits. */
  get pendingOpen(): Locator {
    return this.page.getByTestId('order-pending-open')
  }
  /** Increase mode: the size to add and, optionally, collateral with it. */
  async increaseBy(size: string, collateral?: string) {
    await this.mode('increase').click()
    await this.page.getByTestId('order-size').fill(size)
    if (collateral !== undefined) await this.page.getByTestId('order-collateral').fill(collateral)
  }
  /** Reduce mode: by a typed size, or by a percentage button. */
  async reduceBy(amount: string | { percent: 25 | 50 | 75 | 100 }) {
    await this.mode('reduce').click()
    if (typeof amount === 'string') await this.reduceSize.fill(amount)
    else await this.percent(amount.percent).click()
  }

  row(id: bigint | number): { row: Locator; status: Locator; fill: Locator; why: Locator; expiry: Locator; cancel: Locator } {
    const t = (name: string) => this.page.getByTestId(`order-${name}-${id}`)
    return { row: t('row'), status: t('status'), fill: t('fill'), why: t('why'), expiry: t('expiry'), cancel: t('cancel') }
  }
}

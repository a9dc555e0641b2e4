import type { Locator, Page } from '@playwright/test'
import { expect } from '../support/test'

type Kind = 'deposit' | 'withdraw'

/**
 * The /pool page's deposit and withdrawal request forms and the LP's requests, by the dashboard's
 * test ids (app/pool/_components/LpRequestForm.tsx, LpRequestsList.tsx). A request only escrows:
 * call `chain.settlePending()` (or run a keeper) to have it executed.
 */
export class LpFormPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/pool')
    await expect(this.form('deposit').root).toBeVisible()
  }

  form(kind: Kind) {
    const t = (name: string) => this.page.getByTestId(`lp-${kind}-${name}`)
    return {
      root: t('form'),
      amount: t('amount'),
      slippage: t('slippage'),
      expiry: t('expiry'),
      minOut: t('min-out'),
      executionFee: t('execution-fee'),
      error: t('error'),
      submit: t('submit'),
    }
  }

  get pendingCount(): Locator {
    return this.page.getByTestId('lp-pending-count')
  }

  /** Types the amount (and slippage %, expiry minutes when given), then submits through the approval step. */
  async request(kind: Kind, amount: string, { slippage, expiryMinutes }: { slippage?: string; expiryMinutes?: string } = {}) {
    const form = this.form(kind)
    await form.amount.fill(amount)
    if (slippage !== undefined) await form.slippage.fill(slippage)
    if (expiryMinutes !== undefined) await form.expiry.fill(expiryMinutes)
    if (/approve/i.test((await form.submit.textContent()) ?? '')) {
      await form.submit.click()
      // Wait for the request label itself: "Waiting…" while the approval is mined is followed by the
      // approve label again until the allowance is re-read, and a click then approves twice.
      await expect(form.submit).toHaveText(kind === 'deposit' ? 'Request deposit' : 'Request withdrawal')
    }
    await form.submit.click()
  }

  row(id: bigint | number): { row: Locator; status: Locator; fill: Locator; why: Locator; cancel: Locator } {
    const t = (name: string) => this.page.getByTestId(name === '' ? `lp-request-${id}` : `lp-request-${name}-${id}`)
    return { row: t(''), status: t('status'), fill: t('fill'), why: t('why'), cancel: t('cancel') }
  }
}

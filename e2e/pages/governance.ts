import type { Locator, Page } from '@playwright/test'
import { expect } from '../support/test'

/**
 * The /governance page and a proposal's page, by the dashboard's test ids
 * (app/governance/_components/*, app/governance/[id]/_components/*).
 */
export class GovernancePage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/governance')
    await expect(this.page.getByTestId('proposal-list')).toBeVisible()
  }

  async gotoProposal(id: bigint) {
    await this.page.goto(`/governance/${id}`)
    await expect(this.page.getByTestId('proposal-state')).toBeVisible()
  }

  get t() {
    return (id: string) => this.page.getByTestId(id)
  }

  // ---- voting power
  get balance(): Locator {
    return this.t('gov-balance')
  }
  get delegate(): Locator {
    return this.t('gov-delegate')
  }
  get votes(): Locator {
    return this.t('gov-votes')
  }
  async delegateToSelf() {
    await this.t('gov-delegate-self').click()
    await expect(this.page.getByTestId('toast-success').last()).toContainText('Delegate to yourself: done')
  }

  // ---- proposals list
  rows(): Locator {
    return this.page.getByTestId('proposal-row')
  }
  row(title: string): Locator {
    return this.rows().filter({ has: this.page.getByTestId('proposal-link').getByText(title, { exact: true }) })
  }
  async proposalId(title: string): Promise<bigint> {
    const id = await this.row(title).getAttribute('data-proposal-id')
    if (!id) throw new Error(`no proposal "${title}" listed`)
    return BigInt(id)
  }
  async filter(state: string) {
    await this.t('proposal-filter').selectOption(state)
  }

  // ---- builder
  change(i: number) {
    return {
      parameter: this.t(`builder-parameter-${i}`),
      value: this.t(`builder-value-${i}`),
      info: this.t(`builder-info-${i}`),
      error: this.t(`builder-error-${i}`),
    }
  }
  /** Adds a change row and picks the parameter by its label. */
  async addChange(label: string, value: string) {
    const i = await this.page.locator('[data-testid^="builder-change-"]').count()
    await this.t('builder-add').click()
    await this.change(i).parameter.selectOption({ label })
    await this.change(i).value.fill(value)
    return this.change(i)
  }
  get description(): Locator {
    return this.t('builder-description')
  }
  get submit(): Locator {
    return this.t('builder-submit')
  }
  /** "0x1234…abcd ETH-USD long" for every position the impact preview names. */
  impactNames(): Locator {
    return this.page.getByTestId('impact-position-name')
  }

  // ---- proposal view
  get state(): Locator {
    return this.t('proposal-state')
  }
  actionText(i: number): Locator {
    return this.t(`action-text-${i}`)
  }
  async vote(support: 'for' | 'against' | 'abstain', reason: string) {
    await this.t(`vote-support-${support}`).click()
    await this.t('vote-reason').fill(reason)
    await this.t('vote-submit').click()
    await expect(this.page.getByTestId('toast-success').last()).toContainText(`Vote ${support}: done`)
  }
  async queue() {
    await this.t('proposal-queue').click()
    await expect(this.page.getByTestId('toast-success').last()).toContainText('Queue proposal: done')
  }
  async execute() {
    await this.t('proposal-execute').click()
    await expect(this.page.getByTestId('toast-success').last()).toContainText('Execute proposal: done')
  }
}

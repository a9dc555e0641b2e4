import type { Locator, Page } from '@playwright/test'
import type { PositionAction } from '../../lib/validation/positionAction'

/**
 * The actions on an open position (components/position/PositionActions.tsx), by the dashboard's
 * test ids: on the market page under "Your position", in the portfolio inside a row's Manage
 * panel (pass that panel as the root). Increase, reduce and close are requests: call
 * `chain.settlePending()` (or run a keeper) to have them filled.
 */
export class PositionActionsPanel {
  constructor(readonly root: Page | Locator) {}

  action(name: PositionAction): Locator {
    return this.root.getByTestId(`position-action-${name}`)
  }
  get amount(): Locator {
    return this.root.getByTestId('position-amount')
  }
  get submit(): Locator {
    return this.root.getByTestId('position-submit')
  }
  get acceptablePrice(): Locator {
    return this.root.getByTestId('position-acceptable-price')
  }
  /** "A close request is pending: #id…" next to the submit button while an exit of this position waits. */
  get pendingExit(): Locator {
    return this.root.getByTestId('position-pending-exit')
  }

  /** Picks the action and types its amount (none for close). */
  async choose(name: PositionAction, amount?: string) {
    await this.action(name).click()
    if (amount !== undefined) await this.amount.fill(amount)
  }
}

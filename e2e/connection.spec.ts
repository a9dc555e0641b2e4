import { anvilPid } from './support/anvilProcess'
import { expect, test } from './support/test'

test.describe('connection honesty', () => {
  test('a paused node turns the page stale within 5 s, greyed and with the data\'s age; it recovers without a reload', async ({ page, stack }) => {
    await page.goto('/markets')
    const status = page.getByTestId('footer-rpc-status')
    await expect(status).toHaveText('connected')
    await expect(page.getByTestId('stale-banner')).toHaveCount(0)
    await expect(page.locator('body')).toHaveAttribute('data-stale', 'false')
    const shownBlock = page.getByTestId('footer-block')
    await expect(shownBlock).not.toHaveText('—')
    // The page's stale limit follows the block gaps it has seen: let it see a few before the pause.
    const blockShown = async () => Number((await shownBlock.textContent())!.replace(/[^\d]/g, ''))
    const firstShown = await blockShown()
    await expect.poll(blockShown, { timeout: 15_000 }).toBeGreaterThanOrEqual(firstShown + 3)

    const pid = anvilPid(stack.rpcPort)
    process.kill(pid, 'SIGSTOP')
    try {
      // within 5 s of the pause (the wait starts at it)
      await expect(page.getByTestId('stale-banner')).toBeVisible({ timeout: 5_000 })
      await expect(status).not.toHaveText('connected')
      await expect(page.locator('body')).toHaveAttribute('data-stale', 'true')
      await expect(page.getByTestId('stale-block')).toHaveText((await shownBlock.textContent())!)
      // The age counts up while nothing arrives.
      const age = async () => Number((await page.getByTestId('stale-age').textContent())!.replace(' s', ''))
      const first = await age()
      await expect.poll(age, { timeout: 3_000 }).toBeGreaterThan(first)
    } finally {
      process.kill(pid, 'SIGCONT')
    }
    await expect(page.getByTestId('stale-banner')).toHaveCount(0, { timeout: 15_000 })
    await expect(status).toHaveText('connected')
    await expect(page.locator('body')).toHaveAttribute('data-stale', 'false')
  })
})

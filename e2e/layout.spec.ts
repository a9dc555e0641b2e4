import { parseUnits } from 'viem'
import { connectWallet } from './support/connect'
import { proposeSomething } from './support/proposals'
import { openThroughRouter } from './support/requests'
import { expect, test } from './support/test'

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const

/** Every page: the header's, a market's, the portfolio (with a position), a proposal's, the replay lab. */
function pagesOf(markets: Record<string, number>, proposalId: bigint) {
  // the market of the test's position (id 0)
  const market = Object.entries(markets).find(([, id]) => id === 0)![0]
  return ['/', '/markets', `/markets/${market}`, '/portfolio', '/pool', '/risk', '/insurance', '/governance', `/governance/${proposalId}`, '/replay']
}

/** What overflows: the page itself, or a table wider than the box it sits in (a clipped, scrolled table). */
function overflow() {
  const page = { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }
  const tables = [...document.querySelectorAll('table')]
    .filter((table) => table.getBoundingClientRect().width > 0)
    .flatMap((table) => {
      const box = table.parentElement!.clientWidth
      return table.scrollWidth > box + 1 ? [`${table.getAttribute('data-testid') ?? table.querySelector('th,td')?.textContent?.slice(0, 30)}: ${table.scrollWidth} px in ${box} px`] : []
    })
  return { page, tables }
}

test('no page overflows sideways at 1440, 1280 and 390 px, and the wallet button is always in view', async ({ page, chain, wallet }) => {
  test.setTimeout(240_000)
  await openThroughRouter(chain, wallet.address, 0n, parseUnits('1', 18), 400_000_000n)
  const proposalId = await proposeSomething(chain)
  await page.goto('/')
  await connectWallet(page)
  const problems: string[] = []
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport)
    for (const path of pagesOf(chain.deployment.markets, proposalId)) {
      await page.goto(path)
      const walletButton = page.getByTestId('wallet-button')
      await expect(walletButton).toContainText('0x')
      await expect(walletButton).toBeInViewport({ ratio: 1 })
      // the page's numbers and tables have loaded
      await page.waitForTimeout(1_500)
      if (path === '/portfolio') {
        await expect(page.getByTestId('portfolio-row-ETH-USD')).toBeVisible()
        await page.getByTestId('portfolio-manage').click()
        await expect(page.getByTestId('portfolio-actions-ETH-USD')).toBeVisible()
      }
      const found = await page.evaluate(overflow)
      if (found.page.scrollWidth > found.page.innerWidth) problems.push(`${path} at ${viewport.width} px: the page is ${found.page.scrollWidth} px wide`)
      for (const table of found.tables) problems.push(`${path} at ${viewport.width} px: table ${table}`)
      if (viewport.width < 1024) {
        // the pages are one tap away
        await page.getByTestId('menu-button').click()
        await expect(page.getByTestId('main-menu').getByRole('link', { name: 'Portfolio' })).toBeVisible()
        await page.getByTestId('menu-button').click()
        await expect(page.getByTestId('main-menu')).toHaveCount(0)
      }
    }
  }
  expect(problems).toEqual([])
})

test('on a phone the menu leads to each page and closes behind it', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/')
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden()
  await page.getByTestId('menu-button').click()
  await page.getByTestId('main-menu').getByRole('link', { name: 'Risk console' }).click()
  await expect(page).toHaveURL(/\/risk$/)
  await expect(page.getByTestId('main-menu')).toHaveCount(0)
  await expect(page.getByTestId('wallet-button').getByRole('button', { name: 'Connect Wallet' })).toBeInViewport({ ratio: 1 })
})

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './support/test'
import { parseLabResult } from '../lib/replay/parse'
import { tableRows } from '../lib/replay/table'

/** The /replay page shows a committed lab result (docs/replay/*.json) and any result file the user opens; no chain is read. */
const DIR = join(import.meta.dirname, '..', 'docs', 'replay')
const windows = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()

test('shows a committed replay: the per-policy table as the JSON says, and the charts', async ({ page }) => {
  expect(windows.length).toBeGreaterThan(0)
  const name = windows[windows.length - 1].replace(/\.json$/, '')
  const result = parseLabResult(readFileSync(join(DIR, `${name}.json`), 'utf8'))
  const rows = tableRows(result)
  await page.goto(`/replay?window=${name}`)
  const table = page.getByTestId('replay-table')
  await expect(table).toBeVisible()
  await expect(table.locator('thead th')).toHaveText(rows[0])
  const badDebt = rows.find((r) => r[0] === 'bad debt')!
  await expect(page.getByTestId('replay-row-bad-debt').locator('td')).toHaveText(badDebt)
  const liquidations = rows.find((r) => r[0] === 'liquidations')!
  await expect(page.getByTestId('replay-row-liquidations').locator('td')).toHaveText(liquidations)
  // the charts load as they come into view (a person scrolls down to them)
  for (const id of ['price-0', 'margin-0', 'fund', 'bad-debt', 'liquidations']) {
    await page.getByTestId(`replay-chart-${id}`).or(page.getByTestId(`replay-chart-${id}-loading`)).scrollIntoViewIfNeeded()
    await expect(page.getByTestId(`replay-chart-${id}`).locator('canvas').first()).toBeVisible()
  }
  await expect(page.getByTestId('replay-windows').getByRole('link')).toHaveCount(windows.length)
})

test('opens a result file the user picks, and says why a file is not one', async ({ page }) => {
  await page.goto('/replay')
  await page.getByTestId('replay-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version":2}') })
  await expect(page.getByTestId('replay-file-error')).toHaveText('bad.json: not a replay result (version 1 from npm run replay)')

  const first = windows[0]
  const result = parseLabResult(readFileSync(join(DIR, first), 'utf8'))
  await page.getByTestId('replay-file').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: readFileSync(join(DIR, first)) })
  await expect(page.getByTestId('replay-file-error')).toHaveCount(0)
  await expect(page.getByTestId('replay-summary')).toContainText('mine.json')
  await expect(page.getByTestId('replay-row-liquidated-notional').locator('td')).toHaveText(tableRows(result).find((r) => r[0] === 'liquidated notional')!)
})

import type { Browser, Page, Response } from '@playwright/test'

export type FirstLoad = {
  /** JavaScript files fetched (decoded size). */
  rawBytes: number
  /** The same files as `next start` sent them: gzip-encoded bodies on the wire (files under 1 KiB go unencoded, as sent). */
  gzipBytes: number
  files: number
  /** Each file: its path and gzip bytes, largest first. */
  detail: { path: string; gzipBytes: number; rawBytes: number }[]
}

/** How long the page must fetch no new script before its first load counts as over. */
const QUIET_MS = 1_500
const MAX_SETTLE_MS = 10_000

/**
 * First-load JavaScript of one page, measured as a new visitor gets it: a fresh browser context
 * (empty cache, no wallet connected), a cold load against `next start`, every script response of
 * the page's origin summed until `ready` resolves (the page shows live data) and then no new script
 * has arrived for QUIET_MS. What a page loads on mount without user action (lazy chunks included)
 * counts; what only a click loads (the wallet modal) does not.
 */
export async function measureFirstLoad(browser: Browser, url: string, ready: (page: Page) => Promise<void>): Promise<FirstLoad> {
  const context = await browser.newContext()
  const page = await context.newPage()
  const origin = new URL(url).origin
  const scripts: Response[] = []
  let lastScriptAt = Date.now()
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script' || !response.url().startsWith(origin)) return
    scripts.push(response)
    lastScriptAt = Date.now()
  })
  try {
    await page.goto(url, { waitUntil: 'load' })
    await ready(page)
    const deadline = Date.now() + MAX_SETTLE_MS
    while (Date.now() - lastScriptAt < QUIET_MS && Date.now() < deadline) await page.waitForTimeout(100)
    const detail: FirstLoad['detail'] = []
    for (const response of scripts) {
      const body = await response.body()
      const sizes = await response.request().sizes()
      detail.push({ path: new URL(response.url()).pathname, rawBytes: body.length, gzipBytes: sizes.responseBodySize })
    }
    detail.sort((a, b) => b.gzipBytes - a.gzipBytes)
    const sum = (key: 'rawBytes' | 'gzipBytes') => detail.reduce((total, file) => total + file[key], 0)
    return { rawBytes: sum('rawBytes'), gzipBytes: sum('gzipBytes'), files: detail.length, detail }
  } finally {
    await context.close()
  }
}

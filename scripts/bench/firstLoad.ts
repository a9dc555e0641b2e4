import { gzipSync } from 'node:zlib'
import type { BrowserContext, Browser, Page, Response } from '@playwright/test'

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
 * counts; what only a click loads (the wallet modal) does not. A Web Worker the page starts counts
 * too: its bootstrap is a page response, but the chunks it then loads (`importScripts`) are not
 * reported to the page, so they are read from the worker's URL (`workerChunks`).
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
    // a chunk the page fetched already comes from the browser's cache (immutable static files)
    const fetched = new Set(detail.map((file) => file.path))
    detail.push(...(await workerChunks(context, page, origin)).filter((file) => !fetched.has(file.path.replace(/ \(worker\)$/, ''))))
    detail.sort((a, b) => b.gzipBytes - a.gzipBytes)
    const sum = (key: 'rawBytes' | 'gzipBytes') => detail.reduce((total, file) => total + file[key], 0)
    return { rawBytes: sum('rawBytes'), gzipBytes: sum('gzipBytes'), files: detail.length, detail }
  } finally {
    await context.close()
  }
}

/** Below this size `next start` sends a file unencoded (its compression threshold). */
const COMPRESSION_THRESHOLD = 1024

/**
 * The chunks each of the page's Web Workers loads. Turbopack starts a worker at its bootstrap
 * script with the chunk list in the URL (`?params=` or `#params=`, a JSON array whose first item
 * lists the chunk paths), and the bootstrap `importScripts` them from inside the worker, where the
 * page's response events do not see them. Each is fetched again from the same server; gzip bytes
 * are zlib's default level, what `next start` uses (files under 1 KiB as they are).
 */
async function workerChunks(context: BrowserContext, page: Page, origin: string): Promise<FirstLoad['detail']> {
  const detail: FirstLoad['detail'] = []
  for (const worker of page.workers()) {
    const url = new URL(worker.url())
    const raw = url.searchParams.get('params') ?? (url.hash.startsWith('#params=') ? decodeURIComponent(url.hash.slice('#params='.length)) : null)
    if (!raw) continue
    const params = JSON.parse(raw) as unknown[]
    const chunks = Array.isArray(params[0]) ? (params[0] as string[]) : []
    for (const chunk of chunks) {
      const chunkUrl = new URL(chunk, origin)
      if (chunkUrl.origin !== origin) continue
      const body = await (await context.request.get(chunkUrl.toString())).body()
      detail.push({
        path: `${chunkUrl.pathname} (worker)`,
        rawBytes: body.length,
        gzipBytes: body.length < COMPRESSION_THRESHOLD ? body.length : gzipSync(body).length,
      })
    }
  }
  return detail
}

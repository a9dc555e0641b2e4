import type { Browser, Page } from '@playwright/test'
import { createPublicClient, http, type Address } from 'viem'
import { foundry } from 'viem/chains'
import { connectWallet } from '../../e2e/support/connect'
import { installInjectedWallet } from '../../e2e/support/injectedWallet'
import { allowSerialisedFunctions } from './stack'
import { devnetAccount } from '../devnet/accounts'

export type RpcPerBlock = { page: string; perBlock: number; byMethod: Record<string, number>; blocks: number }

type Call = { method: string }

/**
 * Every JSON-RPC call the page makes to the node: HTTP POSTs (each call of a batch counts) and
 * messages it sends over a WebSocket to the node. A subscription's pushed blocks are not requests.
 */
function recordCalls(page: Page, rpcUrl: string) {
  const wsUrl = rpcUrl.replace(/^http/, 'ws')
  let calls: Call[] = []
  const add = (body: unknown) => calls.push(...((Array.isArray(body) ? body : [body]) as Call[]))
  page.on('request', (request) => {
    if (request.url().startsWith(rpcUrl) && request.method() === 'POST') add(request.postDataJSON())
  })
  page.on('websocket', (socket) => {
    if (!socket.url().startsWith(wsUrl)) return
    socket.on('framesent', ({ payload }) => {
      try {
        add(JSON.parse(String(payload)))
      } catch {
        // not JSON-RPC
      }
    })
  })
  return { start: () => (calls = []), calls: () => calls }
}

/**
 * RPC requests per new block on every page, the seeded trader's wallet connected: each page is
 * loaded, given `settleMs` for its one-off history reads, then watched over `blocks` blocks
 * (counted from the bench's side, not the page's).
 */
export async function measureRpcPerBlock(
  browser: Browser,
  { appUrl, rpcUrl, pages, blocks, settleMs = 3_000, traderIndex = 2 }: { appUrl: string; rpcUrl: string; pages: string[]; blocks: number; settleMs?: number; traderIndex?: number },
): Promise<RpcPerBlock[]> {
  const client = createPublicClient({ chain: foundry, transport: http(rpcUrl), cacheTime: 0 })
  const nextBlock = async (after: bigint) => {
    for (;;) {
      const head = await client.getBlockNumber({ cacheTime: 0 })
      if (head > after) return head
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
  const context = await browser.newContext()
  const page = await context.newPage()
  const results: RpcPerBlock[] = []
  try {
    await allowSerialisedFunctions(page)
    await installInjectedWallet(page, { account: devnetAccount(traderIndex).address as Address, rpcUrl })
    const recorder = recordCalls(page, rpcUrl)
    await page.goto(appUrl)
    await page.getByTestId('footer-block').filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 })
    await connectWallet(page)
    for (const path of pages) {
      await page.goto(appUrl + path)
      await page.getByTestId('wallet-button').filter({ hasText: '0x' }).waitFor({ timeout: 30_000 })
      await page.waitForTimeout(settleMs)
      const from = await nextBlock(await client.getBlockNumber({ cacheTime: 0 }))
      recorder.start()
      await nextBlock(from + BigInt(blocks) - 1n)
      const calls = recorder.calls()
      const byMethod: Record<string, number> = {}
      for (const { method } of calls) byMethod[method] = (byMethod[method] ?? 0) + 1
      results.push({ page: path, perBlock: calls.length / blocks, byMethod, blocks })
    }
    return results
  } finally {
    await context.close()
  }
}

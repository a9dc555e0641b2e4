import type { Page } from '@playwright/test'

/** The `eth_call`s the page sends to `rpcUrl`, counted by the block each is pinned to (hex number or tag). */
export function countEthCallsPerBlock(page: Page, rpcUrl: string): Map<string, number> {
  const perBlock = new Map<string, number>()
  page.on('request', (request) => {
    if (!request.url().startsWith(rpcUrl) || request.method() !== 'POST') return
    const body = request.postDataJSON() as { method: string; params: unknown[] } | { method: string; params: unknown[] }[]
    for (const call of Array.isArray(body) ? body : [body])
      if (call.method === 'eth_call' && typeof call.params[1] === 'string') perBlock.set(call.params[1], (perBlock.get(call.params[1]) ?? 0) + 1)
  })
  return perBlock
}

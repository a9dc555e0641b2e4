import type { Page } from '@playwright/test'

type Call = { method: string; params?: unknown[] }

/**
 * Every JSON-RPC call the page sends to `rpcUrl` (a JSON-RPC batch counts each call in it), from
 * `start()` on: HTTP POSTs, and messages sent over a WebSocket to the same node (the app subscribes
 * to new blocks there; blocks it is pushed are not requests). The wallet's own traffic goes
 * through the test process, not the page's network.
 */
export function recordRpcCalls(page: Page, rpcUrl: string) {
  let calls: Call[] = []
  const add = (body: Call | Call[]) => calls.push(...(Array.isArray(body) ? body : [body]))
  page.on('request', (request) => {
    if (!request.url().startsWith(rpcUrl) || request.method() !== 'POST') return
    add(request.postDataJSON() as Call | Call[])
  })
  const wsUrl = rpcUrl.replace(/^http/, 'ws')
  page.on('websocket', (socket) => {
    if (!socket.url().startsWith(wsUrl)) return
    socket.on('framesent', ({ payload }) => {
      try {
        add(JSON.parse(String(payload)) as Call | Call[])
      } catch {
        // not JSON-RPC
      }
    })
  })
  return {
    start() {
      calls = []
    },
    calls: () => calls,
  }
}

/** `calls` summed per method. */
export function byMethod(calls: readonly Call[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const { method } of calls) counts[method] = (counts[method] ?? 0) + 1
  return counts
}

/** The block an `eth_call` is pinned to (a hex number or a tag), or an `eth_getLogs`' last block. */
export function blockOf(call: Call): string | undefined {
  if (call.method === 'eth_call') return typeof call.params?.[1] === 'string' ? call.params[1] : undefined
  if (call.method === 'eth_getLogs') return (call.params?.[0] as { toBlock?: string } | undefined)?.toBlock
  return undefined
}

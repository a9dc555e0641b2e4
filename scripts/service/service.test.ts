import { describe, expect, it } from 'vitest'
import { runBlockLoop } from './blockLoop'
import { createLogger } from './log'
import { backoffDelay } from './retry'
import { serveStatus } from './statusServer'

describe('backoffDelay', () => {
  it('doubles and caps', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, 100, 500))).toEqual([100, 200, 400, 500])
  })
})

describe('createLogger', () => {
  it('writes one JSON object per line, bigints as strings', () => {
    const lines: string[] = []
    createLogger('keeper', (line) => lines.push(line)).info('liquidated', { trader: '0xabc', size: 10n ** 18n })
    const parsed = JSON.parse(lines[0])
    expect(parsed).toMatchObject({ level: 'info', service: 'keeper', event: 'liquidated', trader: '0xabc', size: '1000000000000000000' })
    expect(Date.parse(parsed.ts)).not.toBeNaN()
  })
})

describe('runBlockLoop', () => {
  it('handles every block exactly once across RPC and handler failures', async () => {
    const heads = [5n, 'rpc down', 7n, 7n, 9n, 12n]
    const handled: bigint[] = []
    let handlerFailedOnce = false
    const controller = new AbortController()
    const lines: string[] = []
    const errors: string[] = []
    const last = await runBlockLoop({
      startBlock: 3n,
      pollMs: 0,
      signal: controller.signal,
      log: createLogger('test', (line) => lines.push(line)),
      onError: (error) => errors.push((error as Error).message),
      getBlockNumber: async () => {
        const head = heads.shift()
        if (head === undefined) {
          controller.abort()
          return 12n
        }
        if (typeof head === 'string') throw new Error(head)
        return head
      },
      onBlocks: async (from, to) => {
        if (from === 8n && !handlerFailedOnce) {
          handlerFailedOnce = true
          throw new Error('handler failed')
        }
        for (let b = from; b <= to; b++) handled.push(b)
      },
    })
    expect(handled).toEqual([3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n, 11n, 12n])
    expect(last).toBe(13n)
    expect(lines.filter((l) => l.includes('"retrying"'))).toHaveLength(2)
    expect(errors).toEqual(['rpc down', 'handler failed'])
  }, 10_000)
})

describe('serveStatus', () => {
  it('serves the current status as JSON at GET /status only', async () => {
    let status = { lastBlock: '1', count: 1n }
    const server = await serveStatus(0, () => status)
    try {
      const address = server.address()
      if (address === null || typeof address === 'string') throw new Error('no port')
      const url = (path: string) => `http://127.0.0.1:${address.port}${path}`
      status = { lastBlock: '2', count: 5n }
      const response = await fetch(url('/status'))
      expect(response.status).toBe(200)
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      expect(await response.json()).toEqual({ lastBlock: '2', count: '5' })
      expect((await fetch(url('/other'))).status).toBe(404)
    } finally {
      server.close()
    }
  })

  it('serves extra routes, such as the keeper\'s /risk.json, the same way', async () => {
    const server = await serveStatus(0, () => ({ ok: true }), { '/risk.json': () => ({ block: 7n }) })
    try {
      const address = server.address()
      if (address === null || typeof address === 'string') throw new Error('no port')
      const response = await fetch(`http://127.0.0.1:${address.port}/risk.json`)
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ block: '7' })
      expect((await fetch(`http://127.0.0.1:${address.port}/toString`)).status).toBe(404)
    } finally {
      server.close()
    }
  })
})

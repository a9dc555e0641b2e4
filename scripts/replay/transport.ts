/**
 * The lab's JSON-RPC transport to its private anvil: node:http on kept-alive sockets, and every
 * request issued in one turn of the event loop sent as one JSON-RPC batch (flushed by
 * `setImmediate`). viem's `http` transport does the same through `fetch` (undici's streams, an
 * abort controller and timer per request, a 1 ms `setTimeout` before each batch): profiled with
 * `node --cpu-prof` on the 500-trader replay, that per-request machinery was about half of the
 * lab's own CPU (docs/replay.md, "Timing"). Errors are viem's (`RpcRequestError` with the node's
 * code and data), so reverts decode as with `http`.
 */
import { Agent, request as httpRequest } from 'node:http'
import { custom, RpcRequestError, type Transport } from 'viem'

type Pending = { body: { jsonrpc: '2.0'; id: number; method: string; params: unknown }; resolve: (value: unknown) => void; reject: (error: unknown) => void }
type Reply = { id: number; result?: unknown; error?: { code: number; message: string; data?: unknown } }

export function labTransport(rpcUrl: string): Transport {
  const url = new URL(rpcUrl)
  const agent = new Agent({ keepAlive: true, maxSockets: 4 })
  let nextId = 1
  let queue: Pending[] = []
  let scheduled = false

  function post(payload: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            if (res.statusCode !== 200) reject(new Error(`${rpcUrl}: HTTP ${res.statusCode}: ${text.slice(0, 300)}`))
            else resolve(text)
          })
          res.on('error', reject)
        },
      )
      req.on('error', reject)
      req.end(payload)
    })
  }

  function settle(item: Pending, reply: Reply | undefined) {
    if (reply === undefined) item.reject(new Error(`${rpcUrl}: no reply to ${item.body.method}`))
    else if (reply.error) item.reject(new RpcRequestError({ body: item.body, error: reply.error, url: rpcUrl }))
    else item.resolve(reply.result)
  }

  async function flush() {
    scheduled = false
    const items = queue
    queue = []
    try {
      const single = items.length === 1
      const text = await post(JSON.stringify(single ? items[0].body : items.map((i) => i.body)))
      const parsed = JSON.parse(text) as Reply | Reply[]
      if (single && !Array.isArray(parsed)) return settle(items[0], parsed)
      const byId = new Map((Array.isArray(parsed) ? parsed : [parsed]).map((r) => [r.id, r]))
      for (const item of items) settle(item, byId.get(item.body.id))
    } catch (error) {
      for (const item of items) item.reject(error)
    }
  }

  return custom(
    {
      request: ({ method, params }: { method: string; params?: unknown }) =>
        new Promise((resolve, reject) => {
          queue.push({ body: { jsonrpc: '2.0', id: nextId++, method, params: params ?? [] }, resolve, reject })
          if (!scheduled) {
            scheduled = true
            setImmediate(flush)
          }
        }),
    },
    { retryCount: 0, key: 'lab', name: 'lab JSON-RPC' },
  )
}

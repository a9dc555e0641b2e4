import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPublicClient, createTestClient, http } from 'viem'
import { foundry } from 'viem/chains'
import { startAnvil } from '../../scripts/devnet/devnet'
import { ProcessGroup } from '../../scripts/devnet/processes'
import { headsOverWebSocket } from './headsTransport'
import { testPort } from '../../scripts/devnet/testPorts'

/** A bare anvil (no deploy): the transport only needs blocks. */
const PORT = testPort(8571, 8)
/** Nothing listens here: the WebSocket attempt fails at once. */
const CLOSED_PORT = testPort(8573, 9)

let group: ProcessGroup
let rpcUrl: string

beforeAll(async () => {
  group = new ProcessGroup()
  rpcUrl = await startAnvil(group, { port: PORT, blockTime: 0 })
}, 30_000)

afterAll(async () => {
  await group?.stop()
})

/** Watches heads through the transport while `mine` runs (it sees them as they come); returns the block numbers seen. */
async function headsSeen(wsUrl: string | null, pollingIntervalMs: number, mine: (seen: bigint[]) => Promise<void>): Promise<bigint[]> {
  const client = createPublicClient({ chain: foundry, transport: headsOverWebSocket({ httpUrl: rpcUrl, wsUrl, pollingIntervalMs }), pollingInterval: pollingIntervalMs })
  const seen: bigint[] = []
  const unwatch = client.watchBlockNumber({ onBlockNumber: (n) => seen.push(n) })
  try {
    await mine(seen)
    return seen
  } finally {
    unwatch()
  }
}

const testClient = () => createTestClient({ chain: foundry, mode: 'anvil', transport: http(rpcUrl) })
const head = () => createPublicClient({ chain: foundry, transport: http(rpcUrl) }).getBlockNumber({ cacheTime: 0 })

describe('headsOverWebSocket', () => {
  it('pushes every new block over the WebSocket, with no polling in between', async () => {
    // a polling interval far longer than the test: only the subscription can deliver these blocks
    const seen = await headsSeen(`ws://127.0.0.1:${PORT}`, 60_000, async (seen) => {
      const n = 3
      await new Promise((resolve) => setTimeout(resolve, 500)) // subscribed
      const start = await head()
      for (let i = 0; i < n; i++) {
        await testClient().mine({ blocks: 1 })
        await new Promise((resolve) => setTimeout(resolve, 150))
      }
      await expect.poll(() => seen.at(-1), { timeout: 2_000 }).toBe(start + BigInt(n))
    })
    expect(seen.slice(-3)).toEqual([seen.at(-1)! - 2n, seen.at(-1)! - 1n, seen.at(-1)!])
  })

  it('falls back to polling over HTTP when nothing serves the WebSocket', async () => {
    const seen = await headsSeen(`ws://127.0.0.1:${CLOSED_PORT}`, 200, async (seen) => {
      const n = 3
      const start = await head()
      for (let i = 0; i < n; i++) {
        await testClient().mine({ blocks: 1 })
        await new Promise((resolve) => setTimeout(resolve, 400))
      }
      await expect.poll(() => seen.at(-1), { timeout: 3_000 }).toBe(start + BigInt(n))
    })
    expect(new Set(seen).size).toBe(seen.length) // each block once
  })

  it('reads through the next RPC URL when the first does not answer', async () => {
    const client = createPublicClient({
      chain: foundry,
      transport: headsOverWebSocket({ httpUrl: `http://127.0.0.1:${CLOSED_PORT}`, fallbackUrls: [rpcUrl], wsUrl: null, pollingIntervalMs: 1_000 }),
    })
    expect(await client.getBlockNumber({ cacheTime: 0 })).toBe(await head())
  })

  it('is plain HTTP polling without a WebSocket URL', () => {
    const transport = headsOverWebSocket({ httpUrl: 'http://127.0.0.1:1', wsUrl: null, pollingIntervalMs: 1_000 })({ chain: foundry })
    expect(transport.config.type).toBe('http')
  })
})

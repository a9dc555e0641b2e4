/**
 * Devnet price feeder: moves each market's 3 oracle sources by a random walk with jumps (each
 * source with its own small noise), or replays a CSV crash on one market, and asks the oracle to
 * accept the new prices every tick. A small control port takes scripted moves (crashes).
 *
 * A tick every block (FEEDER_BLOCKS): it follows the chain's head (polled every FEEDER_POLL_MS)
 * and, as soon as a block is mined, sends every source's answer and one `updateMany` without
 * waiting for them (scripts/feeder/chain.ts), so they are mined together in the next block. The
 * walk advances by the chain time between ticks, from a seeded generator (FEEDER_SEED).
 *
 *   tsx scripts/price-feeder.ts                          run the feeder: random walk on every market
 * and, to a running feeder (through its control port):
 *   tsx scripts/price-feeder.ts move <market> <percent>                          e.g. ETH-USD -30
 *   tsx scripts/price-feeder.ts replay <file.csv> --market ETH-USD [--speed 60] [--absolute]
 *
 * Network: the devnet by default; `--network <name>` (or RAMPART_NETWORK) feeds networks/<name>.json's
 * chain, only when its file says "feeds": "pushed" (a test chain's sources): on "chainlink" it refuses
 * and exits 1 before sending anything. There the key is FEEDER_PRIVATE_KEY (required).
 * Environment: RAMPART_RPC_URL (http://127.0.0.1:8545, the devnet's), FEEDER_PRIVATE_KEY, FEEDER_BLOCKS (1: a tick every block),
 * FEEDER_POLL_MS (100), FEEDER_SEED, FEEDER_CONTROL_PORT (8548).
 */
import { readFileSync } from 'node:fs'
import { createPublicClient, http, type Hash } from 'viem'
import { resolve } from 'node:path'
import { createServer } from 'node:http'
import { parseArgs } from 'node:util'
import { assertFeederMayRun, networkName, readNetworkFile, resolveTarget, serviceKey } from './network/target'
import { parseCandles, replaySteps } from './feeder/candles'
import { createFeedWriter, discoverMarkets, tickDecision, type FeedMarket } from './feeder/chain'
import { DEFAULT_WALK, movePath, SOURCE_NOISE_BPS, WALK_BY_MARKET } from './feeder/markets'
import { nextMidPrice, sourcePrices } from './feeder/priceModel'
import { createRng } from './feeder/random'
import { createLogger } from './service/log'
import { backoffDelay, sleep } from './service/retry'

const everyBlocks = BigInt(positiveInteger('FEEDER_BLOCKS', 1))
const pollMs = positiveInteger('FEEDER_POLL_MS', 100)
/** Blocks a tick may stay unmined before its nonces are read again from the node and it is sent anew. */
const STUCK_BLOCKS = 5n
const controlPort = Number(process.env.FEEDER_CONTROL_PORT ?? 8548)
const log = createLogger('price-feeder')

function positiveInteger(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1, not ${process.env[name]}`)
  return value
}

// `move ETH-USD -30`: a negative percentage is a value, not an option, so it is read before parseArgs.
const argv = process.argv.slice(2)
const { positionals, values } = parseArgs({
  args: argv[0] === 'move' ? [] : argv,
  allowPositionals: true,
  options: { network: { type: 'string' }, market: { type: 'string' }, speed: { type: 'string', default: '60' }, absolute: { type: 'boolean', default: false } },
})

async function control(path: string, params: Record<string, string>) {
  const response = await fetch(`http://127.0.0.1:${controlPort}${path}?${new URLSearchParams(params)}`, { method: 'POST' })
  process.stdout.write(await response.text())
  if (!response.ok) process.exit(1)
}

async function feed() {
  const network = networkName(values.network, process.env)
  // Refused before anything else (no key read, no connection, nothing sent) where the feeds are real.
  if (network !== null) assertFeederMayRun(network, (await readNetworkFile(network)).feeds)
  const key = serviceKey('feeder', network, process.env)
  const { deployment, rpcUrl, chain } = await resolveTarget(network, process.env)
  const markets = await discoverMarkets(rpcUrl, deployment)
  const writer = createFeedWriter(rpcUrl, key, deployment, chain.id)
  const rng = createRng(Number(process.env.FEEDER_SEED ?? Date.now() % 2 ** 31))
  const mids = new Map(markets.map((m) => [m.name, m.mid]))
  // Scripted prices waiting to be pushed, per market: they replace the walk until used up.
  const scripted = new Map<string, number[]>()
  log.info('started', { network: network ?? 'devnet', chainId: chain.id, rpcUrl, everyBlocks, pollMs, account: writer.account, markets: markets.map((m) => ({ name: m.name, mid: m.mid, sources: m.sources.length })) })

  createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (request.method === 'POST' && url.pathname === '/move') {
      const market = url.searchParams.get('market') ?? ''
      const percent = Number(url.searchParams.get('percent'))
      const mid = mids.get(market)
      if (mid === undefined || !Number.isFinite(percent)) {
        response.writeHead(400).end(`unknown market or percent; markets: ${[...mids.keys()].join(', ')}\n`)
        return
      }
      const path = movePath(mid, percent)
      scripted.set(market, path)
      log.info('move scheduled', { market, percent, from: mid, to: path.at(-1), steps: path.length })
      response.writeHead(200).end(`moving ${market} ${percent}% from ${mid.toFixed(2)} to ${path.at(-1)!.toFixed(2)} in ${path.length} ticks\n`)
      return
    }
    if (request.method === 'POST' && url.pathname === '/replay') {
      const market = markets.find((m) => m.name === url.searchParams.get('market'))
      const file = url.searchParams.get('file') ?? ''
      try {
        if (!market) throw new Error(`unknown market; markets: ${markets.map((m) => m.name).join(', ')}`)
        const candles = parseCandles(readFileSync(file, 'utf8'))
        const absolute = url.searchParams.get('absolute') === 'true'
        // By default the crash's returns are replayed on today's price; absolute replays its prices.
        const steps = replaySteps(candles, Number(url.searchParams.get('speed') ?? 60), absolute ? candles[0].close : mids.get(market.name)!)
        void (async () => {
          for (const step of steps) {
            await sleep(step.delayMs)
            scripted.set(market.name, [step.price])
          }
          log.info('replay finished', { market: market.name, file, steps: steps.length })
        })()
        log.info('replay started', { market: market.name, file, steps: steps.length })
        response.writeHead(200).end(`replaying ${steps.length} candles of ${file} on ${market.name}\n`)
      } catch (error) {
        response.writeHead(400).end(`${error instanceof Error ? error.message : String(error)}\n`)
      }
      return
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(Object.fromEntries(mids)))
  }).listen(controlPort, '127.0.0.1')

  const client = createPublicClient({ chain, transport: http(rpcUrl), cacheTime: 0 })
  // The tick in flight: its updateMany, the block it was sent after, and what it pushed.
  let previous: { hash: Hash; sentAfter: bigint; timestamp: bigint; prices: Record<string, number>; mined: boolean } | null = null
  let seen = -1n
  let failures = 0
  for (;;) {
    try {
      const head = await client.getBlock({ blockTag: 'latest' })
      if (head.number > seen) {
        seen = head.number
        if (previous && !previous.mined) {
          const receipt = await client.getTransactionReceipt({ hash: previous.hash }).catch(() => null)
          if (receipt) {
            previous.mined = true
            if (receipt.status === 'success') log.info('tick', { block: receipt.blockNumber, prices: previous.prices })
            else log.warn('tick reverted', { block: receipt.blockNumber, tx: previous.hash })
          }
        }
        const decision = tickDecision(head.number, previous, { everyBlocks, stuckBlocks: STUCK_BLOCKS })
        if (decision.action === 'stuck') {
          log.warn('tick not mined: sending again', { tx: previous!.hash, blocks: decision.blocks })
          writer.resync()
        }
        if (decision.action !== 'wait') {
          // The walk advances by the chain time since the last tick (a block, on the devnet).
          const dt = previous ? Math.max(1, Number(head.timestamp - previous.timestamp)) : 1
          const updates = markets.map((market: FeedMarket) => {
            const queue = scripted.get(market.name)
            const next = queue?.length ? queue.shift()! : nextMidPrice(mids.get(market.name)!, dt, WALK_BY_MARKET[market.name] ?? DEFAULT_WALK, rng)
            mids.set(market.name, next)
            return { market, prices: sourcePrices(next, market.sources.length, SOURCE_NOISE_BPS, rng) }
          })
          const hash = await writer.push(updates, head.baseFeePerGas ?? 0n)
          const prices = Object.fromEntries([...mids].map(([name, mid]) => [name, Number(mid.toFixed(4))]))
          previous = { hash, sentAfter: head.number, timestamp: head.timestamp, prices, mined: false }
        }
      }
      failures = 0
      await sleep(pollMs)
    } catch (error) {
      const delay = backoffDelay(failures++)
      log.warn('tick failed', { attempt: failures, delayMs: delay, error: error instanceof Error ? error.message.split('\n')[0] : String(error) })
      await sleep(delay)
    }
  }
}

const commands: Record<string, () => Promise<void>> = {
  move: () => control('/move', { market: argv[1] ?? '', percent: (argv[2] ?? '').replace('%', '') }),
  replay: () =>
    control('/replay', {
      file: resolve(positionals[1] ?? ''),
      market: values.market ?? '',
      speed: values.speed!,
      absolute: String(values.absolute),
    }),
}
const main = commands[argv[0] ?? ''] ?? feed
main().catch((error) => {
  log.error('fatal', { error: error instanceof Error ? error.message : String(error) })
  process.exit(1)
})

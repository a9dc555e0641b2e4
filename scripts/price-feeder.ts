/**
 * Devnet price feeder: moves each market's 3 oracle sources by a random walk with jumps (each
 * source with its own small noise), or replays a CSV crash on one market, and asks the oracle to
 * accept the new prices every tick. A small control port takes scripted moves (crashes).
 *
 *   tsx scripts/price-feeder.ts                          run the feeder: random walk on every market
 * and, to a running feeder (through its control port):
 *   tsx scripts/price-feeder.ts move <market> <percent>                          e.g. ETH-USD -30
 *   tsx scripts/price-feeder.ts replay <file.csv> --market ETH-USD [--speed 60] [--absolute]
 *
 * Environment: RAMPART_RPC_URL (http://127.0.0.1:8545), FEEDER_INTERVAL_MS (2000), FEEDER_SEED,
 * FEEDER_CONTROL_PORT (8548).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createServer } from 'node:http'
import { parseArgs } from 'node:util'
import { readDeployment } from './devnet/devnet'
import { devnetAccount, DEVNET_ROLES } from './devnet/accounts'
import { parseCandles, replaySteps } from './feeder/candles'
import { createFeedWriter, discoverMarkets, type FeedMarket } from './feeder/chain'
import { DEFAULT_WALK, movePath, SOURCE_NOISE_BPS, WALK_BY_MARKET } from './feeder/markets'
import { nextMidPrice, sourcePrices } from './feeder/priceModel'
import { createRng } from './feeder/random'
import { createLogger } from './service/log'
import { backoffDelay, sleep } from './service/retry'

const rpcUrl = process.env.RAMPART_RPC_URL ?? 'http://127.0.0.1:8545'
const intervalMs = Number(process.env.FEEDER_INTERVAL_MS ?? 2000)
const controlPort = Number(process.env.FEEDER_CONTROL_PORT ?? 8548)
const log = createLogger('price-feeder')

// `move ETH-USD -30`: a negative percentage is a value, not an option, so it is read before parseArgs.
const argv = process.argv.slice(2)
const { positionals, values } = parseArgs({
  args: argv[0] === 'move' ? [] : argv,
  allowPositionals: true,
  options: { market: { type: 'string' }, speed: { type: 'string', default: '60' }, absolute: { type: 'boolean', default: false } },
})

async function control(path: string, params: Record<string, string>) {
  const response = await fetch(`http://127.0.0.1:${controlPort}${path}?${new URLSearchParams(params)}`, { method: 'POST' })
  process.stdout.write(await response.text())
  if (!response.ok) process.exit(1)
}

async function feed() {
  const deployment = await readDeployment()
  const markets = await discoverMarkets(rpcUrl, deployment)
  const writer = createFeedWriter(rpcUrl, devnetAccount(DEVNET_ROLES.priceFeeder).privateKey, deployment)
  const rng = createRng(Number(process.env.FEEDER_SEED ?? Date.now() % 2 ** 31))
  const mids = new Map(markets.map((m) => [m.name, m.mid]))
  // Scripted prices waiting to be pushed, per market: they replace the walk until used up.
  const scripted = new Map<string, number[]>()
  log.info('started', { rpcUrl, intervalMs, markets: markets.map((m) => ({ name: m.name, mid: m.mid, sources: m.sources.length })) })

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

  let failures = 0
  for (;;) {
    const started = Date.now()
    try {
      const updates = markets.map((market: FeedMarket) => {
        const queue = scripted.get(market.name)
        const next = queue?.length ? queue.shift()! : nextMidPrice(mids.get(market.name)!, intervalMs / 1000, WALK_BY_MARKET[market.name] ?? DEFAULT_WALK, rng)
        mids.set(market.name, next)
        return { market, prices: sourcePrices(next, market.sources.length, SOURCE_NOISE_BPS, rng) }
      })
      const receipt = await writer.push(updates)
      failures = 0
      log.info('tick', { block: receipt.blockNumber, prices: Object.fromEntries([...mids].map(([name, mid]) => [name, Number(mid.toFixed(4))])) })
      await sleep(Math.max(0, intervalMs - (Date.now() - started)))
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

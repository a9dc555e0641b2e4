/**
 * The risk console at scale (issue 14): ONE devnet grown in stages (default 10, 1,000 and 10,000
 * open positions, the deploy's 7 included), and at each stage the production build of `/risk` in
 * Debian's Chromium, a fresh page: time to first render (the first position row), time until every
 * position is shown, RPC requests per new block while prices move (each market in turn, ±0.3 %,
 * over 20 blocks at one a second; with the mean eth_call calldata, which would grow if positions
 * were re-read), and scroll smoothness of the virtualised table (frames per second while it
 * scrolls 40 px a frame for 3 s, requestAnimationFrame counting).
 *
 *   NEXT_PRIVATE_OUTPUT_TRACE_ROOT=/work npx next build     (once)
 *   SCALE_JSON=docs/risk/scale.json npx tsx scripts/measure/riskConsoleScale.ts [10,1000,10000] [rpcPort] [appPort]
 *
 * Prints a Markdown table (and with SCALE_JSON writes the figures, the creation times and the
 * machine's load average); docs/risk.md keeps them. SCALE_CREATE_ONLY=1 only creates the positions.
 * The positions are opened the real way, fast: see `openPositions`.
 */
import { writeFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { createPublicClient, createWalletClient, encodeFunctionData, getAbiItem, http, maxUint256, parseUnits, toEventSelector, toHex, type Address } from 'viem'
import { foundry } from 'viem/chains'
import type { Deployment } from '../../lib/config/types'
import { iOrderRouterAbi, iPerpLensAbi, multicall3Abi, testUsdAbi } from '../../lib/contracts/generated'
import { deployDevnet, ROOT, setIntervalMining, settleDeployRequests, startAnvil } from '../devnet/devnet'
import { movePrice } from '../devnet/movePrice'
import { devnetOpenPositions } from '../devnet/openPositions'
import { ProcessGroup } from '../devnet/processes'

/** Open positions (the deploy's included) at which the page is measured, in order, on one chain. */
const STAGES = (process.argv[2] ?? '10,1000,10000').split(',').map(Number)
const rpcPort = Number(process.argv[3] ?? 8720)
const appPort = Number(process.argv[4] ?? 3320)
/** Transactions per JSON-RPC batch request. */
const RPC_BATCH = 500
/** Traders whose transactions are sent and mined together (5 transactions each). */
const ROUND_TRADERS = 400
/** Each position's notional (at 90 % of the price): above the router's 10 USD minimum, about 2.8× leverage. */
const NOTIONAL_USD = parseUnits('15', 18)
const COLLATERAL = parseUnits('6', 6)
/** Block gas limit while the positions are created: fewer, fuller blocks (anvil's default is 30M). */
const CREATION_BLOCK_GAS = 600_000_000n

type RpcRequest = { method: string; params: unknown[] }

/** Sends `requests` as JSON-RPC batches of RPC_BATCH; returns the results in order (throws on the first error). */
async function rpcBatch(rpcUrl: string, requests: readonly RpcRequest[]): Promise<unknown[]> {
  const results: unknown[] = []
  for (let at = 0; at < requests.length; at += RPC_BATCH) {
    const part = requests.slice(at, at + RPC_BATCH)
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(part.map((r, i) => ({ jsonrpc: '2.0', id: i, ...r }))),
    })
    const body = (await response.json()) as { id: number; result?: unknown; error?: { message: string } }[]
    for (const item of body.sort((a, b) => a.id - b.id)) {
      if (item.error) throw new Error(`${part[item.id].method}: ${item.error.message}`)
      results.push(item.result)
    }
  }
  return results
}

const rpc = (rpcUrl: string, method: string, params: unknown[] = []) => rpcBatch(rpcUrl, [{ method, params }]).then(([r]) => r)

/**
 * Opens `count` more positions the real way, fast: fresh traders (anvil-impersonated, funded with
 * `anvil_setBalance`) each draw tUSD from the faucet, approve the router and request one open per
 * market, alternately long and short; every transaction is sent in JSON-RPC batches with automine
 * off and explicit nonces, then mined into a few large blocks with the chain's clock held still
 * (the requests must not age past the router's order age); the keeper's settle pass executes them.
 */
async function openPositions(rpcUrl: string, deployment: Deployment, count: number, firstTrader: number) {
  const transport = http(rpcUrl)
  const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 50, cacheTime: 0 })
  const c = deployment.contracts
  const markets = Object.keys(deployment.markets).length
  const traders = Array.from({ length: Math.ceil(count / markets) }, (_, i) => `0x${(0x5e00000000n + BigInt(firstTrader + i)).toString(16).padStart(40, '0')}` as Address)
  const prices = await Promise.all(Array.from({ length: markets }, (_, id) => publicClient.readContract({ address: c.PerpLens, abi: iPerpLensAbi, functionName: 'getMarket', args: [BigInt(id)] })))
  const started = Date.now()
  await rpc(rpcUrl, 'anvil_autoImpersonateAccount', [true])
  await rpc(rpcUrl, 'evm_setIntervalMining', [0])
  await rpc(rpcUrl, 'evm_setAutomine', [false])
  await rpc(rpcUrl, 'evm_setBlockGasLimit', [toHex(CREATION_BLOCK_GAS)])
  await rpc(rpcUrl, 'anvil_setBlockTimestampInterval', [0])
  const now = await publicClient.readContract({ address: c.Multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' })
  await rpcBatch(rpcUrl, traders.map((trader) => ({ method: 'anvil_setBalance', params: [trader, toHex(parseUnits('10', 18))] })))
  const sends: RpcRequest[] = []
  let requested = 0
  traders.forEach((trader, t) => {
    const tx = (nonce: number, to: Address, data: `0x${string}`, gas: bigint) => ({
      method: 'eth_sendTransaction',
      params: [{ from: trader, to, data, nonce: toHex(nonce), gas: toHex(gas), gasPrice: toHex(parseUnits('2', 9)) }],
    })
    sends.push(tx(0, c.SettlementToken, encodeFunctionData({ abi: testUsdAbi, functionName: 'faucet' }), 200_000n))
    sends.push(tx(1, c.SettlementToken, encodeFunctionData({ abi: testUsdAbi, functionName: 'approve', args: [c.OrderRouter, maxUint256] }), 100_000n))
    for (let id = 0; id < markets && requested < count; id++) {
      requested += 1
      const long = (t + id) % 2 === 0
      // The router values the minimum notional at the acceptable price: 10 % either side of the price.
      const acceptable = long ? (prices[id].price * 11n) / 10n : (prices[id].price * 9n) / 10n
      const units = (NOTIONAL_USD * 10n ** 18n) / ((prices[id].price * 9n) / 10n) + 1n
      const size = long ? units : -units
      sends.push(tx(2 + id, c.OrderRouter, encodeFunctionData({ abi: iOrderRouterAbi, functionName: 'requestOpen', args: [BigInt(id), size, COLLATERAL, acceptable, now + 250n] }), 1_000_000n))
    }
  })
  const firstBlock = await publicClient.getBlockNumber()
  // In rounds of ROUND_TRADERS traders (5 transactions each), each mined before the next is sent:
  // anvil's block building slows down more than linearly with the pool's size (1,650 in 4 s, 16,000 in minutes).
  const hashes: `0x${string}`[] = []
  let blocks = 0
  const perTrader = sends.length / traders.length
  for (let at = 0; at < sends.length; at += ROUND_TRADERS * perTrader) {
    hashes.push(...((await rpcBatch(rpcUrl, sends.slice(at, at + ROUND_TRADERS * perTrader))) as `0x${string}`[]))
    for (;;) {
      const status = (await rpc(rpcUrl, 'txpool_status')) as { pending: string; queued: string }
      if (Number(status.pending) + Number(status.queued) === 0) break
      await rpc(rpcUrl, 'evm_mine')
      blocks += 1
    }
  }
  const sentMs = Date.now() - started
  // Every request mined: count the router's OrderRequested logs of these blocks (not the receipts: anvil
  // builds a receipt by walking its block, so 16,000 receipts of 8,000-transaction blocks take many minutes;
  // raw, as 10,000 decoded logs pass viem's 10 MB response limit).
  const requestedLogs = (await rpc(rpcUrl, 'eth_getLogs', [{ address: c.OrderRouter, topics: [toEventSelector(getAbiItem({ abi: iOrderRouterAbi, name: 'OrderRequested' }))], fromBlock: toHex(firstBlock + 1n), toBlock: 'latest' }])) as unknown[]
  if (requestedLogs.length !== requested) throw new Error(`${requestedLogs.length} of ${requested} open requests mined (${hashes.length} transactions sent)`)
  const minedMs = Date.now() - started
  await rpc(rpcUrl, 'evm_setBlockGasLimit', [toHex(30_000_000n)])
  await rpc(rpcUrl, 'anvil_removeBlockTimestampInterval')
  await rpc(rpcUrl, 'evm_setAutomine', [true])
  const settled = await settleDeployRequests(rpcUrl, deployment)
  const totalMs = Date.now() - started
  console.error(
    `+${settled.ordersExecuted} opened (${settled.ordersCancelled} cancelled): ${hashes.length} transactions sent in ${(sentMs / 1000).toFixed(1)} s, mined in ${blocks} blocks by ${(minedMs / 1000).toFixed(1)} s, settled by ${(totalMs / 1000).toFixed(1)} s`,
  )
  return { opened: settled.ordersExecuted, traders: traders.length, transactions: hashes.length, blocks, sendSeconds: sentMs / 1000, minedSeconds: minedMs / 1000, totalSeconds: totalMs / 1000 }
}

type Measurement = {
  positions: number
  firstRowMs: number
  allShownMs: number
  fps: number
  blocks: number
  requestsPerBlock: number
  ethCallsPerBlock: number
  getLogsPerBlock: number
  /** Mean calldata of the page's eth_calls (bytes): grows if positions are re-read every block. */
  ethCallBytes: number
  priceMoves: number
  /** Where the page's main thread went: while prices moved (per block) and while the table scrolled. */
  mainThread: { whileMoving: MainThreadBusy; whileScrolling: MainThreadBusy & { cpuProfile: CpuBreakdown; trace: TraceBreakdown } }
}

/** Long tasks (≥ 50 ms) and the console's main-thread User Timing measures (lib/timing.ts, `risk:*`, switched on for the window), ms per second of the window. */
type MainThreadBusy = {
  seconds: number
  longTasks: number
  longTaskMsPerSecond: number
  measuresMsPerSecond: Record<string, number>
  /** The risk report's worker: round trips in the window and their mean time (post to answer; off the main thread). */
  workerRoundTrips: number
  workerRoundTripMeanMs: number | null
}
/** Main-thread CPU profile (Chromium's sampling profiler) by self time: idle, GC, and each script (chunk), ms per second. */
type CpuBreakdown = Record<string, number>

/** Starts counting long tasks and User Timing measures in the page (a string: see the FPS probe). */
const BUSY_PROBE_START = `(() => {
  window.__rampartTiming = true
  window.__riskBusy = { start: performance.now(), longTasks: [] }
  if (!window.__riskBusyObserver) {
    window.__riskBusyObserver = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__riskBusy.longTasks.push(e.duration) })
    window.__riskBusyObserver.observe({ type: 'longtask' })
  }
})()`
const BUSY_PROBE_READ = `(() => {
  const busy = window.__riskBusy
  const seconds = (performance.now() - busy.start) / 1000
  const measures = {}
  const worker = { count: 0, ms: 0 }
  for (const m of performance.getEntriesByType('measure')) {
    if (m.startTime < busy.start) continue
    if (m.name.startsWith('risk:')) measures[m.name] = (measures[m.name] ?? 0) + m.duration
    if (m.name === 'worker:risk-model') { worker.count += 1; worker.ms += m.duration }
  }
  for (const name of Object.keys(measures)) measures[name] = Math.round((measures[name] / seconds) * 10) / 10
  const longTaskMs = busy.longTasks.reduce((a, b) => a + b, 0)
  return { seconds, longTasks: busy.longTasks.length, longTaskMsPerSecond: Math.round((longTaskMs / seconds) * 10) / 10, measuresMsPerSecond: measures, workerRoundTrips: worker.count, workerRoundTripMeanMs: worker.count ? Math.round(worker.ms / worker.count) : null }
})()`

/** The renderer's main-thread work by trace event (ms per second of the trace; nested events count in their parents too, e.g. a forced Layout inside a FunctionCall). */
type TraceBreakdown = Record<string, number>
const TRACE_EVENTS = ['RunTask', 'FunctionCall', 'TimerFire', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'HitTest', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'ParseHTML', 'IntersectionObserverController::computeIntersections']

function traceBreakdown(trace: Buffer): TraceBreakdown {
  const { traceEvents } = JSON.parse(trace.toString()) as { traceEvents: { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number; args?: { name?: string } }[] }
  const mains = traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`)
  // The page's renderer: the main thread with the most JavaScript.
  const busiest = mains.map((id) => ({ id, ms: traceEvents.filter((e) => `${e.pid}:${e.tid}` === id && e.name === 'FunctionCall').reduce((a, e) => a + (e.dur ?? 0), 0) })).sort((a, b) => b.ms - a.ms)[0]?.id
  const events = traceEvents.filter((e) => `${e.pid}:${e.tid}` === busiest && e.ph === 'X')
  const tss = events.map((e) => e.ts)
  const seconds = tss.length ? (Math.max(...events.map((e) => e.ts + (e.dur ?? 0))) - Math.min(...tss)) / 1e6 : 1
  const ms: Record<string, number> = {}
  for (const e of events) if (TRACE_EVENTS.includes(e.name)) ms[e.name] = (ms[e.name] ?? 0) + (e.dur ?? 0) / 1000
  return Object.fromEntries(Object.entries(ms).sort(([, a], [, b]) => b - a).map(([k, v]) => [k, Math.round((v / seconds) * 10) / 10]))
}

type ProfileNode = { id: number; callFrame: { functionName: string; url: string } }
/** Self time per category of a CDP CPU profile, ms per second of the profile. */
function cpuBreakdown(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }): CpuBreakdown {
  const categoryOf = new Map<number, string>()
  for (const node of profile.nodes) {
    const { functionName, url } = node.callFrame
    categoryOf.set(node.id, url ? url.replace(/^.*\/_next\/static\//, '') : functionName ? `(${functionName.replace(/[()]/g, '')})` : '(native)')
  }
  const ms: Record<string, number> = {}
  profile.samples.forEach((id, i) => {
    const category = categoryOf.get(id) ?? '(unknown)'
    ms[category] = (ms[category] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000
  })
  const seconds = (profile.endTime - profile.startTime) / 1e6
  return Object.fromEntries(
    Object.entries(ms)
      .sort(([, a], [, b]) => b - a)
      .filter(([, v]) => v / seconds >= 1)
      .map(([k, v]) => [k, Math.round((v / seconds) * 10) / 10]),
  )
}

/** Blocks over which RPC requests are counted once the table is loaded. */
const COUNTED_BLOCKS = 20

async function measure(browser: Browser, page: Page, appUrl: string, rpcUrl: string, deployment: Deployment, expected: number): Promise<Measurement> {
  const calls: { method: string; params?: unknown[] }[] = []
  const listener = (request: import('playwright-core').Request) => {
    if (!request.url().startsWith(rpcUrl) || request.method() !== 'POST') return
    const body = request.postDataJSON()
    calls.push(...(Array.isArray(body) ? body : [body]))
  }
  page.on('request', listener)
  const start = Date.now()
  await page.goto(`${appUrl}/risk`)
  await page.locator('[data-testid^="position-row-"]').first().waitFor({ timeout: 120_000 })
  const firstRowMs = Date.now() - start
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="open-position-count"]')?.textContent === String(n) && !document.querySelector('[data-testid="open-positions-catching-up"]'),
    expected,
    { timeout: 600_000, polling: 100 },
  )
  const allShownMs = Date.now() - start
  // RPC per block once everything is loaded, while prices move (each market in turn, ±0.3 %):
  // a page that re-read every position of a market whose price changed would show it here.
  await page.waitForTimeout(2_000)
  const transport = http(rpcUrl)
  const client = createPublicClient({ chain: foundry, transport, cacheTime: 0, pollingInterval: 100 })
  const walletClient = createWalletClient({ chain: foundry, transport })
  calls.length = 0
  await page.evaluate(BUSY_PROBE_START)
  const from = await client.getBlockNumber()
  let moving = true
  let priceMoves = 0
  const mover = (async () => {
    const markets = Object.keys(deployment.markets).length
    for (let i = 0; moving; i++) {
      await movePrice({ publicClient: client, walletClient }, deployment, BigInt(i % markets), i % 2 === 0 ? 1.003 : 0.997)
      priceMoves += 1
    }
  })()
  while ((await client.getBlockNumber()) < from + BigInt(COUNTED_BLOCKS)) await new Promise((resolve) => setTimeout(resolve, 50))
  const counted = [...calls]
  moving = false
  await mover
  const count = (method: string) => counted.filter((call) => call.method === method).length / COUNTED_BLOCKS
  const ethCalls = counted.filter((call) => call.method === 'eth_call')
  const ethCallBytes = ethCalls.reduce((sum, call) => sum + JSON.stringify(call.params ?? []).length / 2, 0) / Math.max(1, ethCalls.length)
  page.off('request', listener)
  const whileMoving = (await page.evaluate(BUSY_PROBE_READ)) as MainThreadBusy
  // Scroll smoothness: scroll the table 40 px a frame for 3 s, count the frames the browser drew.
  // (a string: tsx's transform would add a helper the page does not have to a named function)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 })
  await page.evaluate('document.querySelector(\'[data-testid="positions-scroller"]\').scrollIntoView()')
  await page.evaluate(BUSY_PROBE_START)
  await cdp.send('Profiler.start')
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'] })
  const fps = (await page.evaluate(`new Promise((resolve) => {
    const scroller = document.querySelector('[data-testid="positions-scroller"]')
    scroller.scrollIntoView()
    let frames = 0
    const begin = performance.now()
    const onFrame = (now) => {
      frames += 1
      scroller.scrollTop += 40
      if (now - begin < 3000) requestAnimationFrame(onFrame)
      else resolve((frames * 1000) / (now - begin))
    }
    requestAnimationFrame(onFrame)
  })`)) as number
  const trace = await browser.stopTracing()
  const { profile } = await cdp.send('Profiler.stop')
  const whileScrolling = { ...((await page.evaluate(BUSY_PROBE_READ)) as MainThreadBusy), cpuProfile: cpuBreakdown(profile as Parameters<typeof cpuBreakdown>[0]), trace: traceBreakdown(trace) }
  await cdp.detach()
  return {
    positions: expected,
    firstRowMs,
    allShownMs,
    fps,
    blocks: COUNTED_BLOCKS,
    requestsPerBlock: counted.length / COUNTED_BLOCKS,
    ethCallsPerBlock: count('eth_call'),
    getLogsPerBlock: count('eth_getLogs'),
    ethCallBytes,
    priceMoves,
    mainThread: { whileMoving, whileScrolling },
  }
}

async function main() {
  const group = new ProcessGroup()
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
  const results: { creation: Awaited<ReturnType<typeof openPositions>> | null; measurement: Measurement; loadavgAfter: number[] }[] = []
  const loadBefore = loadavg()
  try {
    const rpcUrl = await startAnvil(group, { port: rpcPort, blockTime: 0 })
    const deployment = await deployDevnet(rpcUrl)
    const lens = createPublicClient({ chain: foundry, transport: http(rpcUrl), cacheTime: 0 })
    let open = (await devnetOpenPositions(lens, deployment)).length
    let traders = 0
    const appUrl = `http://127.0.0.1:${appPort}`
    let serving = false
    for (const target of STAGES) {
      let creation = null
      if (target > open) {
        creation = await openPositions(rpcUrl, deployment, target - open, traders)
        traders += creation.traders
        open += creation.opened
      }
      if (process.env.SCALE_CREATE_ONLY) continue
      await setIntervalMining(rpcUrl, 1)
      if (!serving) {
        group.start('next', join(ROOT, 'node_modules', '.bin', 'next'), ['start', '-H', '127.0.0.1', '-p', String(appPort)], {
          cwd: ROOT,
          env: { ...process.env, RAMPART_RPC_URL: rpcUrl, NEXT_TELEMETRY_DISABLED: '1' },
        })
        for (let i = 0; i < 120 && !serving; i++) {
          serving = await fetch(appUrl).then((r) => r.ok).catch(() => false)
          if (!serving) await new Promise((resolve) => setTimeout(resolve, 500))
        }
      }
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
      const measurement = await measure(browser, page, appUrl, rpcUrl, deployment, open)
      await page.close()
      results.push({ creation, measurement, loadavgAfter: loadavg() })
      const m = measurement
      console.error(`${open} positions: first row ${(m.firstRowMs / 1000).toFixed(1)} s, all ${(m.allShownMs / 1000).toFixed(1)} s, ${m.fps.toFixed(0)} FPS, ${m.ethCallsPerBlock.toFixed(2)} eth_call/block, load ${loadavg()[0].toFixed(1)}`)
      console.error(`  main thread: ${JSON.stringify(m.mainThread)}`)
    }
    console.log('| positions | creation | first row | all shown | scroll FPS | RPC requests / block | eth_call / block | eth_call bytes | eth_getLogs / block |')
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |')
    for (const { creation, measurement: r } of results)
      console.log(
        `| ${r.positions.toLocaleString('en')} | ${creation ? `${creation.totalSeconds.toFixed(0)} s` : '—'} | ${(r.firstRowMs / 1000).toFixed(1)} s | ${(r.allShownMs / 1000).toFixed(1)} s | ${r.fps.toFixed(0)} | ${r.requestsPerBlock.toFixed(1)} | ${r.ethCallsPerBlock.toFixed(2)} | ${Math.round(r.ethCallBytes)} | ${r.getLogsPerBlock.toFixed(2)} |`,
      )
    if (process.env.SCALE_JSON) {
      const report = {
        measuredAt: new Date().toISOString(),
        commit: process.env.SCALE_COMMIT ?? null,
        machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavgBefore: loadBefore, loadavgAfter: loadavg() },
        viewport: '1440x900',
        countedBlocks: COUNTED_BLOCKS,
        stages: results,
      }
      await writeFile(process.env.SCALE_JSON, `${JSON.stringify(report, null, 2)}\n`)
    }
  } finally {
    await browser.close()
    await group.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

/**
 * The risk console at scale (issue 14): a fresh devnet with N extra open positions (default
 * 10,000), then the production build of `/risk` in Debian's Chromium: time to first render (the
 * first position row), time until every position is shown, scroll smoothness of the virtualised
 * table (frames per second while it scrolls), and RPC requests per new block, measured once with
 * the seeded positions and once with N more, so "constant as positions grow" is a measurement.
 *
 *   NEXT_PRIVATE_OUTPUT_TRACE_ROOT=/work npx next build     (once)
 *   npx tsx scripts/measure/riskConsoleScale.ts [positions] [rpcPort] [appPort]
 *
 * Prints a Markdown table; docs/risk.md keeps the numbers it measured. The positions are opened
 * the real way: each trader (an anvil-impersonated address) draws tUSD from the faucet, approves
 * the router and requests one open per market (the chain's clock held still meanwhile); the
 * keeper's settle pass executes them.
 */
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { createPublicClient, createTestClient, createWalletClient, http, maxUint256, parseUnits, type Address } from 'viem'
import { foundry } from 'viem/chains'
import { iOrderRouterAbi, iPerpLensAbi, multicall3Abi, testUsdAbi } from '../../lib/contracts/generated'
import { deployDevnet, ROOT, setIntervalMining, settleDeployRequests, startAnvil } from '../devnet/devnet'
import { ProcessGroup } from '../devnet/processes'

const positions = Number(process.argv[2] ?? 10_000)
const rpcPort = Number(process.argv[3] ?? 8720)
const appPort = Number(process.argv[4] ?? 3320)
const CONCURRENCY = 25
/** Sizes just above the router's 10 USD minimum notional, at 3× leverage. */
const SIZES = [parseUnits('0.005', 18), parseUnits('0.0003', 18), parseUnits('0.1', 18)]
const COLLATERAL = parseUnits('6', 6)

async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
      while (next < items.length) await work(items[next++])
    }),
  )
}

async function openPositions(rpcUrl: string, count: number) {
  const deployment = await deployDevnet(rpcUrl)
  const transport = http(rpcUrl)
  const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 50, cacheTime: 0 })
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport })
  const wallet = createWalletClient({ chain: foundry, transport })
  const c = deployment.contracts
  const markets = Object.keys(deployment.markets).length
  const traders = Array.from({ length: Math.ceil(count / markets) }, (_, i) => `0x${(0x5e00000000n + BigInt(i)).toString(16).padStart(40, '0')}` as Address)
  await testClient.request({ method: 'anvil_autoImpersonateAccount' as never, params: [true] as never })
  const prices = await Promise.all(Array.from({ length: markets }, (_, id) => publicClient.readContract({ address: c.PerpLens, abi: iPerpLensAbi, functionName: 'getMarket', args: [BigInt(id)] })))
  // The chain's clock stands still while the requests are sent (a block per transaction would
  // otherwise age the first requests past the router's order age), then moves on for the settle.
  await testClient.request({ method: 'anvil_setBlockTimestampInterval' as never, params: [0] as never })
  const now = await publicClient.readContract({ address: c.Multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' })
  const started = Date.now()
  let requested = 0
  await inParallel(traders, async (trader) => {
    await testClient.setBalance({ address: trader, value: parseUnits('10', 18) })
    const send = async (request: Parameters<typeof wallet.writeContract>[0]) => {
      const hash = await wallet.writeContract({ ...request, account: trader, chain: foundry, gas: 1_000_000n } as never)
      const receipt = await publicClient.waitForTransactionReceipt({ hash })
      if (receipt.status !== 'success') throw new Error(`${request.functionName} reverted for ${trader}`)
    }
    await send({ address: c.TestUSD, abi: testUsdAbi, functionName: 'faucet' } as never)
    await send({ address: c.TestUSD, abi: testUsdAbi, functionName: 'approve', args: [c.OrderRouter, maxUint256] } as never)
    for (let id = 0; id < markets && requested < count; id++) {
      requested += 1
      await send({ address: c.OrderRouter, abi: iOrderRouterAbi, functionName: 'requestOpen', args: [BigInt(id), SIZES[id % SIZES.length], COLLATERAL, prices[id].price * 2n, now + 250n] } as never)
    }
    if (requested % 600 < 3) console.error(`${requested} requested (${Math.round((Date.now() - started) / 1000)} s)`)
  })
  await testClient.request({ method: 'anvil_removeBlockTimestampInterval' as never, params: [] as never })
  const settled = await settleDeployRequests(rpcUrl, deployment)
  const opened = settled.ordersExecuted
  console.error(`${opened} opened, ${settled.ordersCancelled} cancelled (${Math.round((Date.now() - started) / 1000)} s)`)
  return opened
}

type Measurement = { positions: number; firstRowMs: number; allShownMs: number; fps: number; requestsPerBlock: number; ethCallsPerBlock: number; getLogsPerBlock: number }

async function measure(page: Page, appUrl: string, rpcUrl: string, expected: number): Promise<Measurement> {
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
    { timeout: 300_000, polling: 100 },
  )
  const allShownMs = Date.now() - start
  // RPC per block over 10 blocks, once everything is loaded
  await page.waitForTimeout(2_000)
  calls.length = 0
  const client = createPublicClient({ chain: foundry, transport: http(rpcUrl), cacheTime: 0 })
  const from = await client.getBlockNumber()
  while ((await client.getBlockNumber()) < from + 10n) await new Promise((resolve) => setTimeout(resolve, 50))
  const count = (method: string) => calls.filter((call) => call.method === method).length / 10
  const requestsPerBlock = calls.length / 10
  const ethCallsPerBlock = count('eth_call')
  const getLogsPerBlock = count('eth_getLogs')
  page.off('request', listener)
  // Scroll smoothness: scroll the table 40 px a frame for 3 s, count the frames the browser drew.
  // (a string: tsx's transform would add a helper the page does not have to a named function)
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
  return { positions: expected, firstRowMs, allShownMs, fps, requestsPerBlock, ethCallsPerBlock, getLogsPerBlock }
}

async function main() {
  const group = new ProcessGroup()
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
  try {
    const rpcUrl = await startAnvil(group, { port: rpcPort, blockTime: 0 })
    const seeded = 7
    // the seeded devnet first (deployDevnet inside openPositions deploys; 0 extra positions here would skip it)
    const extra = await openPositions(rpcUrl, positions)
    await setIntervalMining(rpcUrl, 1)
    const appUrl = `http://127.0.0.1:${appPort}`
    group.start('next', join(ROOT, 'node_modules', '.bin', 'next'), ['start', '-H', '127.0.0.1', '-p', String(appPort)], {
      cwd: ROOT,
      env: { ...process.env, RAMPART_RPC_URL: rpcUrl, NEXT_TELEMETRY_DISABLED: '1' },
    })
    for (let i = 0; i < 120; i++) {
      if (await fetch(appUrl).then((r) => r.ok).catch(() => false)) break
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    const result = await measure(page, appUrl, rpcUrl, seeded + extra)
    console.log('| positions | first row | all shown | scroll FPS | RPC requests / block | eth_call / block | eth_getLogs / block |')
    console.log('| --- | --- | --- | --- | --- | --- | --- |')
    const r = result
    console.log(`| ${r.positions} | ${(r.firstRowMs / 1000).toFixed(1)} s | ${(r.allShownMs / 1000).toFixed(1)} s | ${r.fps.toFixed(0)} | ${r.requestsPerBlock.toFixed(1)} | ${r.ethCallsPerBlock.toFixed(1)} | ${r.getLogsPerBlock.toFixed(1)} |`)
  } finally {
    await browser.close()
    await group.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})

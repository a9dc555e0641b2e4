/**
 * `npm run bench`: Rampart's benchmarks in one run, written to bench/results.json and
 * bench/RESULTS.md (each figure beside its goal; see report.ts).
 *
 *   npm run bench [-- --skip-compile] [--ci-time SECONDS] [--positions 1000] [--updates 50]
 *                 [--skip-build] [--quick] [--out DIR] [--only first-load]
 *
 * Builds the dashboard and the bare comparison page (bench/bare/) with the installed packages,
 * starts its own anvil (BENCH_RPC_PORT, 8850) and `next start`s (BENCH_APP_PORT 3450,
 * BENCH_BARE_PORT 3451), and stops them all before it exits. `--quick` is the test suite's smoke:
 * one page, 5 updates, no large position set, no compile, results under a temporary directory
 * (with `--skip-build`, the bare page only if bench/bare was built before). `--only first-load`
 * measures the first-load JavaScript alone and prints it (with --out, every page's files to
 * DIR/first-load.json; results.json is not written): the quick loop while working on the bundle.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { parseArgs } from 'node:util'
import { ROOT, readDeployment } from '../devnet/devnet'
import { devnetOpenPositions } from '../devnet/openPositions'
import { ProcessGroup, run } from '../devnet/processes'
import { measureCompileTime } from './compileTime'
import { measureFirstLoad, type FirstLoad } from './firstLoad'
import { GAS_ANCHORS, readGasFigures } from './gas'
import { measureLatency } from './latency'
import { countBenchPositions, openPositions } from './openPositions'
import { dashboardPages } from './pages'
import { renderResults, type BenchResults } from './report'
import { measureRpcPerBlock } from './rpcPerBlock'
import { BARE_DIR, BENCH_APP_PORT, BENCH_BARE_PORT, BENCH_RPC_PORT, startBenchChain, startNext } from './stack'

const { values: args } = parseArgs({
  options: {
    'skip-compile': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    'ci-time': { type: 'string' },
    positions: { type: 'string', default: '1000' },
    updates: { type: 'string', default: '50' },
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    only: { type: 'string' },
  },
})

if (args.only !== undefined && args.only !== 'first-load') throw new Error(`--only: expected first-load, got ${args.only}`)
const firstLoadOnly = args.only === 'first-load'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const log = (...message: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...message)

async function main() {
  const quick = args.quick!
  const outDir = args.out ?? (quick ? await mkdtemp(join(tmpdir(), 'rampart-bench-')) : join(ROOT, 'bench'))
  const loadAverageStart = loadavg()
  const previous = await readFile(join(ROOT, 'bench', 'results.json'), 'utf8').then((t) => JSON.parse(t) as BenchResults).catch(() => null)

  const gas = { figures: await readGasFigures(join(ROOT, 'contracts', 'snapshots')), anchors: GAS_ANCHORS }

  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }
  const next = join(ROOT, 'node_modules', '.bin', 'next')
  const rpcUrl = `http://127.0.0.1:${BENCH_RPC_PORT}`
  if (!args['skip-build']) {
    log('next build (dashboard)')
    await run(next, ['build'], { cwd: ROOT, env })
    log('next build (bare page)')
    await run(next, ['build'], { cwd: BARE_DIR, env: { ...env, NEXT_PUBLIC_BARE_RPC_URL: rpcUrl } })
  }

  const group = new ProcessGroup()
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] })
  const results: Partial<BenchResults> = { gas, quick }
  try {
    log('devnet: anvil + deploy')
    await startBenchChain(group, BENCH_RPC_PORT)
    const deployment = await readDeployment()
    const appUrl = await startNext(group, 'app', ROOT, BENCH_APP_PORT, { RAMPART_RPC_URL: rpcUrl })
    // the smoke (--quick --skip-build) compares with the bare page only if one was built before
    const bareBuilt = existsSync(join(BARE_DIR, '.next', 'BUILD_ID'))
    const bareUrl = bareBuilt ? await startNext(group, 'bare', BARE_DIR, BENCH_BARE_PORT, {}) : null
    const pages = quick ? ['/'] : dashboardPages(deployment)

    log('first-load JavaScript')
    const bare = bareUrl
      ? await measureFirstLoad(browser, bareUrl, (page) => page.getByTestId('bare-balance').filter({ hasText: 'ETH' }).waitFor({ timeout: 30_000 }))
      : { rawBytes: Number.NaN, gzipBytes: Number.NaN, files: 0, detail: [] }
    const firstLoadPages = []
    const firstLoadDetail: Record<string, FirstLoad['detail']> = { bare: bare.detail }
    for (const path of pages) {
      const fl = await measureFirstLoad(browser, appUrl + path, (page) => page.getByTestId('footer-block').filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 }))
      firstLoadDetail[path] = fl.detail
      firstLoadPages.push({ page: path, rawBytes: fl.rawBytes, gzipBytes: fl.gzipBytes, files: fl.files, ratio: fl.gzipBytes / bare.gzipBytes, largest: fl.detail.slice(0, 6) })
      log(path, `${(fl.gzipBytes / 1024).toFixed(1)} KiB gzip`, (fl.gzipBytes / bare.gzipBytes).toFixed(3), '× bare')
    }
    results.firstLoad = {
      method:
        'Measured in Chromium against `next start` of the production builds: a new browser context per page (cold cache, no wallet connected), every script of the page\'s origin summed from navigation until the page shows live data (the footer\'s block number; the bare page\'s balance) and then no new script for 1.5 s. So chunks a page loads by itself after mounting (e.g. the chart) count; what only a click loads (the wallet modal) does not. gzip = bytes on the wire as `next start` sent them (gzip; files under 1 KiB unencoded), raw = decoded.',
      bare: { rawBytes: bare.rawBytes, gzipBytes: bare.gzipBytes, files: bare.files },
      pages: firstLoadPages,
    }
    if (firstLoadOnly) {
      log(`bare ${(bare.gzipBytes / 1024).toFixed(1)} KiB gzip; goal ${((0.75 * bare.gzipBytes) / 1024).toFixed(1)} KiB`)
      for (const p of firstLoadPages)
        log(p.page, `${(p.gzipBytes / 1024).toFixed(1)} KiB`, `${p.ratio.toFixed(3)}×`, p.largest.map((f) => `${f.path.split('/').pop()} ${(f.gzipBytes / 1024).toFixed(1)}`).join(', '))
      if (args.out) {
        await mkdir(outDir, { recursive: true })
        await writeFile(join(outDir, 'first-load.json'), JSON.stringify(firstLoadDetail, null, 2) + '\n')
        log(`every file of every page: ${join(outDir, 'first-load.json')}`)
      }
      return
    }

    log('chain-to-screen latency')
    results.latency = await measureLatency(browser, { appUrl, rpcUrl, deployment, updates: quick ? 5 : Number(args.updates) })
    log(`latency p50 ${results.latency.p50Ms} ms, p95 ${results.latency.p95Ms} ms, missed ${results.latency.missed}`)

    results.rpcPerBlock = []
    const scenarios = quick ? [] : [10, Number(args.positions)]
    const client = (await import('viem')).createPublicClient({ transport: (await import('viem')).http(rpcUrl) })
    let opened = 0
    for (const target of scenarios) {
      const seeded = (await devnetOpenPositions(client, deployment)).length
      const wanted = Math.max(0, target - seeded)
      if (wanted > opened) {
        log(`opening ${wanted - opened} more positions (${seeded} seeded)`)
        await openPositionsFrom(rpcUrl, deployment, opened, wanted)
        opened = wanted
      }
      const open = seeded + (await countBenchPositions(client, deployment, opened))
      log(`RPC per block with ${open} open positions`)
      results.rpcPerBlock.push({ positions: open, pages: await measureRpcPerBlock(browser, { appUrl, rpcUrl, pages, blocks: 5 }) })
    }
  } finally {
    await browser.close()
    await group.stop()
  }

  const keeperScript = join(ROOT, 'scripts', 'bench', 'keeperCrash.ts')
  if (quick) results.keeper = { skipped: 'quick run' }
  else if (!existsSync(keeperScript)) results.keeper = { skipped: 'pending branch keeper (scripts/bench/keeperCrash.ts is not on this branch)' }
  else {
    log('keeper throughput (scripts/bench/keeperCrash.ts)')
    const out = join(outDir, 'keeperCrash.json')
    await run(join(ROOT, 'node_modules', '.bin', 'tsx'), [keeperScript, '--json', out, '--positions', args.positions!], { cwd: ROOT, env })
    results.keeper = JSON.parse(await readFile(out, 'utf8'))
  }

  results.ci = args['ci-time'] ? { seconds: Number(args['ci-time']), source: 'given with --ci-time' } : await ciFromReadme()
  if (quick) results.compile = { skipped: 'quick run' }
  else if (args['skip-compile'])
    results.compile = previous && !('skipped' in previous.compile) ? { ...previous.compile, source: `carried from the run of ${previous.generatedAt} (--skip-compile)` } : await compileFromReadme()
  else {
    log('contracts compile time (temporary copy)')
    results.compile = { ...(await measureCompileTime()), source: 'measured in this run' }
  }

  const final: BenchResults = {
    generatedAt: new Date().toISOString(),
    builds: args['skip-build'] ? 'reused: --skip-build (the .next folders of the last `next build`)' : 'built in this run',
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim(),
    quick,
    machine: { nproc: cpus().length, memoryGiB: totalmem() / 2 ** 30, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverageStart, loadAverageEnd: loadavg() },
    gas,
    firstLoad: results.firstLoad!,
    latency: results.latency!,
    rpcPerBlock: results.rpcPerBlock ?? [],
    keeper: results.keeper!,
    ci: results.ci,
    compile: results.compile,
  }
  await mkdir(outDir, { recursive: true })
  await writeFile(join(outDir, 'results.json'), JSON.stringify(final, null, 2) + '\n')
  await writeFile(join(outDir, 'RESULTS.md'), renderResults(final))
  log(`wrote ${join(outDir, 'results.json')} and RESULTS.md`)
}

/** Opens bench traders [from, to) (see openPositions.ts; it counts from 0, so open the first `to` and skip those already open). */
async function openPositionsFrom(rpcUrl: string, deployment: Awaited<ReturnType<typeof readDeployment>>, from: number, to: number) {
  await openPositions(rpcUrl, deployment, to, from)
}

/** `npm test`'s time from the README's committed table ("How long `npm test` takes"). */
async function ciFromReadme(): Promise<BenchResults['ci']> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8')
  const section = readme.split('### How long `npm test` takes')[1]?.split('\n## ')[0] ?? ''
  const rows = [...section.matchAll(/^\| ([^|]+) \| ~?(\d[\d,]*) s/gm)].map((m) => ({ step: m[1].trim(), seconds: Number(m[2].replace(/,/g, '')) }))
  if (rows.length === 0) return { skipped: 'no figure in the README; pass --ci-time' }
  const seconds = rows.reduce((sum, row) => sum + row.seconds, 0)
  return { seconds, source: `sum of the README's committed table (${rows.map((r) => `${r.step} ${r.seconds} s`).join(', ')}), one worker, clean clone; not run by the bench` }
}

/** With --skip-compile and no earlier run: the README's committed `forge build` figure. */
async function compileFromReadme(): Promise<BenchResults['compile']> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8')
  const match = readme.match(/^\| `forge build` \| (\d+) s/m)
  if (!match) return { skipped: '--skip-compile with no earlier figure' }
  return { fromScratchS: Number(match[1]), afterEngineTouchS: Number.NaN, measured: 'README', source: "--skip-compile: from scratch is the README's committed `forge build` figure (clean clone, 2 cores); after touching the engine not measured" }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)

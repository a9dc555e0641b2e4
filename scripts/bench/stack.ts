import { join } from 'node:path'
import { deployDevnet, ROOT, setIntervalMining, startAnvil } from '../devnet/devnet'
import type { ProcessGroup } from '../devnet/processes'

/** The bench's own ports, clear of `npm run dev` (8545/3000) and the e2e stacks (8546+/3100+). */
export const BENCH_RPC_PORT = Number(process.env.BENCH_RPC_PORT ?? 8850)
export const BENCH_APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3450)
export const BENCH_BARE_PORT = Number(process.env.BENCH_BARE_PORT ?? 3451)

export const BARE_DIR = join(ROOT, 'bench', 'bare')

/**
 * A fresh anvil with the protocol deployed (automine for speed, then a block a second as on the
 * devnet), returned once it mines on its own.
 */
export async function startBenchChain(group: ProcessGroup, port = BENCH_RPC_PORT): Promise<string> {
  const rpcUrl = await startAnvil(group, { port, blockTime: 0 })
  await deployDevnet(rpcUrl)
  await setIntervalMining(rpcUrl, 1)
  return rpcUrl
}

/** `next start` of a production build in `dir` (the dashboard: the repository root). */
export async function startNext(group: ProcessGroup, name: string, dir: string, port: number, env: Record<string, string>): Promise<string> {
  const url = `http://127.0.0.1:${port}`
  const child = group.start(name, join(ROOT, 'node_modules', '.bin', 'next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: dir,
    env: { ...process.env, ...env, NEXT_TELEMETRY_DISABLED: '1' },
  })
  await Promise.race([waitForHttp(url), group.watch(name, child)])
  return url
}

export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}

/**
 * tsx compiles the bench with esbuild's keepNames, which wraps functions in a `__name(…)` helper;
 * functions Playwright serialises into the page (the injected wallet, observers) then call a
 * helper the page lacks. Give the page a no-op one.
 */
export async function allowSerialisedFunctions(page: import('@playwright/test').Page): Promise<void> {
  await page.addInitScript('globalThis.__name = (target) => target')
}

/**
 * `npm run dev` as a user runs it, on spare ports with its own saved-chain folder: the stack
 * survives a killed keeper (restarted, and tracking again within seconds while blocks keep
 * coming), Ctrl-C leaves no process behind, and the next start loads the same chain (same
 * positions, same proposals, no deploy). Prints the measured start-up times.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicClient, http, type Address } from 'viem'
import { afterAll, expect, it } from 'vitest'
import { iLiquidityPoolAbi, iPerpLensAbi, rampartGovernorAbi } from '../lib/contracts/generated'
import type { Deployment } from '../lib/config/types'
import type { KeeperStatus } from './keeper/plan'
import { devnetOpenPositions } from './devnet/openPositions'
import { readDeployment, ROOT } from './devnet/devnet'
import { testPort, testAppPort } from './devnet/testPorts'
import { typescriptEntry } from './devnet/typescriptEntry'

const PORTS = { rpc: testPort(8560, 4), app: testAppPort(3160), keeperStatus: testPort(8561, 5), feederControl: testPort(8562, 6), indexer: testPort(8563, 15) }
const rpcUrl = `http://127.0.0.1:${PORTS.rpc}`
const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0 }) })
let stateDir = ''
let running: Launcher | null = null

type Launcher = { child: ChildProcess; lines: string[]; exited: Promise<number | null> }

function launch(): Launcher {
  // the launcher itself, not tsx's CLI in front of it: SIGINT must reach it (typescriptEntry.ts)
  const child = spawn(...typescriptEntry(join(ROOT, 'scripts', 'dev.ts')), {
    cwd: ROOT,
    env: {
      ...process.env,
      RPC_PORT: String(PORTS.rpc),
      APP_PORT: String(PORTS.app),
      KEEPER_STATUS_PORT: String(PORTS.keeperStatus),
      FEEDER_CONTROL_PORT: String(PORTS.feederControl),
      INDEXER_PORT: String(PORTS.indexer),
      RAMPART_STATE_DIR: stateDir,
      RAMPART_FRESH: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const collect = (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean))
  child.stdout!.on('data', collect)
  child.stderr!.on('data', collect)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  running = { child, lines, exited }
  return running
}

/** The first launcher line matching `pattern` (polled), with its capture groups. */
async function waitForLine(l: Launcher, pattern: RegExp, timeout: number): Promise<RegExpMatchArray> {
  let match: RegExpMatchArray | null = null
  try {
    await expect
      .poll(() => (match = l.lines.map((line) => line.match(pattern)).find(Boolean) ?? null), { timeout, interval: 250 })
      .not.toBeNull()
  } catch (error) {
    console.error(`no launcher line matched ${pattern}; its last lines:\n${l.lines.slice(-40).join('\n')}`)
    throw error
  }
  return match!
}

/** Every pid the launcher reported for its children. */
const reportedPids = (l: Launcher) =>
  l.lines.flatMap((line) => [...line.matchAll(/pid (\d+)/g)].map((m) => Number(m[1])))

/** True while any process of the group led by `pid` is alive (children run in their own groups). */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0)
    return true
  } catch {
    return false
  }
}

/** Every reported process group gone (a group's last members, e.g. next's workers, may need a moment after its leader). */
async function expectAllGone(pids: number[]) {
  await expect.poll(() => pids.filter(groupAlive), { timeout: 10_000, interval: 250 }).toEqual([])
}

async function stop(l: Launcher) {
  l.child.kill('SIGINT') // what Ctrl-C sends the launcher
  await l.exited
  running = null
}

const keeperStatus = async () =>
  (await (await fetch(`http://127.0.0.1:${PORTS.keeperStatus}/status`)).json()) as KeeperStatus

async function chainSnapshot(deployment: Deployment) {
  const positions = await devnetOpenPositions(client, deployment)
  const created = await client.getContractEvents({
    address: deployment.contracts.RampartGovernor as Address,
    abi: rampartGovernorAbi,
    eventName: 'ProposalCreated',
    fromBlock: 0n,
  })
  return {
    positions: positions.map((p) => `${p.trader}/${p.marketId}/${p.size}/${p.entryPrice}/${p.collateral}`).sort(),
    proposals: created.map((e) => e.args.proposalId!.toString()).sort(),
  }
}

afterAll(async () => {
  if (running) await stop(running)
  if (stateDir) await rm(stateDir, { recursive: true, force: true })
})

it('survives a killed keeper, stops cleanly, and keeps its chain across a restart', async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'rampart-dev-'))

  // ---- a fresh chain
  const first = launch()
  const freshReady = await waitForLine(first, /ready in ([\d.]+) s/, 480_000)
  expect(first.lines.some((line) => line.includes('deploying and seeding'))).toBe(true)
  const deployment = await readDeployment()
  // The deploy leaves the LP seed and the demo positions as two-step requests; the launcher has
  // them executed before it is ready: a funded pool, demo positions, nothing pending.
  const pool = { address: deployment.contracts.LiquidityPool, abi: iLiquidityPoolAbi } as const
  expect((await client.readContract({ ...pool, functionName: 'poolValue' })).value).toBeGreaterThan(0n)
  await expect.poll(async () => (await keeperStatus().catch(() => null))?.lastBlock ?? null, { timeout: 30_000 }).not.toBeNull()
  expect((await keeperStatus()).pendingRequests).toBe(0)
  await expect.poll(async () => (await keeperStatus().catch(() => null))?.positionsTracked ?? 0, { timeout: 30_000 }).toBeGreaterThan(0)
  // the indexer follows the chain: its /status reaches the head (docs/indexer.md)
  const headNow = await client.getBlockNumber({ cacheTime: 0 })
  await expect
    .poll(async () => {
      const status = (await fetch(`http://127.0.0.1:${PORTS.indexer}/status`).then((r) => r.json(), () => ({}))) as Record<string, { block: { number: number } }>
      return Object.values(status)[0]?.block.number ?? -1
    }, { timeout: 120_000, interval: 500 })
    .toBeGreaterThanOrEqual(Number(headNow))

  // ---- a quiet terminal: the services' routine lines go to the log folder, the dashboard's URL stays the last line
  const dashboardLine = `dashboard http://127.0.0.1:${PORTS.app}`
  const readyAt = first.lines.findIndex((line) => /ready in [\d.]+ s/.test(line))
  expect(first.lines.some((line) => line.includes(`${join(stateDir, 'logs')}/`))).toBe(true)
  const logOf = async (name: string) => (await readFile(join(stateDir, 'logs', `${name}.log`), 'utf8').catch(() => '')).split('\n').filter(Boolean)
  await expect.poll(async () => (await logOf('price-feeder')).filter((line) => line.includes('"level":"info"')).length, { timeout: 10_000 }).toBeGreaterThan(2)
  expect((await logOf('keeper')).length).toBeGreaterThan(0)
  const afterReady = first.lines.slice(readyAt + 1)
  expect(afterReady.filter((line) => /^\[(price-feeder|keeper|next)\] (.*"level":"info"| GET )|^\[indexer\] .* INFO /.test(line))).toEqual([])
  await expect.poll(() => first.lines.at(-1), { timeout: 10_000 }).toContain(dashboardLine)

  // ---- the keeper is killed as an out-of-memory kill would: the stack stays up and restarts it
  const keeperPid = Number((await waitForLine(first, /keeper started \(pid (\d+)\)/, 5_000))[1])
  const before = await keeperStatus()
  const blockAtKill = await client.getBlockNumber({ cacheTime: 0 })
  const killedAt = Date.now()
  process.kill(-keeperPid, 'SIGKILL')
  await waitForLine(first, /keeper exited \(SIGKILL\); restarting in/, 5_000)
  // the restart's lines print, then the dashboard's URL again
  await expect.poll(() => first.lines.at(-1), { timeout: 10_000 }).toContain(dashboardLine)
  await expect
    .poll(
      async () => {
        const s = await keeperStatus().catch(() => null)
        return s !== null && s.startedAt !== before.startedAt && s.positionsTracked === before.positionsTracked && BigInt(s.lastBlock ?? 0) > blockAtKill
      },
      { timeout: 20_000, interval: 250 },
    )
    .toBe(true)
  const recoveredIn = (Date.now() - killedAt) / 1000
  expect(await client.getBlockNumber({ cacheTime: 0 })).toBeGreaterThan(blockAtKill) // anvil never stopped
  expect(first.child.exitCode).toBeNull()

  // ---- Ctrl-C: no process left behind
  const saved = await chainSnapshot(deployment)
  expect(saved.positions.length).toBeGreaterThan(0)
  expect(saved.proposals.length).toBe(5)
  const savedTime = (await client.getBlock({ blockTag: 'latest' })).timestamp // ahead of the wall clock: the seed moved time
  const pids = reportedPids(first)
  expect(pids.length).toBeGreaterThanOrEqual(5) // anvil, next, feeder, keeper twice
  await stop(first)
  await expectAllGone(pids)
  await expect(client.getBlockNumber({ cacheTime: 0 })).rejects.toThrow()

  // ---- a restart loads the same chain: no deploy, same positions and proposals
  const second = launch()
  const loadedReady = await waitForLine(second, /ready in ([\d.]+) s/, 120_000)
  expect(second.lines.some((line) => line.includes('saved chain loaded'))).toBe(true)
  expect(second.lines.some((line) => line.includes('deploying and seeding'))).toBe(false)
  expect(await chainSnapshot(deployment)).toEqual(saved)
  // the clock goes on from the saved blocks (anvil's state file does not keep the time offset):
  // the first block mined after the restart is later than the loaded head, itself not before the
  // head read before the stop (blocks mined until the stop are saved too)
  const loadedHead = await client.getBlock({ blockTag: 'latest' })
  expect(loadedHead.timestamp).toBeGreaterThanOrEqual(savedTime)
  await expect
    .poll(async () => (await client.getBlock({ blockTag: 'latest' })).number, { timeout: 10_000, interval: 200 })
    .toBeGreaterThan(loadedHead.number)
  const firstAfterRestart = await client.getBlock({ blockNumber: loadedHead.number + 1n })
  expect(firstAfterRestart.timestamp).toBeGreaterThan(loadedHead.timestamp)
  await stop(second)
  await expectAllGone(reportedPids(second))

  console.log(
    `start-up: fresh chain ${freshReady[1]} s, saved chain ${loadedReady[1]} s; keeper back and tracking ${recoveredIn.toFixed(1)} s after SIGKILL`,
  )
}, 900_000)

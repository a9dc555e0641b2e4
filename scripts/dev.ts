/**
 * `npm run dev`: the whole thing on this machine. anvil (chain 31337, 1 s blocks), the contracts
 * built and deployed with demo state (positions, stakes, governance proposals in each state), the
 * price feeder and the keeper, and the dashboard on http://127.0.0.1:3000. Ctrl-C stops every
 * child.
 *
 * The chain is kept across runs: anvil saves it to `.devnet/anvil-state.json` when it stops and
 * loads it at the next start, which then skips the deploy and the seeds. `npm run dev -- --fresh`
 * (or RAMPART_FRESH=1) starts a clean chain; so does a change to the contracts since the save.
 *
 * The indexer (indexer/, Ponder: every protocol event into PGlite under `<state dir>/indexer`, kept
 * with the chain; GraphQL on http://127.0.0.1:42069/graphql, INDEXER_PORT) follows the chain, and
 * the dashboard reads its history from it (RAMPART_INDEXER_URL, unless already set).
 *
 * The keeper, the price feeder and the indexer are supervised: one that exits is restarted with backoff, and
 * left stopped (its last lines printed) after too many exits in a minute. Only anvil's or the
 * dashboard's exit, or Ctrl-C, stops the stack.
 *
 * A quiet terminal: each child's output goes whole to `<state dir>/logs/<name>.log` (.devnet/logs/
 * by default; next's request log, the feeder's ticks, the keeper's polls), and only their warnings
 * and errors are printed, with the launcher's own lines. The dashboard's URL is the last line once
 * ready, and is printed again after anything else that appears later, so it stays in view.
 *
 * Options (environment): RPC_PORT (8545), APP_PORT (3000), BLOCK_TIME (1), RAMPART_STATE_DIR
 * (.devnet), RAMPART_FRESH, KEEPER_STATUS_PORT (8549), FEEDER_CONTROL_PORT (8548),
 * KEEPER_POLL_MS and FEEDER_POLL_MS (a tenth of a block).
 */
import { existsSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import {
  blockNumber,
  buildContracts,
  deployDevnet,
  deploymentOnChain,
  ROOT,
  setIntervalMining,
  startAnvil,
} from './devnet/devnet'
import { ProcessGroup } from './devnet/processes'
import { seedGovernance } from './devnet/seedGovernance'
import { savedChain } from './devnet/savedChain'
import { typescriptEntry } from './devnet/typescriptEntry'

const rpcPort = Number(process.env.RPC_PORT ?? 8545)
const appPort = Number(process.env.APP_PORT ?? 3000)
const blockTime = Number(process.env.BLOCK_TIME ?? 1)
const keeperStatusPort = Number(process.env.KEEPER_STATUS_PORT ?? 8549)
const indexerPort = Number(process.env.INDEXER_PORT ?? 42069)
const fresh = process.argv.includes('--fresh') || process.env.RAMPART_FRESH === '1'
const stateDir = process.env.RAMPART_STATE_DIR ?? join(ROOT, '.devnet')
const saved = savedChain(stateDir)
const logDir = join(stateDir, 'logs')

/** Once ready, the line that names the dashboard; printed again after later output, so it is never scrolled away. */
let readyLine: string | null = null
let reminder: NodeJS.Timeout | null = null
/** How long after the last other line the dashboard's URL is printed again. */
const REMINDER_DELAY_MS = 1_500
function remindLater() {
  if (!readyLine) return
  if (reminder) clearTimeout(reminder)
  reminder = setTimeout(() => {
    reminder = null
    if (readyLine && !shuttingDown) console.log(readyLine)
  }, REMINDER_DELAY_MS)
}

/** `path` relative to where the launcher was started, unless it is outside it. */
const shownPath = (path: string) => {
  const rel = relative(process.cwd(), path)
  return rel && !rel.startsWith('..') ? rel : path
}

const group = new ProcessGroup({ logDir, onPrinted: remindLater })
let shuttingDown = false
const log = (line: string) => {
  console.log(`[dev] ${line}`)
  remindLater()
}
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`

async function shutdown(code: number) {
  if (shuttingDown) return
  shuttingDown = true
  console.log('\n[dev] stopping (anvil saves the chain)…')
  await group.stop()
  process.exit(code)
}
process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))

/** Long-running services under scripts/ that the stack survives (restarted when they exit). */
const SERVICES = ['price-feeder', 'keeper'] as const
/** 2 USD per RPT (WAD); override with KEEPER_RPT_VALUE_WAD, set it empty to stop the demo keeper bidding. */
const DEVNET_KEEPER_RPT_VALUE_WAD = (2n * 10n ** 18n).toString()

async function main() {
  const started = Date.now()
  const reuse = !fresh && (await saved.usable())
  if (!reuse) await saved.clear()
  // The index belongs to the chain it was built from: a fresh chain starts a fresh index.
  const indexerDir = join(stateDir, 'indexer')
  if (!reuse) rmSync(indexerDir, { recursive: true, force: true })
  // A saved chain's contracts are today's (same fingerprint): their typed ABIs are already there.
  if (!reuse || !existsSync(join(ROOT, 'lib', 'contracts', 'generated.ts'))) {
    log('building contracts and typed ABIs…')
    await buildContracts()
  }
  // Automine while deploying and seeding (a transaction is mined at once), interval mining after.
  log(`starting anvil on :${rpcPort} (${reuse ? 'loading the saved chain' : 'fresh chain'})…`)
  const rpcUrl = await startAnvil(group, { port: rpcPort, blockTime: 0, statePath: saved.statePath })
  let deployment = reuse ? await deploymentOnChain(rpcUrl) : null
  if (deployment) {
    log(`saved chain loaded at block ${await blockNumber(rpcUrl)}: the deployment is on it, no deploy or seeding (${seconds(started)})`)
  } else {
    const deployStart = Date.now()
    log('deploying and seeding…')
    deployment = await deployDevnet(rpcUrl)
    for (const [name, address] of Object.entries(deployment.contracts)) log(`  ${name.padEnd(20)} ${address}`)
    log(`deployed in ${seconds(deployStart)}; seeding governance: one proposal in each state…`)
    const seedStart = Date.now()
    for (const [description, state] of Object.entries(await seedGovernance(rpcUrl, deployment)))
      log(`  ${state.padEnd(10)} ${description}`)
    log(`governance seeded in ${seconds(seedStart)}`)
    await saved.markSeeded()
  }
  await setIntervalMining(rpcUrl, blockTime)

  // The demo keeper values RPT at 2 tUSD (it bids once a debt-auction round's price falls there;
  // the deploy gives it 100,000 tUSD), so a devnet deficit is filled rather than socialised.
  // The feeder reports every block: a two-step request made in block N fills at the first
  // observation whose sources all reported after it, the feeder's tick in block N+1, and the
  // keeper executes it in N+2. Both look for a new block every tenth of a block, so each acts in
  // the block after the one it reacts to.
  const pollMs = String(Math.max(20, Math.round(blockTime * 100)))
  const env = {
    KEEPER_RPT_VALUE_WAD: DEVNET_KEEPER_RPT_VALUE_WAD,
    KEEPER_POLL_MS: pollMs,
    FEEDER_POLL_MS: pollMs,
    ...process.env,
    RAMPART_RPC_URL: rpcUrl,
    NEXT_TELEMETRY_DISABLED: '1',
    KEEPER_STATUS_URL: process.env.KEEPER_STATUS_URL ?? `http://127.0.0.1:${keeperStatusPort}/status`,
  }
  for (const service of SERVICES) {
    const entry = join(ROOT, 'scripts', `${service}.ts`)
    if (existsSync(entry)) group.supervise(service, ...typescriptEntry(entry), { env, cwd: ROOT }, log)
  }
  const ponder = join(ROOT, 'indexer', 'node_modules', '.bin', 'ponder')
  const withIndexer = existsSync(ponder)
  if (withIndexer)
    group.supervise(
      'indexer',
      ponder,
      ['start', '--port', String(indexerPort), '--schema', 'rampart'],
      {
        env: { RAMPART_RPC_WS_URL: rpcUrl.replace(/^http/, 'ws'), ...env, PONDER_TELEMETRY_DISABLED: 'true', RAMPART_INDEXER_DIR: indexerDir },
        cwd: join(ROOT, 'indexer'),
      },
      log,
    )
  else log('the indexer is not installed (npm install installs it into indexer/node_modules): history from direct log reads')
  // The dashboard's history views read from the indexer it started (footer: "history: indexer").
  const appEnv = withIndexer ? { RAMPART_INDEXER_URL: `http://127.0.0.1:${indexerPort}`, ...env } : env
  const next = group.start('next', join(ROOT, 'node_modules', '.bin', 'next'), ['dev', '-H', '127.0.0.1', '-p', String(appPort)], {
    env: appEnv,
    cwd: ROOT,
  })
  const nextExited = group.watch('next', next)
  log(`anvil pid ${group.child('anvil').pid}, next pid ${next.pid}`)
  log(`logs of each process (next's requests, feeder ticks, keeper polls): ${shownPath(logDir)}/; warnings and errors print here`)
  log(`ready in ${seconds(started)}: RPC ${rpcUrl}  ·  Ctrl-C stops everything`)
  readyLine = `[dev] ▶ dashboard http://127.0.0.1:${appPort}`
  console.log(readyLine)
  await Promise.race([nextExited, group.watch('anvil', group.child('anvil'))])
}

main().catch(async (error) => {
  console.error(`[dev] ${error instanceof Error ? error.message : String(error)}`)
  await shutdown(1)
})

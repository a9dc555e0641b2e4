/**
 * `npm run dev`: the whole thing on this machine. A fresh anvil (chain 31337, 1 s blocks), the
 * contracts built and deployed with demo state (positions, stakes, governance proposals in each
 * state), the price feeder and keeper once they exist, and
 * the dashboard on http://127.0.0.1:3000. Ctrl-C stops every child.
 *
 * Options (environment): RPC_PORT (8545), APP_PORT (3000), BLOCK_TIME (1).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { buildContracts, deployDevnet, ROOT, startAnvil } from './devnet/devnet'
import { ProcessGroup } from './devnet/processes'
import { seedGovernance } from './devnet/seedGovernance'

const rpcPort = Number(process.env.RPC_PORT ?? 8545)
const appPort = Number(process.env.APP_PORT ?? 3000)
const blockTime = Number(process.env.BLOCK_TIME ?? 1)

const group = new ProcessGroup()
let shuttingDown = false

async function shutdown(code: number) {
  if (shuttingDown) return
  shuttingDown = true
  console.log('\n[dev] stopping…')
  await group.stop()
  process.exit(code)
}
process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))

/** Long-running services under scripts/, started when present (later issues add them). */
const SERVICES = ['price-feeder', 'keeper'] as const
/** 2 USD per RPT (WAD); override with KEEPER_RPT_VALUE_WAD, set it empty to stop the demo keeper bidding. */
const DEVNET_KEEPER_RPT_VALUE_WAD = (2n * 10n ** 18n).toString()

async function main() {
  console.log('[dev] building contracts and typed ABIs…')
  await buildContracts()
  console.log(`[dev] starting anvil on :${rpcPort} (${blockTime} s blocks)…`)
  const rpcUrl = await startAnvil(group, { port: rpcPort, blockTime })
  console.log('[dev] deploying and seeding…')
  const deployment = await deployDevnet(rpcUrl)
  for (const [name, address] of Object.entries(deployment.contracts)) console.log(`[dev]   ${name.padEnd(20)} ${address}`)
  console.log('[dev] seeding governance: one proposal in each state…')
  for (const [description, state] of Object.entries(await seedGovernance(rpcUrl, deployment)))
    console.log(`[dev]   ${state.padEnd(10)} ${description}`)

  // The demo keeper values RPT at 2 tUSD (it bids once a debt-auction round's price falls there;
  // the deploy gives it 100,000 tUSD), so a devnet deficit is filled rather than socialised.
  const env = {
    KEEPER_RPT_VALUE_WAD: DEVNET_KEEPER_RPT_VALUE_WAD,
    ...process.env,
    RAMPART_RPC_URL: rpcUrl,
    NEXT_TELEMETRY_DISABLED: '1',
  }
  const watchers: Promise<never>[] = []
  for (const service of SERVICES) {
    const entry = join(ROOT, 'scripts', `${service}.ts`)
    if (!existsSync(entry)) continue
    const child = group.start(service, join(ROOT, 'node_modules', '.bin', 'tsx'), [entry], { env, cwd: ROOT })
    watchers.push(group.watch(service, child))
  }
  const next = group.start('next', join(ROOT, 'node_modules', '.bin', 'next'), ['dev', '-H', '127.0.0.1', '-p', String(appPort)], {
    env,
    cwd: ROOT,
  })
  watchers.push(group.watch('next', next))
  console.log(`[dev] dashboard: http://127.0.0.1:${appPort}  ·  RPC: ${rpcUrl}  ·  Ctrl-C stops everything`)
  await Promise.race(watchers)
}

main().catch(async (error) => {
  console.error(`[dev] ${error instanceof Error ? error.message : String(error)}`)
  await shutdown(1)
})

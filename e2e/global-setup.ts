import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { deployDevnet, DEPLOYMENTS_DIR, DEVNET_CHAIN_ID, ROOT, setIntervalMining, startAnvil } from '../scripts/devnet/devnet'
import { ProcessGroup } from '../scripts/devnet/processes'
import { E2E_STACKS } from './support/env'

/**
 * One stack per worker: a fresh anvil with freshly deployed contracts, and the production build
 * (`next build` ran before) served against it. Each test then runs on a snapshot of its worker's
 * chain (see support/test.ts).
 *
 * Deployed on automine, as `npm run dev` does (a block per transaction: seconds instead of two
 * minutes at a block a second), then a block a second as the tests expect. The chains are deployed
 * one after another: every deploy writes deployments/31337.json, which the app and the tests read,
 * so each deploy must write the same file (same deployer, same transactions, same blocks).
 */
export default async function globalSetup() {
  const group = new ProcessGroup()
  try {
    let deploymentFile: string | null = null
    for (const stack of E2E_STACKS) {
      const rpcUrl = await startAnvil(group, { port: stack.rpcPort, blockTime: 0 })
      await deployDevnet(rpcUrl)
      const written = await readFile(join(DEPLOYMENTS_DIR, `${DEVNET_CHAIN_ID}.json`), 'utf8')
      if (deploymentFile !== null && written !== deploymentFile)
        throw new Error(`the deploy to stack ${stack.index} differs from stack 0's: the stacks cannot share deployments/`)
      deploymentFile = written
      await setIntervalMining(rpcUrl, 1)
    }
    await Promise.all(
      E2E_STACKS.map((stack) => {
        const next = group.start(`next ${stack.index}`, join(ROOT, 'node_modules', '.bin', 'next'), ['start', '-H', '127.0.0.1', '-p', String(stack.appPort)], {
          cwd: ROOT,
          env: {
            ...process.env,
            RAMPART_RPC_URL: stack.rpcUrl,
            KEEPER_STATUS_URL: `http://127.0.0.1:${stack.keeperStatusPort}/status`,
            NEXT_TELEMETRY_DISABLED: '1',
          },
        })
        return Promise.race([waitForHttp(stack.appUrl), group.watch(`next ${stack.index}`, next)])
      }),
    )
  } catch (error) {
    await group.stop()
    throw error
  }
  return () => group.stop()
}

async function waitForHttp(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}

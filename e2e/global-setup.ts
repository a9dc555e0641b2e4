import { join } from 'node:path'
import { deployDevnet, ROOT, startAnvil } from '../scripts/devnet/devnet'
import { ProcessGroup } from '../scripts/devnet/processes'
import { E2E_APP_PORT, E2E_APP_URL, E2E_KEEPER_STATUS_PORT, E2E_RPC_PORT } from './support/env'

/**
 * A fresh anvil with freshly deployed contracts, and the production build (`next build` ran
 * before) served against it. Each test then runs on a snapshot of this chain (see fixtures).
 */
export default async function globalSetup() {
  const group = new ProcessGroup()
  try {
    const rpcUrl = await startAnvil(group, { port: E2E_RPC_PORT, blockTime: 1 })
    await deployDevnet(rpcUrl)
    const next = group.start('next', join(ROOT, 'node_modules', '.bin', 'next'), ['start', '-H', '127.0.0.1', '-p', String(E2E_APP_PORT)], {
      cwd: ROOT,
      env: {
        ...process.env,
        RAMPART_RPC_URL: rpcUrl,
        KEEPER_STATUS_URL: `http://127.0.0.1:${E2E_KEEPER_STATUS_PORT}/status`,
        NEXT_TELEMETRY_DISABLED: '1',
      },
    })
    await Promise.race([waitForHttp(E2E_APP_URL), group.watch('next', next)])
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

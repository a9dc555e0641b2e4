/**
 * Ports of the e2e stacks, apart from `npm run dev`'s so both can run at once. Each Playwright
 * worker has its own stack (anvil, freshly deployed contracts, `next start`, a keeper status port):
 * tests mostly wait for blocks, so a few chains side by side finish sooner than one chain in turn.
 * Stack `i` listens on the base port + i × E2E_PORT_STRIDE (stack 0 on the base ports).
 */
export const E2E_RPC_PORT = Number(process.env.E2E_RPC_PORT ?? 8546)
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100)
/** Where a keeper started by a test reports; the app's /api/keeper asks here. */
export const E2E_KEEPER_STATUS_PORT = Number(process.env.E2E_KEEPER_STATUS_PORT ?? 8552)
/**
 * The network-switch spec's own second chain (an anvil with another chain id) and the app it starts
 * configured for both chains: base ports, each worker's at + i × E2E_PORT_STRIDE like the rest.
 */
export const E2E_SECOND_RPC_PORT = Number(process.env.E2E_SECOND_RPC_PORT ?? 8590)
export const E2E_SECOND_APP_PORT = Number(process.env.E2E_SECOND_APP_PORT ?? 3110)
/**
 * For the specs that read history from the indexer (e2e/indexerHistory.spec.ts), which start their
 * own indexer (Ponder on PGlite) and a second `next start` configured with it, beside the worker's
 * stack: the indexer's port, and that app's (the stack's app port + 5 by default, clear of the
 * network-switch spec's app at + 10).
 */
export const E2E_INDEXER_PORT = Number(process.env.E2E_INDEXER_PORT ?? 42150)
export const E2E_INDEXER_APP_OFFSET = Number(process.env.E2E_INDEXER_APP_OFFSET ?? 5)
/** 20 by default: the extra stacks' ports (8566, 8572, 8586, …) stay clear of the chain tests' (8547–8562). */
export const E2E_PORT_STRIDE = Number(process.env.E2E_PORT_STRIDE ?? 20)
/** Parallel workers, one stack each. Two: on a 2-core machine the contract tests run beside them. */
export const E2E_WORKERS = Number(process.env.E2E_WORKERS ?? 2)

export type E2EStack = {
  index: number
  rpcPort: number
  rpcUrl: string
  appPort: number
  appUrl: string
  keeperStatusPort: number
  /** The network-switch spec's second chain and its two-chain app (e2e/networkSwitch.spec.ts). */
  secondRpcPort: number
  secondAppPort: number
  indexerPort: number
  indexerUrl: string
  indexerAppPort: number
  indexerAppUrl: string
}

export function e2eStack(index: number): E2EStack {
  const offset = index * E2E_PORT_STRIDE
  const rpcPort = E2E_RPC_PORT + offset
  const appPort = E2E_APP_PORT + offset
  return {
    index,
    rpcPort,
    rpcUrl: `http://127.0.0.1:${rpcPort}`,
    appPort,
    appUrl: `http://127.0.0.1:${appPort}`,
    keeperStatusPort: E2E_KEEPER_STATUS_PORT + offset,
    secondRpcPort: E2E_SECOND_RPC_PORT + offset,
    secondAppPort: E2E_SECOND_APP_PORT + offset,
    indexerPort: E2E_INDEXER_PORT + offset,
    indexerUrl: `http://127.0.0.1:${E2E_INDEXER_PORT + offset}`,
    indexerAppPort: appPort + E2E_INDEXER_APP_OFFSET,
    indexerAppUrl: `http://127.0.0.1:${appPort + E2E_INDEXER_APP_OFFSET}`,
  }
}

export const E2E_STACKS: E2EStack[] = Array.from({ length: E2E_WORKERS }, (_, index) => e2eStack(index))

const ports = E2E_STACKS.flatMap((stack) => [
  stack.rpcPort, stack.appPort, stack.keeperStatusPort, stack.secondRpcPort, stack.secondAppPort, stack.indexerPort, stack.indexerAppPort,
])
if (!(E2E_WORKERS >= 1) || new Set(ports).size !== ports.length)
  throw new Error(`e2e ports overlap for ${E2E_WORKERS} workers: ${ports.join(', ')} (set E2E_PORT_STRIDE or the base ports)`)

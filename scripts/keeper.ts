/**
 * Keeper: follows the chain block by block, tracks every open position (the engine's paged view,
 * re-read each block, and its position events for the log), liquidates what is liquidatable in
 * batches, restarts a debt-auction round that ended unfilled, and bids on the debt auction when
 * its price is at or under what it values the governance token at. Any number can run; each may start and stop at any time, because the paged
 * view is the whole truth and nothing is remembered between blocks.
 *
 * Environment: RAMPART_RPC_URL (http://127.0.0.1:8545), KEEPER_INDEX (5: devnet account),
 * KEEPER_BATCH (20), KEEPER_POLL_MS (500), KEEPER_STATUS_PORT (8549),
 * KEEPER_RPT_VALUE_WAD (unset: never bid). Status: GET http://127.0.0.1:8549/status
 */
import { createServer } from 'node:http'
import { createPublicClient, createWalletClient, http, maxUint256, type Hash } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { debtAuctionAbi, liquidationEngineAbi, perpEngineAbi, testUsdAbi } from '../lib/contracts/generated'
import { devnetAccount, DEVNET_ROLES } from './devnet/accounts'
import { readDeployment } from './devnet/devnet'
import { liquidationBatches, summarise, type KeeperStatus, type TrackedPosition } from './keeper/plan'
import { runBlockLoop } from './service/blockLoop'
import { createLogger } from './service/log'

const rpcUrl = process.env.RAMPART_RPC_URL ?? 'http://127.0.0.1:8545'
const batchSize = Number(process.env.KEEPER_BATCH ?? 20)
const pollMs = Number(process.env.KEEPER_POLL_MS ?? 500)
const statusPort = Number(process.env.KEEPER_STATUS_PORT ?? 8549)
const rptValue = process.env.KEEPER_RPT_VALUE_WAD ? BigInt(process.env.KEEPER_RPT_VALUE_WAD) : null
const PAGE = 200n
const log = createLogger('keeper')

async function main() {
  const deployment = await readDeployment()
  const account = privateKeyToAccount(devnetAccount(Number(process.env.KEEPER_INDEX ?? DEVNET_ROLES.keeper)).privateKey)
  const transport = http(rpcUrl, { retryCount: 2 })
  const client = createPublicClient({ chain: foundry, transport })
  const wallet = createWalletClient({ chain: foundry, transport, account })
  const engine = { address: deployment.contracts.PerpEngine, abi: perpEngineAbi } as const
  const liquidator = { address: deployment.contracts.LiquidationEngine, abi: liquidationEngineAbi } as const
  const auction = { address: deployment.contracts.DebtAuction, abi: debtAuctionAbi } as const

  let status: KeeperStatus = { positionsTracked: 0, atRisk: 0, liquidatable: 0, liquidated: 0, lastBlock: null, errors: 0 }
  createServer((request, response) => {
    response.writeHead(request.url === '/status' ? 200 : 404, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
    response.end(JSON.stringify(status))
  }).listen(statusPort, '127.0.0.1')

  async function readPositions(blockNumber: bigint): Promise<TrackedPosition[]> {
    const positions: TrackedPosition[] = []
    for (let offset = 0n; ; offset += PAGE) {
      const [page, total] = await client.readContract({ ...engine, functionName: 'getOpenPositions', args: [offset, PAGE], blockNumber })
      positions.push(...page.map((p) => ({ trader: p.trader, marketId: p.marketId, health: p.health, liquidatable: p.liquidatable })))
      if (offset + PAGE >= total) return positions
    }
  }

  async function send(label: string, request: Parameters<typeof wallet.writeContract>[0]) {
    const hash: Hash = await wallet.writeContract(request)
    const receipt = await client.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success') throw new Error(`${label} reverted in ${hash}`)
    return receipt
  }

  async function liquidate(positions: TrackedPosition[]) {
    for (const batch of liquidationBatches(positions, batchSize)) {
      const targets = batch.map(({ trader, marketId }) => ({ trader, marketId }))
      // Simulate first: another keeper may have been faster; then there is nothing to send.
      const { result: count } = await client.simulateContract({ ...liquidator, functionName: 'liquidateMany', args: [targets], account })
      if (count === 0n) continue
      const receipt = await send('liquidateMany', { ...liquidator, functionName: 'liquidateMany', args: [targets] } as never)
      status = { ...status, liquidated: status.liquidated + Number(count) }
      log.info('liquidated', { block: receipt.blockNumber, tx: receipt.transactionHash, count, targets: targets.map((t) => `${t.trader}:${t.marketId}`) })
    }
  }

  /** Starts the next round of a debt auction whose round ended unfilled (permissionless). */
  async function restartEndedAuction(blockNumber: bigint) {
    const state = await client.readContract({ ...auction, functionName: 'auctionState', blockNumber })
    if (state.active || state.remainingDeficit === 0n || state.roundStart === 0n) return
    const receipt = await send('restart', { ...auction, functionName: 'restart' } as never)
    log.info('auction restarted', { block: receipt.blockNumber, deficit: state.remainingDeficit, unfilledRounds: state.unfilledRounds + 1n })
  }

  /** Position events since the last block handled: what changed, for the log (the view is the truth). */
  async function logPositionEvents(fromBlock: bigint, toBlock: bigint) {
    const [opened, closed] = await Promise.all([
      client.getContractEvents({ ...engine, eventName: 'PositionOpened', fromBlock, toBlock }),
      client.getContractEvents({ ...engine, eventName: 'PositionClosed', fromBlock, toBlock }),
    ])
    if (opened.length + closed.length > 0) log.info('positions changed', { fromBlock, toBlock, opened: opened.length, closed: closed.length })
  }

  async function bidIfProfitable() {
    if (rptValue === null) return
    const state = await client.readContract({ ...auction, functionName: 'auctionState' })
    if (!state.active || state.remainingDeficit === 0n || state.priceNow > rptValue) return
    // Pays up to the whole deficit at no more than today's price (the keeper holds and approved tUSD).
    const receipt = await send('bid', { ...auction, functionName: 'bid', args: [state.remainingDeficit, state.priceNow] } as never)
    log.info('auction bid', { block: receipt.blockNumber, price: state.priceNow, deficit: state.remainingDeficit })
  }

  if (rptValue !== null)
    await send('approve', { address: deployment.contracts.TestUSD, abi: testUsdAbi, functionName: 'approve', args: [auction.address, maxUint256] } as never)
  const start = await client.getBlockNumber()
  log.info('started', { rpcUrl, account: account.address, fromBlock: start, batchSize })
  await runBlockLoop({
    startBlock: start,
    pollMs,
    log,
    getBlockNumber: () => client.getBlockNumber(),
    onBlocks: async (fromBlock, toBlock) => {
      try {
        await logPositionEvents(fromBlock, toBlock)
        const positions = await readPositions(toBlock)
        status = summarise(positions, status, toBlock)
        if (status.liquidatable > 0) log.info('liquidatable', { block: toBlock, count: status.liquidatable, tracked: status.positionsTracked })
        await liquidate(positions)
        await restartEndedAuction(toBlock)
        await bidIfProfitable()
      } catch (error) {
        status = { ...status, errors: status.errors + 1 }
        throw error
      }
    },
  })
}

main().catch((error) => {
  log.error('fatal', { error: error instanceof Error ? error.message : String(error) })
  process.exit(1)
})

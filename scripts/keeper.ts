/**
 * Keeper: follows the chain block by block, executes pending two-step requests (trade orders and
 * LP deposits/withdrawals, docs/two-step.md), tracks every open position, liquidates what is
 * liquidatable in batches, restarts a debt-auction round that ended unfilled, and bids on the
 * debt auction when its price is at or under what it values the governance token at.
 *
 * Requests (scripts/keeper/requests.ts, settle.ts): the pending set is rebuilt at start from the
 * request logs since the deploy block (kept when the stored `orderHash` / `requestHash` is still
 * set), then kept by each block range's `OrderRequested` / `OrderExecuted` / `OrderCancelled` and
 * `LpRequested` / `LpRequestExecuted` / `LpRequestCancelled` logs. Each block every pending
 * request's first qualifying observation is looked up (`findFirstQualifying`, batched through
 * Multicall3); the executable ones go in one `executeRequests` (LP first) and one `executeOrders`
 * batch per KEEPER_BATCH entries, expired ones are cancelled (`cancelExpired`). Once a request
 * has waited 3 s past its minDelay without an observation, the keeper asks the oracle to accept
 * the sources' latest data itself.
 *
 * Tracking is events only (scripts/keeper/follower.ts; the engine keeps no list of open positions,
 * which cost ~22k gas per open): the set of open positions is built from the logs since the
 * deploy block at start and after any failed block range (`PositionOpened`, `PositionClosed`, and
 * the LiquidationEngine's `Liquidated` with `full`, since a liquidation's full close emits no
 * `PositionClosed`), then kept by the events of each new block range; only the tracked positions'
 * health is read, with `getPosition` batched through Multicall3 (a tracked key found not open is
 * dropped with a warning). Health is read only where the move could have crossed a liquidation
 * price (band above) and in full every KEEPER_FULL_CHECK_BLOCKS blocks; a position its last read
 * already puts past its liquidation price at the block's price is sent before the reads and not
 * read. Liquidations (scripts/keeper/liquidationSender.ts): batches sized from the block gas limit,
 * several per block, signed here and sent together, nonces counted locally (a batch the node drops
 * is planned again and its nonce filled first), receipts collected on the next pass, a failed batch
 * planned again. Liquidations run in their own loop beside the rest (requests, fee claims, auction,
 * risk report), so a crash's pass never waits for a settle's receipt; the two share one send lock
 * (nonces). Any number of keepers can run, each may stop and start at any time:
 * nothing is saved, a (re)start rebuilds the set from the logs up to the current block.
 *
 * Network: the devnet by default; `--network <name>` (or RAMPART_NETWORK) serves networks/<name>.json's
 * chain and deployments/<chainId>.json, with the key from KEEPER_PRIVATE_KEY (required there;
 * NETWORK_RPC_URLS overrides the file's RPC URLs). scripts/network/target.ts.
 * Environment: RAMPART_RPC_URL (http://127.0.0.1:8545, the devnet's), KEEPER_PRIVATE_KEY (on the
 * devnet optional), KEEPER_INDEX (5: devnet account when no key is given),
 * KEEPER_BATCH (20 requests per executeOrders / executeRequests), KEEPER_LIQUIDATION_BATCH (at
 * most 200 positions per liquidateMany; fewer when the block gas limit asks),
 * KEEPER_TXS_PER_BLOCK (3: liquidation batches sized so that this many fit a block),
 * KEEPER_HEALTH_BAND_BP (100: health is read only for positions within 1 % plus the funding and
 * margin drift of their liquidation price, scripts/keeper/band.ts), KEEPER_FULL_CHECK_BLOCKS (20:
 * every position's health is read at least this often), KEEPER_READ_BATCH (100 getPosition calls per
 * multicall), KEEPER_POLL_MS (500), KEEPER_STATUS_PORT (8549), KEEPER_LOG_PASSES (1: a
 * `liquidation pass` line per liquidation pass with its timings; the bench sets it),
 * KEEPER_CLAIM_THRESHOLD (tUSD, decimal: the keeper claims the execution fees the router credited
 * to it once they reach this; default 5, ten devnet executions; 0 claims after every settle),
 * KEEPER_RPT_VALUE_WAD (USD per RPT, WAD: the keeper bids on a debt-auction round once its price
 * is at or under this, paying up to the deficit and the tUSD it holds; unset or empty: never bids;
 * `npm run dev` sets 2e18).
 * Risk: GET http://127.0.0.1:8549/risk.json → the risk console's figures at the last handled block
 * (liquidation map, forecast, stress ladder, exposure, histogram, liquidatable positions with
 * rewards, auction, oracles; scripts/keeper/riskJson.ts).
 * Status: GET http://127.0.0.1:8549/status → { positionsTracked, atRisk, liquidatable, liquidated,
 * lastBlock, errors, startedAt, account, lastScanBlock, lastLiquidationBlock, ordersExecuted,
 * ordersCancelled, lpExecuted, lpCancelled, pendingRequests, feesClaimable, feesClaimed, healthReads,
 * liquidationsInFlight }; block numbers
 * and token amounts
 * are decimal strings, `errors` counts failed attempts (RPC or handling), each retried.
 * Log: one JSON object per line (started, synced, positions changed,
 * tracked position not open, liquidatable, liquidated, liquidation dropped by the node, nonce gap
 * filled, liquidation not mined, orders settled, lp requests settled,
 * request expired, fees claimed, auction restarted, auction bid, retrying).
 */
import { createPublicClient, createWalletClient, http, maxUint256, parseEventLogs, parseUnits, type Hash } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { debtAuctionAbi, iOrderRouterAbi, testUsdAbi } from '../lib/contracts/generated'
import { withGasMargin } from '../lib/tx/gasMargin'
import { parseArgs } from 'node:util'
import { networkName, resolveTarget, serviceKey } from './network/target'
import { createPositionFollower } from './keeper/follower'
import { DEFAULT_BAND } from './keeper/band'
import { createLiquidationSender } from './keeper/liquidationSender'
import { auctionBid, initialStatus, shouldClaimFees, summarise, type TrackedPosition } from './keeper/plan'
import { keeperReads } from './keeper/reads'
import { createExposureFollower } from './keeper/exposureHistory'
import { readRiskJson } from './keeper/riskJson'
import { applyRequestEvents, type PendingRequests } from './keeper/requests'
import { createRequestSettler } from './keeper/settle'
import { createSendLock } from './keeper/sendLock'
import { runBlockLoop } from './service/blockLoop'
import { createLogger } from './service/log'
import { serveStatus } from './service/statusServer'

// `--network <name>` (or RAMPART_NETWORK): serve that network's deployment (scripts/network/target.ts)
const { values: cli } = parseArgs({ options: { network: { type: 'string' } } })
const batchSize = positiveInteger('KEEPER_BATCH', 20)
const liquidationBatchCap = positiveInteger('KEEPER_LIQUIDATION_BATCH', 200)
const txsPerBlock = positiveInteger('KEEPER_TXS_PER_BLOCK', 3)
const band = {
  bandWad: BigInt(positiveInteger('KEEPER_HEALTH_BAND_BP', Number(DEFAULT_BAND.bandWad / 10n ** 14n))) * 10n ** 14n,
  fullCheckBlocks: BigInt(positiveInteger('KEEPER_FULL_CHECK_BLOCKS', Number(DEFAULT_BAND.fullCheckBlocks))),
}
const readBatch = positiveInteger('KEEPER_READ_BATCH', 100)
const pollMs = positiveInteger('KEEPER_POLL_MS', 500)
const statusPort = Number(process.env.KEEPER_STATUS_PORT ?? 8549)
const logPasses = process.env.KEEPER_LOG_PASSES === '1'
const rptValue = process.env.KEEPER_RPT_VALUE_WAD ? BigInt(process.env.KEEPER_RPT_VALUE_WAD) : null
const claimThreshold = process.env.KEEPER_CLAIM_THRESHOLD ?? '5'
const log = createLogger('keeper')
/** A sent transaction's receipt not seen after this long fails the pass (retried), instead of viem's 3-minute wait. */
const RECEIPT_TIMEOUT_MS = 30_000

/** A setting that must be a whole number ≥ 1: a bad one stops the keeper at start, not every block. */
function positiveInteger(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1, not ${process.env[name]}`)
  return value
}

async function main() {
  const network = networkName(cli.network, process.env)
  // the key first: a network without KEEPER_PRIVATE_KEY stops here, before any connection
  const account = privateKeyToAccount(serviceKey('keeper', network, process.env))
  const { deployment, rpcUrl, chain } = await resolveTarget(network, process.env)
  const transport = http(rpcUrl, { retryCount: 2 })
  // viem's defaults for a chain without a block time poll receipts every 4 s and cache the block
  // number as long, which would make the keeper handle blocks four at a time.
  const client = createPublicClient({ chain, transport, pollingInterval: pollMs, cacheTime: 0 })
  const wallet = createWalletClient({ chain, transport, account })
  const auction = { address: deployment.contracts.DebtAuction, abi: debtAuctionAbi } as const
  const usd = { address: deployment.contracts.SettlementToken, abi: testUsdAbi } as const
  const tokenDecimals = Number(await client.readContract({ ...usd, functionName: 'decimals' }))
  const router = { address: deployment.contracts.OrderRouter, abi: iOrderRouterAbi } as const
  if (!/^\d+(\.\d+)?$/.test(claimThreshold)) throw new Error(`KEEPER_CLAIM_THRESHOLD must be a tUSD amount, not ${claimThreshold}`)
  const claimThresholdUnits = parseUnits(claimThreshold, tokenDecimals)
  const follower = createPositionFollower({ reads: keeperReads(client, deployment, { readBatch }), deployBlock: BigInt(deployment.deployBlock), log, band })
  // The two loops below send from this one account: one submission at a time (nonces).
  const sendLock = createSendLock()
  // The pass's signed batches go to the node in one JSON-RPC batch request.
  const batchClient = createPublicClient({ chain, transport: http(rpcUrl, { retryCount: 0, batch: { batchSize: 1_000 } }), cacheTime: 0 })
  const liquidations = createLiquidationSender({ client, wallet, account, liquidationEngine: deployment.contracts.LiquidationEngine, log, maxBatch: liquidationBatchCap, txsPerBlock, sendLock, batchClient })

  const settler = createRequestSettler({ client, wallet, account, deployment, log, batchSize, readBatch, sendLock, receiptTimeoutMs: RECEIPT_TIMEOUT_MS })
  // Pending requests; null: rebuild from the logs (at start and after a failed range).
  let pending: PendingRequests | null = null
  let status = initialStatus(account.address, new Date())
  // /risk.json: the risk console's figures at the last handled block (scripts/keeper/riskJson.ts)
  let riskJson: unknown = { pending: 'no block handled yet' }
  // The pool's delta over the last day for /risk.json, from the position events, range by range.
  const exposureFollower = createExposureFollower(client, deployment)
  await serveStatus(statusPort, () => status, { '/risk.json': () => riskJson })

  async function send(label: string, request: Parameters<typeof wallet.writeContract>[0]) {
    // With a margin over the estimate: a block that moves prices or funding can make the batch dearer.
    const gas = withGasMargin(await client.estimateContractGas({ ...request, account } as never))
    const hash: Hash = await sendLock(() => wallet.writeContract({ ...request, gas } as never))
    const receipt = await client.waitForTransactionReceipt({ hash, timeout: RECEIPT_TIMEOUT_MS })
    if (receipt.status !== 'success') throw new Error(`${label} reverted in ${hash}`)
    return receipt
  }

  /** Starts the next round of a debt auction whose round ended unfilled (permissionless). */
  async function restartEndedAuction(blockNumber: bigint) {
    const state = await client.readContract({ ...auction, functionName: 'auctionState', blockNumber })
    if (state.active || state.remainingDeficit === 0n || state.roundStart === 0n) return
    const receipt = await send('restart', { ...auction, functionName: 'restart' } as never)
    log.info('auction restarted', { block: receipt.blockNumber, deficit: state.remainingDeficit, unfilledRounds: state.unfilledRounds + 1n })
  }

  /**
   * The router pays executors by credit: reads this keeper's credit and claims it once it reaches
   * the threshold (one transaction now and then, not a transfer per execution).
   */
  async function claimFeesIfDue(blockNumber: bigint) {
    const claimable = await client.readContract({ ...router, functionName: 'claimable', args: [account.address], blockNumber })
    status = { ...status, feesClaimable: claimable.toString() }
    if (!shouldClaimFees(claimable, claimThresholdUnits)) return
    const receipt = await send('claim', { ...router, functionName: 'claim' } as never)
    const claimed = parseEventLogs({ abi: iOrderRouterAbi, logs: receipt.logs, eventName: 'Claimed' }).reduce((sum, e) => sum + e.args.amount, 0n)
    status = { ...status, feesClaimable: (claimable - claimed).toString(), feesClaimed: (BigInt(status.feesClaimed) + claimed).toString() }
    log.info('fees claimed', { block: receipt.blockNumber, tx: receipt.transactionHash, amount: claimed })
  }

  /** Bids on the debt auction when its price is at or under the keeper's RPT valuation. */
  async function bidIfProfitable() {
    if (rptValue === null) return
    const state = await client.readContract({ ...auction, functionName: 'auctionState' })
    const balance = await client.readContract({ ...usd, functionName: 'balanceOf', args: [account.address] })
    const bid = auctionBid(state, rptValue, tokenDecimals, balance)
    if (bid === null) {
      if (state.active && balance === 0n) log.warn('auction bid skipped: no tUSD', { deficit: state.remainingDeficit })
      return
    }
    const receipt = await send('bid', { ...auction, functionName: 'bid', args: [bid.payment, bid.maxPrice] } as never)
    log.info('auction bid', { block: receipt.blockNumber, price: bid.maxPrice, paid: bid.payment, deficit: state.remainingDeficit })
  }

  if (rptValue !== null) {
    const allowance = await client.readContract({ ...usd, functionName: 'allowance', args: [account.address, auction.address] })
    if (allowance < maxUint256 / 2n) await send('approve', { ...usd, functionName: 'approve', args: [auction.address, maxUint256] } as never)
  }
  const start = await client.getBlockNumber()
  log.info('started', { network: network ?? 'devnet', chainId: chain.id, rpcUrl, account: account.address, fromBlock: start, batchSize, readBatch })
  // The positions of the last liquidation pass, for the risk report of the other loop.
  let positions: TrackedPosition[] = []
  const getBlockNumber = () => client.getBlockNumber()
  // Two loops side by side: a crash is when the keeper's latency costs most, so the liquidation
  // pass (health reads, receipts, batches) never waits behind a settle's receipt, a fee claim or
  // the risk report, each of which took a second or more per block under load (docs/liquidation.md,
  // Throughput). Sends from both go through one lock (nonces).
  const liquidationLoop = runBlockLoop({
    startBlock: start,
    pollMs,
    log,
    getBlockNumber,
    onBlocks: async (fromBlock, toBlock) => {
      const startedAt = Date.now()
      try {
        // Receipts of the batches sent on earlier passes beside the reads: their positions are planned again if they failed.
        // The positions the last reads already put past their liquidation price at this block's
        // prices are sent while the health reads run (those read liquidatable follow below).
        let predicted: Promise<unknown> = Promise.resolve()
        let early = { positions: 0, sent: 0, ms: 0 }
        const onPredicted = (positions: TrackedPosition[]) => {
          predicted = liquidations.submit(positions, toBlock).then(
            (hashes) => (early = { positions: positions.length, sent: hashes.length, ms: Date.now() - startedAt }),
            (error) => log.warn('liquidation send failed', { block: toBlock, predicted: positions.length, error: error instanceof Error ? error.message.split('\n')[0] : String(error) }),
          )
        }
        liquidations.prefetch(toBlock)
        const [outcomes, read] = await Promise.all([liquidations.collect(toBlock), follower.update(fromBlock, toBlock, { onPredicted })])
        await predicted
        const readMs = Date.now() - startedAt
        const done = outcomes.flatMap((o) => o.liquidated)
        if (done.length > 0) {
          const last = outcomes.reduce((b, o) => (o.liquidated.length > 0 && o.blockNumber > b ? o.blockNumber : b), 0n)
          status = { ...status, liquidated: status.liquidated + done.length, lastLiquidationBlock: last.toString() }
        }
        status = {
          ...summarise(read, status, toBlock),
          lastScanBlock: follower.lastScanBlock()?.toString() ?? null,
          healthReads: follower.lastRead().read,
          liquidationsInFlight: liquidations.inFlight(),
        }
        if (status.liquidatable > 0) log.info('liquidatable', { block: toBlock, count: status.liquidatable, tracked: status.positionsTracked })
        // Sent, not awaited: the receipts are collected on the next pass (several batches per block).
        const sent = await liquidations.submit(read, toBlock)
        status = { ...status, liquidationsInFlight: liquidations.inFlight() }
        positions = read
        if (logPasses) log.info('liquidation pass', { fromBlock, toBlock, predicted: early, readMs, sendMs: Date.now() - startedAt - readMs, healthReads: status.healthReads, sent: sent.length })
      } catch (error) {
        // The range is retried; rather than trust events read around a failure, rebuild the set from the logs since the deploy block.
        follower.reset()
        throw error
      }
    },
    onError: () => (status = { ...status, errors: status.errors + 1 }),
  })
  const serviceLoop = runBlockLoop({
    startBlock: start,
    pollMs,
    log,
    getBlockNumber,
    onBlocks: async (fromBlock, toBlock) => {
      try {
        pending = pending === null ? await settler.reads.rebuild(toBlock) : applyRequestEvents(pending, await settler.reads.requestEvents(fromBlock, toBlock))
        const settled = await settler.settle(pending, toBlock)
        await claimFeesIfDue(toBlock)
        status = {
          ...status,
          ordersExecuted: status.ordersExecuted + settled.ordersExecuted,
          ordersCancelled: status.ordersCancelled + settled.ordersCancelled,
          lpExecuted: status.lpExecuted + settled.lpExecuted,
          lpCancelled: status.lpCancelled + settled.lpCancelled,
          pendingRequests: pending.orders.size + pending.lp.size,
        }
        await restartEndedAuction(toBlock)
        await bidIfProfitable()
        // Reporting only: a failed read keeps the previous report and never holds up the loop's work.
        riskJson = await exposureFollower
          .update(toBlock)
          .then((history) => readRiskJson(client, deployment, positions, toBlock, readBatch, history))
          .catch((error) => {
            log.warn('risk report failed', { block: toBlock, error: error instanceof Error ? error.message : String(error) })
            return riskJson
          })
      } catch (error) {
        // The range is retried; the pending set is rebuilt from the logs rather than trusted.
        pending = null
        throw error
      }
    },
    onError: () => (status = { ...status, errors: status.errors + 1 }),
  })
  await Promise.all([liquidationLoop, serviceLoop])
}

main().catch((error) => {
  log.error('fatal', { error: error instanceof Error ? error.message : String(error) })
  process.exit(1)
})

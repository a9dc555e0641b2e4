/** The keeper's reads for two-step requests: request logs, stored hashes and first qualifying observations. */
import type { PublicClient } from 'viem'
import { iLiquidityPoolAbi, iOracleAggregatorAbi, iOracleHistoryAbi, iOrderRouterAbi, riskConfigAbi } from '../../lib/contracts/generated'
import type { Deployment } from '../../lib/config/types'
import { chunk } from './chunk'
import { applyRequestEvents, emptyPending, keepStillPending, type PendingRequests, type QualifyingLookup, type RequestEvent } from './requests'

/** The chain at one block, as planning needs it. */
export type RequestContext = {
  blockNumber: bigint
  /** The block's timestamp. */
  now: bigint
  orderMinDelay: bigint
  lpMinDelay: bigint
  marketCount: number
  /** Per market id: the oracle status is Fresh now. */
  fresh: boolean[]
  /** Per market id: observations recorded so far (`observationCount`), the index of the next one. */
  observationCount: bigint[]
}

export type RequestReads = {
  /** Request, executed and cancelled logs of the router and the pool in `fromBlock`…`toBlock`. */
  requestEvents(fromBlock: bigint, toBlock: bigint): Promise<RequestEvent[]>
  /** Every pending request at `blockNumber`: the request logs since the deploy block, kept when the stored hash is still set. */
  rebuild(blockNumber: bigint): Promise<PendingRequests>
  context(blockNumber: bigint): Promise<RequestContext>
  /** `findFirstQualifying` for each (market, commitment, delay), batched through Multicall3; in order. */
  lookups(queries: readonly { marketId: bigint; createdAt: bigint; minDelay: bigint }[], blockNumber: bigint): Promise<QualifyingLookup[]>
}

const ZERO_HASH = `0x${'0'.repeat(64)}` as const

export function requestReads(client: PublicClient, deployment: Deployment, { readBatch }: { readBatch: number }): RequestReads {
  const router = { address: deployment.contracts.OrderRouter, abi: iOrderRouterAbi } as const
  const pool = { address: deployment.contracts.LiquidityPool, abi: iLiquidityPoolAbi } as const
  // The aggregator implements both IOracleAggregator and IOracleHistory.
  const history = { address: deployment.contracts.OracleAggregator, abi: iOracleHistoryAbi } as const
  const oracle = { address: deployment.contracts.OracleAggregator, abi: iOracleAggregatorAbi } as const
  const config = { address: deployment.contracts.RiskConfig, abi: riskConfigAbi } as const

  async function multicall<C>(contracts: readonly C[], blockNumber: bigint): Promise<unknown[]> {
    const batches = await Promise.all(
      chunk(contracts, readBatch).map((batch) =>
        // The deployment's own Multicall3 (viem's foundry chain has none); our chunks, not viem's byte-size ones.
        client.multicall({ multicallAddress: deployment.contracts.Multicall3, batchSize: 0, allowFailure: false, blockNumber, contracts: batch as never }),
      ),
    )
    return batches.flat() as unknown[]
  }

  async function requestEvents(fromBlock: bigint, toBlock: bigint): Promise<RequestEvent[]> {
    const range = { fromBlock, toBlock, strict: true } as const
    const [requested, executed, cancelled, lpRequested, lpExecuted, lpCancelled] = await Promise.all([
      client.getContractEvents({ ...router, eventName: 'OrderRequested', ...range }),
      client.getContractEvents({ ...router, eventName: 'OrderExecuted', ...range }),
      client.getContractEvents({ ...router, eventName: 'OrderCancelled', ...range }),
      client.getContractEvents({ ...pool, eventName: 'LpRequested', ...range }),
      client.getContractEvents({ ...pool, eventName: 'LpRequestExecuted', ...range }),
      client.getContractEvents({ ...pool, eventName: 'LpRequestCancelled', ...range }),
    ])
    const at = (log: { blockNumber: bigint; logIndex: number }) => ({ blockNumber: log.blockNumber, logIndex: log.logIndex })
    return [
      ...requested.map((l): RequestEvent => ({ kind: 'orderRequested', id: l.args.orderId, order: { ...l.args.order }, ...at(l) })),
      ...executed.map((l): RequestEvent => ({ kind: 'orderSettled', id: l.args.orderId, ...at(l) })),
      ...cancelled.map((l): RequestEvent => ({ kind: 'orderSettled', id: l.args.orderId, ...at(l) })),
      ...lpRequested.map((l): RequestEvent => ({ kind: 'lpRequested', id: l.args.requestId, request: { ...l.args.request }, ...at(l) })),
      ...lpExecuted.map((l): RequestEvent => ({ kind: 'lpSettled', id: l.args.requestId, ...at(l) })),
      ...lpCancelled.map((l): RequestEvent => ({ kind: 'lpSettled', id: l.args.requestId, ...at(l) })),
    ]
  }

  return {
    requestEvents,
    async rebuild(blockNumber) {
      const fromLogs = applyRequestEvents(emptyPending(), await requestEvents(BigInt(deployment.deployBlock), blockNumber))
      const orderIds = [...fromLogs.orders.keys()]
      const lpIds = [...fromLogs.lp.keys()]
      const hashes = (await multicall(
        [
          ...orderIds.map((id) => ({ ...router, functionName: 'orderHash', args: [id] }) as const),
          ...lpIds.map((id) => ({ ...pool, functionName: 'requestHash', args: [id] }) as const),
        ],
        blockNumber,
      )) as `0x${string}`[]
      const byId = (ids: bigint[], offset: number) => new Map(ids.map((id, i) => [id, hashes[offset + i] ?? ZERO_HASH]))
      return {
        orders: keepStillPending(fromLogs.orders, byId(orderIds, 0)),
        lp: keepStillPending(fromLogs.lp, byId(lpIds, orderIds.length)),
      }
    },
    async context(blockNumber) {
      const [block, orderMinDelay, lpMinDelay, marketCount] = await Promise.all([
        client.getBlock({ blockNumber }),
        client.readContract({ ...router, functionName: 'minDelay', blockNumber }),
        client.readContract({ ...pool, functionName: 'minDelay', blockNumber }),
        client.readContract({ ...config, functionName: 'marketCount', blockNumber }),
      ])
      const markets = Array.from({ length: Number(marketCount) }, (_, m) => BigInt(m))
      const reads = await multicall(
        markets.flatMap((m) => [
          { ...oracle, functionName: 'getOracleState', args: [m] } as const,
          { ...history, functionName: 'observationCount', args: [m] } as const,
        ]),
        blockNumber,
      )
      return {
        blockNumber,
        now: block.timestamp,
        orderMinDelay,
        lpMinDelay,
        marketCount: markets.length,
        fresh: markets.map((_, m) => (reads[2 * m] as { status: number }).status === 0),
        observationCount: markets.map((_, m) => reads[2 * m + 1] as bigint),
      }
    },
    async lookups(queries, blockNumber) {
      const results = (await multicall(
        queries.map(({ marketId, createdAt, minDelay }) => ({ ...history, functionName: 'findFirstQualifying', args: [marketId, createdAt, minDelay] }) as const),
        blockNumber,
      )) as readonly [boolean, bigint, boolean][]
      return results.map(([found, index, evicted]) => ({ found, index, evicted }))
    },
  }
}

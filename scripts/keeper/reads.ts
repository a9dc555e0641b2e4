/** The keeper's reads of the chain: the position events and batched health reads (the engine keeps no list of open positions). */
import { parseEventLogs, type PublicClient } from 'viem'
import { iPerpLensAbi, liquidationEngineAbi, multicall3Abi, perpEngineAbi } from '../../lib/contracts/generated'
import type { Deployment } from '../../lib/config/types'
import type { BandMarket } from './band'
import { chunk } from './chunk'
import type { TrackedPosition } from './plan'
import { keyId, positionEventsFromLogs, type PositionEvent, type PositionKey } from '../../lib/positions/openSet'

/** A tracked position's state at a block; `size` 0 means it is not open there. */
export type PositionRead = TrackedPosition & { size: bigint; entryPrice: bigint; collateral: bigint; fundingOwed: bigint; maintenanceMarginRatio: bigint }

/**
 * The position events of a block range: those that open or close a position, and every position
 * any engine or liquidation event names (`touched`: an increase, reduce, collateral change, funding
 * settlement or partial liquidation moves its liquidation price, so the band reads it again).
 */
export type PositionLogs = { events: PositionEvent[]; touched: PositionKey[] }

export type KeeperReads = {
  /** Events that opened, closed or changed a position in `fromBlock`…`toBlock`. */
  positionEvents(fromBlock: bigint, toBlock: bigint): Promise<PositionLogs>
  /** `getPosition` for each key at `blockNumber`, `readBatch` calls per Multicall3 call; in `keys` order. */
  positions(keys: readonly PositionKey[], blockNumber: bigint): Promise<PositionRead[]>
  /** Each market's price, oracle freshness, margin and funding at `blockNumber` (one Multicall3 call). */
  markets(marketIds: readonly bigint[], blockNumber: bigint): Promise<BandMarket[]>
  /** The engine's 10^(18 − token decimals). */
  scale(): Promise<bigint>
}

const positionAbi = [...perpEngineAbi, ...liquidationEngineAbi]

export function keeperReads(client: PublicClient, deployment: Deployment, { readBatch }: { readBatch: number }): KeeperReads {
  // Events come from the engine; views from the PerpLens (the engine keeps only raw getters since issue 10).
  const engine = { address: deployment.contracts.PerpEngine, abi: perpEngineAbi } as const
  const lens = { address: deployment.contracts.PerpLens, abi: iPerpLensAbi } as const
  const multicall3 = { address: deployment.contracts.Multicall3, abi: multicall3Abi } as const
  let scale: bigint | null = null

  return {
    async positionEvents(fromBlock, toBlock) {
      // One eth_getLogs for both contracts (was three, one per event): the range's every log, decoded here.
      const logs = await client.getLogs({ address: [deployment.contracts.PerpEngine, deployment.contracts.LiquidationEngine], fromBlock, toBlock })
      const decoded = parseEventLogs({ abi: positionAbi, logs, strict: true })
      type Keyed = (typeof decoded)[number] & { args: PositionKey; blockNumber: bigint; logIndex: number }
      const named = (name: string) => decoded.filter((l) => l.eventName === name) as unknown as Keyed[]
      const events = positionEventsFromLogs({
        opened: named('PositionOpened'),
        closed: named('PositionClosed'),
        liquidated: named('Liquidated') as unknown as (Keyed & { args: PositionKey & { full: boolean } })[],
      })
      const touched = new Map<string, PositionKey>()
      for (const l of decoded) {
        const args = l.args as Partial<PositionKey>
        if (typeof args.trader === 'string' && typeof args.marketId === 'bigint') touched.set(keyId(args as PositionKey), { trader: args.trader, marketId: args.marketId })
      }
      return { events, touched: [...touched.values()] }
    },

    async positions(keys, blockNumber) {
      const batches = await Promise.all(
        chunk(keys, readBatch).map((batch) =>
          client.multicall({
            // The deployment's own Multicall3 (viem's foundry chain has none); our chunks, not viem's byte-size ones.
            multicallAddress: deployment.contracts.Multicall3,
            batchSize: 0,
            allowFailure: false,
            blockNumber,
            contracts: batch.map(({ trader, marketId }) => ({ ...lens, functionName: 'getPosition', args: [trader, marketId] }) as const),
          }),
        ),
      )
      return batches.flat().map((p) => ({
        trader: p.trader,
        marketId: p.marketId,
        health: p.health,
        liquidatable: p.liquidatable,
        size: p.size,
        entryPrice: p.entryPrice,
        collateral: p.collateral,
        fundingOwed: p.fundingOwed,
        maintenanceMarginRatio: p.maintenanceMarginRatio,
      }))
    },

    async markets(marketIds, blockNumber) {
      const results = await client.multicall({
        multicallAddress: deployment.contracts.Multicall3,
        batchSize: 0,
        allowFailure: false,
        blockNumber,
        contracts: [{ ...multicall3, functionName: 'getCurrentBlockTimestamp' }, ...marketIds.map((id) => ({ ...lens, functionName: 'getMarket', args: [id] }))] as never,
      })
      const [time, ...views] = results as unknown as [bigint, ...{ marketId: bigint; price: bigint; oracleStatus: number; currentMaintenanceMargin: bigint; fundingIndex: bigint; fundingRatePerSecond: bigint }[]]
      return views.map((m) => ({
        marketId: m.marketId,
        price: m.price,
        // OracleStatus: 0 fresh (1 guarded, 2 stale: the exit price is then not the accepted price)
        fresh: Number(m.oracleStatus) === 0,
        mm: m.currentMaintenanceMargin,
        fundingIndex: m.fundingIndex,
        fundingRate: m.fundingRatePerSecond,
        time,
      }))
    },

    async scale() {
      if (scale === null) scale = (await client.readContract({ ...engine, functionName: 'scale' })) as bigint
      return scale
    },
  }
}

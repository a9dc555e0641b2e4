/** The keeper's reads of the chain: the position events and batched health reads (the engine keeps no list of open positions). */
import type { PublicClient } from 'viem'
import { iPerpLensAbi, liquidationEngineAbi, perpEngineAbi } from '../../lib/contracts/generated'
import type { Deployment } from '../../lib/config/types'
import { chunk } from './chunk'
import type { TrackedPosition } from './plan'
import { positionEventsFromLogs, type PositionEvent, type PositionKey } from '../../lib/positions/openSet'

/** A tracked position's state at a block; `size` 0 means it is not open there. */
export type PositionRead = TrackedPosition & { size: bigint }

export type KeeperReads = {
  /** Events that opened or closed a position in `fromBlock`…`toBlock`. */
  positionEvents(fromBlock: bigint, toBlock: bigint): Promise<PositionEvent[]>
  /** `getPosition` for each key at `blockNumber`, `readBatch` calls per Multicall3 call; in `keys` order. */
  positions(keys: readonly PositionKey[], blockNumber: bigint): Promise<PositionRead[]>
}

export function keeperReads(client: PublicClient, deployment: Deployment, { readBatch }: { readBatch: number }): KeeperReads {
  // Events come from the engine; views from the PerpLens (the engine keeps only raw getters since issue 10).
  const engine = { address: deployment.contracts.PerpEngine, abi: perpEngineAbi } as const
  const lens = { address: deployment.contracts.PerpLens, abi: iPerpLensAbi } as const
  const liquidator = { address: deployment.contracts.LiquidationEngine, abi: liquidationEngineAbi } as const
  const reduce = (p: { trader: `0x${string}`; marketId: bigint; health: bigint; liquidatable: boolean }): TrackedPosition => ({
    trader: p.trader,
    marketId: p.marketId,
    health: p.health,
    liquidatable: p.liquidatable,
  })

  return {
    async positionEvents(fromBlock, toBlock) {
      const range = { fromBlock, toBlock, strict: true } as const
      const [opened, closed, liquidated] = await Promise.all([
        client.getContractEvents({ ...engine, eventName: 'PositionOpened', ...range }),
        client.getContractEvents({ ...engine, eventName: 'PositionClosed', ...range }),
        client.getContractEvents({ ...liquidator, eventName: 'Liquidated', ...range }),
      ])
      return positionEventsFromLogs({ opened, closed, liquidated })
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
      return batches.flat().map((p) => ({ ...reduce(p), size: p.size }))
    },
  }
}

'use client'

import { useReadContracts } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { iPerpLensAbi } from '@/lib/contracts/abi/IPerpLens'
import { useBlockSnapshot } from './useBlockSnapshot'
import { logsCurrent, useOpenPositionKeys } from './useOpenPositionKeys'

/**
 * Open positions across all traders and markets, with their full risk state, each block: the
 * keys from the position logs (`useOpenPositionKeys`), their views in one `getPositions` call.
 * `complete` is false while the logs trail the snapshot's block by more than the block that just
 * arrived (then positions opened since may be missing).
 */
export function useOpenPositions() {
  const deployment = useDeployment()
  const { keys, toBlock } = useOpenPositionKeys()
  const snapshot = useBlockSnapshot({ enabled: keys !== undefined })
  // useReadContracts (viem's multicall batcher), so that it joins the block's one multicall
  const { data: read } = useReadContracts({
    contracts: [{ address: deployment.contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getPositions', args: [keys ?? []] }],
    allowFailure: false,
    ...snapshot,
  })
  const data = read?.[0]
  // A key closed since the logs were read reads as size 0 at the snapshot's block.
  const positions = data?.filter((p) => p.size !== 0n)
  const complete = logsCurrent(toBlock, snapshot.blockNumber)
  return { positions, total: positions?.length, complete, blockNumber: snapshot.blockNumber }
}

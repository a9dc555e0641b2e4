'use client'

import { useReadContracts } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { iPerpLensAbi } from '@/lib/contracts/abi/IPerpLens'
import { riskConfigAbi } from '@/lib/contracts/abi/RiskConfig'
import { useBlockSnapshot } from './useBlockSnapshot'

/** Every listed market's full state (`PerpLens.getMarket`), re-read in one batch at each block. */
export function useMarkets() {
  const deployment = useDeployment()
  const snapshot = useBlockSnapshot()
  // useReadContracts, not useReadContract: viem batches the two kinds separately, and this read
  // must join the block's one multicall.
  const { data: countRead } = useReadContracts({
    contracts: [{ address: deployment.contracts.RiskConfig, abi: riskConfigAbi, functionName: 'marketCount' }],
    allowFailure: false,
    ...snapshot,
  })
  const count = countRead?.[0]
  const ids = Array.from({ length: Number(count ?? 0n) }, (_, i) => BigInt(i))
  const markets = useReadContracts({
    contracts: ids.map((id) => ({ address: deployment.contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getMarket', args: [id] }) as const),
    allowFailure: false,
    blockNumber: snapshot.blockNumber,
    query: { ...snapshot.query, enabled: snapshot.query.enabled && ids.length > 0 },
  })
  return { markets: markets.data, isLoading: markets.isLoading, blockNumber: snapshot.blockNumber }
}

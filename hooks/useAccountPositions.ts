'use client'

import { zeroAddress, type ContractFunctionReturnType } from 'viem'
import { useAccount, useReadContracts } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { iPerpLensAbi } from '@/lib/contracts/abi/IPerpLens'
import { multicall3Abi } from '@/lib/contracts/abi/Multicall3'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'
import { useBlockSnapshot } from './useBlockSnapshot'

export type PositionView = ContractFunctionReturnType<typeof iPerpLensAbi, 'view', 'getPosition'>
export type MarketView = ContractFunctionReturnType<typeof iPerpLensAbi, 'view', 'getMarket'>

/**
 * The connected account's position and the market state in every listed market, its wallet's
 * settlement-token balance (the account summary's free collateral) and the block's time (for its
 * requests' expiries), one batch per block. Every caller (the portfolio, the header's account
 * summary) shares the one read (same query key).
 */
export function useAccountPositions() {
  const deployment = useDeployment()
  const { address } = useAccount()
  const ids = Object.values(deployment.markets).map(BigInt)
  const snapshot = useBlockSnapshot({ enabled: !!address })
  const engine = { address: deployment.contracts.PerpLens, abi: iPerpLensAbi } as const
  const { data } = useReadContracts({
    contracts: [
      ...ids.flatMap((id) => [
        { ...engine, functionName: 'getPosition', args: [address ?? zeroAddress, id] } as const,
        { ...engine, functionName: 'getMarket', args: [id] } as const,
      ]),
      { address: deployment.contracts.SettlementToken, abi: testUsdAbi, functionName: 'balanceOf', args: [address ?? zeroAddress] } as const,
      { address: deployment.contracts.Multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' } as const,
    ],
    allowFailure: false,
    ...snapshot,
  })
  if (!data || !address) return { rows: undefined, timestamp: undefined, balance: undefined, blockNumber: undefined }
  const timestamp = data[data.length - 1] as bigint
  const balance = data[data.length - 2] as bigint
  const rows = ids
    .map((_, i) => ({ position: data[2 * i] as PositionView, market: data[2 * i + 1] as MarketView }))
    .filter((row) => row.position.size !== 0n)
  return { rows, timestamp, balance, blockNumber: snapshot.blockNumber }
}

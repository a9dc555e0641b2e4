'use client'

import { zeroAddress, type ContractFunctionParameters, type ContractFunctionReturnType } from 'viem'
import { useAccount, useReadContract, useReadContracts } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { iLiquidityPoolAbi } from '@/lib/contracts/abi/ILiquidityPool'
import { iPerpLensAbi } from '@/lib/contracts/abi/IPerpLens'
import { liquidityPoolAbi } from '@/lib/contracts/abi/LiquidityPool'
import { multicall3Abi } from '@/lib/contracts/abi/Multicall3'
import { perpEngineAbi } from '@/lib/contracts/abi/PerpEngine'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'
import { convertToAssets, POOL_PRICE_PROBE, type PoolValueView } from '@/lib/pool/poolValue'
import { useBlockSnapshot } from './useBlockSnapshot'

type MarketView = ContractFunctionReturnType<typeof iPerpLensAbi, 'view', 'getMarket'>

export type PoolSnapshot = {
  blockNumber: bigint | undefined
  /** The block's time: holding times and expiries count in it. */
  timestamp: bigint
  poolValue: PoolValueView
  totalSupply: bigint
  shareDecimals: number
  tokenDecimals: number
  /** `convertToAssets(10^shareDecimals)`: one whole share in token units. */
  oneShareAssets: bigint
  /** `convertToAssets(POOL_PRICE_PROBE)`: the share price, precisely. */
  probeAssets: bigint
  withdrawable: bigint
  terms: { minDelay: bigint; maxRequestAge: bigint; executionFee: bigint; minHoldTime: bigint; maxPnlFraction: bigint }
  escrowedShares: bigint
  markets: MarketView[]
  /** Undefined without a connected wallet. */
  account?: { shares: bigint; sharesValue: bigint; unlockTime: bigint; balance: bigint; allowance: bigint }
}

/**
 * Everything the pool page shows, in ONE multicall per block: the marked value and its parts, the
 * share price, the request terms, every market's open interest and cap (through the lens), and the
 * connected LP's shares, their value, unlock time and wallet.
 */
export function usePoolSnapshot(): { snapshot?: PoolSnapshot; isError: boolean } {
  const deployment = useDeployment()
  const { address } = useAccount()
  const account = address ?? zeroAddress
  const { contracts: c } = deployment
  const pool = { address: c.LiquidityPool, abi: iLiquidityPoolAbi } as const
  const vault = { address: c.LiquidityPool, abi: liquidityPoolAbi } as const
  const token = { address: c.SettlementToken, abi: testUsdAbi } as const
  const lens = { address: c.PerpLens, abi: iPerpLensAbi } as const
  // Share decimals never change: read once, then the per-block batch can ask for one whole share.
  const { data: shareDecimals } = useReadContract({ ...vault, functionName: 'decimals', query: { staleTime: Infinity } })
  const oneShare = 10n ** BigInt(shareDecimals ?? 0)
  const ids = Object.values(deployment.markets).map(BigInt).sort((a, b) => (a < b ? -1 : 1))
  const snapshot = useBlockSnapshot({ enabled: shareDecimals !== undefined })
  const fixed = [
      { ...pool, functionName: 'poolValue' },
      { ...vault, functionName: 'totalSupply' },
      { ...token, functionName: 'decimals' },
      { ...vault, functionName: 'convertToAssets', args: [oneShare] },
      { ...vault, functionName: 'convertToAssets', args: [POOL_PRICE_PROBE] },
      { address: c.PerpEngine, abi: perpEngineAbi, functionName: 'withdrawablePoolAssets' },
      { ...pool, functionName: 'minDelay' },
      { ...pool, functionName: 'maxRequestAge' },
      { ...pool, functionName: 'executionFee' },
      { ...pool, functionName: 'minHoldTime' },
      { ...pool, functionName: 'maxPnlFraction' },
      { ...pool, functionName: 'escrowedShares' },
      { address: c.Multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' },
      { ...vault, functionName: 'balanceOf', args: [account] },
      { ...pool, functionName: 'unlockTime', args: [account] },
      { ...token, functionName: 'balanceOf', args: [account] },
      { ...token, functionName: 'allowance', args: [account, c.LiquidityPool] },
  ] as const
  const markets = ids.map((id) => ({ ...lens, functionName: 'getMarket', args: [id] }) as const)
  // One heterogeneous batch: typed per call above, decoded by position below.
  const contracts: readonly ContractFunctionParameters[] = [...fixed, ...markets]
  const { data, isError } = useReadContracts({ contracts, allowFailure: false, ...snapshot })
  if (!data || shareDecimals === undefined) return { isError }
  const values = data as readonly unknown[]
  const [poolValue, totalSupply, tokenDecimals, oneShareAssets, probeAssets, withdrawable, minDelay, maxRequestAge, executionFee, minHoldTime, maxPnlFraction, escrowedShares, timestamp, shares, unlockTime, balance, allowance] =
    values.slice(0, fixed.length) as [PoolValueView, bigint, number, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint]
  const marketViews = values.slice(fixed.length) as MarketView[]
  // convertToAssets(shares) exactly as the pool computes it (totalAssets is the marked value).
  const sharesValue = convertToAssets(shares, poolValue.value, totalSupply, shareDecimals - tokenDecimals)
  return {
    isError,
    snapshot: {
      blockNumber: snapshot.blockNumber,
      timestamp,
      poolValue,
      totalSupply,
      shareDecimals,
      tokenDecimals,
      oneShareAssets,
      probeAssets,
      withdrawable,
      terms: { minDelay, maxRequestAge, executionFee, minHoldTime, maxPnlFraction },
      escrowedShares,
      markets: marketViews,
      account: address ? { shares, sharesValue, unlockTime, balance, allowance } : undefined,
    },
  }
}

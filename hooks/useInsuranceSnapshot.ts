'use client'

import { useEffect, useState } from 'react'
import { zeroAddress, type ContractFunctionParameters, type ContractFunctionReturnType } from 'viem'
import { useAccount, useReadContracts } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { iPerpLensAbi } from '@/lib/contracts/abi/IPerpLens'
import { insuranceFundAbi } from '@/lib/contracts/abi/InsuranceFund'
import { multicall3Abi } from '@/lib/contracts/abi/Multicall3'
import { riskConfigAbi } from '@/lib/contracts/abi/RiskConfig'
import { stakingVaultAbi } from '@/lib/contracts/abi/StakingVault'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'
import { SHARE_PRICE_PROBE } from '@/lib/staking/yield'
import { useBlockSnapshot } from './useBlockSnapshot'
import { logsCurrent, useOpenPositionKeys } from './useOpenPositionKeys'

export type FundState = ContractFunctionReturnType<typeof insuranceFundAbi, 'view', 'fundState'>
export type WaterfallTotals = ContractFunctionReturnType<typeof insuranceFundAbi, 'view', 'waterfallTotals'>
type MarketView = ContractFunctionReturnType<typeof iPerpLensAbi, 'view', 'getMarket'>
type PositionViews = ContractFunctionReturnType<typeof iPerpLensAbi, 'view', 'getPositions'>
type PositionView = PositionViews[number]

export type InsuranceSnapshot = {
  blockNumber: bigint | undefined
  /** The snapshot block's timestamp: the "now" of cooldowns and yields (a devnet's clock may be warped). */
  timestamp: bigint
  fund: FundState
  totals: WaterfallTotals
  /** `convertToAssets(SHARE_PRICE_PROBE)`: the share price, precisely, for the yield. */
  probeAssets: bigint
  shareDecimals: number
  tokenDecimals: number
  /** What the connected account may take out now (0 outside its unstake window). */
  maxRedeem: bigint
  maxWithdraw: bigint
  /** Undefined without a connected wallet. */
  balance: bigint | undefined
  allowance: bigint | undefined
  markets: MarketView[]
  positions: PositionView[]
  /** False for the block or two after a market is listed, or while the position logs trail the snapshot's block (by more than the block that just arrived). */
  coverageComplete: boolean
}

/**
 * Everything the insurance page shows, in ONE multicall per block: the fund and the staking vault
 * (with the connected account's stake and cooldown), the loss-waterfall totals, the account's
 * wallet, every market and every open position (for open interest and the stress loss).
 */
export function useInsuranceSnapshot(): { snapshot?: InsuranceSnapshot; isError: boolean } {
  const deployment = useDeployment()
  const { address } = useAccount()
  const account = address ?? zeroAddress
  const { contracts: c } = deployment
  // How many markets to batch, from the previous snapshot (at first, the deploy's market list): a
  // newly listed market joins at the next block.
  const [shape, setShape] = useState({ markets: Object.keys(deployment.markets).length })
  // The open positions' keys from the position logs (the engine keeps no list), read in one call.
  const { keys, toBlock: keysToBlock } = useOpenPositionKeys()
  const fund = { address: c.InsuranceFund, abi: insuranceFundAbi } as const
  const vault = { address: c.StakingVault, abi: stakingVaultAbi } as const
  const token = { address: c.SettlementToken, abi: testUsdAbi } as const
  const lens = { address: c.PerpLens, abi: iPerpLensAbi } as const
  const fixed = [
    { ...fund, functionName: 'fundState', args: [account] },
    { ...fund, functionName: 'waterfallTotals' },
    { ...vault, functionName: 'convertToAssets', args: [SHARE_PRICE_PROBE] },
    { ...vault, functionName: 'decimals' },
    { ...vault, functionName: 'maxRedeem', args: [account] },
    { ...vault, functionName: 'maxWithdraw', args: [account] },
    { ...token, functionName: 'decimals' },
    { ...token, functionName: 'balanceOf', args: [account] },
    { ...token, functionName: 'allowance', args: [account, c.StakingVault] },
    { address: c.Multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' },
    { address: c.RiskConfig, abi: riskConfigAbi, functionName: 'marketCount' },
  ] as const
  const markets = Array.from({ length: shape.markets }, (_, id) => ({ ...lens, functionName: 'getMarket', args: [BigInt(id)] }) as const)
  const positions = { ...lens, functionName: 'getPositions', args: [keys ?? []] } as const
  const blockSnapshot = useBlockSnapshot({ enabled: keys !== undefined })
  // One heterogeneous batch: typed per call above, decoded by position below.
  const contracts: readonly ContractFunctionParameters[] = [...fixed, ...markets, positions]
  const { data, isError } = useReadContracts({ contracts, allowFailure: false, ...blockSnapshot })

  const decoded = data ? decode(data as readonly unknown[], fixed.length) : undefined
  const wanted = decoded?.marketCount
  useEffect(() => {
    if (wanted !== undefined && wanted !== shape.markets) setShape({ markets: wanted })
  }, [wanted]) // eslint-disable-line react-hooks/exhaustive-deps

  if (!decoded) return { isError }
  const { marketCount, ...rest } = decoded
  const logsCaughtUp = logsCurrent(keysToBlock, blockSnapshot.blockNumber)
  return {
    isError,
    snapshot: {
      ...rest,
      blockNumber: blockSnapshot.blockNumber,
      balance: address ? rest.balance : undefined,
      allowance: address ? rest.allowance : undefined,
      coverageComplete: rest.markets.length === marketCount && logsCaughtUp,
    },
  }
}

/**
 * Splits the batch's results. Markets and the positions are told apart by shape (the positions
 * are an array), not by the current request's counts: while the next shape loads, the previous
 * block's data, with the previous counts, stays on screen. Keys closed since the logs were read
 * read as size 0 at the snapshot's block and are left out.
 */
function decode(data: readonly unknown[], fixedCount: number) {
  const [fund, totals, probeAssets, shareDecimals, maxRedeem, maxWithdraw, tokenDecimals, balance, allowance, timestamp, marketCount] =
    data.slice(0, fixedCount) as [FundState, WaterfallTotals, bigint, number, bigint, bigint, number, bigint, bigint, bigint, bigint]
  const extras = data.slice(fixedCount)
  const views = extras.filter((item): item is PositionViews => Array.isArray(item))
  const markets = extras.filter((item): item is MarketView => !Array.isArray(item))
  return {
    timestamp,
    fund,
    totals,
    probeAssets,
    shareDecimals,
    tokenDecimals,
    maxRedeem,
    maxWithdraw,
    balance,
    allowance,
    markets,
    positions: views.flat().filter((p) => p.size !== 0n),
    marketCount: Number(marketCount),
  }
}

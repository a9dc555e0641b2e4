'use client'

import { useEffect, useState } from 'react'
import { zeroAddress, type ContractFunctionParameters, type ContractFunctionReturnType } from 'viem'
import { useAccount, useReadContracts } from 'wagmi'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import { iPerpLensAbi, insuranceFundAbi, multicall3Abi, riskConfigAbi, stakingVaultAbi, testUsdAbi } from '@/lib/contracts/generated'
import { SHARE_PRICE_PROBE } from '@/lib/staking/yield'
import { useBlockSnapshot } from './useBlockSnapshot'

export type FundState = ContractFunctionReturnType<typeof insuranceFundAbi, 'view', 'fundState'>
export type WaterfallTotals = ContractFunctionReturnType<typeof insuranceFundAbi, 'view', 'waterfallTotals'>
type MarketView = ContractFunctionReturnType<typeof iPerpLensAbi, 'view', 'getMarket'>
type OpenPositionsPage = ContractFunctionReturnType<typeof iPerpLensAbi, 'view', 'getOpenPositions'>
type PositionView = OpenPositionsPage[0][number]

/** Positions per `getOpenPositions` call (the engine pages its enumeration). */
const POSITIONS_PAGE_SIZE = 100n

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
  /** False for the block or two after a market is listed or a page of positions is added (read from the next block). */
  coverageComplete: boolean
}

/**
 * Everything the insurance page shows, in ONE multicall per block: the fund and the staking vault
 * (with the connected account's stake and cooldown), the loss-waterfall totals, the account's
 * wallet, every market and every open position (for open interest and the stress loss).
 */
export function useInsuranceSnapshot(): { snapshot?: InsuranceSnapshot; isError: boolean } {
  const { deployment } = useAppConfig()
  const { address } = useAccount()
  const account = address ?? zeroAddress
  const { contracts: c } = deployment
  // How many markets and position pages to batch, from the previous snapshot (at first, the
  // deploy's market list): a newly listed market or the 101st position joins at the next block.
  const [shape, setShape] = useState({ markets: Object.keys(deployment.markets).length, positionPages: 1 })
  const fund = { address: c.InsuranceFund, abi: insuranceFundAbi } as const
  const vault = { address: c.StakingVault, abi: stakingVaultAbi } as const
  const token = { address: c.TestUSD, abi: testUsdAbi } as const
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
  const pages = Array.from(
    { length: shape.positionPages },
    (_, page) => ({ ...lens, functionName: 'getOpenPositions', args: [BigInt(page) * POSITIONS_PAGE_SIZE, POSITIONS_PAGE_SIZE] }) as const,
  )
  const blockSnapshot = useBlockSnapshot()
  // One heterogeneous batch: typed per call above, decoded by position below.
  const contracts: readonly ContractFunctionParameters[] = [...fixed, ...markets, ...pages]
  const { data, isError } = useReadContracts({ contracts, allowFailure: false, ...blockSnapshot })

  const decoded = data ? decode(data as readonly unknown[], fixed.length) : undefined
  const wanted = decoded && { markets: decoded.marketCount, positionPages: Math.max(1, Math.ceil(decoded.positionCount / Number(POSITIONS_PAGE_SIZE))) }
  useEffect(() => {
    if (wanted && (wanted.markets !== shape.markets || wanted.positionPages !== shape.positionPages)) setShape(wanted)
  }, [wanted?.markets, wanted?.positionPages]) // eslint-disable-line react-hooks/exhaustive-deps

  if (!decoded) return { isError }
  const { marketCount, positionCount, ...rest } = decoded
  return {
    isError,
    snapshot: {
      ...rest,
      blockNumber: blockSnapshot.blockNumber,
      balance: address ? rest.balance : undefined,
      allowance: address ? rest.allowance : undefined,
      coverageComplete: rest.markets.length === marketCount && rest.positions.length === positionCount,
    },
  }
}

/**
 * Splits the batch's results. Markets and pages are told apart by shape (a page is the
 * `[positions, total]` pair), not by the current request's counts: while the next shape loads,
 * the previous block's data, with the previous counts, stays on screen.
 */
function decode(data: readonly unknown[], fixedCount: number) {
  const [fund, totals, probeAssets, shareDecimals, maxRedeem, maxWithdraw, tokenDecimals, balance, allowance, timestamp, marketCount] =
    data.slice(0, fixedCount) as [FundState, WaterfallTotals, bigint, number, bigint, bigint, number, bigint, bigint, bigint, bigint]
  const extras = data.slice(fixedCount)
  const pages = extras.filter((item): item is OpenPositionsPage => Array.isArray(item))
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
    positions: pages.flatMap(([positions]) => positions),
    marketCount: Number(marketCount),
    positionCount: Number(pages[0]?.[1] ?? 0n),
  }
}

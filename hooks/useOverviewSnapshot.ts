'use client'

import { zeroAddress, type ContractFunctionParameters, type ContractFunctionReturnType } from 'viem'
import { useAccount, useReadContracts } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { iLiquidityPoolAbi } from '@/lib/contracts/abi/ILiquidityPool'
import { iPerpLensAbi } from '@/lib/contracts/abi/IPerpLens'
import { insuranceFundAbi } from '@/lib/contracts/abi/InsuranceFund'
import { multicall3Abi } from '@/lib/contracts/abi/Multicall3'
import { rampartGovernorAbi } from '@/lib/contracts/abi/RampartGovernor'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'
import { useBlockSnapshot } from './useBlockSnapshot'

type MarketView = ContractFunctionReturnType<typeof iPerpLensAbi, 'view', 'getMarket'>
type PoolValue = ContractFunctionReturnType<typeof iLiquidityPoolAbi, 'view', 'poolValue'>
type FundState = ContractFunctionReturnType<typeof insuranceFundAbi, 'view', 'fundState'>
type WaterfallTotals = ContractFunctionReturnType<typeof insuranceFundAbi, 'view', 'waterfallTotals'>

export type OverviewProposal = { id: bigint; state: number; deadline: bigint; votes: { against: bigint; for: bigint; abstain: bigint } }

/**
 * Everything the overview shows at the newest block, in ONE multicall: the pool's marked value,
 * every listed market (open interest, price), the insurance fund and the waterfall totals, the
 * settlement token (supply; the connected wallet's balance) and, for each proposal id the feed's
 * logs found, its state, deadline and votes.
 */
export function useOverviewSnapshot(proposalIds: readonly bigint[]) {
  const deployment = useDeployment()
  const { address } = useAccount()
  const { contracts: c } = deployment
  const marketIds = Object.values(deployment.markets).map(BigInt)
  const governor = c.RampartGovernor ? ({ address: c.RampartGovernor, abi: rampartGovernorAbi } as const) : undefined
  const token = { address: c.SettlementToken, abi: testUsdAbi } as const
  const fixed = [
    { address: c.LiquidityPool, abi: iLiquidityPoolAbi, functionName: 'poolValue' },
    { address: c.InsuranceFund, abi: insuranceFundAbi, functionName: 'fundState', args: [zeroAddress] },
    { address: c.InsuranceFund, abi: insuranceFundAbi, functionName: 'waterfallTotals' },
    { ...token, functionName: 'decimals' },
    { ...token, functionName: 'totalSupply' },
    { ...token, functionName: 'balanceOf', args: [address ?? zeroAddress] },
    { address: c.Multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' },
  ] as const
  const markets = marketIds.map((id) => ({ address: c.PerpLens, abi: iPerpLensAbi, functionName: 'getMarket', args: [id] }) as const)
  const proposals = governor
    ? proposalIds.flatMap((id) => [
        { ...governor, functionName: 'state', args: [id] } as const,
        { ...governor, functionName: 'proposalDeadline', args: [id] } as const,
        { ...governor, functionName: 'proposalVotes', args: [id] } as const,
      ])
    : []
  const blockSnapshot = useBlockSnapshot({ enabled: !!c.InsuranceFund })
  const contracts: readonly ContractFunctionParameters[] = [...fixed, ...markets, ...proposals]
  const { data, isError } = useReadContracts({ contracts, allowFailure: false, ...blockSnapshot })
  if (!data) return { isError }
  const [pool, fund, totals, decimals, totalSupply, balance, timestamp] = data.slice(0, fixed.length) as [PoolValue, FundState, WaterfallTotals, number, bigint, bigint, bigint]
  const marketViews = data.slice(fixed.length, fixed.length + markets.length) as MarketView[]
  const proposalReads = data.slice(fixed.length + markets.length)
  // While the next proposal list loads, the previous block's data (fewer proposals) stays on screen.
  const readProposals: OverviewProposal[] = []
  for (let i = 0; i + 2 < proposalReads.length && i / 3 < proposalIds.length; i += 3) {
    const [against, forVotes, abstain] = proposalReads[i + 2] as readonly [bigint, bigint, bigint]
    readProposals.push({ id: proposalIds[i / 3]!, state: Number(proposalReads[i]), deadline: proposalReads[i + 1] as bigint, votes: { against, for: forVotes, abstain } })
  }
  return {
    isError,
    snapshot: {
      blockNumber: blockSnapshot.blockNumber,
      timestamp,
      pool,
      fund,
      totals,
      decimals,
      totalSupply,
      balance: address ? balance : undefined,
      markets: marketViews,
      proposals: readProposals,
    },
  }
}

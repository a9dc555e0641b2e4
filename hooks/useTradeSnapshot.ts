'use client'

import { zeroAddress } from 'viem'
import { useAccount, useReadContracts } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { iLiquidityPoolAbi } from '@/lib/contracts/abi/ILiquidityPool'
import { iOrderRouterAbi } from '@/lib/contracts/abi/IOrderRouter'
import { iPerpLensAbi } from '@/lib/contracts/abi/IPerpLens'
import { multicall3Abi } from '@/lib/contracts/abi/Multicall3'
import { oracleAggregatorAbi } from '@/lib/contracts/abi/OracleAggregator'
import { riskConfigAbi } from '@/lib/contracts/abi/RiskConfig'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'
import { scaleFor, toTradeMarket } from '@/lib/risk'
import { useBlockSnapshot } from './useBlockSnapshot'

/**
 * Everything the trade page of one market shows, read in ONE multicall per block: the market
 * (through the lens), its oracle, the fee parameters, the pool's marked value (caps and the impact
 * fee use it), the router's request terms, the block time, and the connected account's position,
 * balance and allowances (the router escrows orders; the engine takes added collateral).
 */
export function useTradeSnapshot(marketId: bigint) {
  const deployment = useDeployment()
  const { address } = useAccount()
  const account = address ?? zeroAddress
  const { contracts } = deployment
  const lens = { address: contracts.PerpLens, abi: iPerpLensAbi } as const
  const router = { address: contracts.OrderRouter, abi: iOrderRouterAbi } as const
  const token = { address: contracts.SettlementToken, abi: testUsdAbi } as const
  const { data, isError } = useReadContracts({
    contracts: [
      { ...lens, functionName: 'getMarket', args: [marketId] },
      { address: contracts.RiskConfig, abi: riskConfigAbi, functionName: 'marketParams', args: [marketId] },
      { address: contracts.LiquidityPool, abi: iLiquidityPoolAbi, functionName: 'poolValue' },
      { address: contracts.OracleAggregator, abi: oracleAggregatorAbi, functionName: 'getOracleState', args: [marketId] },
      { ...lens, functionName: 'getPosition', args: [account, marketId] },
      { ...token, functionName: 'decimals' },
      { ...token, functionName: 'balanceOf', args: [account] },
      { ...token, functionName: 'allowance', args: [account, contracts.PerpEngine] },
      { ...token, functionName: 'allowance', args: [account, contracts.OrderRouter] },
      { ...router, functionName: 'executionFee' },
      { ...router, functionName: 'minDelay' },
      { ...router, functionName: 'maxOrderAge' },
      { ...router, functionName: 'minPositionNotional' },
      { address: contracts.Multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' },
    ],
    allowFailure: false,
    ...useBlockSnapshot(),
  })
  if (!data) return { isError }
  const [market, params, poolValue, oracle, position, decimals, balance, allowance, routerAllowance, executionFee, minDelay, maxOrderAge, minPositionNotional, timestamp] = data
  const tradeMarket = toTradeMarket(market, params, poolValue.value, scaleFor(decimals))
  return {
    isError,
    market,
    oracle,
    tradeMarket,
    decimals,
    position: address && position.size !== 0n ? position : undefined,
    balance: address ? balance : undefined,
    /** What the engine may take (add collateral). */
    allowance: address ? allowance : undefined,
    /** What the router may escrow (requests: collateral + execution fee). */
    routerAllowance: address ? routerAllowance : undefined,
    terms: { executionFee, minDelay, maxOrderAge, minPositionNotional },
    /** The snapshot block's time: requests' expiries count from it (a devnet clock may be warped). */
    timestamp,
  }
}

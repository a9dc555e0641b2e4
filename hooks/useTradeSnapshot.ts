'use client'

import { zeroAddress } from 'viem'
import { useAccount, useReadContracts } from 'wagmi'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import { oracleAggregatorAbi, perpEngineAbi, riskConfigAbi, testUsdAbi } from '@/lib/contracts/generated'
import { scaleFor, toTradeMarket } from '@/lib/risk'
import { useBlockSnapshot } from './useBlockSnapshot'

/**
 * Everything the trade page of one market shows, read in ONE multicall per block: the market,
 * its oracle and sources, the fee parameters, pool size, and the connected account's position,
 * balance and allowance.
 */
export function useTradeSnapshot(marketId: bigint) {
  const { deployment } = useAppConfig()
  const { address } = useAccount()
  const account = address ?? zeroAddress
  const { contracts } = deployment
  const engine = { address: contracts.PerpEngine, abi: perpEngineAbi } as const
  const token = { address: contracts.TestUSD, abi: testUsdAbi } as const
  const { data, isError } = useReadContracts({
    contracts: [
      { ...engine, functionName: 'getMarket', args: [marketId] },
      { address: contracts.RiskConfig, abi: riskConfigAbi, functionName: 'marketParams', args: [marketId] },
      { ...engine, functionName: 'poolAssets' },
      { address: contracts.OracleAggregator, abi: oracleAggregatorAbi, functionName: 'getOracleState', args: [marketId] },
      { ...engine, functionName: 'getPosition', args: [account, marketId] },
      { ...token, functionName: 'decimals' },
      { ...token, functionName: 'balanceOf', args: [account] },
      { ...token, functionName: 'allowance', args: [account, contracts.PerpEngine] },
    ],
    allowFailure: false,
    ...useBlockSnapshot(),
  })
  if (!data) return { isError }
  const [market, params, poolAssets, oracle, position, decimals, balance, allowance] = data
  const tradeMarket = toTradeMarket(market, params, poolAssets, scaleFor(decimals))
  return {
    isError,
    market,
    oracle,
    tradeMarket,
    decimals,
    position: address && position.size !== 0n ? position : undefined,
    balance: address ? balance : undefined,
    allowance: address ? allowance : undefined,
  }
}

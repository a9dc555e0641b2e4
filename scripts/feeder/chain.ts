import { createPublicClient, createWalletClient, http, type Address, type Hex } from 'viem'
import { privateKeyToAccount, nonceManager } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { devnetPriceSourceAbi, oracleAggregatorAbi, riskConfigAbi } from '../../lib/contracts/generated'
import type { Deployment } from '../../lib/config/types'
import { toFeedAnswer } from './priceModel'

export type FeedMarket = { id: bigint; name: string; sources: Address[]; mid: number }

const fromWad = (value: bigint) => Number(value) / 1e18

/** The markets the protocol lists, with the devnet sources behind each and today's price. */
export async function discoverMarkets(rpcUrl: string, deployment: Deployment): Promise<FeedMarket[]> {
  const client = createPublicClient({ chain: foundry, transport: http(rpcUrl) })
  const config = { address: deployment.contracts.RiskConfig, abi: riskConfigAbi } as const
  const oracle = { address: deployment.contracts.OracleAggregator, abi: oracleAggregatorAbi } as const
  const count = await client.readContract({ ...config, functionName: 'marketCount' })
  return Promise.all(
    Array.from({ length: Number(count) }, async (_, i) => {
      const id = BigInt(i)
      const [name, sources, state] = await Promise.all([
        client.readContract({ ...config, functionName: 'marketName', args: [id] }),
        client.readContract({ ...oracle, functionName: 'getSources', args: [id] }),
        client.readContract({ ...oracle, functionName: 'getOracleState', args: [id] }),
      ])
      const mid = fromWad(state.liveMedian > 0n ? state.liveMedian : state.price)
      return { id, name, sources: [...sources], mid }
    }),
  )
}

/** Writes source answers and then asks the aggregator to accept them, in one ordered burst. */
export function createFeedWriter(rpcUrl: string, privateKey: Hex, deployment: Deployment) {
  const account = privateKeyToAccount(privateKey, { nonceManager })
  const wallet = createWalletClient({ account, chain: foundry, transport: http(rpcUrl) })
  const client = createPublicClient({ chain: foundry, transport: http(rpcUrl) })
  return {
    account: account.address,
    /** Pushes every market's source prices, then one `updateMany`; resolves when it is mined. */
    async push(updates: { market: FeedMarket; prices: number[] }[]) {
      for (const { market, prices } of updates)
        for (const [i, source] of market.sources.entries())
          await wallet.writeContract({ address: source, abi: devnetPriceSourceAbi, functionName: 'updateAnswer', args: [toFeedAnswer(prices[i])] })
      const hash = await wallet.writeContract({
        address: deployment.contracts.OracleAggregator,
        abi: oracleAggregatorAbi,
        functionName: 'updateMany',
        args: [updates.map(({ market }) => market.id)],
      })
      return client.waitForTransactionReceipt({ hash })
    },
  }
}

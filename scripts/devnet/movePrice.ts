import type { PublicClient, WalletClient } from 'viem'
import { devnetPriceSourceAbi, oracleAggregatorAbi, riskConfigAbi } from '../../lib/contracts/generated'
import type { Deployment } from '../../lib/config/types'
import { tickCalls } from '../feeder/chain'
import { devnetAccount, DEVNET_ROLES } from './accounts'

/**
 * Moves a market's price by `factor` on a devnet, as the feeder would: every source of the market
 * gets its current answer × factor, then the oracle accepts the new median. For tests; the sources'
 * updater is the deployer account, unlocked on anvil. Returns the accepted price (WAD).
 */
export async function movePrice(
  clients: { publicClient: PublicClient; walletClient: WalletClient },
  deployment: Deployment,
  marketId: bigint,
  factor: number,
): Promise<bigint> {
  const { publicClient, walletClient } = clients
  const account = devnetAccount(DEVNET_ROLES.priceFeeder).address
  const oracle = { address: deployment.contracts.OracleAggregator, abi: oracleAggregatorAbi } as const
  const sources = await publicClient.readContract({ ...oracle, functionName: 'getSources', args: [marketId] })
  const ppm = BigInt(Math.round(factor * 1e6))
  for (const source of sources) {
    const [, answer] = await publicClient.readContract({ address: source, abi: devnetPriceSourceAbi, functionName: 'latestRoundData' })
    const hash = await walletClient.writeContract({
      address: source,
      abi: devnetPriceSourceAbi,
      functionName: 'updateAnswer',
      args: [(answer * ppm) / 1_000_000n],
      account,
      chain: walletClient.chain,
    })
    await publicClient.waitForTransactionReceipt({ hash })
  }
  // Explicit gas: the node's estimate may price the update in another second (no new history entry or volatility bucket).
  const hash = await walletClient.writeContract({ ...oracle, functionName: 'update', args: [marketId], account, chain: walletClient.chain, gas: 3_000_000n })
  const receipt = await publicClient.waitForTransactionReceipt({ hash })
  if (receipt.status !== 'success') throw new Error(`oracle update for market ${marketId} reverted`)
  const latest = await publicClient.readContract({ ...oracle, functionName: 'latest', args: [marketId] })
  return latest.price
}

/**
 * Every market's sources report their current answer again and the oracle accepts it
 * (`updateMany`): a fresh observation whose data is newer than anything requested before, without
 * moving a price. The feeder's tick (the same transactions, scripts/feeder/chain.ts) without a
 * feeder, for the deploy and for tests.
 */
export async function repushSources(clients: { publicClient: PublicClient; walletClient: WalletClient }, deployment: Deployment): Promise<bigint> {
  const { publicClient, walletClient } = clients
  const account = devnetAccount(DEVNET_ROLES.priceFeeder).address
  const oracle = { address: deployment.contracts.OracleAggregator, abi: oracleAggregatorAbi } as const
  const count = await publicClient.readContract({ address: deployment.contracts.RiskConfig, abi: riskConfigAbi, functionName: 'marketCount' })
  const markets = await Promise.all(
    Array.from({ length: Number(count) }, async (_, m) => {
      const marketId = BigInt(m)
      const sources = await publicClient.readContract({ ...oracle, functionName: 'getSources', args: [marketId] })
      const answers = await Promise.all(
        sources.map(async (source) => (await publicClient.readContract({ address: source, abi: devnetPriceSourceAbi, functionName: 'latestRoundData' }))[1]),
      )
      return { marketId, sources, answers }
    }),
  )
  // Sent without waiting in between (the node numbers them in the order sent): on interval mining
  // the whole tick lands in one block, as the feeder's does.
  const hashes: `0x${string}`[] = []
  for (const call of tickCalls(oracle.address, markets)) hashes.push(await walletClient.sendTransaction({ ...call, account, chain: walletClient.chain }))
  let block = 0n
  for (const hash of hashes) {
    const receipt = await publicClient.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success') throw new Error(`feeder tick transaction ${hash} reverted`)
    block = receipt.blockNumber
  }
  return block
}

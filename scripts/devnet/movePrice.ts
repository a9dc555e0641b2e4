import type { PublicClient, WalletClient } from 'viem'
import { devnetPriceSourceAbi, oracleAggregatorAbi, riskConfigAbi } from '../../lib/contracts/generated'
import type { Deployment } from '../../lib/config/types'
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
 * moving a price. What the feeder's next tick does, for the deploy and for tests without a feeder.
 */
export async function repushSources(clients: { publicClient: PublicClient; walletClient: WalletClient }, deployment: Deployment): Promise<bigint> {
  const { publicClient, walletClient } = clients
  const account = devnetAccount(DEVNET_ROLES.priceFeeder).address
  const oracle = { address: deployment.contracts.OracleAggregator, abi: oracleAggregatorAbi } as const
  const count = await publicClient.readContract({ address: deployment.contracts.RiskConfig, abi: riskConfigAbi, functionName: 'marketCount' })
  const ids = Array.from({ length: Number(count) }, (_, m) => BigInt(m))
  // Sent without waiting in between (the node orders them by nonce): on interval mining the
  // whole tick lands in one block, as the feeder's does.
  const hashes: `0x${string}`[] = []
  for (const id of ids) {
    const sources = await publicClient.readContract({ ...oracle, functionName: 'getSources', args: [id] })
    for (const source of sources) {
      const [, answer] = await publicClient.readContract({ address: source, abi: devnetPriceSourceAbi, functionName: 'latestRoundData' })
      hashes.push(await walletClient.writeContract({ address: source, abi: devnetPriceSourceAbi, functionName: 'updateAnswer', args: [answer], account, chain: walletClient.chain, gas: 200_000n }))
    }
  }
  // Explicit gas: an estimate made before the source updates are mined prices an update with no news.
  const hash = await walletClient.writeContract({ ...oracle, functionName: 'updateMany', args: [ids], account, chain: walletClient.chain, gas: 3_000_000n })
  for (const pushed of hashes)
    if ((await publicClient.waitForTransactionReceipt({ hash: pushed })).status !== 'success') throw new Error(`source update ${pushed} reverted`)
  const receipt = await publicClient.waitForTransactionReceipt({ hash })
  if (receipt.status !== 'success') throw new Error('oracle updateMany reverted')
  return receipt.blockNumber
}

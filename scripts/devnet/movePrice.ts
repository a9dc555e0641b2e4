import type { PublicClient, WalletClient } from 'viem'
import { devnetPriceSourceAbi, oracleAggregatorAbi } from '../../lib/contracts/generated'
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
  const hash = await walletClient.writeContract({ ...oracle, functionName: 'update', args: [marketId], account, chain: walletClient.chain })
  const receipt = await publicClient.waitForTransactionReceipt({ hash })
  if (receipt.status !== 'success') throw new Error(`oracle update for market ${marketId} reverted`)
  const latest = await publicClient.readContract({ ...oracle, functionName: 'latest', args: [marketId] })
  return latest.price
}

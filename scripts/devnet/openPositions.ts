import type { PublicClient } from 'viem'
import { iPerpLensAbi } from '../../lib/contracts/generated'
import type { Deployment } from '../../lib/config/types'
import { devnetAccount } from './accounts'

/** Devnet accounts a test may trade from (the mnemonic's first ten). */
const ACCOUNTS = 10

/**
 * Every open position among the devnet accounts × markets, in one lens call (`getPositions`). On
 * a test devnet only these accounts trade, so this is the chain's whole open set: what tests
 * compare the keeper's and the dashboard's event-built sets against (the engine keeps no list).
 */
export async function devnetOpenPositions(client: Pick<PublicClient, 'readContract'>, deployment: Deployment, blockNumber?: bigint) {
  const markets = Object.values(deployment.markets).map(BigInt)
  const keys = Array.from({ length: ACCOUNTS }, (_, i) => devnetAccount(i).address).flatMap((trader) => markets.map((marketId) => ({ trader, marketId })))
  const views = await client.readContract({ address: deployment.contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getPositions', args: [keys], blockNumber })
  return views.filter((v) => v.size !== 0n)
}

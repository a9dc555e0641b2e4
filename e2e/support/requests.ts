import { maxUint256, type Address } from 'viem'
import { iLiquidityPoolAbi, iOrderRouterAbi, iPerpLensAbi, multicall3Abi, testUsdAbi } from '../../lib/contracts/generated'
import type { ChainFixture } from './test'

const chainTime = (chain: ChainFixture) =>
  chain.publicClient.readContract({ address: chain.deployment.contracts.Multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' })

/**
 * Opens a position for an anvil-unlocked account the two-step way, straight on the chain (not
 * through the page): mint the collateral and the execution fee, approve the router, request with a
 * wide limit, then settle as the keeper would. Throws unless the position is open afterwards.
 */
export async function openThroughRouter(chain: ChainFixture, trader: Address, marketId: bigint, size: bigint, collateral: bigint) {
  const { contracts } = chain.deployment
  const router = { address: contracts.OrderRouter, abi: iOrderRouterAbi } as const
  const fee = await chain.publicClient.readContract({ ...router, functionName: 'executionFee' })
  await chain.asDeployer({ address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'mint', args: [trader, collateral + fee] })
  await chain.as(trader, { address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'approve', args: [contracts.OrderRouter, maxUint256] })
  const market = await chain.publicClient.readContract({ address: contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getMarket', args: [marketId] })
  const limit = size > 0n ? market.price * 2n : market.price / 2n
  await chain.as(trader, { ...router, functionName: 'requestOpen', args: [marketId, size, collateral, limit, (await chainTime(chain)) + 300n] })
  await chain.settlePending()
  const position = await chain.publicClient.readContract({ address: contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getPosition', args: [trader, marketId] })
  if (position.size === 0n) throw new Error(`the open request for ${trader} in market ${marketId} did not execute`)
}

/** A deposit into the pool for an anvil-unlocked account, requested on the chain and settled. */
export async function depositThroughPool(chain: ChainFixture, owner: Address, assets: bigint) {
  const { contracts } = chain.deployment
  const pool = { address: contracts.LiquidityPool, abi: iLiquidityPoolAbi } as const
  const fee = await chain.publicClient.readContract({ ...pool, functionName: 'executionFee' })
  await chain.asDeployer({ address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'mint', args: [owner, assets + fee] })
  await chain.as(owner, { address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'approve', args: [contracts.LiquidityPool, maxUint256] })
  await chain.as(owner, { ...pool, functionName: 'requestDeposit', args: [assets, 0n, (await chainTime(chain)) + 300n] })
  await chain.settlePending()
}

export { chainTime }

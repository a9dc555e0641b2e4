/**
 * The keeper's health band on a devnet (issue 16): a follower that reads health only near each
 * position's liquidation price, with no periodic full re-check (so the band alone must catch
 * every one), finds exactly the liquidatable positions a follower reading every position finds,
 * block after block, while ETH and BTC fall in 1.5 % steps an hour apart: funding accrues between
 * the steps and the volatility margin moves, both of which move liquidation prices without an
 * event naming the positions.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { iPerpLensAbi } from '../../lib/contracts/generated'
import { keyId } from '../../lib/positions/openSet'
import { movePrice } from '../devnet/movePrice'
import { startTestChain } from '../devnet/testChain'
import { createLogger } from '../service/log'
import { createPositionFollower } from './follower'
import type { TrackedPosition } from './plan'
import { keeperReads } from './reads'
import { testPort } from '../devnet/testPorts'

const PORT = testPort(8562, 7)
const WAD = 10n ** 18n
const ETH = 0n
const BTC = 1n
let chain: Awaited<ReturnType<typeof startTestChain>>

beforeAll(async () => {
  chain = await startTestChain(PORT)
}, 180_000)

afterAll(async () => {
  await chain?.stop()
})

const liquidatable = (positions: readonly TrackedPosition[]) => positions.filter((p) => p.liquidatable).map(keyId).sort()

it('misses no liquidatable position while reading fewer, through price steps, funding accrual and margin changes', async () => {
  const { publicClient, deployment, testClient } = chain
  const reads = keeperReads(publicClient, deployment, { readBatch: 100 })
  const silent = createLogger('band-test', () => {})
  const deployBlock = BigInt(deployment.deployBlock)
  const banded = createPositionFollower({ reads, deployBlock, log: silent, band: { bandWad: WAD / 100n, fullCheckBlocks: 1_000_000n } })
  const everything = createPositionFollower({ reads, deployBlock, log: silent })
  const market = (id: bigint) => publicClient.readContract({ address: deployment.contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getMarket', args: [id] })
  const ethBefore = await market(ETH)
  const wallet = chain.walletFor(0)

  let from = deployBlock
  let liquidatableSeen = 0
  let readsBanded = 0
  let readsAll = 0
  for (let step = 0; step < 14; step++) {
    await testClient.increaseTime({ seconds: 3600 })
    for (const id of [ETH, BTC]) await movePrice({ publicClient, walletClient: wallet }, deployment, id, 0.985)
    const block = await publicClient.getBlockNumber()
    const [a, b] = [await banded.update(from, block), await everything.update(from, block)]
    from = block + 1n
    expect(liquidatable(a), `step ${step}, block ${block}`).toEqual(liquidatable(b))
    liquidatableSeen = Math.max(liquidatableSeen, liquidatable(b).length)
    if (step > 0) {
      readsBanded += banded.lastRead().read
      readsAll += everything.lastRead().read
    }
  }
  const ethAfter = await market(ETH)
  // The path did what the test is about: positions became liquidatable, funding and margin moved.
  expect(liquidatableSeen).toBeGreaterThan(0)
  expect(ethAfter.fundingIndex).not.toBe(ethBefore.fundingIndex)
  expect(ethAfter.currentMaintenanceMargin).not.toBe(ethBefore.currentMaintenanceMargin)
  expect(readsBanded).toBeLessThan(readsAll)
}, 300_000)

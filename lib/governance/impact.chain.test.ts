/**
 * The impact preview's margin maths against the contracts: on a deployed devnet with the demo
 * positions, a governance write through the timelock (impersonated) changes tier 0's margins; once
 * in force, every position's view from the lens equals what `proposalImpact` predicted for it
 * (`marketMargins` = the engine's clamp and initial ratio, `positionRisk` with those ratios).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseUnits, type Address, type Hex } from 'viem'
import { iPerpLensAbi, oracleAggregatorAbi, riskConfigAbi } from '../contracts/generated'
import { marketMargins, positionRisk, scaleFor, WAD, type TierMargins } from '../risk'
import { repushSources } from '../../scripts/devnet/movePrice'
import { startTestChain } from '../../scripts/devnet/testChain'
import { decodeActions, encodeSetParameter } from './decodeActions'
import { proposalImpact, tiersAfter } from './impact'
import { parameterCatalog } from './parameterCatalog'
import { parameterKeys } from './parameterKeys'
import { devnetOpenPositions } from '../../scripts/devnet/openPositions'
import { testPort } from '../../scripts/devnet/testPorts'

const PORT = testPort(8648, 11)
const SCALE = scaleFor(6)
let chain: Awaited<ReturnType<typeof startTestChain>>

beforeAll(async () => {
  chain = await startTestChain(PORT)
}, 240_000)

afterAll(async () => {
  await chain?.stop()
})

const config = () => ({ address: chain.deployment.contracts.RiskConfig, abi: riskConfigAbi }) as const
const lens = () => ({ address: chain.deployment.contracts.PerpLens, abi: iPerpLensAbi }) as const

/** Everything the page's snapshot reads for the preview, at one block. */
async function read() {
  const blockNumber = await chain.publicClient.getBlockNumber({ cacheTime: 0 })
  const rc = <T>(request: object) => chain.publicClient.readContract({ ...request, blockNumber } as never) as Promise<T>
  const marketCount = await rc<bigint>({ ...config(), functionName: 'marketCount' })
  const tierCount = await rc<bigint>({ ...config(), functionName: 'tierCount' })
  const markets = await Promise.all(Array.from({ length: Number(marketCount) }, (_, m) => chain.publicClient.readContract({ ...lens(), functionName: 'getMarket', args: [BigInt(m)], blockNumber })))
  const margins = await Promise.all(
    markets.map((m) => chain.publicClient.readContract({ address: chain.deployment.contracts.OracleAggregator, abi: oracleAggregatorAbi, functionName: 'margin', args: [m.marketId], blockNumber })),
  )
  const tiers = new Map<bigint, TierMargins>()
  for (let t = 0n; t < tierCount; t++) {
    const tier = await chain.publicClient.readContract({ ...config(), functionName: 'tier', args: [t], blockNumber })
    tiers.set(t, { mmBase: tier.mmBase, mmMax: tier.mmMax, imMultiplier: tier.imMultiplier, maxLeverage: tier.maxLeverage })
  }
  const positions = await devnetOpenPositions(chain.publicClient, chain.deployment, blockNumber)
  const parameters = await chain.publicClient.readContract({ ...config(), functionName: 'getParameters', blockNumber })
  return { markets, mmDynamic: new Map(markets.map((m, i) => [m.marketId, margins[i][0]])), mmTargetDynamic: new Map(markets.map((m, i) => [m.marketId, margins[i][1]])), tiers, positions, parameters }
}

async function asTimelock(id: Hex, value: bigint) {
  const timelock = (chain.deployment.contracts.Timelock ?? chain.deployment.contracts.TimelockController) as Address
  await chain.testClient.impersonateAccount({ address: timelock })
  await chain.testClient.setBalance({ address: timelock, value: parseUnits('1', 18) })
  const hash = await chain.walletFor(0).writeContract({ ...config(), functionName: 'setParameter', args: [id, value], account: timelock, chain: undefined } as never)
  expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success')
  await chain.testClient.stopImpersonatingAccount({ address: timelock })
}

function expectViewsMatch(state: Awaited<ReturnType<typeof read>>, tiers: ReadonlyMap<bigint, TierMargins>) {
  expect(state.positions.length).toBeGreaterThan(0)
  for (const market of state.markets) {
    const { mm, im } = marketMargins(state.mmDynamic.get(market.marketId)!, tiers.get(market.tierId)!, state.mmTargetDynamic.get(market.marketId)!)
    expect({ mm, im }).toEqual({ mm: market.currentMaintenanceMargin, im: market.initialMarginRatio })
  }
  for (const p of state.positions) {
    const market = state.markets.find((m) => m.marketId === p.marketId)!
    const margins = marketMargins(state.mmDynamic.get(p.marketId)!, tiers.get(market.tierId)!, state.mmTargetDynamic.get(p.marketId)!)
    const risk = positionRisk(p, { price: p.markPrice, ...margins, scale: SCALE })
    expect({ mmr: risk.mmr, imr: risk.imr, health: risk.health, liquidatable: risk.liquidatable, liquidationPrice: risk.liquidationPrice }).toEqual({
      mmr: p.mmr, imr: p.imr, health: p.health, liquidatable: p.liquidatable, liquidationPrice: p.liquidationPrice,
    })
  }
}

describe('impact preview maths equal the engine once a change is in force', () => {
  it('today: the clamp and initial ratio of every market equal the lens', async () => {
    const state = await read()
    expectViewsMatch(state, state.tiers)
  })

  it('a margin raise, predicted before and read from the lens after its ramp ends', async () => {
    const before = await read()
    const catalog = parameterCatalog(before.parameters as never, before.markets.map((m) => ({ marketId: m.marketId, name: m.name, tierId: m.tierId })))
    const id = parameterKeys.tier('mmBase', 0n)
    const value = (3n * WAD) / 100n
    const actions = decodeActions([{ target: chain.deployment.contracts.RiskConfig, value: 0n, calldata: encodeSetParameter(id, value) }], chain.deployment.contracts.RiskConfig, catalog)
    const predicted = tiersAfter(actions, before.tiers)
    const impact = proposalImpact(actions, before.positions, before.markets.map((m) => ({ marketId: m.marketId, tierId: m.tierId, mmDynamic: before.mmDynamic.get(m.marketId)!, mmTargetDynamic: before.mmTargetDynamic.get(m.marketId)! })), before.tiers, SCALE)
    // The demo's tier 0 positions (ETH, BTC) all need more margin at 3 %.
    const tier0 = before.positions.filter((p) => before.markets.find((m) => m.marketId === p.marketId)!.tierId === 0n)
    expect(impact.affected.map((a) => `${a.position.trader}:${a.position.marketId}`).sort()).toEqual(tier0.map((p) => `${p.trader}:${p.marketId}`).sort())

    await asTimelock(id, value)
    const ramp = await chain.publicClient.readContract({ ...config(), functionName: 'parameterRamp', args: [id] })
    expect(ramp.end).toBeGreaterThan(ramp.start) // it ramps: not in force at once
    const now = (await chain.publicClient.getBlock()).timestamp
    await chain.testClient.increaseTime({ seconds: Number(ramp.end - now) + 1 })
    await chain.testClient.mine({ blocks: 1 })
    // Fresh prices again (a stale market's liquidation check uses a stressed exit price).
    await repushSources({ publicClient: chain.publicClient, walletClient: chain.walletFor(0) }, chain.deployment)
    const after = await read()
    expect(after.tiers.get(0n)!.mmBase).toBe(value)
    expect(after.tiers).toEqual(predicted)
    expectViewsMatch(after, predicted)
  }, 60_000)

  it('an initial-margin change (in force at once) equals the prediction in the same second', async () => {
    const before = await read()
    const catalog = parameterCatalog(before.parameters as never, before.markets.map((m) => ({ marketId: m.marketId, name: m.name, tierId: m.tierId })))
    const id = parameterKeys.tier('imMultiplier', 0n)
    const value = 4n * WAD
    const actions = decodeActions([{ target: chain.deployment.contracts.RiskConfig, value: 0n, calldata: encodeSetParameter(id, value) }], chain.deployment.contracts.RiskConfig, catalog)
    const predicted = tiersAfter(actions, before.tiers)
    const { timestamp } = await chain.publicClient.getBlock()
    await chain.testClient.setNextBlockTimestamp({ timestamp })
    await asTimelock(id, value)
    const after = await read()
    expectViewsMatch(after, predicted)
    expect(after.markets[0].initialMarginRatio).toBeGreaterThan(before.markets[0].initialMarginRatio)
  }, 60_000)
})

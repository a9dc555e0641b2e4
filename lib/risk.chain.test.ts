/**
 * The risk module against the contracts: deploy, open positions across a grid of markets, sides
 * and leverages, move prices and let funding accrue, and require every number `lib/risk.ts`
 * computes to equal the lens's `getPosition` view to the wei. Trades are two-step: a request to the
 * OrderRouter, a second later every source reports again at the same prices, and the keeper's settle
 * pass fills it at that observation (the accepted price the previews read).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWalletClient, http, maxUint256, parseUnits } from 'viem'
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { iLiquidityPoolAbi, iOrderRouterAbi, iPerpLensAbi, perpEngineAbi, riskConfigAbi, testUsdAbi } from './contracts/generated'
import { positionCostsByMarket } from './events/positionCosts'
import { withGasMargin } from './tx/gasMargin'
import { closeFee, collateralForHealth, initialMarginRatio, maxSafeLeverage, netPnl, newRiskMaintenanceMargin, positionRisk, previewCollateralChange, previewIncrease, previewOpen, previewReduce, scaleFor, toTradeMarket, WAD, type PositionInput } from './risk'
import { devnetAccount } from '../scripts/devnet/accounts'
import { settlePending } from '../scripts/devnet/devnet'
import { movePrice, repushSources } from '../scripts/devnet/movePrice'
import { startTestChain } from '../scripts/devnet/testChain'
import { testPort } from '../scripts/devnet/testPorts'

const PORT = testPort(8547, 0)
const MARKETS = [0n, 2n] // ETH-USD (blue chip, 9x), SOL-USD (high volatility, 8x)
const SIDES = [1n, -1n]
const LEVERAGES = ['1.5', '3', '5', '7.5']
const COLLATERAL = 1_000_000_000n // 1,000 tUSD
const FIRST_TRADER_INDEX = 20

let chain: Awaited<ReturnType<typeof startTestChain>>
const traders: { address: `0x${string}`; marketId: bigint }[] = []

async function setPrice(marketId: bigint, factor: number) {
  await movePrice({ publicClient: chain.publicClient, walletClient: chain.walletFor(0) }, chain.deployment, marketId, factor)
}

const lens = () => ({ address: chain.deployment.contracts.PerpLens, abi: iPerpLensAbi }) as const
const router = () => ({ address: chain.deployment.contracts.OrderRouter, abi: iOrderRouterAbi }) as const
const expiry = async () => (await chain.publicClient.getBlock()).timestamp + 300n
/** Acceptable price for a fill that buys (ceiling) or sells (floor): any fill within a factor of 2. */
const anyPrice = (price: bigint, buys: boolean) => (buys ? price * 2n : price / 2n)

/** A second passes and every source reports again at the same prices: the first qualifying observation for what was requested. */
async function observe() {
  await chain.testClient.increaseTime({ seconds: 1 })
  await chain.testClient.mine({ blocks: 1 })
  await repushSources({ publicClient: chain.publicClient, walletClient: chain.walletFor(0) }, chain.deployment)
}

/** The keeper's settle pass; every pending request must execute. */
async function fill() {
  const counts = await settlePending(chain.rpcUrl, chain.deployment)
  expect(counts.ordersCancelled + counts.lpCancelled).toBe(0)
  expect(counts.waiting).toBe(0)
  return counts
}

async function expectRiskModuleMatchesViews() {
  const { contracts } = chain.deployment
  const scale = scaleFor(6)
  for (const { address, marketId } of traders) {
    const [view, market] = await Promise.all([
      chain.publicClient.readContract({ ...lens(), functionName: 'getPosition', args: [address, marketId] }),
      chain.publicClient.readContract({ ...lens(), functionName: 'getMarket', args: [marketId] }),
    ])
    expect(view.size).not.toBe(0n)
    expect(view.maintenanceMarginRatio).toBe(market.currentMaintenanceMargin)
    expect(view.initialMarginRatio).toBe(market.initialMarginRatio)
    const risk = positionRisk(
      { size: view.size, entryPrice: view.entryPrice, collateral: view.collateral, fundingOwed: view.fundingOwed },
      { price: view.markPrice, mm: view.maintenanceMarginRatio, im: view.initialMarginRatio, scale },
    )
    expect(risk).toEqual({
      notional: view.notional,
      unrealisedPnl: view.unrealisedPnl,
      equity: view.equity,
      mmr: view.mmr,
      imr: view.imr,
      health: view.health,
      liquidationPrice: view.liquidationPrice,
      leverage: view.leverage,
      liquidatable: view.liquidatable,
    })
  }
}

beforeAll(async () => {
  chain = await startTestChain(PORT)
  const { contracts } = chain.deployment
  let index = FIRST_TRADER_INDEX
  for (const marketId of MARKETS) {
    const market = await chain.publicClient.readContract({ ...lens(), functionName: 'getMarket', args: [marketId] })
    for (const side of SIDES) {
      for (const leverage of LEVERAGES) {
        const account = privateKeyToAccount(devnetAccount(index++).privateKey)
        await chain.testClient.setBalance({ address: account.address, value: parseUnits('10', 18) })
        const write = (request: object) => writeAs(account, request)
        await write({ address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'faucet' })
        await write({ address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'approve', args: [contracts.OrderRouter, maxUint256] })
        const size = (side * COLLATERAL * 10n ** 12n * parseUnits(leverage, 18)) / market.price
        await write({ ...router(), functionName: 'requestOpen', args: [marketId, size, COLLATERAL, anyPrice(market.price, side > 0n), await expiry()] })
        traders.push({ address: account.address, marketId })
      }
    }
  }
  await observe()
  expect((await fill()).ordersExecuted).toBe(traders.length)
}, 180_000)

afterAll(async () => {
  await chain?.stop()
})

/** Simulate, sign locally (these accounts are not anvil's unlocked ones), send, and require success. */
async function writeAs(account: PrivateKeyAccount, request: object) {
  const { request: simulated } = await chain.publicClient.simulateContract({ ...request, account } as never)
  const wallet = createWalletClient({ chain: foundry, transport: http(chain.rpcUrl), account })
  // As the app does: a block a second later can accrue funding the estimate did not pay for.
  const gas = withGasMargin(await chain.publicClient.estimateContractGas({ ...request, account } as never))
  const hash = await wallet.writeContract({ ...simulated, gas } as never)
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash })
  expect(receipt.status).toBe('success')
  return receipt
}

describe('lib/risk equals the engine views', () => {
  it('right after opening', async () => {
    expect(traders).toHaveLength(MARKETS.length * SIDES.length * LEVERAGES.length)
    await expectRiskModuleMatchesViews()
  })

  it('after prices move up and down', async () => {
    for (const factor of [1.03, 0.94, 1.02]) {
      for (const marketId of MARKETS) await setPrice(marketId, factor)
      await expectRiskModuleMatchesViews()
    }
  }, 60_000)

  it('with funding accrued over hours and a volatility-raised margin', async () => {
    await chain.testClient.increaseTime({ seconds: 3 * 3600 })
    for (const marketId of MARKETS) await setPrice(marketId, 0.97)
    await expectRiskModuleMatchesViews()
    const { contracts } = chain.deployment
    const owed = await Promise.all(
      traders.map(({ address, marketId }) =>
        chain.publicClient.readContract({ ...lens(), functionName: 'getPosition', args: [address, marketId] }),
      ),
    )
    // funding really accrued, and volatility really raised SOL's margin above its 2.5 % base,
    // so the comparison covered both
    expect(owed.some((p) => p.fundingOwed !== 0n)).toBe(true)
    const sol = await chain.publicClient.readContract({ ...lens(), functionName: 'getMarket', args: [2n] })
    expect(sol.currentMaintenanceMargin).toBeGreaterThan(25n * 10n ** 15n)
  }, 60_000)

  it('uses the im of the contracts', async () => {
    const market = await chain.publicClient.readContract({ ...lens(), functionName: 'getMarket', args: [0n] })
    // im = max(mm' · 2, 1 / maxLeverage) for the blue-chip tier of the devnet, mm' the new-risk
    // margin: the larger of the current and the target (issue 13)
    const mmNewRisk = newRiskMaintenanceMargin(market.currentMaintenanceMargin, market.targetMaintenanceMargin, 0n, WAD)
    expect(market.initialMarginRatio).toBe(initialMarginRatio(mmNewRisk, 2n * WAD, market.maxLeverage))
    for (const m of [0n, 2n]) {
      const view = await chain.publicClient.readContract({ ...lens(), functionName: 'getMarket', args: [m] })
      const tier = await chain.publicClient.readContract({ address: chain.deployment.contracts.RiskConfig, abi: riskConfigAbi, functionName: 'tier', args: [view.tierId] })
      const oracle = await chain.publicClient.readContract({ address: chain.deployment.contracts.RiskConfig, abi: riskConfigAbi, functionName: 'oracleParams', args: [m] })
      const params = await chain.publicClient.readContract({ address: chain.deployment.contracts.RiskConfig, abi: riskConfigAbi, functionName: 'marketParams', args: [m] })
      // the gap-aware cap RiskConfig enforces holds on the devnet
      expect(view.maxLeverage <= maxSafeLeverage(oracle.maxJump, tier.liquidationPenalty, params.takerFee)).toBe(true)
    }
  })
})

describe('trade previews equal what the engine does', () => {
  const scale = scaleFor(6)
  let trader: PrivateKeyAccount
  const marketId = 0n

  async function tradeMarket(blockNumber?: bigint) {
    const { contracts } = chain.deployment
    const [view, params, poolAssets] = await Promise.all([
      chain.publicClient.readContract({ ...lens(), functionName: 'getMarket', args: [marketId], blockNumber }),
      chain.publicClient.readContract({ address: contracts.RiskConfig, abi: riskConfigAbi, functionName: 'marketParams', args: [marketId], blockNumber }),
      // Caps and the impact fee use the pool's marked value since issue 10, as the dashboard does.
      chain.publicClient.readContract({ address: contracts.LiquidityPool, abi: iLiquidityPoolAbi, functionName: 'poolValue', blockNumber }),
    ])
    return toTradeMarket(view, params, poolAssets.value, scale)
  }
  const position = (blockNumber?: bigint) =>
    chain.publicClient.readContract({ ...lens(), functionName: 'getPosition', args: [trader.address, marketId], blockNumber })
  /**
   * The newest block, whose state and time a preview reads; the next transaction is mined at that
   * same timestamp. Otherwise a second that passes between the reads and the block (often, on a
   * loaded machine) accrues funding the preview could not know of.
   */
  async function pinTime() {
    const { number, timestamp } = await chain.publicClient.getBlock()
    await chain.testClient.setNextBlockTimestamp({ timestamp })
    return number
  }
  const asInput = (p: Awaited<ReturnType<typeof position>>): PositionInput => ({ size: p.size, entryPrice: p.entryPrice, collateral: p.collateral, fundingOwed: p.fundingOwed })
  function expectSame(preview: ReturnType<typeof previewOpen>, actual: Awaited<ReturnType<typeof position>>) {
    expect(preview.rejection).toBeNull()
    expect({ size: preview.after.size, entryPrice: preview.after.entryPrice, collateral: preview.after.collateral, health: preview.after.health, liquidationPrice: preview.after.liquidationPrice, leverage: preview.after.leverage, equity: preview.after.equity }).toEqual({
      size: actual.size, entryPrice: actual.entryPrice, collateral: actual.collateral, health: actual.health, liquidationPrice: actual.liquidationPrice, leverage: actual.leverage, equity: actual.equity,
    })
  }

  beforeAll(async () => {
    trader = privateKeyToAccount(devnetAccount(60).privateKey)
    await chain.testClient.setBalance({ address: trader.address, value: parseUnits('10', 18) })
    const { contracts } = chain.deployment
    await writeAs(trader, { address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'faucet' })
    await writeAs(trader, { address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'approve', args: [contracts.PerpEngine, maxUint256] })
    await writeAs(trader, { address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'approve', args: [contracts.OrderRouter, maxUint256] })
  })

  /**
   * A two-step trade previewed where it fills: request, observe, pin the next block to the
   * observation's time, preview on that state, then the keeper's pass fills in that very second.
   */
  async function requestAndFill(request: object, preview: (at: bigint) => Promise<ReturnType<typeof previewOpen>>) {
    await writeAs(trader, request)
    await observe()
    const at = await pinTime()
    const expected = await preview(at)
    expect((await fill()).ordersExecuted).toBe(1)
    return { expected, actual: await position() }
  }

  it('open, increase, reduce, add and remove collateral land exactly where previewed', async () => {
    const engine = { address: chain.deployment.contracts.PerpEngine, abi: perpEngineAbi } as const
    const size = parseUnits('2', 18)
    const price = (await tradeMarket()).price
    const opened = await requestAndFill(
      { ...router(), functionName: 'requestOpen', args: [marketId, size, 1_500_000_000n, anyPrice(price, true), await expiry()] },
      async (at) => previewOpen(size, 1_500_000_000n, await tradeMarket(at)),
    )
    expectSame(opened.expected, opened.actual)

    const increased = await requestAndFill(
      { ...router(), functionName: 'requestIncrease', args: [marketId, parseUnits('1', 18), 200_000_000n, anyPrice(price, true), await expiry()] },
      async (at) => previewIncrease(asInput(await position(at)), parseUnits('1', 18), 200_000_000n, await tradeMarket(at)),
    )
    expectSame(increased.expected, increased.actual)

    const reduced = await requestAndFill(
      { ...router(), functionName: 'requestReduce', args: [marketId, parseUnits('0.5', 18), anyPrice(price, false), await expiry()] },
      async (at) => previewReduce(asInput(await position(at)), parseUnits('0.5', 18), await tradeMarket(at)),
    )
    expectSame(reduced.expected, reduced.actual)

    let mined: Awaited<ReturnType<typeof writeAs>>
    let at: bigint
    at = await pinTime()
    const add = previewCollateralChange(asInput(await position(at)), 300_000_000n, await tradeMarket(at))
    mined = await writeAs(trader, { ...engine, functionName: 'addCollateral', args: [marketId, 300_000_000n] })
    expectSame(add, await position(mined.blockNumber))

    at = await pinTime()
    const remove = previewCollateralChange(asInput(await position(at)), -100_000_000n, await tradeMarket(at))
    mined = await writeAs(trader, { ...engine, functionName: 'removeCollateral', args: [marketId, 100_000_000n] })
    expectSame(remove, await position(mined.blockNumber))
  }, 60_000)

  it('predicts the custom error the engine raises', async () => {
    const engine = { address: chain.deployment.contracts.PerpEngine, abi: perpEngineAbi } as const
    const market = await tradeMarket()
    const other = privateKeyToAccount(devnetAccount(61).privateKey)
    const tooMuch = previewOpen(parseUnits('100', 18), 1_000_000_000n, market)
    expect(tooMuch.rejection?.error).toBe('LeverageTooHigh')
    // The engine's open hook, as the router calls it when filling at the accepted price.
    await expect(
      chain.publicClient.simulateContract({
        address: chain.deployment.contracts.PerpEngine,
        abi: perpEngineAbi, // the engine's own errors decoded
        functionName: 'openFor',
        args: [other.address, marketId, parseUnits('100', 18), 1_000_000_000n, market.price],
        account: chain.deployment.contracts.OrderRouter,
      }),
    ).rejects.toThrow(/LeverageTooHigh/)
    const removeAll = previewCollateralChange(asInput(await position()), -((await position()).collateral - 1n), market)
    expect(removeAll.rejection?.error).toMatch(/LeverageTooHigh|BelowInitialMargin/)
    await expect(
      chain.publicClient.simulateContract({ ...engine, functionName: 'removeCollateral', args: [marketId, (await position()).collateral - 1n], account: trader }),
    ).rejects.toThrow(new RegExp(removeAll.rejection!.error))
  })

  it('PnL after fees and funding is what closing pays beyond the net deposits and realised PnL', async () => {
    const { contracts } = chain.deployment
    const engine = { address: contracts.PerpEngine, abi: perpEngineAbi } as const
    // Let funding accrue, settle some of it with an increase, then let more accrue.
    await chain.testClient.increaseTime({ seconds: 2 * 3600 })
    await setPrice(marketId, 1.01)
    await writeAs(trader, { ...router(), functionName: 'requestIncrease', args: [marketId, parseUnits('0.2', 18), 0n, anyPrice((await tradeMarket()).price, true), await expiry()] })
    await observe()
    expect((await fill()).ordersExecuted).toBe(1)
    await chain.testClient.increaseTime({ seconds: 2 * 3600 })
    await setPrice(marketId, 1.02)

    const byTrader = { ...engine, args: { trader: trader.address }, fromBlock: 0n } as const
    const [opened, increased, reduced, fundingSettled] = await Promise.all([
      chain.publicClient.getContractEvents({ ...byTrader, eventName: 'PositionOpened' }),
      chain.publicClient.getContractEvents({ ...byTrader, eventName: 'PositionIncreased' }),
      chain.publicClient.getContractEvents({ ...byTrader, eventName: 'PositionReduced' }),
      chain.publicClient.getContractEvents({ ...byTrader, eventName: 'FundingSettled' }),
    ])
    const costs = positionCostsByMarket({ opened, increased, reduced, fundingSettled }).get(String(marketId))!
    expect(costs.fundingSettled).not.toBe(0n) // the case of settled funding was really covered
    // Close at the very block time the view is read at (the fill's), so no further funding accrues.
    await writeAs(trader, { ...router(), functionName: 'requestClose', args: [marketId, anyPrice((await tradeMarket()).price, false), await expiry()] })
    await observe()
    const at = await pinTime()
    const [view, market] = await Promise.all([position(at), chain.publicClient.readContract({ ...lens(), functionName: 'getMarket', args: [marketId], blockNumber: at })])
    expect(view.fundingOwed).not.toBe(0n)
    const fee = closeFee(view.size, view.markPrice, market.takerFee, scale)
    const net = netPnl(view, costs, fee)
    expect((await fill()).ordersExecuted).toBe(1)
    const [closed] = await chain.publicClient.getContractEvents({ ...engine, eventName: 'PositionClosed', args: { trader: trader.address }, fromBlock: 0n })
    expect(closed.args.fee).toBe(fee)

    const transfers = (from: `0x${string}`, to: `0x${string}`) =>
      chain.publicClient.getContractEvents({ address: contracts.SettlementToken, abi: testUsdAbi, eventName: 'Transfer', args: { from, to }, fromBlock: 0n })
    const sum = (logs: { args: { value?: bigint } }[]) => logs.reduce((total, log) => total + log.args.value!, 0n)
    // Collateral reaches the engine from the trader: the escrow of every open or increase request
    // (the router escrows it in the engine) and addCollateral; a cancelled request's escrow comes
    // back from the engine, so it is in both sums. Execution fees go to the router: not the position's.
    const deposited = sum(await transfers(trader.address, contracts.PerpEngine))
    const received = sum(await transfers(contracts.PerpEngine, trader.address))
    const realisedByReductions = reduced.reduce((total, log) => total + log.args.realisedPnl!, 0n)
    expect(received - deposited - realisedByReductions).toBe(net)
  }, 60_000)
})

describe('the health banner\'s "add collateral" amount', () => {
  it('is the least addCollateral that brings the lens health to the target', async () => {
    const { contracts } = chain.deployment
    // The grid's 9× ETH long (index 3), brought to a health two above its own.
    const { address } = traders[3]!
    const marketId = traders[3]!.marketId
    const account = privateKeyToAccount(devnetAccount(FIRST_TRADER_INDEX + 3).privateKey)
    expect(account.address).toBe(address)
    await writeAs(account, { address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'approve', args: [contracts.PerpEngine, maxUint256] })
    const engine = { address: contracts.PerpEngine, abi: perpEngineAbi } as const
    // Each add lands in a block pinned to the time of the view it was computed from (no funding accrues between).
    const addAndRead = async (amount: bigint) => {
      const { timestamp } = await chain.publicClient.getBlock()
      await chain.testClient.setNextBlockTimestamp({ timestamp })
      const mined = await writeAs(account, { ...engine, functionName: 'addCollateral', args: [marketId, amount] })
      return chain.publicClient.readContract({ ...lens(), functionName: 'getPosition', args: [address, marketId], blockNumber: mined.blockNumber })
    }
    const view = await chain.publicClient.readContract({ ...lens(), functionName: 'getPosition', args: [address, marketId] })
    const target = (view.health / WAD + 2n) * WAD
    const amount = collateralForHealth(view.equity, view.mmr, target)
    expect(amount).toBeGreaterThan(0n)

    const snapshot = await chain.testClient.snapshot()
    const short = await addAndRead(amount - 1n)
    expect(short.health).toBeLessThan(target)
    await chain.testClient.revert({ id: snapshot })
    const enough = await addAndRead(amount)
    expect(enough.health).toBeGreaterThanOrEqual(target)
    expect(enough.health).toBeLessThan(target + WAD / 100n)
    expect(collateralForHealth(enough.equity, enough.mmr, target)).toBe(0n)
  }, 60_000)
})

/**
 * The keeper's settle pass on the exit exception, against a devnet: a close requested while its
 * market is stale, after which every source reports but nobody has the oracle accept it. The
 * router's own refresh then makes the market Fresh, so the close fills at the observation that
 * refresh records (index `observationCount`), at the sources' new price, not at the engine's
 * conservative exit price; with index 0 the router refuses the entry and the close would wait.
 */
import { parseEventLogs } from 'viem'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { devnetPriceSourceAbi, iOracleAggregatorAbi, iOracleHistoryAbi, iOrderRouterAbi, iPerpLensAbi, perpEngineAbi, testUsdAbi } from '../../lib/contracts/generated'
import { devnetAccount } from '../devnet/accounts'
import { settlePending } from '../devnet/devnet'
import { startTestChain } from '../devnet/testChain'
import { testPort } from '../devnet/testPorts'

const PORT = testPort(8555, 3)
const STALE = 1 // OracleStatus.Stale
let chain: Awaited<ReturnType<typeof startTestChain>>

beforeAll(async () => {
  chain = await startTestChain(PORT) // automine: one block per transaction, time moved by hand
}, 120_000)

afterAll(async () => {
  await chain?.stop()
})

it('fills a close on a stale market at the observation the router records, once the sources have reported', async () => {
  const { contracts } = chain.deployment
  const lens = { address: contracts.PerpLens, abi: iPerpLensAbi } as const
  const router = { address: contracts.OrderRouter, abi: iOrderRouterAbi } as const
  const oracle = { address: contracts.OracleAggregator, abi: iOracleAggregatorAbi } as const
  const history = { address: contracts.OracleAggregator, abi: iOracleHistoryAbi } as const
  const read = chain.publicClient.readContract
  const mined = async (hash: `0x${string}`) => {
    const receipt = await chain.publicClient.waitForTransactionReceipt({ hash })
    expect(receipt.status).toBe('success')
    return receipt
  }
  const passTime = async (seconds: number) => {
    await chain.testClient.increaseTime({ seconds })
    await chain.testClient.mine({ blocks: 1 })
  }

  // A demo position the deploy opened, and its trader (the engine keeps no list: its first PositionOpened).
  const [opened] = await chain.publicClient.getContractEvents({ address: contracts.PerpEngine, abi: perpEngineAbi, eventName: 'PositionOpened', fromBlock: 0n })
  const { trader, marketId } = opened.args as { trader: `0x${string}`; marketId: bigint }
  expect((await read({ ...lens, functionName: 'getPosition', args: [trader, marketId] })).size).not.toBe(0n)
  const traderIndex = [1, 2, 3, 4].find((i) => devnetAccount(i).address === trader)!
  const wallet = chain.walletFor(traderIndex)
  const gas = 1_000_000n

  // Nobody updates the oracle for an hour: the market is stale.
  await passTime(3600)
  expect((await read({ ...oracle, functionName: 'latest', args: [marketId] })).status).toBe(STALE)

  // The close request, then (a second later) every source of the market reports a price 1 % up; the oracle is not asked to accept it.
  await mined(await wallet.writeContract({ address: contracts.SettlementToken, abi: testUsdAbi, functionName: 'approve', args: [router.address, 10n ** 30n], gas }))
  const { timestamp } = await chain.publicClient.getBlock()
  const requested = await mined(await wallet.writeContract({ ...router, functionName: 'requestClose', args: [marketId, 1n, timestamp + 300n], gas }))
  const [{ args: request }] = parseEventLogs({ abi: iOrderRouterAbi, logs: requested.logs, eventName: 'OrderRequested' })
  await passTime(1)
  const feeder = chain.walletFor(0)
  for (const source of await read({ ...oracle, functionName: 'getSources', args: [marketId] })) {
    const [, answer] = await read({ address: source, abi: devnetPriceSourceAbi, functionName: 'latestRoundData' })
    await mined(await feeder.writeContract({ address: source, abi: devnetPriceSourceAbi, functionName: 'updateAnswer', args: [(answer * 101n) / 100n], gas }))
  }
  await passTime(1) // past the router's minDelay (1 s)
  expect((await read({ ...oracle, functionName: 'latest', args: [marketId] })).status).toBe(STALE)
  const next = await read({ ...history, functionName: 'observationCount', args: [marketId] })

  // The keeper's settle pass (no oracle update of its own): the exit exception, at the next index.
  const settled = await settlePending(chain.rpcUrl, chain.deployment)
  expect(settled.ordersExecuted).toBe(1)
  const [executed] = await chain.publicClient.getContractEvents({ ...router, eventName: 'OrderExecuted', args: { orderId: request.orderId }, fromBlock: requested.blockNumber })
  expect(executed.args.observationIndex).toBe(next)
  const recorded = await read({ ...history, functionName: 'observation', args: [marketId, next] })
  expect(recorded.dataTime).toBeGreaterThan(request.order.createdAt) // the sources' new data, reported after the request
  expect(executed.args.price).toBe(recorded.price) // filled at that observation, not at the engine's exit price (0)
  expect((await read({ ...lens, functionName: 'getPosition', args: [trader, marketId] })).size).toBe(0n)
}, 90_000)

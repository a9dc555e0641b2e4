/**
 * Opens positions on a devnet until about `count` are open: fresh trader addresses (anvil
 * impersonates them), each funded by the test token's owner, each requesting one small open (4×,
 * 200 USD notional, longs and shorts alternating, markets in turn) through the router; then the
 * keeper's own settle pass executes the requests. Transactions are sent without waiting and mined
 * in full blocks, so 1,000 positions take a few dozen blocks, not thousands.
 *
 *   npx tsx scripts/bench/openPositions.ts --count 1000      (RAMPART_RPC_URL)
 */
import { type PublicClient, createPublicClient, createTestClient, createWalletClient, encodeFunctionData, http, maxUint256, parseUnits, type Address, type Hex } from 'viem'
import { foundry } from 'viem/chains'
import { iOrderRouterAbi, iPerpLensAbi, multicall3Abi, testUsdAbi } from '../../lib/contracts/generated'
import type { Deployment } from '../../lib/config/types'
import { devnetAccount, DEVNET_ROLES } from '../devnet/accounts'
import { readDeployment, settleDeployRequests } from '../devnet/devnet'

const NOTIONAL_USD = 200
const LEVERAGE = 4
const TRADER_BASE = 0xb0_0000n
/** Within the router's maxOrderAge (300 s on the devnet, as the e2e requests use). */
const ORDER_EXPIRY_S = 240n

/** The i-th bench trader: addresses no key controls, impersonated on anvil. */
export function benchTrader(i: number): Address {
  return `0x${(TRADER_BASE + BigInt(i)).toString(16).padStart(40, '0')}` as Address
}

/** Opens positions for bench traders [from, count); returns how many of traders [0, count) hold one. */
export async function openPositions(rpcUrl: string, deployment: Deployment, count: number, from = 0): Promise<number> {
  const transport = http(rpcUrl, { batch: { batchSize: 200 } })
  const client = createPublicClient({ chain: foundry, transport, cacheTime: 0 })
  const test = createTestClient({ chain: foundry, mode: 'anvil', transport })
  const wallet = createWalletClient({ chain: foundry, transport })
  const c = deployment.contracts
  const marketIds = Object.values(deployment.markets).map(BigInt)
  const owner = devnetAccount(DEVNET_ROLES.deployer).address as Address
  const decimals = await client.readContract({ address: c.SettlementToken, abi: testUsdAbi, functionName: 'decimals' })
  const fee = await client.readContract({ address: c.OrderRouter, abi: iOrderRouterAbi, functionName: 'executionFee' })
  const prices = await Promise.all(marketIds.map(async (id) => (await client.readContract({ address: c.PerpLens, abi: iPerpLensAbi, functionName: 'getMarket', args: [id] })).price))
  const collateral = parseUnits(String(NOTIONAL_USD / LEVERAGE), decimals)

  const wasAutomine = await test.getAutomine()
  await test.setAutomine(false)
  await test.setIntervalMining({ interval: 0 })
  const mineAll = async (hashes: Hex[]) => {
    while ((await test.getTxpoolStatus()).pending > 0) await test.mine({ blocks: 1 })
    const failed = (await Promise.all(hashes.map((hash) => client.getTransactionReceipt({ hash })))).filter((r) => r.status !== 'success')
    if (failed.length) throw new Error(`${failed.length} of ${hashes.length} bench transactions reverted, e.g. ${failed[0].transactionHash}`)
  }
  try {
    const traders = Array.from({ length: count - from }, (_, i) => benchTrader(from + i))
    for (const trader of traders) {
      await test.impersonateAccount({ address: trader })
      await test.setBalance({ address: trader, value: 10n ** 20n })
    }
    // 1. the token's owner funds every trader (collateral + execution fee)
    const mints: Hex[] = []
    for (const trader of traders)
      mints.push(await wallet.sendTransaction({ account: owner, chain: foundry, to: c.SettlementToken, gas: 120_000n, data: encodeFunctionData({ abi: testUsdAbi, functionName: 'mint', args: [trader, collateral + fee] }) }))
    await mineAll(mints)
    // 2. each trader approves the router and requests its open
    const now = await client.readContract({ address: c.Multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' })
    const requests: Hex[] = []
    for (const [k, trader] of traders.entries()) {
      const i = from + k
      const m = i % marketIds.length
      const long = Math.floor(i / marketIds.length) % 2 === 0
      const size = (parseUnits(String(NOTIONAL_USD), 18) * 10n ** 18n) / prices[m]
      const limit = long ? prices[m] * 2n : prices[m] / 2n
      requests.push(await wallet.sendTransaction({ account: trader, chain: foundry, to: c.SettlementToken, gas: 80_000n, data: encodeFunctionData({ abi: testUsdAbi, functionName: 'approve', args: [c.OrderRouter, maxUint256] }) }))
      requests.push(
        await wallet.sendTransaction({
          account: trader,
          chain: foundry,
          to: c.OrderRouter,
          gas: 400_000n,
          data: encodeFunctionData({ abi: iOrderRouterAbi, functionName: 'requestOpen', args: [marketIds[m], long ? size : -size, collateral, limit, now + ORDER_EXPIRY_S] }),
        }),
      )
    }
    await mineAll(requests)
  } finally {
    await test.setAutomine(true)
  }
  // 3. a fresh price after the requests, then the keeper's settle pass executes them
  await settleDeployRequests(rpcUrl, deployment)
  // back to the devnet's pace: a block a second (or automine if that is what it had)
  if (!wasAutomine) {
    await test.setAutomine(false)
    await test.setIntervalMining({ interval: 1 })
  }
  return countBenchPositions(client, deployment, count)
}

/** How many of bench traders [0, count) hold their position (read 200 at a time: one call for 1,000 runs out of memory gas). */
export async function countBenchPositions(client: Pick<PublicClient, 'readContract'>, deployment: Deployment, count: number): Promise<number> {
  const marketIds = Object.values(deployment.markets).map(BigInt)
  let open = 0
  for (let start = 0; start < count; start += 200) {
    const keys = Array.from({ length: Math.min(200, count - start) }, (_, k) => ({ trader: benchTrader(start + k), marketId: marketIds[(start + k) % marketIds.length] }))
    const views = await client.readContract({ address: deployment.contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getPositions', args: [keys] })
    open += views.filter((v) => v.size !== 0n).length
  }
  return open
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[process.argv.indexOf('--count') + 1] ?? 1000)
  const rpcUrl = process.env.RAMPART_RPC_URL ?? 'http://127.0.0.1:8545'
  openPositions(rpcUrl, await readDeployment(), count).then((open) => console.log(`${open} bench positions open`), (error) => {
    console.error(error)
    process.exit(1)
  })
}


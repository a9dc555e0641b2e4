/**
 * Measures how many blocks a two-step request waits on a running devnet (`npm run dev`, with its
 * feeder and keeper): a devnet account draws tUSD from the faucet, then requests a small open,
 * its close and an LP deposit, `FILL_ROUNDS` times, each sent at a random moment within a block,
 * and records request block → settlement block for every request from the router's and the
 * pool's events.
 *
 *   npx tsx scripts/devnet/fillLatency.ts          (RAMPART_RPC_URL, FILL_ROUNDS (5), FILL_ACCOUNT (7), FILL_MARKET (0))
 *
 * Prints one JSON line per request and a summary line: how many were settled N+1, N+2, … blocks
 * after the block of their request.
 */
import { createPublicClient, createWalletClient, http, maxUint256, parseEventLogs, type Hash } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { iLiquidityPoolAbi, iOrderRouterAbi, iPerpLensAbi, testUsdAbi } from '../../lib/contracts/generated'
import { sleep } from '../service/retry'
import { devnetAccount } from './accounts'
import { readDeployment } from './devnet'

const rpcUrl = process.env.RAMPART_RPC_URL ?? 'http://127.0.0.1:8545'
const rounds = Number(process.env.FILL_ROUNDS ?? 5)
const accountIndex = Number(process.env.FILL_ACCOUNT ?? 7)
const marketId = BigInt(process.env.FILL_MARKET ?? 0)

async function main() {
  const deployment = await readDeployment()
  const transport = http(rpcUrl)
  const client = createPublicClient({ chain: foundry, transport, pollingInterval: 50, cacheTime: 0 })
  const account = privateKeyToAccount(devnetAccount(accountIndex).privateKey)
  const wallet = createWalletClient({ chain: foundry, transport, account })
  const router = { address: deployment.contracts.OrderRouter, abi: iOrderRouterAbi } as const
  const usd = { address: deployment.contracts.SettlementToken, abi: testUsdAbi } as const
  const lens = { address: deployment.contracts.PerpLens, abi: iPerpLensAbi } as const
  const pool = { address: deployment.contracts.LiquidityPool, abi: iLiquidityPoolAbi } as const

  const mined = async (hash: Hash) => {
    const receipt = await client.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`)
    return receipt
  }
  // The faucet has a cooldown: a second run within it uses what the first drew.
  if ((await client.readContract({ ...usd, functionName: 'balanceOf', args: [account.address] })) < 1_000_000_000n)
    await mined(await wallet.writeContract({ ...usd, functionName: 'faucet' }))
  for (const spender of [router.address, pool.address]) await mined(await wallet.writeContract({ ...usd, functionName: 'approve', args: [spender, maxUint256] }))

  /** Whether request `id` was executed or cancelled, and in which block; null while it waits. */
  async function settlement(kind: 'order' | 'lp', id: bigint, fromBlock: bigint): Promise<{ executed: boolean; blockNumber: bigint } | null> {
    const [executed, cancelled] = await Promise.all(
      kind === 'order'
        ? (['OrderExecuted', 'OrderCancelled'] as const).map((eventName) => client.getContractEvents({ ...router, eventName, args: { orderId: id }, fromBlock }))
        : (['LpRequestExecuted', 'LpRequestCancelled'] as const).map((eventName) => client.getContractEvents({ ...pool, eventName, args: { requestId: id }, fromBlock })),
    )
    const log = executed[0] ?? cancelled[0]
    return log ? { executed: executed.length > 0, blockNumber: log.blockNumber } : null
  }

  /** Sends a request at a random moment of the block, returns its block and the block it was settled in. */
  async function measure(label: string, request: () => Promise<Hash>) {
    await sleep(Math.random() * 1000)
    const receipt = await mined(await request())
    const [order] = parseEventLogs({ abi: iOrderRouterAbi, logs: receipt.logs, eventName: 'OrderRequested' })
    const [lp] = parseEventLogs({ abi: iLiquidityPoolAbi, logs: receipt.logs, eventName: 'LpRequested' })
    const id = order ? order.args.orderId : lp.args.requestId
    const deadline = Date.now() + 60_000
    for (;;) {
      const settled = await settlement(order ? 'order' : 'lp', id, receipt.blockNumber)
      if (settled) {
        const row = { request: label, id, requestBlock: receipt.blockNumber, settledBlock: settled.blockNumber, blocks: Number(settled.blockNumber - receipt.blockNumber), executed: settled.executed }
        console.log(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)))
        return row
      }
      if (Date.now() > deadline) throw new Error(`${label} request ${id} not settled within 60 s`)
      await sleep(100)
    }
  }

  const rows = []
  for (let i = 0; i < rounds; i++) {
    const market = await client.readContract({ ...lens, functionName: 'getMarket', args: [marketId] })
    const expiry = (await client.getBlock()).timestamp + 300n
    // 100 USD of notional at 2× (any fill within a factor of two: only the timing is measured).
    const size = (100n * 10n ** 36n) / market.price
    rows.push(await measure('open', () => wallet.writeContract({ ...router, functionName: 'requestOpen', args: [marketId, size, 50_000_000n, market.price * 2n, expiry] })))
    rows.push(await measure('close', () => wallet.writeContract({ ...router, functionName: 'requestClose', args: [marketId, market.price / 2n, expiry] })))
    rows.push(await measure('deposit', () => wallet.writeContract({ ...pool, functionName: 'requestDeposit', args: [10_000_000n, 0n, expiry] })))
  }
  const histogram: Record<string, number> = {}
  for (const row of rows) histogram[`N+${row.blocks}`] = (histogram[`N+${row.blocks}`] ?? 0) + 1
  console.log(JSON.stringify({ requests: rows.length, executed: rows.filter((r) => r.executed).length, settledAfter: histogram }))
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})

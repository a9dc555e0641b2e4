import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseUnits } from 'viem'
import { iPerpLensAbi, perpEngineAbi } from '../lib/contracts/generated'
import { ROOT } from '../scripts/devnet/devnet'
import { startIndexer, waitCaughtUp } from '../scripts/devnet/indexer'
import { ProcessGroup } from '../scripts/devnet/processes'
import { connectWallet } from './support/connect'
import { openThroughRouter } from './support/requests'
import { byMethod, recordRpcCalls } from './support/rpcBudget'
import { expect, test } from './support/test'

/**
 * Issue 17's must-show: with the indexer configured, the account history page takes its history
 * from the indexer and sends the node no `eth_getLogs` of its own. This spec starts, beside its
 * worker's stack, an indexer (Ponder on PGlite) following the stack's chain and a second
 * `next start` of the same build with RAMPART_INDEXER_URL pointing at it; the other specs keep
 * the app without an indexer (direct log reads).
 */
test.describe('history from the indexer', () => {
  const group = new ProcessGroup()
  let dir = ''

  test.beforeAll(async ({ stack }) => {
    test.setTimeout(180_000)
    dir = await mkdtemp(join(tmpdir(), 'rampart-e2e-indexer-'))
    const indexer = startIndexer(group, 'indexer', { port: stack.indexerPort, rpcUrl: stack.rpcUrl, schema: 'e2e', dir, logLevel: 'warn' })
    const app = group.start('next (indexer)', join(ROOT, 'node_modules', '.bin', 'next'), ['start', '-H', '127.0.0.1', '-p', String(stack.indexerAppPort)], {
      cwd: ROOT,
      env: { ...process.env, RAMPART_RPC_URL: stack.rpcUrl, RAMPART_INDEXER_URL: stack.indexerUrl, NEXT_TELEMETRY_DISABLED: '1' },
    })
    const head = async () =>
      BigInt(
        await fetch(stack.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber' }) }).then(
          async (r) => ((await r.json()) as { result: string }).result,
        ),
      )
    await Promise.race([
      Promise.all([waitCaughtUp(stack.indexerUrl, head), waitForHttp(stack.indexerAppUrl)]),
      group.watch('indexer', indexer),
      group.watch('next (indexer)', app),
    ])
  })

  test.afterAll(async () => {
    await group.stop()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  test('the account history page makes no eth_getLogs of its own and shows the trades from the indexer', async ({ page, chain, wallet, stack }) => {
    test.setTimeout(120_000)
    const { contracts } = chain.deployment
    // two trades: a long in each of two markets, opened on the chain through the router
    const markets = [0n, 1n]
    for (const marketId of markets) {
      const market = await chain.publicClient.readContract({ address: contracts.PerpLens, abi: iPerpLensAbi, functionName: 'getMarket', args: [marketId] })
      const size = parseUnits('0.1', 18)
      const collateral = (market.price * size) / 10n ** 18n / 4n / 10n ** 12n // 4× leverage, WAD notional → 6-decimal units
      await openThroughRouter(chain, wallet.address, marketId, size, collateral)
    }
    const opened = await chain.publicClient.getContractEvents({ address: contracts.PerpEngine, abi: perpEngineAbi, eventName: 'PositionOpened', args: { trader: wallet.address }, fromBlock: BigInt(chain.deployment.deployBlock) })
    expect(opened).toHaveLength(2)

    const rpc = recordRpcCalls(page, chain.rpcUrl)
    const indexerReads: string[] = []
    page.on('request', (request) => {
      if (request.url().startsWith(`${stack.indexerUrl}/logs`) && request.method() === 'POST') indexerReads.push(request.postData() ?? '')
    })
    rpc.start()
    await page.goto(`${stack.indexerAppUrl}/portfolio`)
    await connectWallet(page)
    await expect(page.getByTestId('footer-history')).toHaveText('history: indexer')
    await page.getByTestId('portfolio-tab-history').click()
    const rows = page.getByTestId('history-row').and(page.locator('[data-kind="open"]'))
    await expect(rows).toHaveCount(2)
    await expect(rows.getByTestId('history-block')).toHaveText(opened.map((e) => String(e.blockNumber)).sort((a, b) => Number(b) - Number(a)))
    await expect(page.getByText('read from the indexer')).toBeVisible()
    // a few more blocks with the page open: each new block's read goes to the indexer too
    const shownAt = await chain.publicClient.getBlockNumber({ cacheTime: 0 })
    while ((await chain.publicClient.getBlockNumber({ cacheTime: 0 })) < shownAt + 4n) await page.waitForTimeout(250)

    const counts = byMethod(rpc.calls())
    expect(counts.eth_getLogs ?? 0, `the page's JSON-RPC calls: ${JSON.stringify(counts)}`).toBe(0)
    expect(counts.eth_call ?? 0, 'the page still reads its state from the node').toBeGreaterThan(0)
    // the account history's own filter (the trader as first indexed topic) went to the indexer
    const trader = wallet.address.toLowerCase().slice(2)
    expect(indexerReads.some((body) => body.toLowerCase().includes(trader))).toBe(true)
  })
})

async function waitForHttp(url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`)
}

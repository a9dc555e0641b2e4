import { readFile } from 'node:fs/promises'
import { formatUnits, pad, parseUnits } from 'viem'
import { iPerpLensAbi, liquidationEngineAbi } from '../lib/contracts/generated'
import { formatAmount, formatWad } from '../lib/format'
import { connectWallet } from './support/connect'
import { openThroughRouter } from './support/requests'
import { expect, test } from './support/test'

const ETH = 0n

test.describe('account history and liquidation notice', () => {
  test('a liquidation raises a toast that stays and a history row with the event\'s amounts; a reload reads no past block again', async ({ page, chain, wallet }) => {
    test.setTimeout(120_000)
    const { contracts } = chain.deployment
    const lens = { address: contracts.PerpLens, abi: iPerpLensAbi } as const
    // An 8× long (ETH's tier: at most 9×, the gap-aware cap) for the test wallet, opened on the chain through the router.
    const market = await chain.publicClient.readContract({ ...lens, functionName: 'getMarket', args: [ETH] })
    const size = parseUnits('1', 18)
    const collateral = (market.price / 8n) / 10n ** 12n // WAD notional → 6-decimal token units
    await openThroughRouter(chain, wallet.address, ETH, size, collateral)

    // The history's reads: one filter over the engine and the liquidation engine, by account.
    const accountTopic = pad(wallet.address.toLowerCase() as `0x${string}`)
    const liquidationEngine = contracts.LiquidationEngine.toLowerCase()
    const historyReads: bigint[] = []
    page.on('request', (request) => {
      if (!request.url().startsWith(chain.rpcUrl) || request.method() !== 'POST') return
      type GetLogs = { method: string; params: { fromBlock: string; address?: string | string[]; topics?: unknown[] }[] }
      const body = request.postDataJSON() as GetLogs | GetLogs[]
      for (const call of Array.isArray(body) ? body : [body]) {
        if (call.method !== 'eth_getLogs') continue
        const [filter] = call.params
        const addresses = [filter.address ?? []].flat().map((a) => a.toLowerCase())
        if (filter.topics?.[1] === accountTopic && addresses.includes(liquidationEngine)) historyReads.push(BigInt(filter.fromBlock))
      }
    })

    await page.goto('/portfolio')
    await connectWallet(page)
    await page.getByTestId('portfolio-tab-history').click()
    const rows = page.getByTestId('history-row')
    await expect(rows.and(page.locator('[data-kind="open"]'))).toHaveCount(1)
    await expect(page.getByTestId('toast-alert')).toHaveCount(0)

    // ETH falls to just under the position's liquidation price (in steps of at most 5 %, which
    // the oracle accepts), where equity is left for a penalty; then anyone liquidates it.
    const position = () => chain.publicClient.readContract({ ...lens, functionName: 'getPosition', args: [wallet.address, ETH] })
    for (let step = 0; step < 5; step++) {
      const now = await position()
      if (now.liquidatable) break
      const toTarget = Number((now.liquidationPrice * 997n) / now.markPrice) / 1000
      await chain.movePrice(ETH, Math.max(toTarget, 0.95))
    }
    expect((await position()).liquidatable).toBe(true)
    const before = await chain.publicClient.getBlockNumber()
    await chain.asDeployer({ address: contracts.LiquidationEngine, abi: liquidationEngineAbi, functionName: 'liquidate', args: [wallet.address, ETH], gas: 3_000_000n }) // explicit: an estimate from the block before may take the other (partial/full) path
    const [liquidated] = await chain.publicClient.getContractEvents({
      address: contracts.LiquidationEngine, abi: liquidationEngineAbi, eventName: 'Liquidated', args: { trader: wallet.address }, fromBlock: before,
    })
    const { closedSize, payout, penalty, full } = liquidated.args as { closedSize: bigint; payout: bigint; penalty: bigint; full: boolean }
    expect(penalty).toBeGreaterThan(0n)

    // The toast names the market, what was closed, returned and lost.
    const toast = page.getByTestId('toast-alert')
    await expect(toast).toHaveCount(1)
    const toastShownAt = Date.now()
    await expect(toast).toContainText(full ? 'Position liquidated: ETH-USD' : 'Position partly liquidated: ETH-USD')
    await expect(toast).toContainText(`(${formatWad(closedSize, 4)})`)
    await expect(toast).toContainText(`returned ${formatAmount(payout, 6)}`)
    await expect(toast).toContainText(`penalty ${formatAmount(penalty, 6)}`)

    // The history row carries the event's amounts.
    const row = rows.and(page.locator('[data-kind="liquidation"]'))
    await expect(row).toHaveCount(1)
    await expect(row.getByTestId('history-block')).toHaveText(String(liquidated.blockNumber))
    await expect(row.getByTestId('history-market')).toHaveText('ETH-USD')
    await expect(row.getByTestId('history-kind')).toHaveText(full ? 'Liquidation (full)' : 'Liquidation (partial)')
    await expect(row.getByTestId('history-size')).toHaveText(formatWad(closedSize, 4))
    await expect(row.getByTestId('history-payout')).toHaveText(formatAmount(payout, 6))
    await expect(row.getByTestId('history-penalty')).toHaveText(formatAmount(penalty, 6))

    // The CSV has the same event with exact decimals.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-export').click()])
    const csv = await readFile((await download.path())!, 'utf8')
    const lines = csv.trimEnd().split('\r\n')
    const header = lines[0].split(',')
    const liquidationLine = lines.find((line) => line.includes(',Liquidation,'))!.split(',')
    expect(liquidationLine[header.indexOf('block')]).toBe(String(liquidated.blockNumber))
    expect(liquidationLine[header.indexOf('payout')]).toBe(formatUnits(payout, 6))
    expect(liquidationLine[header.indexOf('penalty')]).toBe(formatUnits(penalty, 6))
    expect(lines.some((line) => line.includes(',Open,'))).toBe(true)

    // Toasts go after 8 s; this one stays until dismissed.
    await page.waitForTimeout(Math.max(0, 9_000 - (Date.now() - toastShownAt)))
    await expect(toast).toHaveCount(1)
    await toast.getByRole('button', { name: 'Dismiss' }).click()
    await expect(toast).toHaveCount(0)

    // Reload: the history comes from this browser's store; only blocks after it are read.
    const storedThrough = BigInt((await page.getByTestId('history-to-block').textContent())!)
    const count = await rows.count()
    historyReads.length = 0
    await page.reload()
    // wagmi reconnects the wallet it was connected to
    await page.getByTestId('portfolio-tab-history').click()
    await expect(rows.and(page.locator('[data-kind="liquidation"]'))).toHaveCount(1)
    await expect(rows).toHaveCount(count)
    await expect.poll(() => historyReads.length).toBeGreaterThan(0)
    expect(historyReads.every((fromBlock) => fromBlock > storedThrough), `history reads from ${historyReads.join(', ')} after block ${storedThrough}`).toBe(true)
    // A liquidation already in the stored history raises no second toast.
    await expect(page.getByTestId('toast-alert')).toHaveCount(0)
  })
})

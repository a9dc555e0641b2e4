import type { Browser } from '@playwright/test'
import { createPublicClient, createTestClient, createWalletClient, http, type Address } from 'viem'
import { foundry } from 'viem/chains'
import { devnetPriceSourceAbi, oracleAggregatorAbi } from '../../lib/contracts/generated'
import type { Deployment } from '../../lib/config/types'
import { connectWallet } from '../../e2e/support/connect'
import { installInjectedWallet } from '../../e2e/support/injectedWallet'
import { allowSerialisedFunctions } from './stack'
import { devnetAccount, DEVNET_ROLES } from '../devnet/accounts'
import { FEEDER_MAX_FEE, FEEDER_PRIORITY_FEE, tickCalls } from '../feeder/chain'

export type LatencyResult = {
  page: string
  updates: number
  /** Updates whose new health never reached the screen within UPDATE_TIMEOUT_MS. */
  missed: number
  /** From the `evm_mine` request that mined the block to the new health value in the DOM (ms). */
  p50Ms: number
  p95Ms: number
  maxMs: number
  /** How long `evm_mine` took to answer: the block exists somewhere inside this window. */
  mineRoundTripP50Ms: number
  samplesMs: number[]
}

/** The seeded ~10× ETH long (devnet account 2): its health moves visibly with every 0.5 % step. */
const TRADER_INDEX = 2
const UPDATE_TIMEOUT_MS = 5_000
/** Blocks at least a second apart: chain time has 1 s resolution and the oracle keeps one observation a second. */
const BLOCK_GAP_MS = 1_100

/**
 * Chain-to-screen latency in Chromium. The bench stops anvil's own mining, connects the seeded
 * trader's wallet on the market page, and then, `updates` times: sends the feeder's transactions
 * moving ETH by ±0.5 % (all sources, then `updateMany`), notes the wall clock, mines them in one
 * block with `evm_mine`, and waits for the position's health on screen to change. A
 * MutationObserver in the page stamps each change with the wall clock (`performance.timeOrigin +
 * performance.now()`; same machine, same clock). Latency = screen change − `evm_mine` sent, so it
 * includes the mine call itself (its round trip is reported beside it).
 */
export async function measureLatency(browser: Browser, { appUrl, rpcUrl, deployment, updates }: { appUrl: string; rpcUrl: string; deployment: Deployment; updates: number }): Promise<LatencyResult> {
  const transport = http(rpcUrl)
  const publicClient = createPublicClient({ chain: foundry, transport, cacheTime: 0 })
  const testClient = createTestClient({ chain: foundry, mode: 'anvil', transport })
  const walletClient = createWalletClient({ chain: foundry, transport })
  const feeder = devnetAccount(DEVNET_ROLES.priceFeeder).address as Address
  const oracle = deployment.contracts.OracleAggregator
  const marketId = 0n
  const market = Object.entries(deployment.markets).find(([, id]) => id === Number(marketId))![0]
  const sources = await publicClient.readContract({ address: oracle, abi: oracleAggregatorAbi, functionName: 'getSources', args: [marketId] })
  const base = await Promise.all(sources.map(async (source) => (await publicClient.readContract({ address: source, abi: devnetPriceSourceAbi, functionName: 'latestRoundData' }))[1]))

  const context = await browser.newContext()
  const page = await context.newPage()
  try {
    await allowSerialisedFunctions(page)
    await installInjectedWallet(page, { account: devnetAccount(TRADER_INDEX).address as Address, rpcUrl })
    page.on('pageerror', (error) => console.error(`[page] ${error.message}`))
    await page.goto(`${appUrl}/markets/${market}`)
    // hydrated and live before the click, as a person would see the page
    await page.getByTestId('footer-block').filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 })
    await connectWallet(page)
    const health = page.getByTestId('position-health').first()
    await health.filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 })
    await page.evaluate(() => {
      const w = window as unknown as { __healthChanges: { at: number; text: string }[] }
      w.__healthChanges = []
      let last = document.querySelector('[data-testid="position-health"]')?.textContent ?? ''
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="position-health"]')?.textContent ?? ''
        if (text === last) return
        last = text
        w.__healthChanges.push({ at: performance.timeOrigin + performance.now(), text })
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })

    // From here on blocks come only from the bench.
    await testClient.setAutomine(false)
    await testClient.setIntervalMining({ interval: 0 })
    const samplesMs: number[] = []
    const mineMs: number[] = []
    let missed = 0
    for (let i = 0; i < updates; i++) {
      const factorPpm = i % 2 === 0 ? 995_000n : 1_000_000n // down 0.5 %, then back
      const answers = base.map((answer) => (answer * factorPpm) / 1_000_000n)
      for (const call of tickCalls(oracle, [{ marketId, sources, answers }]))
        await walletClient.sendTransaction({ ...call, account: feeder, chain: foundry, maxFeePerGas: FEEDER_MAX_FEE, maxPriorityFeePerGas: FEEDER_PRIORITY_FEE })
      await new Promise((resolve) => setTimeout(resolve, BLOCK_GAP_MS))
      const before = await page.evaluate(() => (window as unknown as { __healthChanges: unknown[] }).__healthChanges.length)
      const sentAt = Date.now()
      await testClient.mine({ blocks: 1 })
      mineMs.push(Date.now() - sentAt)
      const changedAt = await page
        .waitForFunction((n) => (window as unknown as { __healthChanges: { at: number }[] }).__healthChanges[n]?.at, before, { timeout: UPDATE_TIMEOUT_MS, polling: 20 })
        .then((handle) => handle.jsonValue() as Promise<number>)
        .catch(() => null)
      if (changedAt === null) missed++
      else samplesMs.push(changedAt - sentAt)
    }
    return { page: `/markets/${market}`, updates, missed, ...summary(samplesMs), mineRoundTripP50Ms: percentile(mineMs, 50), samplesMs }
  } finally {
    await testClient.setAutomine(false).catch(() => {})
    await testClient.setIntervalMining({ interval: 1 }).catch(() => {})
    await context.close()
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]
}

function summary(samples: readonly number[]) {
  return { p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), maxMs: samples.length ? Math.max(...samples) : Number.NaN }
}

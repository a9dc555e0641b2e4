import { createPublicClient, encodeFunctionData, http, type Address, type Hash, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { devnetPriceSourceAbi, oracleAggregatorAbi, riskConfigAbi } from '../../lib/contracts/generated'
import type { Deployment } from '../../lib/config/types'
import { toFeedAnswer } from './priceModel'

export type FeedMarket = { id: bigint; name: string; sources: Address[]; mid: number }

const fromWad = (value: bigint) => Number(value) / 1e18

/** The markets the protocol lists, with the devnet sources behind each and today's price. */
export async function discoverMarkets(rpcUrl: string, deployment: Deployment): Promise<FeedMarket[]> {
  const client = createPublicClient({ transport: http(rpcUrl) })
  const config = { address: deployment.contracts.RiskConfig, abi: riskConfigAbi } as const
  const oracle = { address: deployment.contracts.OracleAggregator, abi: oracleAggregatorAbi } as const
  const count = await client.readContract({ ...config, functionName: 'marketCount' })
  return Promise.all(
    Array.from({ length: Number(count) }, async (_, i) => {
      const id = BigInt(i)
      const [name, sources, state] = await Promise.all([
        client.readContract({ ...config, functionName: 'marketName', args: [id] }),
        client.readContract({ ...oracle, functionName: 'getSources', args: [id] }),
        client.readContract({ ...oracle, functionName: 'getOracleState', args: [id] }),
      ])
      const mid = fromWad(state.liveMedian > 0n ? state.liveMedian : state.price)
      return { id, name, sources: [...sources], mid }
    }),
  )
}

/**
 * Gas of a tick's transactions, given rather than estimated: an estimate made before the tick's
 * source answers are mined prices an `updateMany` with no news, and each estimate is a round trip
 * the tick cannot spare inside one block.
 */
export const SOURCE_UPDATE_GAS = 200_000n
export const UPDATE_MANY_GAS = 3_000_000n

/** One transaction of a tick: a contract call with its gas. */
export type TickCall = { to: Address; data: Hex; gas: bigint }

/** Every source's new answer (8 decimals) for one market. */
export type MarketAnswers = { marketId: bigint; sources: readonly Address[]; answers: readonly bigint[] }

/**
 * One tick's transactions in the order they must be mined: every source's answer, then one
 * `updateMany` for all the markets, so the oracle accepts (and records in its history) data that
 * every source reported in this very block.
 */
export function tickCalls(oracle: Address, markets: readonly MarketAnswers[]): TickCall[] {
  const answers = markets.flatMap(({ sources, answers }) => {
    if (answers.length !== sources.length) throw new Error(`${answers.length} answers for ${sources.length} sources`)
    return sources.map((source, i): TickCall => ({
      to: source,
      data: encodeFunctionData({ abi: devnetPriceSourceAbi, functionName: 'updateAnswer', args: [answers[i]] }),
      gas: SOURCE_UPDATE_GAS,
    }))
  })
  const update: TickCall = {
    to: oracle,
    data: encodeFunctionData({ abi: oracleAggregatorAbi, functionName: 'updateMany', args: [markets.map((m) => m.marketId)] }),
    gas: UPDATE_MANY_GAS,
  }
  return [...answers, update]
}

/**
 * Fees of the feeder's transactions. anvil orders a block's transactions by their max fee per gas
 * (its default `--order fees`), so a tick sent with a high cap is mined before the block's other
 * transactions and its `updateMany` is the second's first acceptance (the one the history keeps),
 * not the update of older data that a liquidation or a keeper's refresh would make earlier in the
 * block. What it pays is the base fee plus the usual 1 gwei tip: the cap only orders it.
 */
export const FEEDER_MAX_FEE = 100_000_000_000n
export const FEEDER_PRIORITY_FEE = 1_000_000_000n

/** The tick's max fee per gas: the ordering cap, or more when the base fee has climbed that far. */
export function feederMaxFee(baseFee: bigint): bigint {
  const needed = baseFee * 2n + FEEDER_PRIORITY_FEE
  return needed > FEEDER_MAX_FEE ? needed : FEEDER_MAX_FEE
}

/**
 * Sends ticks without waiting for them: each tick's transactions are signed here with consecutive
 * nonces (kept locally, read again from the node after a failed send) and sent in one JSON-RPC
 * batch, so a whole tick reaches the node within milliseconds and is mined in the next block.
 */
export function createFeedWriter(rpcUrl: string, privateKey: Hex, deployment: Deployment, chainId: number = foundry.id) {
  const account = privateKeyToAccount(privateKey)
  const client = createPublicClient({ transport: http(rpcUrl, { batch: true }) })
  let nextNonce: number | null = null
  return {
    account: account.address,
    /** Sends one tick (in nonce order); resolves with the hash of its `updateMany` once the node has every transaction. */
    async push(markets: readonly { market: FeedMarket; prices: number[] }[], baseFee: bigint): Promise<Hash> {
      const calls = tickCalls(
        deployment.contracts.OracleAggregator,
        markets.map(({ market, prices }) => ({ marketId: market.id, sources: market.sources, answers: prices.map((p) => toFeedAnswer(p)) })),
      )
      try {
        const first = nextNonce ?? (await client.getTransactionCount({ address: account.address, blockTag: 'pending' }))
        const signed = await Promise.all(
          calls.map((call, i) =>
            account.signTransaction({
              type: 'eip1559',
              chainId,
              nonce: first + i,
              to: call.to,
              data: call.data,
              gas: call.gas,
              maxFeePerGas: feederMaxFee(baseFee),
              maxPriorityFeePerGas: FEEDER_PRIORITY_FEE,
            }),
          ),
        )
        nextNonce = first + calls.length
        const hashes = await Promise.all(signed.map((serializedTransaction) => client.sendRawTransaction({ serializedTransaction })))
        return hashes.at(-1)!
      } catch (error) {
        nextNonce = null // some may not have reached the node: count again from what it holds
        throw error
      }
    },
    /** Forgets the local nonce: the next tick reads it from the node (after a tick that was never mined). */
    resync: () => void (nextNonce = null),
  }
}

/** What the feeder does at a new block. */
export type TickDecision = { action: 'send' } | { action: 'wait' } | { action: 'stuck'; blocks: bigint }

/**
 * One tick every `everyBlocks` blocks, and never two in flight: at block `head` the feeder sends
 * when the previous tick is mined (or there is none) and `everyBlocks` have passed since it was
 * sent; it waits while the previous tick is not mined yet, and reports it stuck after
 * `stuckBlocks` blocks (then it resyncs its nonce and sends again).
 */
export function tickDecision(
  head: bigint,
  previous: { sentAfter: bigint; mined: boolean } | null,
  { everyBlocks, stuckBlocks }: { everyBlocks: bigint; stuckBlocks: bigint },
): TickDecision {
  if (previous === null) return { action: 'send' }
  if (!previous.mined) return head - previous.sentAfter > stuckBlocks ? { action: 'stuck', blocks: head - previous.sentAfter } : { action: 'wait' }
  return head - previous.sentAfter >= everyBlocks ? { action: 'send' } : { action: 'wait' }
}

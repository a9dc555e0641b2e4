/**
 * Sends the keeper's liquidation batches without waiting for one receipt before the next (issue
 * 16): each pass plans batches of the liquidatable positions not already in a sent transaction,
 * sized from the block gas limit (`targetsPerBatch`, with the per-target gas measured from the
 * keeper's own receipts, which also gives each batch its gas limit), and sends them one after the
 * other with nonces counted locally, so several land in one block. Receipts are collected on the
 * next pass (`collect`): a mined batch releases its positions (the follower drops the liquidated
 * ones by their events); a reverted or lost one releases them too, so the next pass plans them
 * again instead of blocking on it.
 *
 * Two keepers at once: `liquidateMany` skips (event `LiquidationSkipped`) a target another keeper
 * liquidated first (`NoPosition`) or made healthy by a partial close (`NotLiquidatable`); it never
 * reverts the batch for it.
 */
import { encodeFunctionData, parseEventLogs, type Account, type Address, type Hash, type Hex, type PublicClient, type TransactionReceipt, type WalletClient } from 'viem'
import { liquidationEngineAbi } from '../../lib/contracts/generated'
import { withGasMargin } from '../../lib/tx/gasMargin'
import { keyId, keyLabel } from '../../lib/positions/openSet'
import type { Logger } from '../service/log'
import { allocateNonces, DEFAULT_LIQUIDATION_GAS, liquidationBatches, liquidationFees, nextPerTargetGas, targetsPerBatch, type TrackedPosition } from './plan'
import { noSendLock, type SendLock } from './sendLock'

type InFlight = { hash: Hash; keys: string[]; targets: number; gas: bigint; nonce: number; sentAt: bigint }

/** A mined batch, as `collect` reports it. */
export type LiquidationOutcome = {
  hash: Hash
  blockNumber: bigint
  status: 'success' | 'reverted'
  targets: number
  gasUsed: bigint
  liquidated: { trader: Address; marketId: bigint; closedSize: bigint; full: boolean }[]
  skipped: number
}

export type LiquidationSenderOptions = {
  client: PublicClient
  wallet: WalletClient
  account: Account
  liquidationEngine: Address
  log: Logger
  /** At most this many positions per batch (KEEPER_LIQUIDATION_BATCH). */
  maxBatch: number
  /** Batches planned to share one block (the batch size follows from the block gas limit). */
  txsPerBlock?: number
  /** A sent transaction not mined after this many blocks is given up (its positions re-planned, nonces re-read). */
  maxPendingBlocks?: bigint
  /** Held while reading the nonce and sending, when other code sends from the same account at the same time (scripts/keeper/sendLock.ts). */
  sendLock?: SendLock
  /** A client whose transport batches JSON-RPC requests (viem `http(url, { batch: true })`): the signed batches go out in one request. */
  batchClient?: PublicClient
}

export function createLiquidationSender({ client, wallet, account, liquidationEngine, log, maxBatch, txsPerBlock = 3, maxPendingBlocks = 5n, sendLock = noSendLock, batchClient }: LiquidationSenderOptions) {
  const liquidator = { address: liquidationEngine, abi: liquidationEngineAbi } as const
  const inFlight = new Map<Hash, InFlight>()
  let nextNonce: number | null = null
  let chainId: number | null = null
  /** Nonces of dropped batches, not used since: filled first, or nothing later of this account is mined. */
  const gaps = new Set<number>()
  const gas = { ...DEFAULT_LIQUIDATION_GAS }

  const busyKeys = () => new Set([...inFlight.values()].flatMap((t) => t.keys))
  const inFlightKey = (key: string) => [...inFlight.values()].some((t) => t.keys.includes(key))

  /**
   * Receipts of the sent batches mined at or before `blockNumber` (the block the pass reads
   * positions at); the others stay in flight.
   */
  async function collect(blockNumber: bigint): Promise<LiquidationOutcome[]> {
    const sent = [...inFlight.values()]
    const receipts = await Promise.all(sent.map((t) => client.getTransactionReceipt({ hash: t.hash }).catch(() => null as TransactionReceipt | null)))
    // Sent on an earlier pass and not mined: does the node still hold it? Anvil has dropped a
    // batch from its pool in a crash while keeping the later nonces queued behind the gap, which
    // then held every later transaction of the account (the keeper stalled for a minute).
    const unmined = sent.filter((t, i) => receipts[i] === null && blockNumber > t.sentAt)
    const known = await Promise.all(unmined.map((t) => client.getTransaction({ hash: t.hash }).then(() => true, () => false)))
    const lost = unmined.filter((_, i) => !known[i])
    if (lost.length > 0) {
      const mined = await client.getTransactionCount({ address: account.address, blockTag: 'latest' })
      for (const t of lost) {
        inFlight.delete(t.hash)
        // Its nonce still unused: the next submit sends with it first (nothing later of this account is mined before it).
        if (t.nonce >= mined) gaps.add(t.nonce)
        log.warn('liquidation dropped by the node', { tx: t.hash, nonce: t.nonce, sentAt: t.sentAt, block: blockNumber, nonceUnused: t.nonce >= mined })
      }
    }
    const lostHashes = new Set(lost.map((t) => t.hash))
    const outcomes: LiquidationOutcome[] = []
    sent.forEach((t, i) => {
      if (lostHashes.has(t.hash)) return
      // Mined after the block this pass reads positions at: the follower has not seen its events
      // yet, so its positions stay in flight until a pass at or past that block.
      const receipt = receipts[i] !== null && receipts[i]!.blockNumber > blockNumber ? null : receipts[i]
      if (receipt === null) {
        if (blockNumber - t.sentAt >= maxPendingBlocks) {
          // Stuck: plan its positions again, and read the nonce from the node again.
          inFlight.delete(t.hash)
          nextNonce = null
          log.warn('liquidation not mined', { tx: t.hash, nonce: t.nonce, sentAt: t.sentAt, block: blockNumber })
        }
        return
      }
      inFlight.delete(t.hash)
      const done = parseEventLogs({ abi: liquidationEngineAbi, logs: receipt.logs, eventName: 'Liquidated' })
      const skipped = parseEventLogs({ abi: liquidationEngineAbi, logs: receipt.logs, eventName: 'LiquidationSkipped' })
      if (receipt.status === 'success') {
        // Per target above the default base (a later bump of the base is a one-off, not a per-target cost).
        gas.perTarget = nextPerTargetGas(gas.perTarget, receipt.gasUsed, t.targets, DEFAULT_LIQUIDATION_GAS.base / 4n, DEFAULT_LIQUIDATION_GAS.perTarget / 3n)
        log.info('liquidated', { block: receipt.blockNumber, tx: receipt.transactionHash, count: done.length, targets: done.map((e) => keyLabel(e.args)) })
        if (skipped.length > 0)
          log.warn('liquidation skipped', { block: receipt.blockNumber, tx: receipt.transactionHash, skipped: skipped.map((e) => ({ position: keyLabel(e.args), reason: e.args.reason })) })
      } else {
        // Most likely out of gas (`InsufficientGas`: the batch cost more than its estimate plus margin):
        // a dearer per-target figure makes the re-planned batches smaller.
        if (receipt.gasUsed * 10n >= t.gas * 9n) {
          gas.perTarget = (gas.perTarget * 3n) / 2n
          gas.base = (gas.base * 3n) / 2n
        }
        log.warn('liquidation reverted', { block: receipt.blockNumber, tx: receipt.transactionHash, targets: t.targets, gasUsed: receipt.gasUsed, gas: t.gas })
      }
      outcomes.push({
        hash: t.hash,
        blockNumber: receipt.blockNumber,
        status: receipt.status,
        targets: t.targets,
        gasUsed: receipt.gasUsed,
        liquidated: done.map((e) => ({ trader: e.args.trader, marketId: e.args.marketId, closedSize: e.args.closedSize, full: e.args.full })),
        skipped: skipped.length,
      })
    })
    return outcomes
  }

  let fetched: { blockNumber: bigint; reads: Promise<{ block: { gasLimit: bigint; baseFeePerGas: bigint | null }; priorityFee: bigint | null; id: number }> } | null = null
  /**
   * Starts the reads `submit` needs at `blockNumber` (the block, the priority fee), so a caller can
   * run them beside its own reads of the block; `submit` at the same block uses them.
   */
  function prefetch(blockNumber: bigint) {
    if (fetched?.blockNumber !== blockNumber) {
      const reads = Promise.all([
        client.getBlock({ blockNumber }),
        client.estimateMaxPriorityFeePerGas().catch(() => null),
        chainId ?? wallet.chain?.id ?? client.getChainId(),
      ]).then(([block, priorityFee, id]) => ({ block, priorityFee, id }))
      // A failed read is read again by the next call, not kept.
      reads.catch(() => {
        if (fetched?.reads === reads) fetched = null
      })
      fetched = { blockNumber, reads }
    }
    return fetched.reads
  }

  /** Plans and sends the batches for `positions` (read at `blockNumber`); returns the hashes sent. */
  async function submit(positions: readonly TrackedPosition[], blockNumber: bigint): Promise<Hash[]> {
    if (gaps.size === 0 && !positions.some((p) => p.liquidatable && !inFlightKey(keyId(p)))) return []
    // The block's gas limit and base fee, the priority fee and (below, under the lock) the nonce: read
    // once per pass, not once per transaction as viem's writeContract would (four round trips each).
    const { block, priorityFee, id } = await prefetch(blockNumber)
    chainId = id
    const blockGasLimit = block.gasLimit
    // Sized and limited with the measured per-target gas plus the estimate's margin.
    const budget = { base: gas.base, perTarget: withGasMargin(gas.perTarget) }
    const perBatch = targetsPerBatch(blockGasLimit, txsPerBlock, budget, maxBatch)
    const batches = liquidationBatches(positions, perBatch, busyKeys())
    if (batches.length === 0 && gaps.size === 0) return []
    // Neither simulated nor estimated: the health was read at this very block (a simulation at the
    // same state adds nothing, and cost seconds for a few large batches under load in the bench),
    // and the node's estimate is a binary search over whole executions that prices the batch at
    // this block only, while in a crash the next block's step can turn partial closes into full ones
    // with bad debt (an estimate + 25 % ran out of gas one step later). The limit is the measured
    // cost per target (this keeper's receipts, the bad-debt path included) plus 25 %; a batch that
    // still runs out reverts whole (`InsufficientGas`) and is planned again with a dearer figure.
    // Another keeper's liquidation of a target is skipped by the contract, not a revert.
    const prepared: { batch: TrackedPosition[]; to: Address; data: Hex; gas: bigint }[] = batches.map((batch) => {
      const limit = budget.base + budget.perTarget * BigInt(batch.length)
      const targets = batch.map(({ trader, marketId }) => ({ trader, marketId }))
      return { batch, to: liquidationEngine, data: encodeFunctionData({ abi: liquidationEngineAbi, functionName: 'liquidateMany', args: [targets] }), gas: limit < blockGasLimit ? limit : blockGasLimit }
    })
    // Room for a few full blocks in a row (a crash fills them): the base fee may rise 12.5 % a block.
    const fees = block.baseFeePerGas === null || priorityFee === null ? null : liquidationFees(block.baseFeePerGas, priorityFee)
    return sendLock(async () => {
      const [pendingNonce, minedNonce] = await Promise.all([
        client.getTransactionCount({ address: account.address, blockTag: 'pending' }),
        gaps.size > 0 ? client.getTransactionCount({ address: account.address, blockTag: 'latest' }) : 0,
      ])
      const nonces = allocateNonces(prepared.length, [...gaps], minedNonce, nextNonce, pendingNonce)
      gaps.clear()
      // A gap with no batch to fill it: a transfer of nothing to itself (the account's later transactions wait behind it).
      while (nonces.length > prepared.length) prepared.push({ batch: [], to: account.address, data: '0x', gas: 21_000n })
      const sent = await sendAll(prepared, nonces, fees)
      const hashes: Hash[] = []
      let failed = false
      sent.forEach((result, i) => {
        const p = prepared[i]
        const nonce = nonces[i]
        if (p.batch.length === 0) {
          if (result.status === 'rejected') gaps.add(nonce)
          log.warn('nonce gap filled', { block: blockNumber, nonce, sent: result.status === 'fulfilled' })
          return
        }
        if (result.status === 'fulfilled') {
          inFlight.set(result.value, { hash: result.value, keys: p.batch.map(keyId), targets: p.batch.length, gas: p.gas, nonce, sentAt: blockNumber })
          hashes.push(result.value)
        } else {
          // A refused send (nonce taken by another writer of this account, node error): its
          // positions are planned again next pass, with the nonce read from the node again.
          failed = true
          const error = result.reason
          log.warn('liquidation send failed', { block: blockNumber, nonce, error: error instanceof Error ? error.message.split('\n')[0] : String(error) })
        }
      })
      nextNonce = failed ? null : Math.max(...nonces) + 1
      return hashes
    })
  }

  /**
   * Sends the batches with `nonces` (gaps first, then consecutive), one after the other. A local
   * account signs here (all at once, no round trip); an account the node signs for (the replay
   * lab's impersonated keeper) has the node sign.
   */
  async function sendAll(prepared: { to: Address; data: Hex; gas: bigint }[], nonces: number[], fees: { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } | null): Promise<PromiseSettledResult<Hash>[]> {
    const signTransaction = account.type === 'local' ? account.signTransaction : undefined
    const signed =
      signTransaction && fees !== null
        ? await Promise.all(prepared.map((p, i) => signTransaction({ chainId: chainId!, type: 'eip1559', to: p.to, data: p.data, gas: p.gas, nonce: nonces[i], ...fees })))
        : null
    // One JSON-RPC batch, in nonce order (`batchClient`, a transport with `batch: true`): one round
    // trip. Separate requests all at once made anvil drop one now and then; one after the other
    // cost a round trip each (3 s for 9 batches under load).
    if (signed && batchClient) return Promise.allSettled(signed.map((serializedTransaction) => batchClient.sendRawTransaction({ serializedTransaction })))
    const results: PromiseSettledResult<Hash>[] = []
    for (const [i, p] of prepared.entries()) {
      try {
        // In nonce order, each accepted before the next goes.
        const hash = signed
          ? await client.sendRawTransaction({ serializedTransaction: signed[i] })
          : await wallet.sendTransaction({ account, chain: wallet.chain, to: p.to, data: p.data, gas: p.gas, nonce: nonces[i], ...(fees ?? {}) } as never)
        results.push({ status: 'fulfilled', value: hash })
      } catch (reason) {
        // Later nonces would wait behind the refused one: stop here.
        results.push({ status: 'rejected', reason })
        return results
      }
    }
    return results
  }

  return {
    submit,
    collect,
    prefetch: (blockNumber: bigint) => void prefetch(blockNumber).catch(() => undefined),
    /** Transactions sent and not yet mined. */
    inFlight: () => inFlight.size,
    /** The per-target gas the batches are sized with now (measured from receipts). */
    perTargetGas: () => gas.perTarget,
  }
}

export type LiquidationSender = ReturnType<typeof createLiquidationSender>

import type { Address } from 'viem'
import { chunk } from './chunk'
import { keyId } from '../../lib/positions/openSet'

/** A position as the keeper sees it (the engine's PositionView, reduced). */
export type TrackedPosition = { trader: `0x${string}`; marketId: bigint; health: bigint; liquidatable: boolean }

const WAD = 10n ** 18n

/** Health under which a position counts as at risk on the keeper's status (1.2). */
export const AT_RISK_HEALTH = (WAD * 6n) / 5n

/**
 * Liquidatable positions, worst first, cut into batches for `liquidateMany`; those whose key is
 * in `inFlight` (a transaction already sent for them and not yet mined) are left out.
 */
export function liquidationBatches(positions: readonly TrackedPosition[], batchSize: number, inFlight: ReadonlySet<string> = new Set()): TrackedPosition[][] {
  if (batchSize < 1) throw new Error('batchSize must be at least 1')
  const due = positions
    .filter((p) => p.liquidatable && !inFlight.has(keyId(p)))
    .sort((a, b) => (a.health < b.health ? -1 : a.health > b.health ? 1 : 0))
  return chunk(due, batchSize)
}

/**
 * Gas model of a `liquidateMany` batch: `base` once (transaction, calldata head, the oracle
 * refresh of each market, the first touch of the fund's, vault's and auction's storage: a lone
 * liquidation with bad debt on a fresh devnet used 428k, e2e keeper.spec) plus `perTarget` for
 * each position. Defaults from the bench
 * (scripts/bench/keeperCrash.ts, docs/liquidation.md "Throughput"): full liquidations of a crash,
 * bad debt (the waterfall's buffer and staker path) included, measured per target in batches.
 */
export type LiquidationGas = { base: bigint; perTarget: bigint }
export const DEFAULT_LIQUIDATION_GAS: LiquidationGas = { base: 600_000n, perTarget: 150_000n }

/**
 * Positions per batch so that `txsPerBlock` batches fit one block: sized from the block gas limit,
 * with the 25 % margin the keeper adds to an estimate (lib/tx/gasMargin.ts) counted in, never
 * more than `cap` (KEEPER_LIQUIDATION_BATCH) and at least 1.
 */
export function targetsPerBatch(blockGasLimit: bigint, txsPerBlock: number, gas: LiquidationGas, cap: number): number {
  if (txsPerBlock < 1) throw new Error('txsPerBlock must be at least 1')
  const perTx = (blockGasLimit * 4n) / 5n / BigInt(txsPerBlock) // a fifth of the block left for other transactions
  const room = perTx - gas.base
  const n = room <= 0n ? 1 : Number(room / gas.perTarget)
  return Math.max(1, Math.min(cap, n))
}

/**
 * The per-target gas after a mined batch used `gasUsed` for `targets` positions: rises at once to
 * what was seen (a dearer crash: bad debt, partial closes), falls back slowly (a quarter of the
 * way), never under `floor`.
 */
export function nextPerTargetGas(current: bigint, gasUsed: bigint, targets: number, base: bigint, floor: bigint): bigint {
  if (targets < 1) return current
  const seen = gasUsed > base ? (gasUsed - base) / BigInt(targets) : 0n
  const next = seen >= current ? seen : current - (current - seen) / 4n
  return next < floor ? floor : next
}

/**
 * The EIP-1559 fees of a liquidation batch sent after a block with `baseFee`: the cap is twice the
 * base fee plus the tip, so the batch stays includable through about six full blocks in a row (the
 * base fee rises at most 12.5 % a block; a crash fills blocks, and viem's default cap of 1.2× is
 * outgrown after two). The chain charges the base fee of the block it lands in, not the cap.
 */
export function liquidationFees(baseFee: bigint, priorityFee: bigint): { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } {
  return { maxFeePerGas: baseFee * 2n + priorityFee, maxPriorityFeePerGas: priorityFee }
}

/**
 * Nonces for `count` transactions: first the `gaps` (nonces of dropped transactions) the chain has
 * not used yet (≥ `mined`, the account's mined count), lowest first, since every later transaction
 * of the account waits behind them; then consecutive ones from the keeper's own count or the
 * node's pending count, whichever is higher (the pending count may include transactions queued
 * behind a gap). With more gaps than `count`, every gap still gets one (the caller fills the rest).
 */
export function allocateNonces(count: number, gaps: readonly number[], mined: number, next: number | null, pending: number): number[] {
  const open = [...new Set(gaps)].filter((n) => n >= mined).sort((a, b) => a - b)
  const first = Math.max(next ?? 0, pending, ...open.map((n) => n + 1))
  const nonces = open.filter((n) => n < first)
  for (let n = first; nonces.length < count; n++) nonces.push(n)
  return nonces
}

/**
 * What GET /status returns. The dashboard reads the first six fields; block numbers are decimal
 * strings (JSON has no bigint), null until the keeper has seen one.
 */
export type KeeperStatus = {
  positionsTracked: number
  atRisk: number
  liquidatable: number
  liquidated: number
  lastBlock: string | null
  errors: number
  /** ISO time the keeper started. */
  startedAt: string
  /** The keeper's signing account (liquidation rewards go there). */
  account: Address
  /** Block up to which the position logs were last scanned from the deploy block (start, error recovery). */
  lastScanBlock: string | null
  /** Block of the keeper's last liquidation transaction that liquidated something. */
  lastLiquidationBlock: string | null
  /** Two-step trade orders this keeper's transactions executed (OrderExecuted events). */
  ordersExecuted: number
  /** Orders its transactions cancelled (by the router's rules at execution, or expired). */
  ordersCancelled: number
  /** LP deposit / withdrawal requests its transactions executed (LpRequestExecuted events). */
  lpExecuted: number
  /** LP requests its transactions cancelled. */
  lpCancelled: number
  /** Orders and LP requests pending at `lastBlock`. */
  pendingRequests: number
  /**
   * Execution fees the router has credited to this keeper and it has not claimed yet, and what it
   * claimed since it started (settlement-token units, decimal strings): the router pays executors
   * by credit, not by a transfer per execution (docs/two-step.md).
   */
  feesClaimable: string
  feesClaimed: string
  /** Positions whose health the last block's pass read (the band's candidates, or all on a full re-check). */
  healthReads: number
  /** Liquidation transactions sent and not yet mined. */
  liquidationsInFlight: number
}

export function initialStatus(account: Address, startedAt: Date): KeeperStatus {
  return {
    positionsTracked: 0,
    atRisk: 0,
    liquidatable: 0,
    liquidated: 0,
    lastBlock: null,
    errors: 0,
    startedAt: startedAt.toISOString(),
    account,
    lastScanBlock: null,
    lastLiquidationBlock: null,
    ordersExecuted: 0,
    ordersCancelled: 0,
    lpExecuted: 0,
    lpCancelled: 0,
    pendingRequests: 0,
    feesClaimable: '0',
    feesClaimed: '0',
    healthReads: 0,
    liquidationsInFlight: 0,
  }
}

export function summarise(positions: readonly TrackedPosition[], previous: KeeperStatus, lastBlock: bigint): KeeperStatus {
  return {
    ...previous,
    positionsTracked: positions.length,
    atRisk: positions.filter((p) => p.health < AT_RISK_HEALTH).length,
    liquidatable: positions.filter((p) => p.liquidatable).length,
    lastBlock: lastBlock.toString(),
  }
}

/**
 * Whether the keeper claims its credited execution fees now: once they reach `threshold` (token
 * units; each claim is a transaction, so not after every execution). A threshold of 0 claims any
 * credit.
 */
export function shouldClaimFees(claimable: bigint, threshold: bigint): boolean {
  return claimable > 0n && claimable >= threshold
}

/** The debt auction's state as the keeper reads it (`DebtAuction.auctionState`, reduced). */
export type AuctionView = { active: boolean; remainingDeficit: bigint; priceNow: bigint }

/**
 * The keeper's debt-auction bid, or null when it should not bid. `rptValueWad` is what the keeper
 * values one RPT at, in USD (WAD: 1e18 = 1 USD); the auction prices in settlement-token units per
 * 1e18 RPT, so the value is converted to token units (rounded down: never bid above the value).
 * It pays at most the remaining deficit and what it holds, at no more than today's price.
 */
export function auctionBid(state: AuctionView, rptValueWad: bigint, tokenDecimals: number, balance: bigint): { payment: bigint; maxPrice: bigint } | null {
  if (!state.active || state.remainingDeficit === 0n || state.priceNow === 0n) return null
  const value = rptValueWad / 10n ** BigInt(18 - tokenDecimals)
  if (state.priceNow > value) return null
  const payment = state.remainingDeficit < balance ? state.remainingDeficit : balance
  if (payment === 0n) return null
  return { payment, maxPrice: state.priceNow }
}

/**
 * Which tracked positions the keeper reads the health of at a block (issue 16): only those whose
 * liquidation price the move since their last read could have crossed, plus a periodic full
 * re-check. Pure: the follower (scripts/keeper/follower.ts) does the chain reads.
 *
 * A position read at block b has a liquidation price L (lib/risk.ts `liquidationPrice`, from the
 * view's size, entry, collateral, funding owed and maintenance margin). Until its next read, L can
 * move only through what changes the formula's inputs without an event naming the position:
 * - the market's maintenance margin: L ∝ 1/(1 − mm) for a long (1/(1 + mm) for a short), so a rise
 *   of Δmm moves L by at most Δmm / (1 − mm) of itself;
 * - funding: owed funding F per unit of size enters L's numerator, so moves L by at most
 *   ΔF / (L · (1 − mm)) of itself, where ΔF ≤ |Δ funding index| + max |rate| · Δt (the stored
 *   index lags the accrual by up to Δt at the rate; both counted, so this over-estimates).
 * Everything else (collateral, size, entry) changes only with an event naming the position, and
 * such a position is read anyway. The position is read again when the price is within
 * `band + drift` of L (long: P ≤ L·(1 + band + drift); short: P ≥ L·(1 − band − drift)). `band`
 * covers the price rounding and any part of the exit price the model leaves out; a market whose
 * oracle is not fresh (guarded or stale, where the exit price is not the accepted price) is read
 * whole.
 */
import { liquidationPrice, WAD } from '../../lib/risk'

/** A market's state at a block, as the band needs it (PerpLens `getMarket` + the block's time). */
export type BandMarket = {
  marketId: bigint
  /** Last accepted oracle price (WAD). */
  price: bigint
  /** Oracle fresh (not guarded, not stale): liquidations use the accepted price. */
  fresh: boolean
  /** Current maintenance margin ratio (WAD). */
  mm: bigint
  /** Cumulative funding index (WAD USD per base unit) and rate (WAD per second, signed). */
  fundingIndex: bigint
  fundingRate: bigint
  /** Block timestamp (seconds). */
  time: bigint
}

/** What the band keeps of a position's last read. */
export type BandSnapshot = {
  marketId: bigint
  long: boolean
  /** Liquidation price at the read (WAD); 0: no positive price liquidated it then. */
  liquidationPrice: bigint
  mm: bigint
  fundingIndex: bigint
  fundingRate: bigint
  time: bigint
}

/** The position fields `liquidationPrice` needs (PerpLens `PositionView`). */
export type PositionFields = { size: bigint; entryPrice: bigint; collateral: bigint; fundingOwed: bigint; maintenanceMarginRatio: bigint }

export function bandSnapshot(view: PositionFields & { marketId: bigint }, market: BandMarket, scale: bigint): BandSnapshot {
  // Owed funding only raises L (a credit, fundingOwed < 0, lowers it): the formula takes it as is.
  return {
    marketId: view.marketId,
    long: view.size > 0n,
    liquidationPrice: liquidationPrice(view.size, view.entryPrice, view.collateral, view.fundingOwed, view.maintenanceMarginRatio, scale),
    mm: view.maintenanceMarginRatio,
    fundingIndex: market.fundingIndex,
    fundingRate: market.fundingRate,
    time: market.time,
  }
}

const abs = (x: bigint) => (x < 0n ? -x : x)
const max = (a: bigint, b: bigint) => (a > b ? a : b)

/** How far (WAD fraction of L) the liquidation price may have moved since the snapshot. */
export function liquidationPriceDrift(snap: BandSnapshot, market: BandMarket): bigint {
  const mm = max(market.mm, snap.mm)
  if (mm >= WAD) return WAD
  const oneMinusMm = WAD - mm
  const mmRise = market.mm > snap.mm ? market.mm - snap.mm : 0n
  const funding = fundingMove(snap, market)
  // Rounded up: the drift may only be over-estimated.
  const fromMargin = (mmRise * WAD + oneMinusMm - 1n) / oneMinusMm
  const fromFunding = snap.liquidationPrice === 0n ? 0n : (funding * WAD * WAD + snap.liquidationPrice * oneMinusMm - 1n) / (snap.liquidationPrice * oneMinusMm)
  return fromMargin + fromFunding
}

/** Upper bound of the funding per unit of size accrued since the snapshot (WAD USD). */
export function fundingMove(snap: BandSnapshot, market: BandMarket): bigint {
  const elapsed = market.time > snap.time ? market.time - snap.time : 0n
  return abs(market.fundingIndex - snap.fundingIndex) + max(abs(market.fundingRate), abs(snap.fundingRate)) * elapsed
}

/**
 * Whether the position's health must be read at `market`'s block. `bandWad` is the fixed band
 * (WAD fraction of L). A position with no liquidation price (L = 0: fully collateralised at its
 * read) waits for the next full re-check, unless funding could have given it one.
 */
export function needsHealthRead(snap: BandSnapshot, market: BandMarket, bandWad: bigint): boolean {
  if (!market.fresh) return true
  const drift = liquidationPriceDrift(snap, market)
  // No liquidation price: only a long's owed funding can give it one (a short's L is 0 only when
  // its collateral is beyond any price): read it whenever funding moved.
  if (snap.liquidationPrice === 0n) return snap.long && fundingMove(snap, market) > 0n
  const reach = bandWad + drift
  if (snap.long) return market.price * WAD <= snap.liquidationPrice * (WAD + reach)
  return reach >= WAD || market.price * WAD >= snap.liquidationPrice * (WAD - reach)
}

/**
 * Whether the position is liquidatable at the market's accepted price by its last read alone
 * (long: P ≤ L, short: P ≥ L), before its health is read again: the keeper sends these at once and
 * reads the band beside (issue 16: the health read of a crash's band took 1-3 s under load).
 * Drift (funding, margin) and the exit price's parts the model leaves out may make it wrong either
 * way: a wrong "yes" costs a skipped target in the batch (`LiquidationSkipped`, no revert), a wrong
 * "no" is caught by the read. Not fresh (guarded, stale): the exit price is the accepted price or
 * worse for the position, so a "yes" holds there too.
 */
export function predictedLiquidatable(snap: BandSnapshot, market: BandMarket): boolean {
  if (snap.liquidationPrice === 0n) return false
  return snap.long ? market.price <= snap.liquidationPrice : market.price >= snap.liquidationPrice
}

/** How far past its liquidation price the position is, as a health-like figure (< 1e18 past it): orders the predicted ones worst first. */
export function predictedHealth(snap: BandSnapshot, market: BandMarket): bigint {
  if (snap.liquidationPrice === 0n || market.price === 0n) return WAD
  return snap.long ? (market.price * WAD) / snap.liquidationPrice : (snap.liquidationPrice * WAD) / market.price
}

export type BandSettings = {
  /** Fixed band (WAD fraction of the liquidation price). */
  bandWad: bigint
  /** Every tracked position is read at least every this many blocks (the safety net). */
  fullCheckBlocks: bigint
}

/** Default band 1 %, full re-check every 20 blocks (KEEPER_HEALTH_BAND_BP, KEEPER_FULL_CHECK_BLOCKS). */
export const DEFAULT_BAND: BandSettings = { bandWad: WAD / 100n, fullCheckBlocks: 20n }

/** Whether `block` is due a full re-check, the last one having been at `lastFull` (null: never). */
export function fullCheckDue(block: bigint, lastFull: bigint | null, settings: BandSettings): boolean {
  return lastFull === null || block - lastFull >= settings.fullCheckBlocks
}

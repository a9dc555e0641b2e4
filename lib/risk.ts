/**
 * Rampart's risk maths for the dashboard, the keeper and the replay: the ONE TypeScript copy of
 * `contracts/src/libraries/PositionMath.sol` and `Units.sol`, integer for integer and rounding for
 * rounding, so every number on screen equals the contracts' views to the wei (a test checks it
 * against a deployed engine). Pure functions over bigint; no I/O.
 *
 * Units: sizes and prices WAD (1e18); `size` is signed (+ long, − short); collateral, equity and
 * requirements are in the settlement token's own decimals; `scale` = 10^(18 − tokenDecimals).
 * Every rounding favours the protocol, as in the contracts.
 */

export { WAD, MAX_UINT256, mulDivDown, mulDivUp, divFloor, divCeil, scaleFor } from './riskUnits'
import { WAD, MAX_UINT256, mulDivDown, mulDivUp, divFloor, divCeil, scaleFor } from './riskUnits'

const abs = (x: bigint) => (x < 0n ? -x : x)

/** A WAD USD amount credited to an account, in token units (floor). */
export const toTokensDown = (usdWad: bigint, scale: bigint) => divFloor(usdWad, scale)
/** A WAD USD amount debited from an account, in token units (ceil). */
export const toTokensUp = (usdWad: bigint, scale: bigint) => divCeil(usdWad, scale)

/** N = ceil(|s|·P / WAD). */
export function notional(size: bigint, price: bigint): bigint {
  return mulDivUp(abs(size), price, WAD)
}

/** U = floor(s·(P − E) / WAD). */
export function unrealisedPnl(size: bigint, entryPrice: bigint, price: bigint): bigint {
  return divFloor(size * (price - entryPrice), WAD)
}

/** F = ceil(s·(I − I0) / WAD); > 0 means the trader pays. */
export function fundingOwed(size: bigint, indexNow: bigint, indexAtSettle: bigint): bigint {
  return divCeil(size * (indexNow - indexAtSettle), WAD)
}

/** Q = C + floor(U / scale) − ceil(F / scale), in token units. */
export function equity(collateral: bigint, pnlWad: bigint, fundingWad: bigint, scale: bigint): bigint {
  return collateral + toTokensDown(pnlWad, scale) - toTokensUp(fundingWad, scale)
}

/** ceil(ceil(N·r / WAD) / scale): MMR with r = mm, IMR with r = im. */
export function marginRequirement(notionalWad: bigint, ratio: bigint, scale: bigint): bigint {
  return mulDivUp(mulDivUp(notionalWad, ratio, WAD), 1n, scale)
}

/** im = max(ceil(mm·imMultiplier / WAD), ceil(WAD² / maxLeverage)). */
export function initialMarginRatio(mm: bigint, imMultiplier: bigint, maxLeverage: bigint): bigint {
  const byMm = mulDivUp(mm, imMultiplier, WAD)
  const byLeverage = mulDivUp(WAD, WAD, maxLeverage)
  return byMm > byLeverage ? byMm : byLeverage
}

/** H = floor(Q·WAD / MMR); MAX_UINT256 without size, 0 when Q ≤ 0. Liquidatable when H < WAD. */
export function health(equityTokens: bigint, mmrTokens: bigint): bigint {
  if (mmrTokens === 0n) return MAX_UINT256
  if (equityTokens <= 0n) return 0n
  return mulDivDown(equityTokens, WAD, mmrTokens)
}

/** ceil(N·WAD / (Q·scale)); 0 without size, MAX_UINT256 when Q ≤ 0. */
export function leverage(notionalWad: bigint, equityTokens: bigint, scale: bigint): bigint {
  if (notionalWad === 0n) return 0n
  if (equityTokens <= 0n) return MAX_UINT256
  return mulDivUp(notionalWad, WAD, equityTokens * scale)
}

/**
 * Price at which health reaches 1 (WAD); 0 when there is no size or no positive price liquidates.
 * `fundingTokens` is the funding owed already in token units (ceil(F / scale)).
 * Long:  ceil((ceil(|s|·E/WAD) − C·scale + F·scale) · WAD² / (|s|·(WAD − mm)))
 * Short: floor((floor(|s|·E/WAD) + C·scale − F·scale) · WAD² / (|s|·(WAD + mm)))
 */
export function liquidationPrice(
  size: bigint,
  entryPrice: bigint,
  collateral: bigint,
  fundingTokens: bigint,
  mm: bigint,
  scale: bigint,
): bigint {
  if (size === 0n) return 0n
  const q = abs(size)
  const cw = collateral * scale
  const fw = fundingTokens * scale
  if (size > 0n) {
    const num = mulDivUp(q, entryPrice, WAD) - cw + fw
    return num <= 0n ? 0n : mulDivUp(num, WAD * WAD, q * (WAD - mm))
  }
  const num = mulDivDown(q, entryPrice, WAD) + cw - fw
  return num <= 0n ? 0n : mulDivDown(num, WAD * WAD, q * (WAD + mm))
}

/** Entry after adding |d| at P to |s| at E, same side: long rounds up, short down. */
export function averageEntry(size: bigint, entryPrice: bigint, sizeDelta: bigint, price: bigint): bigint {
  const q = abs(size)
  const num = q * entryPrice + sizeDelta * price
  const total = q + sizeDelta
  return size > 0n ? mulDivUp(num, 1n, total) : num / total
}

export type PositionInput = {
  size: bigint
  entryPrice: bigint
  collateral: bigint
  /** Funding owed in token units, ceil(F / scale) (> 0: the trader pays), as the engine reports it. */
  fundingOwed: bigint
}

export type MarketRisk = {
  /** Mark: the last accepted oracle price (WAD). */
  price: bigint
  /** Current maintenance margin ratio (WAD). */
  mm: bigint
  /** Initial margin ratio (WAD). */
  im: bigint
  scale: bigint
}

export type PositionRisk = {
  notional: bigint
  /** floor(U / scale), token units. */
  unrealisedPnl: bigint
  equity: bigint
  mmr: bigint
  imr: bigint
  health: bigint
  liquidationPrice: bigint
  leverage: bigint
  liquidatable: boolean
}

/** Everything the dashboard shows of one position, exactly as the engine's `getPosition` computes it. */
export function positionRisk(position: PositionInput, market: MarketRisk): PositionRisk {
  const n = notional(position.size, market.price)
  const pnlWad = unrealisedPnl(position.size, position.entryPrice, market.price)
  // Funding arrives already in token units: Q = C + floor(U/scale) − ceil(F/scale).
  const q = equity(position.collateral, pnlWad, position.fundingOwed * market.scale, market.scale)
  const mmr = marginRequirement(n, market.mm, market.scale)
  const h = health(q, mmr)
  return {
    notional: n,
    unrealisedPnl: toTokensDown(pnlWad, market.scale),
    equity: q,
    mmr,
    imr: marginRequirement(n, market.im, market.scale),
    health: h,
    liquidationPrice: liquidationPrice(position.size, position.entryPrice, position.collateral, position.fundingOwed, market.mm, market.scale),
    leverage: leverage(n, q, market.scale),
    liquidatable: position.size !== 0n && h < WAD,
  }
}

// ---------------------------------------------------------------- trade previews (PerpEngine)

/** What the engine needs to price and check a trade in one market. */
export type TradeMarket = MarketRisk & {
  maxLeverage: bigint
  takerFee: bigint
  impactFactor: bigint
  /** Pool assets in token units (the impact fee scales with notional / pool). */
  poolAssets: bigint
  longOpenInterest: bigint
  shortOpenInterest: bigint
  /** Cap per side, notional WAD USD. */
  openInterestCap: bigint
}

/** The engine's refusal a trade would meet, by custom error name. */
export type TradeRejection =
  | { error: 'LeverageTooHigh'; leverage: bigint; maxLeverage: bigint }
  | { error: 'BelowInitialMargin'; equity: bigint; imr: bigint }
  | { error: 'OpenInterestCapExceeded'; notional: bigint; cap: bigint }
  | { error: 'InsufficientCollateral'; available: bigint; requested: bigint }

/**
 * Fee in token units for a trade of notional N (WAD): rate = takerFee, plus, when it adds risk,
 * ceil(impactFactor·N / (poolAssets·scale)); fee = ceil(ceil(N·rate/WAD)/scale). (PerpEngine._fee)
 */
export function tradeFee(notionalWad: bigint, market: Pick<TradeMarket, 'takerFee' | 'impactFactor' | 'poolAssets' | 'scale'>, addsRisk: boolean) {
  let rate = market.takerFee
  const poolWad = market.poolAssets * market.scale
  if (addsRisk && poolWad !== 0n) rate += mulDivUp(market.impactFactor, notionalWad, poolWad)
  return { fee: mulDivUp(mulDivUp(notionalWad, rate, WAD), 1n, market.scale), rate }
}

function checkInitial(n: bigint, q: bigint, market: TradeMarket): TradeRejection | null {
  const lev = leverage(n, q, market.scale)
  if (lev > market.maxLeverage) return { error: 'LeverageTooHigh', leverage: lev, maxLeverage: market.maxLeverage }
  const imr = marginRequirement(n, market.im, market.scale)
  if (q < imr) return { error: 'BelowInitialMargin', equity: q, imr }
  return null
}

function checkOpenInterest(isLong: boolean, sizeDelta: bigint, market: TradeMarket): TradeRejection | null {
  const side = (isLong ? market.longOpenInterest : market.shortOpenInterest) + sizeDelta
  const sideNotional = mulDivUp(side, market.price, WAD)
  return sideNotional > market.openInterestCap ? { error: 'OpenInterestCapExceeded', notional: sideNotional, cap: market.openInterestCap } : null
}

export type TradePreview = {
  /** Execution price: the oracle price (the size-dependent part is a fee). */
  price: bigint
  fee: bigint
  feeRate: bigint
  /** The position afterwards, as getPosition would report it at the same price. */
  after: PositionInput & PositionRisk
  /** Why the engine would refuse it, or null. */
  rejection: TradeRejection | null
}

function withRisk(position: PositionInput, market: MarketRisk): PositionInput & PositionRisk {
  return { ...position, ...positionRisk(position, market) }
}

/** `open(size, collateral)`: the fee comes out of the collateral. (PerpEngine.open) */
export function previewOpen(size: bigint, collateral: bigint, market: TradeMarket): TradePreview {
  const n = notional(size, market.price)
  const { fee, rate } = tradeFee(n, market, true)
  const equityAfter = collateral - fee
  const rejection = checkOpenInterest(size > 0n, abs(size), market) ?? checkInitial(n, equityAfter, market)
  const after = withRisk({ size, entryPrice: market.price, collateral: equityAfter > 0n ? equityAfter : 0n, fundingOwed: 0n }, market)
  return { price: market.price, fee, feeRate: rate, after, rejection }
}

/** `increase(sizeDelta, collateralDelta)`: funding settles, entry averages. (PerpEngine._increase) */
export function previewIncrease(position: PositionInput, sizeDelta: bigint, collateralDelta: bigint, market: TradeMarket): TradePreview {
  const isLong = position.size > 0n
  const { fee, rate } = tradeFee(notional(sizeDelta, market.price), market, true)
  const newCollateral = position.collateral + collateralDelta - position.fundingOwed - fee
  const newSize = isLong ? position.size + sizeDelta : position.size - sizeDelta
  const newEntry = averageEntry(position.size, position.entryPrice, sizeDelta, market.price)
  const q = newCollateral + toTokensDown(unrealisedPnl(newSize, newEntry, market.price), market.scale)
  const rejection =
    checkOpenInterest(isLong, sizeDelta, market) ??
    (newCollateral < 0n ? { error: 'InsufficientCollateral' as const, available: newCollateral, requested: 0n } : checkInitial(notional(newSize, market.price), q, market))
  const after = withRisk({ size: newSize, entryPrice: newEntry, collateral: newCollateral > 0n ? newCollateral : 0n, fundingOwed: 0n }, market)
  return { price: market.price, fee, feeRate: rate, after, rejection }
}

/** `reduce(sizeDelta)` on a fresh oracle: PnL of the closed part realised, funding settled. (PerpEngine._reduce) */
export function previewReduce(position: PositionInput, sizeDelta: bigint, market: TradeMarket): TradePreview {
  const isLong = position.size > 0n
  const closed = isLong ? sizeDelta : -sizeDelta
  const pnl = toTokensDown(unrealisedPnl(closed, position.entryPrice, market.price), market.scale)
  const { fee, rate } = tradeFee(notional(closed, market.price), market, false)
  const newCollateral = position.collateral + pnl - position.fundingOwed - fee
  const rejection = newCollateral <= 0n ? { error: 'InsufficientCollateral' as const, available: newCollateral + fee, requested: fee } : null
  const after = withRisk({ size: position.size - closed, entryPrice: position.entryPrice, collateral: newCollateral > 0n ? newCollateral : 0n, fundingOwed: 0n }, market)
  return { price: market.price, fee, feeRate: rate, after, rejection }
}

/** `addCollateral` (always allowed) or `removeCollateral` (must keep leverage and IMR). */
export function previewCollateralChange(position: PositionInput, delta: bigint, market: TradeMarket): TradePreview {
  const newCollateral = position.collateral + delta
  const after = withRisk({ ...position, collateral: newCollateral > 0n ? newCollateral : 0n }, market)
  let rejection: TradeRejection | null = null
  if (delta < 0n) {
    if (-delta > position.collateral) rejection = { error: 'InsufficientCollateral', available: position.collateral, requested: -delta }
    else rejection = checkInitial(after.notional, after.equity, market)
  }
  return { price: market.price, fee: 0n, feeRate: 0n, after, rejection }
}

// ---------------------------------------------------------------- PnL after fees and funding

/** What an open position has paid since it was opened, summed from the engine's events (token units). */
export type PositionCosts = {
  /** Trading fees of the open, every increase and every reduce. */
  feesPaid: bigint
  /** Funding settled at increases and reduces (> 0: the trader paid). */
  fundingSettled: bigint
}

/** The fee `close` would charge now: the taker fee on the notional; closing never pays size impact. (PerpEngine._close) */
export function closeFee(size: bigint, price: bigint, takerFee: bigint, scale: bigint): bigint {
  return tradeFee(notional(size, price), { takerFee, impactFactor: 0n, poolAssets: 0n, scale }, false).fee
}

/**
 * PnL with fees and funding, if the position were closed at the current price: price PnL − funding
 * (settled since opening and owed now) − trading fees (paid since opening and the close fee now).
 * PnL already realised by past reductions sits in the collateral and is not counted again.
 */
export function netPnl(position: { unrealisedPnl: bigint; fundingOwed: bigint }, costs: PositionCosts, closeFeeNow: bigint): bigint {
  return position.unrealisedPnl - position.fundingOwed - costs.fundingSettled - costs.feesPaid - closeFeeNow
}

/** |P_liq − P| / P (WAD): how far the price may move before liquidation; null without a liquidation price. */
export function distanceToLiquidation(price: bigint, liquidationPriceWad: bigint): bigint | null {
  if (liquidationPriceWad === 0n || price === 0n) return null
  return mulDivDown(abs(liquidationPriceWad - price), WAD, price)
}

const SECONDS_PER_YEAR = 365 * 24 * 60 * 60

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf approximation, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * z)
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z)
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

/**
 * Chance that the price touches the liquidation price within `horizonSeconds`, from the market's
 * on-chain annualised volatility σ: log price as driftless Brownian motion, so by the reflection
 * principle P(touch) = 2·Φ(−|ln(P_liq/P)| / (σ·√T)). A model, not a promise: jumps make real odds
 * higher. Returns 0 without a liquidation price, 1 if already past it.
 */
export function liquidationProbability(
  price: bigint,
  liquidationPriceWad: bigint,
  isLong: boolean,
  annualVolatilityWad: bigint,
  horizonSeconds = 24 * 60 * 60,
): number {
  if (liquidationPriceWad === 0n || price === 0n) return 0
  if (isLong ? price <= liquidationPriceWad : price >= liquidationPriceWad) return 1
  const sigma = (Number(annualVolatilityWad) / 1e18) * Math.sqrt(horizonSeconds / SECONDS_PER_YEAR)
  if (sigma <= 0) return 0
  const distance = Math.abs(Math.log(Number(liquidationPriceWad) / Number(price)))
  return Math.min(1, 2 * normalCdf(-distance / sigma))
}

/** A TradeMarket from the engine's `getMarket` view, the config's `marketParams` and `poolAssets`. */
export function toTradeMarket(
  view: {
    price: bigint
    currentMaintenanceMargin: bigint
    initialMarginRatio: bigint
    maxLeverage: bigint
    takerFee: bigint
    longOpenInterest: bigint
    shortOpenInterest: bigint
    openInterestCap: bigint
  },
  params: { impactFactor: bigint },
  poolAssets: bigint,
  scale: bigint,
): TradeMarket {
  return {
    price: view.price,
    mm: view.currentMaintenanceMargin,
    im: view.initialMarginRatio,
    scale,
    maxLeverage: view.maxLeverage,
    takerFee: view.takerFee,
    impactFactor: params.impactFactor,
    poolAssets,
    longOpenInterest: view.longOpenInterest,
    shortOpenInterest: view.shortOpenInterest,
    openInterestCap: view.openInterestCap,
  }
}

// ================================================================ insurance coverage and stress loss
// Used by the /insurance page. Kept as one section at the end of the module on purpose.

/** One-sided 99 % quantile of the standard normal. */
export const Z_99 = 2.326
const DAYS_PER_YEAR = 365

/**
 * The 99 % one-day adverse move as a WAD fraction: z99·σ_1d, with σ_1d = σ / √365 and σ the
 * market's on-chain annualised volatility (`getMarket.volatility`, WAD). The square root is taken
 * in floating point; the result is rounded to the nearest wei of WAD.
 */
export function stressMove(annualVolatilityWad: bigint, z = Z_99): bigint {
  const move = ((Number(annualVolatilityWad) / 1e18) * z) / Math.sqrt(DAYS_PER_YEAR)
  return BigInt(Math.round(move * 1e18))
}

/** `price` moved by `moveWad` against the position: down for a long (not below 0), up for a short. Rounded against it. */
export function stressedPrice(price: bigint, isLong: boolean, moveWad: bigint): bigint {
  const delta = mulDivUp(price, moveWad, WAD)
  if (!isLong) return price + delta
  return delta >= price ? 0n : price - delta
}

/** Bad debt of a position at `price`: what its equity Q = C + floor(U/scale) − F would lack, max(0, −Q). Token units. */
export function shortfallAt(position: PositionInput, price: bigint, scale: bigint): bigint {
  const q = equity(position.collateral, unrealisedPnl(position.size, position.entryPrice, price), position.fundingOwed * scale, scale)
  return q < 0n ? -q : 0n
}

/** An open position as the lens's `getPositions` / `getPosition` reports it (markPrice = its market's accepted price). */
export type StressPosition = PositionInput & { marketId: bigint; markPrice: bigint }

export type StressLoss = {
  /** Σ shortfalls, token units. */
  total: bigint
  /** Positions whose equity would be negative at the stressed price. */
  positionsInDeficit: number
}

/**
 * The 99 % one-day stress loss: every open position's market moves against it by
 * z99·σ_1d (its own market's volatility) at once, nobody is liquidated on the way (a gap), and
 * the bad debt beyond each position's collateral is summed. Profit on the other side is not
 * netted: a winning position's gain is owed by the pool, not available to the fund.
 */
export function stressLoss(positions: readonly StressPosition[], annualVolatilityByMarket: ReadonlyMap<bigint, bigint>, scale: bigint): StressLoss {
  let total = 0n
  let positionsInDeficit = 0
  for (const position of positions) {
    if (position.size === 0n) continue
    const volatility = annualVolatilityByMarket.get(position.marketId)
    if (volatility === undefined) throw new Error(`no volatility for market ${position.marketId}`)
    const price = stressedPrice(position.markPrice, position.size > 0n, stressMove(volatility))
    const shortfall = shortfallAt(position, price, scale)
    if (shortfall > 0n) {
      total += shortfall
      positionsInDeficit += 1
    }
  }
  return { total, positionsInDeficit }
}

/** Σ over markets of (long + short open interest)·price, WAD USD (each market's notional rounded up, as `notional`). */
export function openInterestNotional(markets: readonly { longOpenInterest: bigint; shortOpenInterest: bigint; price: bigint }[]): bigint {
  return markets.reduce((sum, m) => sum + notional(m.longOpenInterest + m.shortOpenInterest, m.price), 0n)
}

/** What the fund can pay: buffer + insurance fees still in the engine (claimed first on a shortfall) + staked assets. Token units. */
export function coverCapacity(fund: { buffer: bigint; pendingBufferFees: bigint; stakedAssets: bigint }): bigint {
  return fund.buffer + fund.pendingBufferFees + fund.stakedAssets
}

/**
 * What a crash can still draw before the debt auction: buffer + pending buffer fees + what the
 * stakers can still be slashed (`fundState.slashableNow`: at most maxSlash of the vault as it was
 * before the slashes of the last `slashWindow`, less those slashes). Token units.
 */
export function crashCapacity(fund: { buffer: bigint; pendingBufferFees: bigint; slashableNow: bigint }): bigint {
  return fund.buffer + fund.pendingBufferFees + fund.slashableNow
}

/** capacity / open-interest notional as a WAD ratio (floor); null without open interest. */
export function coverageRatio(capacityTokens: bigint, openInterestWad: bigint, scale: bigint): bigint | null {
  return openInterestWad === 0n ? null : mulDivDown(capacityTokens * scale, WAD, openInterestWad)
}

/** How many times `capacityTokens` covers `lossTokens` (WAD, floor); null when there is no loss. */
export function coverageMultiple(capacityTokens: bigint, lossTokens: bigint): bigint | null {
  return lossTokens === 0n ? null : mulDivDown(capacityTokens, WAD, lossTokens)
}

// ================================================================ margin parameter changes (governance)
// Used by the /governance impact preview: what a change of a tier's margin parameters would do to
// today's open positions at today's prices, if it were fully in force.

/** The engine's `MarketMath.clampMm`: the dynamic margin within the tier's floor and ceiling. */
export function clampMaintenanceMargin(mmDynamic: bigint, mmBase: bigint, mmMax: bigint): bigint {
  if (mmDynamic < mmBase) return mmBase
  if (mmDynamic > mmMax) return mmMax
  return mmDynamic
}

/** The tier fields a position's margins depend on (values in force; WAD). */
export type TierMargins = { mmBase: bigint; mmMax: bigint; imMultiplier: bigint; maxLeverage: bigint }

/**
 * The engine's `MarketMath.newRiskMm`: the maintenance ratio new risk (open, increase, collateral
 * withdrawal) is priced at, clamp(max(mmCurrent, mmTarget)). Open positions keep the gradual
 * current margin; new risk meets the measured volatility (the target) at once.
 */
export function newRiskMaintenanceMargin(mmCurrent: bigint, mmTarget: bigint, mmBase: bigint, mmMax: bigint): bigint {
  return clampMaintenanceMargin(mmTarget > mmCurrent ? mmTarget : mmCurrent, mmBase, mmMax)
}

/**
 * The maintenance and initial margin ratios of a market whose aggregator reports the dynamic
 * margins `mmDynamic` and `mmTargetDynamic` (`OracleAggregator.margin(m)`: current and target)
 * under a tier's margins, as the lens computes them (`c.mm = clampMm(mmCurrent, cfg)`,
 * `newRiskInitialRatio(px, cfg)` = `initialRatio(clampMm(max(mmCurrent, mmTarget)), cfg)`).
 * Without a target (`mmTargetDynamic` omitted) the current margin stands for it.
 */
export function marketMargins(mmDynamic: bigint, tier: TierMargins, mmTargetDynamic: bigint = mmDynamic): { mm: bigint; im: bigint } {
  const mm = clampMaintenanceMargin(mmDynamic, tier.mmBase, tier.mmMax)
  const mmNewRisk = newRiskMaintenanceMargin(mmDynamic, mmTargetDynamic, tier.mmBase, tier.mmMax)
  return { mm, im: initialMarginRatio(mmNewRisk, tier.imMultiplier, tier.maxLeverage) }
}

/**
 * The gap-aware leverage cap (`RiskParameterTable.checkLeverageGap`): the largest max leverage
 * (WAD, floor) a tier may have in a market whose oracle accepts steps of `maxJump`, with the tier's
 * liquidation `penalty` and the market's `takerFee` (all WAD): floor(WAD² / (maxJump + penalty +
 * takerFee)). RiskConfig refuses a tier, market or oracle change that puts maxLeverage above it.
 */
export function maxSafeLeverage(maxJump: bigint, penalty: bigint, takerFee: bigint): bigint {
  return (WAD * WAD) / (maxJump + penalty + takerFee)
}

/**
 * The oracle's next current margin (`OracleLib.nextMargin`): from base = max(current, floor), falls
 * to the target at once; rises by floor(max(maxRisePerHour, catchUpTarget − base) · min(elapsed, 1 h) / 1 h)
 * per observation, never past the target. `catchUpTarget` (≤ target) is the target under the
 * volatility multiplier and horizon before a vote's raise that is still ramping
 * (`RiskConfig.catchUpInputs`), the target otherwise: volatility lifts the margin fast, a vote only
 * at the rate. The first observation starts at the target.
 */
export function nextMaintenanceMargin(
  current: bigint,
  target: bigint,
  catchUpTarget: bigint,
  floor: bigint,
  maxRisePerHour: bigint,
  elapsedSeconds: bigint,
  first: boolean,
): bigint {
  const base = current > floor ? current : floor
  if (first || target <= base) return target
  const dt = elapsedSeconds > 3600n ? 3600n : elapsedSeconds
  const gap = catchUpTarget > base ? catchUpTarget - base : 0n
  const perHour = gap > maxRisePerHour ? gap : maxRisePerHour
  const raised = base + (perHour * dt) / 3600n
  return raised < target ? raised : target
}

export type ImpactPositionInput = PositionInput & { trader: `0x${string}`; marketId: bigint; markPrice: bigint }

export type PositionImpact = {
  position: ImpactPositionInput
  before: PositionRisk
  after: PositionRisk
  /** Health ≥ 1 today, below 1 with the change in force: a liquidator could close it. */
  becomesLiquidatable: boolean
  /** Not liquidatable either way, but equity falls below the new initial margin: it can no longer add size without collateral. */
  becomesBelowInitial: boolean
}

export type MarginChangeImpact = {
  /** Positions whose maintenance or initial requirement rises (each needs more margin than today). */
  affected: PositionImpact[]
  liquidatable: { count: number; notional: bigint }
  moreMargin: { count: number; notional: bigint }
}

/**
 * Today's open positions under today's and the changed margins (`before`/`after`: per market id,
 * mm and im), at each position's mark price. Counts the positions that would need more margin
 * (MMR or IMR up) and those that would become liquidatable, with their notional (WAD USD).
 */
export function marginChangeImpact(
  positions: readonly ImpactPositionInput[],
  before: ReadonlyMap<bigint, { mm: bigint; im: bigint }>,
  after: ReadonlyMap<bigint, { mm: bigint; im: bigint }>,
  scale: bigint,
): MarginChangeImpact {
  const affected: PositionImpact[] = []
  const liquidatable = { count: 0, notional: 0n }
  const moreMargin = { count: 0, notional: 0n }
  for (const position of positions) {
    const now = before.get(position.marketId)
    const next = after.get(position.marketId)
    if (!now || !next || position.size === 0n) continue
    const riskBefore = positionRisk(position, { price: position.markPrice, mm: now.mm, im: now.im, scale })
    const riskAfter = positionRisk(position, { price: position.markPrice, mm: next.mm, im: next.im, scale })
    if (riskAfter.mmr <= riskBefore.mmr && riskAfter.imr <= riskBefore.imr) continue
    const becomesLiquidatable = riskAfter.liquidatable && !riskBefore.liquidatable
    const becomesBelowInitial = !riskAfter.liquidatable && riskAfter.equity < riskAfter.imr && riskBefore.equity >= riskBefore.imr
    affected.push({ position, before: riskBefore, after: riskAfter, becomesLiquidatable, becomesBelowInitial })
    moreMargin.count += 1
    moreMargin.notional += riskAfter.notional
    if (becomesLiquidatable) {
      liquidatable.count += 1
      liquidatable.notional += riskAfter.notional
    }
  }
  return { affected, liquidatable, moreMargin }
}

// ================================================================ health banner (add collateral to a target)

/** Health under which the position shows its "add collateral" banner (WAD 1.2). */
export const HEALTH_WARNING = 12n * 10n ** 17n
/** The health the banner's "add collateral" brings the position back to unless the trader picks another (WAD 1.5). */
export const DEFAULT_TARGET_HEALTH = 15n * 10n ** 17n

/**
 * The least collateral (token units) that `addCollateral` must bring so that the position's health
 * at the same price reaches `targetHealth` (WAD): adding collateral leaves the maintenance
 * requirement unchanged and raises equity one for one, and H = floor(Q·WAD / MMR) ≥ target ⇔
 * Q ≥ ceil(target·MMR / WAD). 0 when the position is already there, or has no size.
 */
export function collateralForHealth(equityTokens: bigint, mmrTokens: bigint, targetHealth: bigint): bigint {
  if (mmrTokens === 0n) return 0n
  const needed = mulDivUp(targetHealth, mmrTokens, WAD)
  return needed > equityTokens ? needed - equityTokens : 0n
}

// ================================================================ risk console (issue 14)
// The /risk page's and the keeper's /risk.json maths: liquidation map, cascade forecast, what-if
// stress through the loss waterfall, protocol exposure, health histogram, liquidator rewards.
// Everything from stored position terms and per-block market state, so the page needs no
// per-position read each block.

/** A position as the console works with it: stored terms plus its key. */
export type ConsolePosition = PositionInput & { trader: `0x${string}`; marketId: bigint }

/** What the console needs of one market (WAD unless said). */
export type ConsoleMarket = {
  marketId: bigint
  price: bigint
  /** Current maintenance margin ratio (the lens's `currentMaintenanceMargin`, clamped). */
  mm: bigint
  /** Annualised volatility σ (`getMarket.volatility`). */
  volatility: bigint
  /** The tier's liquidation penalty on closed notional. */
  penalty: bigint
  /** The oracle's largest accepted step (`oracleParams.maxJump`): how far past its liquidation price a position may be when a keeper can first act. */
  maxJump: bigint
  longOpenInterest: bigint
  shortOpenInterest: bigint
  /** Funding rate per second (signed; > 0 longs pay), a fraction of price. */
  fundingRatePerSecond: bigint
}

const HOUR = 60 * 60
export const FORECAST_HORIZONS = { '1h': HOUR, '24h': 24 * HOUR } as const

/** `price` moved by the signed fraction `shockWad` (−0.6e18 … +0.6e18), not below 0, rounded down. */
export function shockedPrice(price: bigint, shockWad: bigint): bigint {
  const factor = WAD + shockWad
  return factor <= 0n ? 0n : mulDivDown(price, factor, WAD)
}

/** Price at which the position's equity reaches 0 (its liquidation price with no margin); 0 when no positive price bankrupts it. */
export function bankruptcyPrice(position: PositionInput, scale: bigint): bigint {
  return liquidationPrice(position.size, position.entryPrice, position.collateral, position.fundingOwed, 0n, scale)
}

/** Liquidation price of a stored position under a market's current maintenance margin. */
export function consoleLiquidationPrice(position: PositionInput, market: Pick<ConsoleMarket, 'mm'>, scale: bigint): bigint {
  return liquidationPrice(position.size, position.entryPrice, position.collateral, position.fundingOwed, market.mm, scale)
}

export type LiquidationMapLevel = {
  /** Price level (WAD). */
  price: bigint
  /** Cumulative notional (WAD USD, valued at each position's liquidation price) liquidatable once the price reaches this level: longs below the current price, shorts above it. */
  cumulative: bigint
  side: 'long' | 'short'
}

export type LiquidationMap = {
  price: bigint
  /** The 1-day 99 % move z99·σ/√365 as a fraction (WAD). */
  move99: bigint
  levels: LiquidationMapLevel[]
  /** Long notional liquidatable if the price falls by the 1-day 99 % move; short notional if it rises by it. */
  longsWithinMove: bigint
  shortsWithinMove: bigint
}

/**
 * One market's liquidation map: `steps` levels each way from the current price over ±`rangeWad`
 * (a fraction). At a level below the price: the notional of longs whose liquidation price is at or
 * above it (they are liquidated on the way down); above: shorts whose liquidation price is at or
 * below it. Positions already liquidatable count at every level of their side.
 */
export function liquidationMap(positions: readonly ConsolePosition[], market: ConsoleMarket, scale: bigint, rangeWad: bigint, steps = 24): LiquidationMap {
  const move99 = stressMove(market.volatility)
  const mine = positions.filter((p) => p.marketId === market.marketId && p.size !== 0n)
  const withLiq = mine.map((p) => {
    const liq = consoleLiquidationPrice(p, market, scale)
    return { long: p.size > 0n, liq, notional: notional(p.size, liq) }
  })
  const longsAt = (level: bigint) => withLiq.reduce((sum, p) => (p.long && p.liq !== 0n && p.liq >= level ? sum + p.notional : sum), 0n)
  const shortsAt = (level: bigint) => withLiq.reduce((sum, p) => (!p.long && p.liq !== 0n && p.liq <= level ? sum + p.notional : sum), 0n)
  const levels: LiquidationMapLevel[] = []
  for (let i = steps; i >= 1; i--) {
    const level = shockedPrice(market.price, -(rangeWad * BigInt(i)) / BigInt(steps))
    levels.push({ price: level, cumulative: longsAt(level), side: 'long' })
  }
  for (let i = 1; i <= steps; i++) {
    const level = mulDivUp(market.price, WAD + (rangeWad * BigInt(i)) / BigInt(steps), WAD)
    levels.push({ price: level, cumulative: shortsAt(level), side: 'short' })
  }
  return {
    price: market.price,
    move99,
    levels,
    longsWithinMove: longsAt(stressedPrice(market.price, true, move99)),
    shortsWithinMove: shortsAt(stressedPrice(market.price, false, move99)),
  }
}

export type ForecastFigures = {
  /** Σ P(touch liquidation price) · notional at it, WAD USD. */
  expectedLiquidatedNotional: bigint
  /** Σ P(touch liquidation price) · shortfall at the execution price, token units. */
  expectedBadDebt: bigint
  /** Positions with a touch probability above 1 %. */
  positionsAtRisk: number
}

export type MarketForecast = Record<keyof typeof FORECAST_HORIZONS, ForecastFigures> & {
  marketId: bigint
  /** Smallest fall (WAD fraction) at which some long's equity turns negative if nobody liquidates on the way; null without longs that can go bankrupt. */
  badDebtShockDown: bigint | null
  /** Smallest rise at which some short's equity turns negative; null without shorts. */
  badDebtShockUp: bigint | null
}

export type CascadeForecast = { markets: MarketForecast[]; total: MarketForecast }

/** Probabilities are summed as integers of this precision (1e-9). */
const PROBABILITY_ONE = 1_000_000_000n
const scaleByProbability = (amount: bigint, probability: number) => (amount * BigInt(Math.round(probability * 1e9))) / PROBABILITY_ONE

/**
 * Where a liquidation that the price reaches is assumed to execute: the liquidation price (or the
 * current price if it is already past it) moved one oracle step (`maxJump`) further against the
 * position: the first accepted price a keeper can act on may be a full step beyond.
 */
export function forecastExecutionPrice(price: bigint, liquidationPriceWad: bigint, isLong: boolean, maxJump: bigint): bigint {
  const from = isLong ? (liquidationPriceWad < price ? liquidationPriceWad : price) : liquidationPriceWad > price ? liquidationPriceWad : price
  return stressedPrice(from, isLong, maxJump)
}

function emptyFigures(): ForecastFigures {
  return { expectedLiquidatedNotional: 0n, expectedBadDebt: 0n, positionsAtRisk: 0 }
}

const minShock = (a: bigint | null, b: bigint | null) => (a === null ? b : b === null ? a : a < b ? a : b)

/**
 * The cascade forecast: for each horizon, the expected liquidated notional and bad debt, summing
 * per position the reflection-principle chance its market's price touches its liquidation price
 * (`liquidationProbability`, the portfolio's maths) times its notional and its shortfall at the
 * execution price (`forecastExecutionPrice`). Plus, per market, the smallest shock at which bad
 * debt first appears (a gap: nobody liquidated on the way). Per market and in total.
 */
export function cascadeForecast(positions: readonly ConsolePosition[], markets: readonly ConsoleMarket[], scale: bigint): CascadeForecast {
  const perMarket = markets.map((market) => marketForecast(positions, market, scale))
  return { markets: perMarket, total: forecastTotal(perMarket) }
}

/** One market's part of the cascade forecast (`cascadeForecast`); positions of other markets are skipped. */
export function marketForecast(positions: readonly ConsolePosition[], market: ConsoleMarket, scale: bigint): MarketForecast {
  const forecast: MarketForecast = { marketId: market.marketId, '1h': emptyFigures(), '24h': emptyFigures(), badDebtShockDown: null, badDebtShockUp: null }
  for (const position of positions) {
    if (position.marketId !== market.marketId || position.size === 0n) continue
    const isLong = position.size > 0n
    const liq = consoleLiquidationPrice(position, market, scale)
    const execution = forecastExecutionPrice(market.price, liq, isLong, market.maxJump)
    const shortfall = liq === 0n ? 0n : shortfallAt(position, execution, scale)
    for (const [horizon, seconds] of Object.entries(FORECAST_HORIZONS) as [keyof typeof FORECAST_HORIZONS, number][]) {
      const p = liquidationProbability(market.price, liq, isLong, market.volatility, seconds)
      forecast[horizon].expectedLiquidatedNotional += scaleByProbability(notional(position.size, liq), p)
      forecast[horizon].expectedBadDebt += scaleByProbability(shortfall, p)
      if (p > 0.01) forecast[horizon].positionsAtRisk += 1
    }
    const bankrupt = bankruptcyPrice(position, scale)
    if (bankrupt === 0n || market.price === 0n) continue
    if (isLong) {
      const shock = bankrupt >= market.price ? 0n : mulDivDown(market.price - bankrupt, WAD, market.price)
      forecast.badDebtShockDown = minShock(forecast.badDebtShockDown, shock)
    } else {
      const shock = bankrupt <= market.price ? 0n : mulDivDown(bankrupt - market.price, WAD, market.price)
      forecast.badDebtShockUp = minShock(forecast.badDebtShockUp, shock)
    }
  }
  return forecast
}

/** All markets together: figures summed, the smallest shock at which bad debt appears on each side. */
export function forecastTotal(perMarket: readonly MarketForecast[]): MarketForecast {
  const total: MarketForecast = { marketId: -1n, '1h': emptyFigures(), '24h': emptyFigures(), badDebtShockDown: null, badDebtShockUp: null }
  for (const forecast of perMarket) {
    for (const horizon of Object.keys(FORECAST_HORIZONS) as (keyof typeof FORECAST_HORIZONS)[]) {
      total[horizon].expectedLiquidatedNotional += forecast[horizon].expectedLiquidatedNotional
      total[horizon].expectedBadDebt += forecast[horizon].expectedBadDebt
      total[horizon].positionsAtRisk += forecast[horizon].positionsAtRisk
    }
    total.badDebtShockDown = minShock(total.badDebtShockDown, forecast.badDebtShockDown)
    total.badDebtShockUp = minShock(total.badDebtShockUp, forecast.badDebtShockUp)
  }
  return total
}


/** The waterfall's layers in the order a shortfall meets them. */
export type WaterfallLayer = 'none' | 'buffer' | 'stakers' | 'auction' | 'pool'

export type WaterfallCapacity = {
  /** Buffer + pending buffer fees (claimed before the buffer pays), token units. */
  buffer: bigint
  /** What the stakers can still be slashed in this slash window (`fundState.slashableNow`). */
  slashableNow: bigint
  /** What the debt auction can raise in this mint period at its round's floor price (mintableNow · roundMinPrice / 1e18); a deficit beyond it waits for later periods and, at the auction's last resort, is socialised on the pool. */
  auction: bigint
}

export type StressResult = {
  liquidatedCount: number
  /** Notional at the shocked price of the positions that become liquidatable, WAD USD. */
  liquidatedNotional: bigint
  /** Penalties their liquidation would charge (capped at their equity), token units. */
  penalties: bigint
  /** Σ max(0, −equity) at the shocked price, token units. */
  badDebt: bigint
  /** How the bad debt is met, layer by layer (token units). */
  covered: { buffer: bigint; stakers: bigint; auction: bigint; pool: bigint }
  /** The deepest layer it reaches. */
  reaches: WaterfallLayer
}

/** The liquidation penalty (token units) of a full close at `price`: ceil(ceil(N·penalty)/scale), capped at max(equity, 0). */
export function liquidationPenalty(notionalWad: bigint, penaltyRate: bigint, equityTokens: bigint, scale: bigint): bigint {
  const penalty = marginRequirement(notionalWad, penaltyRate, scale)
  const cap = equityTokens > 0n ? equityTokens : 0n
  return penalty < cap ? penalty : cap
}

/** A shortfall met by the waterfall's layers in order: buffer, stakers within the slash cap, debt auction, pool. */
export function throughWaterfall(badDebt: bigint, capacity: WaterfallCapacity): Pick<StressResult, 'covered' | 'reaches'> {
  let rest = badDebt
  const take = (available: bigint) => {
    const used = rest < available ? rest : available > 0n ? available : 0n
    rest -= used
    return used
  }
  const buffer = take(capacity.buffer)
  const stakers = take(capacity.slashableNow)
  const auction = take(capacity.auction)
  const pool = rest
  const reaches: WaterfallLayer = pool > 0n ? 'pool' : auction > 0n ? 'auction' : stakers > 0n ? 'stakers' : buffer > 0n ? 'buffer' : 'none'
  return { covered: { buffer, stakers, auction, pool }, reaches }
}

/**
 * What-if stress: each market's price moves by its shock (signed WAD fraction; markets without
 * one stay) in one gap, every position liquidatable at the new price is liquidated in full there,
 * and its bad debt goes down the waterfall. Penalties are reported but not counted as cover
 * (the buffer's share would help; leaving it out errs on the safe side).
 */
export function stressScenario(
  positions: readonly ConsolePosition[],
  markets: readonly ConsoleMarket[],
  shocks: ReadonlyMap<bigint, bigint>,
  capacity: WaterfallCapacity,
  scale: bigint,
): StressResult {
  const byId = new Map(markets.map((m) => [m.marketId, m]))
  let liquidatedCount = 0
  let liquidatedNotional = 0n
  let penalties = 0n
  let badDebt = 0n
  for (const position of positions) {
    const market = byId.get(position.marketId)
    if (!market || position.size === 0n) continue
    const price = shockedPrice(market.price, shocks.get(market.marketId) ?? 0n)
    const risk = positionRisk(position, { price, mm: market.mm, im: market.mm, scale })
    if (!risk.liquidatable) continue
    liquidatedCount += 1
    liquidatedNotional += risk.notional
    penalties += liquidationPenalty(risk.notional, market.penalty, risk.equity, scale)
    if (risk.equity < 0n) badDebt += -risk.equity
  }
  return { liquidatedCount, liquidatedNotional, penalties, badDebt, ...throughWaterfall(badDebt, capacity) }
}


/** The debt auction's reach in this mint period: mintableNow RPT sold at the round's floor price (token units per 1e18 RPT). */
export function auctionCapacity(mintableNow: bigint, roundMinPrice: bigint): bigint {
  return mulDivDown(mintableNow, roundMinPrice, WAD)
}

export type ExposureMove = {
  /** Signed fraction (WAD). */
  move: bigint
  /** The pool's PnL from the move, WAD USD (signed): poolDelta · ΔP. */
  poolPnl: bigint
  /** The pool's delta after the move, once the positions liquidatable there are closed (base units, WAD). */
  deltaAfter: bigint
}

export type MarketExposure = {
  marketId: bigint
  /** The pool's net position: −(traders' net) = short OI − long OI (base units, WAD, signed). */
  poolDelta: bigint
  /** poolDelta · price, WAD USD. */
  poolDeltaUsd: bigint
  moves: ExposureMove[]
  /** Funding the pool receives per hour at the current rate (WAD USD, signed): rate · P · 3600 · (L − S). */
  fundingPerHour: bigint
}

export const EXPOSURE_MOVES = [-(10n ** 17n), -(10n ** 16n), 10n ** 16n, 10n ** 17n] as const

/** The pool's delta and its gamma-like change: how the pool's PnL and delta move for each of `moves`. */
export function marketExposure(positions: readonly ConsolePosition[], market: ConsoleMarket, scale: bigint, moves: readonly bigint[] = EXPOSURE_MOVES): MarketExposure {
  const poolDelta = market.shortOpenInterest - market.longOpenInterest
  const mine = positions.filter((p) => p.marketId === market.marketId && p.size !== 0n)
  return {
    marketId: market.marketId,
    poolDelta,
    poolDeltaUsd: divFloor(poolDelta * market.price, WAD),
    moves: moves.map((move) => {
      const price = shockedPrice(market.price, move)
      // A liquidation closes the trader's side, so the pool no longer holds its opposite.
      const closed = mine.reduce((sum, p) => (positionRisk(p, { price, mm: market.mm, im: market.mm, scale }).liquidatable ? sum + p.size : sum), 0n)
      return { move, poolPnl: divFloor(poolDelta * (price - market.price), WAD), deltaAfter: poolDelta + closed }
    }),
    fundingPerHour: divFloor(market.fundingRatePerSecond * market.price * 3600n * (market.longOpenInterest - market.shortOpenInterest), WAD * WAD),
  }
}

/** Health buckets' lower edges (WAD); the last bucket is open above. */
export const HEALTH_BUCKETS = [0n, WAD, (11n * WAD) / 10n, (125n * WAD) / 100n, (15n * WAD) / 10n, 2n * WAD, 3n * WAD, 5n * WAD] as const

export type HealthBucket = { from: bigint; to: bigint | null; count: number; notional: bigint }

/** Counts and notional of positions per health bucket ([from, to)). */
export function healthHistogram(positions: readonly { health: bigint; notional: bigint }[]): HealthBucket[] {
  const buckets: HealthBucket[] = HEALTH_BUCKETS.map((from, i) => ({ from, to: HEALTH_BUCKETS[i + 1] ?? null, count: 0, notional: 0n }))
  for (const p of positions) {
    let index = buckets.length - 1
    while (index > 0 && p.health < buckets[index].from) index--
    buckets[index].count += 1
    buckets[index].notional += p.notional
  }
  return buckets
}

export type LiquidationTerms = {
  keeperShare: bigint
  fullHealth: bigint
  minKeeperReward: bigint
  /** Buffer + pending buffer fees: the minimum reward is paid from it after the shortfall. */
  buffer: bigint
}

export type ExpectedReward = {
  reward: bigint
  /** Full close (health under fullHealth); a partial close pays a penalty on less notional, so the reward shown is an upper bound. */
  full: boolean
  /** Paid by the fund as the minimum keeper reward (the position's value is ≤ 0). */
  minimum: boolean
}

/**
 * The liquidator's reward for liquidating `risk` now (not self-liquidation): keeperShare of the
 * penalty (capped at equity); for a position worth ≤ 0, the fund's minimum keeper reward, out of
 * what the buffer holds once this shortfall is covered.
 */
export function expectedLiquidationReward(risk: Pick<PositionRisk, 'notional' | 'equity' | 'health'>, penaltyRate: bigint, terms: LiquidationTerms, scale: bigint): ExpectedReward {
  const full = risk.health < terms.fullHealth
  if (risk.equity <= 0n) {
    const left = terms.buffer + risk.equity
    const reward = left <= 0n ? 0n : left < terms.minKeeperReward ? left : terms.minKeeperReward
    return { reward, full: true, minimum: true }
  }
  const penalty = liquidationPenalty(risk.notional, penaltyRate, risk.equity, scale)
  return { reward: mulDivDown(penalty, terms.keeperShare, WAD), full, minimum: false }
}

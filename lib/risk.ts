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

export const WAD = 10n ** 18n
export const MAX_UINT256 = 2n ** 256n - 1n

const abs = (x: bigint) => (x < 0n ? -x : x)

/** floor(x·y/d), unsigned. */
export function mulDivDown(x: bigint, y: bigint, d: bigint): bigint {
  return (x * y) / d
}

/** ceil(x·y/d), unsigned. */
export function mulDivUp(x: bigint, y: bigint, d: bigint): bigint {
  const product = x * y
  return product === 0n ? 0n : (product - 1n) / d + 1n
}

/** floor(x / d) toward −∞ for a signed x, d > 0 (bigint division truncates toward 0). */
export function divFloor(x: bigint, d: bigint): bigint {
  return x >= 0n ? x / d : -mulDivUp(-x, 1n, d)
}

/** ceil(x / d) toward +∞ for a signed x, d > 0. */
export function divCeil(x: bigint, d: bigint): bigint {
  return x >= 0n ? mulDivUp(x, 1n, d) : -(-x / d)
}

/** 10^(18 − decimals): WAD USD per token unit. */
export function scaleFor(decimals: number): bigint {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 18) throw new Error(`unsupported decimals ${decimals}`)
  return 10n ** BigInt(18 - decimals)
}

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

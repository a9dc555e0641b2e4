import type { HistoryEntry } from '../history/accountHistory'

/**
 * The account summary (`/portfolio` and the header): equity, margin used, free collateral,
 * unrealised and realised PnL, from the positions' engine views and the account's history. Pure;
 * token units throughout. The identities it keeps: equity of a position = collateral + unrealised
 * PnL, and collateral = what was deposited − what was taken out + what has been realised.
 */

/** One open position as the lens's `getPosition` reports it (the fields the summary reads). */
export type SummaryPosition = {
  marketId: bigint
  collateral: bigint
  /** C + floor(U / scale) − funding owed, at the oracle's accepted price. */
  equity: bigint
  /** Initial margin requirement at that price. */
  imr: bigint
}

export type AccountSummary = {
  /** Wallet tokens + Σ positions' equity. */
  equity: bigint
  /** Σ initial margin requirements. */
  marginUsed: bigint
  /** Wallet tokens + what each position could release: min(collateral, equity − initial margin), at least 0. */
  freeCollateral: bigint
  /** Σ (equity − collateral) = price PnL − funding owed, not yet settled. */
  unrealisedPnl: bigint
}

export function accountSummary(positions: readonly SummaryPosition[], walletBalance: bigint): AccountSummary {
  let equity = walletBalance
  let marginUsed = 0n
  let freeCollateral = walletBalance
  let unrealisedPnl = 0n
  for (const p of positions) {
    equity += p.equity
    marginUsed += p.imr
    const excess = p.equity - p.imr
    freeCollateral += excess <= 0n ? 0n : excess < p.collateral ? excess : p.collateral
    unrealisedPnl += p.equity - p.collateral
  }
  return { equity, marginUsed, freeCollateral, unrealisedPnl }
}

export type RealisedPnl = {
  /** Realised PnL: collateral still in open positions + what came back − what went in. */
  value: bigint
  deposited: bigint
  withdrawn: bigint
  /**
   * True when an increase followed a partial liquidation in the same market: the liquidation's
   * event does not carry the collateral left, so the increase's added collateral (usually 0: the
   * dashboard sends none) could not be told and is taken as 0.
   */
  approximate: boolean
}

/**
 * Realised PnL from the account's history (oldest first) and the collateral of the positions open
 * now (by market id): collateral + withdrawn − deposited. Everything that moved collateral without
 * a deposit or a withdrawal is realised: PnL booked at reduces and closes, trading fees, funding
 * settled, liquidation penalties and losses.
 *
 * Deposits: an open's collateral (the event's collateral is after the fee: + fee), collateral
 * added, and an increase's added collateral (its collateral after − before + funding settled + fee,
 * with "before" followed through the events); withdrawals: collateral removed and the payouts of
 * closes and liquidations (a deferred payout is still the trader's).
 */
export function realisedPnl(entries: readonly HistoryEntry[], openCollateral: ReadonlyMap<bigint, bigint>): RealisedPnl {
  // Funding settled in the same transaction as an increase or a reduce, per market.
  const fundingOf = new Map<string, bigint>()
  for (const e of entries) if (e.kind === 'funding' && e.marketId !== undefined) fundingOf.set(`${e.transactionHash}:${e.marketId}`, (fundingOf.get(`${e.transactionHash}:${e.marketId}`) ?? 0n) + (e.funding ?? 0n))
  const collateral = new Map<bigint, bigint | undefined>()
  let deposited = 0n
  let withdrawn = 0n
  let approximate = false
  for (const e of entries) {
    const m = e.marketId
    if (m === undefined) continue
    const funding = fundingOf.get(`${e.transactionHash}:${m}`) ?? 0n
    const before = collateral.get(m)
    switch (e.kind) {
      case 'open':
        deposited += (e.collateral ?? 0n) + (e.fee ?? 0n)
        collateral.set(m, e.collateral)
        break
      case 'increase':
        if (before === undefined) approximate = true
        else deposited += (e.collateral ?? 0n) - before + funding + (e.fee ?? 0n)
        collateral.set(m, e.collateral)
        break
      case 'collateralAdded':
        deposited += e.amount ?? 0n
        collateral.set(m, e.collateral)
        break
      case 'collateralRemoved':
        withdrawn += e.amount ?? 0n
        collateral.set(m, e.collateral)
        break
      case 'reduce':
        collateral.set(m, before === undefined ? undefined : before + (e.realisedPnl ?? 0n) - funding - (e.fee ?? 0n))
        break
      case 'close':
        withdrawn += e.payout ?? 0n
        collateral.set(m, 0n)
        break
      case 'liquidation':
        withdrawn += e.payout ?? 0n
        collateral.set(m, e.full ? 0n : undefined)
        break
    }
  }
  let held = 0n
  for (const value of openCollateral.values()) held += value
  return { value: held + withdrawn - deposited, deposited, withdrawn, approximate }
}

/** What each number of the summary rests on, for its tooltip. */
export const SUMMARY_EXPLAINERS = {
  equity: "Wallet tUSD + every open position's equity (collateral + price PnL − funding owed), marked at the oracle's accepted price.",
  marginUsed: "Σ open positions' initial margin requirement at the oracle's accepted price: what an increase or a collateral removal must leave.",
  freeCollateral:
    'Wallet tUSD + what each position could release: min(collateral, equity − initial margin). A removal is checked at the worse of the ' +
    'accepted and the live-median price, so it may allow a little less.',
  unrealisedPnl: "Σ open positions' price PnL − funding owed, at the oracle's accepted price: what closing now would realise before the close fee.",
  realisedPnl:
    'Collateral still in open positions + everything paid back (closes, liquidations, removals) − everything deposited, from the ' +
    "engine's events: PnL booked at reduces and closes, less trading fees, funding settled and liquidation losses.",
} as const

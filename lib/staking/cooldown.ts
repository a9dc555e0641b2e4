/**
 * Where a staker is in the vault's exit: cooldown, then a limited unstake window (the rules of
 * `StakingVault.maxRedeem` / `StakingMath.inWindow`: redeemable while start + cooldown ≤ now <
 * start + cooldown + window). `now` is the chain's block timestamp, never the browser's clock: a
 * devnet's time can be warped ahead of it.
 */

/** The cooldown part of the vault's `accountState` (also in the fund's `fundState`). Unix seconds, shares. */
export type CooldownView = {
  cooldownStart: bigint
  windowStart: bigint
  windowEnd: bigint
  /** Redeemable shares fixed at cooldown (capped by the lowest balance since). */
  cooldownShares: bigint
}

export type CooldownPhase =
  | { phase: 'none' }
  | { phase: 'coolingDown'; windowStart: bigint; windowEnd: bigint }
  | { phase: 'windowOpen'; windowEnd: bigint }
  | { phase: 'windowExpired'; windowEnd: bigint }

export function cooldownPhase(view: CooldownView, now: bigint): CooldownPhase {
  // No cooldown, or its shares are all redeemed (or transferred away): nothing is on the way out.
  if (view.cooldownStart === 0n || view.cooldownShares === 0n) return { phase: 'none' }
  if (now < view.windowStart) return { phase: 'coolingDown', windowStart: view.windowStart, windowEnd: view.windowEnd }
  if (now < view.windowEnd) return { phase: 'windowOpen', windowEnd: view.windowEnd }
  return { phase: 'windowExpired', windowEnd: view.windowEnd }
}

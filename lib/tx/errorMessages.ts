import { formatUnits } from 'viem'

/**
 * What to tell a person when a contract rejects their transaction, by custom error name.
 * Errors missing here still reach the user, as their name and arguments.
 */
export const ERROR_MESSAGES: Record<string, (args: readonly unknown[]) => string> = {
  FaucetCooldown: ([availableAt]) =>
    `The faucet gives each account one draw a minute. Try again after ${new Date(Number(availableAt) * 1000).toLocaleTimeString()}.`,
  NotMinter: () => 'Only the deployer can mint test USD directly; use the faucet instead.',
  ERC20InsufficientBalance: ([, balance, needed]) =>
    `Not enough balance: you have ${formatUnits(balance as bigint, 6)} and this needs ${formatUnits(needed as bigint, 6)}.`,
  ERC20InsufficientAllowance: ([, allowance, needed]) =>
    `The contract may spend ${formatUnits(allowance as bigint, 6)} of your tokens but needs ${formatUnits(needed as bigint, 6)}: approve it first.`,
  NothingToCooldown: () => 'You have no staked shares to put into cooldown.',
  ERC4626ExceededMaxRedeem: () =>
    'The vault lets you redeem less than that now: redemptions open only inside the unstake window, for the shares fixed at cooldown.',
  ERC4626ExceededMaxWithdraw: () =>
    'The vault lets you withdraw less than that now: redemptions open only inside the unstake window, up to the value of the shares fixed at cooldown.',
  // Two-step requests (OrderRouter, LiquidityPool) and the engine's refusals a cancelled order carries.
  InvalidExpiry: ([expiry, earliest, latest]) =>
    `The expiry (${expiry}) must fall between ${earliest} and ${latest} (chain time): pick a lifetime inside the allowed range.`,
  InvalidAcceptablePrice: () => 'The acceptable price must be above 0.',
  BelowMinNotional: ([notionalWad, minWad]) =>
    `Too small: the position would be worth ${formatUnits(notionalWad as bigint, 18)} USD at your limit price; the minimum is ${formatUnits(minWad as bigint, 18)} USD.`,
  NotPending: ([id]) => `Request #${id} is no longer pending: it was executed or cancelled already.`,
  NotCancellable: ([id]) => `Request #${id} can still be filled: it may be cancelled only once no fresh price before its expiry can fill it.`,
  SharesLocked: ([, unlocksAt]) => `Your shares are still in their holding time: you can request a withdrawal after ${new Date(Number(unlocksAt) * 1000).toLocaleString()}.`,
  ERC4626ExceededMaxDeposit: () => 'Direct deposits are closed: request a deposit instead (it fills at the next fresh prices).',
  LeverageTooHigh: ([lev, max]) => `Leverage at the fill price (${formatUnits(lev as bigint, 18)}×) is above the market's max (${formatUnits(max as bigint, 18)}×).`,
  BelowInitialMargin: ([equity, imr]) => `Equity at the fill price (${formatUnits(equity as bigint, 6)} tUSD) is below the initial margin (${formatUnits(imr as bigint, 6)} tUSD).`,
  OpenInterestCapExceeded: ([, notionalWad, cap]) => `Open interest would reach ${formatUnits(notionalWad as bigint, 18)} USD, above the cap of ${formatUnits(cap as bigint, 18)} USD.`,
  OracleStale: () => 'The oracle is stale: new risk waits for fresh prices.',
  OracleGuarded: () => 'The oracle circuit breaker tripped: new risk waits until it clears.',
  Paused: () => 'New positions are paused in this market.',
  PositionExists: () => 'You already have a position in this market.',
  NoPosition: () => 'There is no position to change.',
}

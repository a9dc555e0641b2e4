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
}

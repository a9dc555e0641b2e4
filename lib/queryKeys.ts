/** Every React Query key the app defines itself (wagmi's hooks key their own reads). */
export const queryKeys = {
  eventLog: (chainId: number, address: string, eventName: string) => ['rampart', 'eventLog', chainId, address.toLowerCase(), eventName] as const,
  /** Several events of one or more contracts, read with ONE getLogs per block extension; `account` filters topic 2 when set. */
  multiEventLog: (chainId: number, addresses: readonly string[], events: readonly string[], account: string | undefined) =>
    ['rampart', 'multiEventLog', chainId, addresses.map((a) => a.toLowerCase()).join(','), events.join(','), account?.toLowerCase() ?? 'all'] as const,
  /** One account's trading history (lib/history), per deployment's engine. */
  accountHistory: (chainId: number, engine: string, account: string | undefined) =>
    ['rampart', 'accountHistory', chainId, engine.toLowerCase(), account?.toLowerCase() ?? 'none'] as const,
  keeperStatus: (blockNumber: bigint | undefined) => ['rampart', 'keeperStatus', blockNumber?.toString()] as const,
  /** The staking vault's share price at the start of a trailing yield window (bigints as strings: keys are hashed as JSON). */
  sharePriceAtWindowStart: (chainId: number, vault: string, windowSeconds: bigint, windowStart: bigint, firstStakeBlock: bigint) =>
    ['rampart', 'sharePriceAtWindowStart', chainId, vault.toLowerCase(), String(windowSeconds), String(windowStart), String(firstStakeBlock)] as const,
}

/** Every React Query key the app defines itself (wagmi's hooks key their own reads). */
export const queryKeys = {
  /** A log reader subscription (lib/events/logReader.ts): events of one or more contracts, indexed topics 1 and 2 filtered when set. */
  contractEvents: (chainId: number, addresses: readonly string[], events: readonly string[], topics: readonly (string | null)[]) =>
    ['rampart', 'contractEvents', chainId, addresses.map((a) => a.toLowerCase()).join(','), events.join(','), topics.map((t) => t?.toLowerCase() ?? '*').join(',')] as const,
  /** One account's trading history (lib/history), per deployment's engine. */
  accountHistory: (chainId: number, engine: string, account: string | undefined) =>
    ['rampart', 'accountHistory', chainId, engine.toLowerCase(), account?.toLowerCase() ?? 'none'] as const,
  keeperStatus: (chainId: number, blockNumber: bigint | undefined) => ['rampart', 'keeperStatus', chainId, blockNumber?.toString()] as const,
  /** The staking vault's share price at the start of a trailing yield window (bigints as strings: keys are hashed as JSON). */
  sharePriceAtWindowStart: (chainId: number, vault: string, windowSeconds: bigint, windowStart: bigint, firstStakeBlock: bigint) =>
    ['rampart', 'sharePriceAtWindowStart', chainId, vault.toLowerCase(), String(windowSeconds), String(windowStart), String(firstStakeBlock)] as const,
}

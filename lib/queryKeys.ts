/** Every React Query key the app defines itself (wagmi's hooks key their own reads). */
export const queryKeys = {
  eventLog: (chainId: number, address: string, eventName: string) => ['rampart', 'eventLog', chainId, address.toLowerCase(), eventName] as const,
  keeperStatus: (blockNumber: bigint | undefined) => ['rampart', 'keeperStatus', blockNumber?.toString()] as const,
  /** The staking vault's share price at the start of a trailing yield window (bigints as strings: keys are hashed as JSON). */
  sharePriceAtWindowStart: (chainId: number, vault: string, windowSeconds: bigint, windowStart: bigint, firstStakeBlock: bigint) =>
    ['rampart', 'sharePriceAtWindowStart', chainId, vault.toLowerCase(), String(windowSeconds), String(windowStart), String(firstStakeBlock)] as const,
}

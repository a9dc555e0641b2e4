/** Every React Query key the app defines itself (wagmi's hooks key their own reads). */
export const queryKeys = {
  eventLog: (chainId: number, address: string, eventName: string) => ['rampart', 'eventLog', chainId, address.toLowerCase(), eventName] as const,
  keeperStatus: (blockNumber: bigint | undefined) => ['rampart', 'keeperStatus', blockNumber?.toString()] as const,
}

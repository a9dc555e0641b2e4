/** A market's name from its view, for test ids and labels. */
export const marketNameOf = (markets: readonly { marketId: bigint; name: string }[], id: bigint) => markets.find((m) => m.marketId === id)?.name ?? `#${id}`

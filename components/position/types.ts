import type { useTradeSnapshot } from '@/hooks/useTradeSnapshot'

/** A loaded trade snapshot (market present). */
export type LoadedTradeSnapshot = Required<Pick<ReturnType<typeof useTradeSnapshot>, 'market' | 'oracle' | 'tradeMarket' | 'decimals' | 'terms' | 'timestamp'>> &
  ReturnType<typeof useTradeSnapshot>

'use client'

import { useEffect, useRef } from 'react'
import { useAccount } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { useToast } from '@/components/toast/ToastProvider'
import { useAccountHistory } from '@/hooks/useAccountHistory'
import { useTokenDecimals } from '@/hooks/useTokenDecimals'
import { formatAmount, formatWad } from '@/lib/format'
import { describeLiquidation, marketNameById } from '@/lib/history/accountHistory'

/**
 * A toast that stays until dismissed for every liquidation (partial or full) of the connected
 * account seen after its history started this session: while the app is open, or since the
 * last visit (the stored history's last block). Mounted once, on every page.
 */
export function LiquidationNotifier() {
  const { address } = useAccount()
  const deployment = useDeployment()
  const { history } = useAccountHistory(address)
  const decimals = useTokenDecimals()
  const toast = useToast()
  const shown = useRef(new Set<string>())

  useEffect(() => {
    if (!history || decimals === undefined) return
    for (const entry of history.entries) {
      if (entry.kind !== 'liquidation' || entry.blockNumber <= history.watchedFrom || shown.current.has(entry.id)) continue
      shown.current.add(entry.id)
      const market = marketNameById(deployment.markets, entry.marketId ?? 0n)
      toast.show({
        kind: 'alert',
        persistent: true,
        title: entry.full ? `Position liquidated: ${market}` : `Position partly liquidated: ${market}`,
        detail: `${describeLiquidation(entry, market, (v) => formatAmount(v, decimals), (v) => formatWad(v, 4))} Block ${entry.blockNumber}; see Portfolio → History.`,
      })
    }
  }, [history, decimals, deployment.markets, toast])

  return null
}

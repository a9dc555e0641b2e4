'use client'

import { useMemo, useRef } from 'react'
import { useAccount } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { accountSummary, realisedPnl } from '@/lib/account/summary'
import { useAccountHistory } from './useAccountHistory'
import { useAccountPositions } from './useAccountPositions'

/**
 * The connected account's summary: equity, margin used, free collateral and unrealised PnL from
 * the positions' engine views and the wallet balance (the portfolio's per-block read, shared), and
 * realised PnL from the account history (the global history read, shared). No read of its own.
 */
export function useAccountSummary() {
  const deployment = useDeployment()
  const { address } = useAccount()
  const { rows, balance, blockNumber } = useAccountPositions()
  const { history } = useAccountHistory(address)
  const summary = useMemo(
    () =>
      rows && balance !== undefined
        ? accountSummary(
            rows.map(({ position, market }) => ({ marketId: market.marketId, collateral: position.collateral, equity: position.equity, imr: position.imr })),
            balance,
          )
        : undefined,
    [rows, balance],
  )
  // Realised PnL joins the positions (collateral now) and the history (what moved it): only when
  // the history has reached the positions' block, or a close in that block would count its
  // collateral as gone before its payout came back. Until then the last joined value stays.
  const last = useRef<ReturnType<typeof realisedPnl> | undefined>(undefined)
  const realised = useMemo(() => {
    if (!rows || !history || blockNumber === undefined || history.toBlock < blockNumber) return last.current
    last.current = realisedPnl(history.entries, new Map(rows.map(({ position, market }) => [market.marketId, position.collateral])))
    return last.current
  }, [rows, history, blockNumber])
  return {
    summary,
    realised,
    positions: rows?.length,
    /** The block the positions are marked at. */
    blockNumber,
    /** The history behind realised PnL runs from the deploy block to this one. */
    history: history ? { fromBlock: BigInt(deployment.deployBlock), toBlock: history.toBlock } : undefined,
  }
}

'use client'

import { useState } from 'react'
import { useAccount } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import type { ConsoleRow } from '@/hooks/useRiskConsole'
import { useTransaction } from '@/hooks/useTransaction'
import { liquidationEngineAbi } from '@/lib/contracts/abi/LiquidationEngine'
import { formatAmount, formatHealth, formatWad, shortAddress } from '@/lib/format'
import type { ExpectedReward } from '@/lib/risk'
import { Panel } from '@/components/Panel'

export type LiquidatableRow = ConsoleRow & { reward: ExpectedReward }

const keyOf = (row: { trader: string; marketId: bigint }) => `${row.trader.toLowerCase()}-${row.marketId}`

/** Positions anyone may liquidate now, with the reward the caller would receive; one or a batch through the app's transaction flow. */
export function LiquidatorConsole({ rows, nameOf, decimals }: { rows: readonly LiquidatableRow[]; nameOf: (id: bigint) => string; decimals: number }) {
  const deployment = useDeployment()
  const { address } = useAccount()
  const tx = useTransaction()
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const engine = deployment.contracts.LiquidationEngine
  const picked = rows.filter((r) => selected.has(keyOf(r)))
  const liquidateOne = (row: LiquidatableRow) =>
    tx.send({ abi: liquidationEngineAbi, address: engine, functionName: 'liquidate', args: [row.trader, row.marketId], label: `Liquidate ${nameOf(row.marketId)} ${shortAddress(row.trader)}` })
  const liquidateBatch = async () => {
    const targets = picked.map((r) => ({ trader: r.trader, marketId: r.marketId }))
    if (await tx.send({ abi: liquidationEngineAbi, address: engine, functionName: 'liquidateMany', args: [targets], label: `Liquidate ${targets.length} positions` })) setSelected(new Set())
  }
  const toggle = (row: LiquidatableRow) =>
    setSelected((s) => {
      const next = new Set(s)
      if (next.has(keyOf(row))) next.delete(keyOf(row))
      else next.add(keyOf(row))
      return next
    })
  return (
    <Panel
      title="Liquidator console"
      testId="liquidator-console"
      aside={<span className="text-sm text-zinc-400"><span data-testid="liquidatable-count">{rows.length}</span> liquidatable now</span>}
    >
      {rows.length === 0 ? (
        <p className="text-sm text-zinc-500" data-testid="liquidatable-none">No position is below health 1.</p>
      ) : (
        <>
          <div className="overflow-x-auto">
            <table className="stack-on-mobile w-full text-sm">
              <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
                <tr>
                  <th className="px-2 py-1"><span className="sr-only">Select</span></th>
                  <th className="px-2 py-1">Position</th>
                  <th className="px-2 py-1 text-right">Health</th>
                  <th className="px-2 py-1 text-right">Notional</th>
                  <th className="px-2 py-1 text-right">Equity</th>
                  <th className="px-2 py-1 text-right">Your reward</th>
                  <th className="px-2 py-1" />
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-800 font-mono">
                {rows.map((row) => {
                  const name = nameOf(row.marketId)
                  const id = `${row.trader.toLowerCase()}-${name}`
                  const self = address !== undefined && address.toLowerCase() === row.trader.toLowerCase()
                  return (
                    <tr key={id} data-testid={`liquidatable-row-${id}`}>
                      <td data-label="Select" className="px-2 py-1">
                        <input type="checkbox" aria-label={`Select ${id}`} data-testid="liquidatable-select" checked={selected.has(keyOf(row))} onChange={() => toggle(row)} />
                      </td>
                      <td data-label="Position" className="px-2 py-1 font-sans">{name} {row.size > 0n ? 'long' : 'short'} · <span title={row.trader}>{shortAddress(row.trader)}</span></td>
                      <td data-label="Health" className="px-2 py-1 text-right">{formatHealth(row.health)}</td>
                      <td data-label="Notional" className="px-2 py-1 text-right">{formatWad(row.notional)}</td>
                      <td data-label="Equity" className="px-2 py-1 text-right">{formatAmount(row.equity, decimals)}</td>
                      <td data-label="Your reward" className="px-2 py-1 text-right" title={row.reward.minimum ? "The fund's minimum keeper reward: the position is worth nothing" : row.reward.full ? 'Keeper share of the penalty (full close)' : 'Keeper share of the penalty; a partial close may pay less'}>
                        <span data-testid="liquidatable-reward" data-full={String(row.reward.full)}>{self ? '0.00' : formatAmount(row.reward.reward, decimals, 6)}</span>
                        {!row.reward.full && !self && <span className="text-[10px] text-zinc-500"> at most</span>}
                        {self && <span className="text-[10px] text-zinc-500"> (your own: no reward)</span>}
                      </td>
                      <td className="px-2 py-1 text-right">
                        <button type="button" data-testid="liquidate-one" disabled={!address || tx.isBusy} onClick={() => liquidateOne(row)} className="rounded bg-rose-600 px-2 py-1 font-sans text-xs text-white disabled:opacity-40">
                          Liquidate
                        </button>
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <button type="button" data-testid="liquidate-batch" disabled={!address || tx.isBusy || picked.length === 0} onClick={liquidateBatch} className="rounded bg-rose-600 px-3 py-1 text-white disabled:opacity-40">
              Liquidate selected ({picked.length})
            </button>
            <span className="text-xs text-zinc-500" data-testid="liquidate-batch-reward">
              Expected reward {formatAmount(picked.reduce((sum, r) => sum + r.reward.reward, 0n), decimals, 6)} tUSD
            </span>
            {!address && <span className="text-xs text-amber-300" data-testid="liquidator-connect">Connect a wallet to liquidate.</span>}
          </div>
          {tx.error && tx.error.kind !== 'rejected' && <p className="text-xs text-rose-400" data-testid="liquidate-error">{tx.error.message}</p>}
        </>
      )}
      <p className="text-xs text-zinc-500">
        Reward: the keeper share of the liquidation penalty (capped at the position&apos;s equity), or the fund&apos;s minimum keeper reward for a position worth nothing; none for your own position. At this block&apos;s price: funding accrues until your transaction lands.
      </p>
    </Panel>
  )
}

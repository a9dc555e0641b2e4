'use client'

import { useAccount } from 'wagmi'
import { FaucetButton } from '@/components/FaucetButton'
import { StatCard } from '@/components/StatCard'
import { useSettlementTokenSnapshot } from '@/hooks/useSettlementTokenSnapshot'
import { formatAmount, shortAddress } from '@/lib/format'

export function OverviewStats() {
  const { address } = useAccount()
  const { decimals, totalSupply, balance, blockNumber } = useSettlementTokenSnapshot()
  const show = (value: bigint | undefined) => (value === undefined || decimals === undefined ? '—' : formatAmount(value, decimals))
  return (
    <section className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <StatCard label="Settlement token supply" testId="token-supply" hint={`tUSD at block ${blockNumber ?? '—'}`}>
          {show(totalSupply)}
        </StatCard>
        <StatCard label="Connected account" testId="connected-account">
          <span title={address}>{address ? shortAddress(address) : 'Not connected'}</span>
        </StatCard>
        <StatCard label="Your balance" testId="wallet-balance" hint="tUSD">
          {address ? show(balance) : '—'}
        </StatCard>
      </div>
      <div className="flex items-center gap-3">
        <FaucetButton />
        {!address && <p className="text-sm text-zinc-400">Connect a wallet to draw test USD.</p>}
      </div>
    </section>
  )
}

'use client'

import Link from 'next/link'
import { useAccount } from 'wagmi'
import { FaucetButton } from '@/components/FaucetButton'
import { StatCard } from '@/components/StatCard'
import { useDeployment } from '@/hooks/useDeployment'
import { useOverviewFeed } from '@/hooks/useOverviewFeed'
import { useOverviewSnapshot } from '@/hooks/useOverviewSnapshot'
import { formatAmount, formatDuration, formatPercent, formatWad, shortAddress } from '@/lib/format'
import { proposalTitle } from '@/lib/governance/proposals'
import { describeFeedEntry, type FeedKind } from '@/lib/overview/feed'
import { coverageRatio, coverCapacity, notional, openInterestNotional, scaleFor } from '@/lib/risk'

/** Feed rows shown: the newest. */
const FEED_LENGTH = 12
const ACTIVE = 1 // IGovernor.ProposalState.Active

const FEED_COLOURS: Partial<Record<FeedKind, string>> = { liquidation: 'text-amber-300', stakers: 'text-rose-300', socialised: 'text-rose-400', toAuction: 'text-rose-300' }

/**
 * The protocol at a glance, live: the pool's marked value, open interest per market, the
 * insurance fund and its coverage, the proposals open for votes, and liquidations and
 * loss-waterfall events as they happen; then the settlement token and the devnet faucet. One
 * multicall and one log read per block (useOverviewSnapshot, useOverviewFeed).
 */
export function OverviewStats() {
  const deployment = useDeployment()
  const { address } = useAccount()
  const { feed, proposals: created } = useOverviewFeed()
  // Oldest first: the list only grows at its end, so the previous block's reads stay aligned while the next load.
  const ids = [...created].reverse().map((p) => p.id)
  const { snapshot } = useOverviewSnapshot(ids)
  const decimals = snapshot?.decimals
  const amount = (value: bigint | undefined) => (value === undefined || decimals === undefined ? '—' : formatAmount(value, decimals))
  const names = new Map(Object.entries(deployment.markets).map(([name, id]) => [BigInt(id), name]))
  const marketName = (id: bigint) => names.get(id) ?? `market ${id}`

  const scale = decimals === undefined ? undefined : scaleFor(decimals)
  const openInterest = snapshot ? openInterestNotional(snapshot.markets) : undefined
  const capacity = snapshot ? coverCapacity(snapshot.fund) : undefined
  const coverage = snapshot && scale !== undefined && capacity !== undefined && openInterest !== undefined ? coverageRatio(capacity, openInterest, scale) : undefined
  const open = snapshot ? snapshot.proposals.filter((p) => p.state === ACTIVE).sort((x, y) => (x.id === y.id ? 0 : x.deadline < y.deadline ? -1 : 1)) : undefined
  const descriptions = new Map(created.map((p) => [p.id, p.description]))

  return (
    <div className="space-y-8">
      <section className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Protocol">
        <StatCard label="Liquidity pool" testId="overview-pool-value" hint={`tUSD, marked to market at block ${snapshot?.blockNumber ?? '—'}: tokens + auction receivable − traders' counted PnL`}>
          {amount(snapshot?.pool.value)}
        </StatCard>
        <StatCard label="Open interest" testId="overview-open-interest" hint="USD, longs + shorts of every market at the oracle price">
          {openInterest === undefined ? '—' : formatWad(openInterest, 0)}
        </StatCard>
        <StatCard label="Insurance fund" testId="overview-fund" hint={`tUSD: buffer ${amount(snapshot?.fund.buffer)} + pending fees ${amount(snapshot?.fund.pendingBufferFees)} + staked ${amount(snapshot?.fund.stakedAssets)}`}>
          {amount(capacity)}
        </StatCard>
        <StatCard label="Coverage" testId="overview-coverage" hint="(buffer + pending fees + staked) / open interest">
          {coverage === undefined ? '—' : coverage === null ? 'no open interest' : formatPercent(coverage)}
        </StatCard>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="min-w-0 space-y-2" aria-label="Open interest per market">
          <h2 className="text-sm font-medium text-zinc-300">Open interest per market</h2>
          <div className="overflow-x-auto rounded-xl border border-zinc-800">
            <table className="stack-on-mobile w-full text-sm">
              <thead className="bg-zinc-900/80 text-left text-xs uppercase tracking-wide text-zinc-500">
                <tr><th className="px-3 py-2">Market</th><th className="px-3 py-2 text-right">Price</th><th className="px-3 py-2 text-right">Long (USD)</th><th className="px-3 py-2 text-right">Short (USD)</th><th className="px-3 py-2 text-right">Cap / side</th></tr>
              </thead>
              <tbody className="divide-y divide-zinc-800 font-mono">
                {(snapshot?.markets ?? []).map((m) => (
                  <tr key={m.name} data-testid={`overview-market-${m.name}`}>
                    <td data-label="Market" className="px-3 py-2 font-sans"><Link href={`/markets/${m.name}`} className="hover:underline">{m.name}</Link></td>
                    <td data-label="Price" className="px-3 py-2 text-right">{formatWad(m.price)}</td>
                    <td data-label="Long (USD)" className="px-3 py-2 text-right" data-testid="overview-oi-long">{formatWad(notional(m.longOpenInterest, m.price), 0)}</td>
                    <td data-label="Short (USD)" className="px-3 py-2 text-right" data-testid="overview-oi-short">{formatWad(notional(m.shortOpenInterest, m.price), 0)}</td>
                    <td data-label="Cap / side" className="px-3 py-2 text-right">{formatWad(m.openInterestCap, 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section className="min-w-0 space-y-2" aria-label="Proposals open for votes">
          <h2 className="text-sm font-medium text-zinc-300">Proposals open for votes</h2>
          {open === undefined ? (
            <p className="text-sm text-zinc-500">Loading…</p>
          ) : open.length === 0 ? (
            <p className="text-sm text-zinc-400" data-testid="overview-no-proposals">No proposal is open for votes. <Link href="/governance" className="underline">All proposals</Link></p>
          ) : (
            <ul className="divide-y divide-zinc-800 rounded-xl border border-zinc-800">
              {open.map((p) => (
                <li key={String(p.id)} data-testid="overview-proposal" data-proposal-id={String(p.id)} className="space-y-1 px-3 py-2 text-sm">
                  <Link href={`/governance/${p.id}`} className="hover:underline">{proposalTitle(descriptions.get(p.id) ?? '')}</Link>
                  <p className="text-xs text-zinc-400">
                    For <span className="font-mono">{formatWad(p.votes.for, 0)}</span> · against <span className="font-mono">{formatWad(p.votes.against, 0)}</span> · abstain{' '}
                    <span className="font-mono">{formatWad(p.votes.abstain, 0)}</span> RPT ·{' '}
                    <span data-testid="overview-proposal-ends">{snapshot && p.deadline > snapshot.timestamp ? `ends in ${formatDuration(p.deadline - snapshot.timestamp)}` : 'voting ends now'}</span>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="space-y-2" aria-label="Liquidations and loss waterfall">
        <h2 className="text-sm font-medium text-zinc-300">Liquidations and the loss waterfall, live</h2>
        {feed.length === 0 ? (
          <p className="text-sm text-zinc-400" data-testid="overview-feed-empty">No liquidation or waterfall event since the deployment.</p>
        ) : (
          <ol className="divide-y divide-zinc-800 rounded-xl border border-zinc-800" data-testid="overview-feed">
            {feed.slice(0, FEED_LENGTH).map((entry) => (
              <li key={entry.id} data-testid="overview-feed-row" data-kind={entry.kind} className="flex gap-4 px-3 py-2 text-sm">
                <span className="w-24 shrink-0 font-mono text-xs text-zinc-500">block {String(entry.blockNumber)}</span>
                <span className={FEED_COLOURS[entry.kind] ?? 'text-zinc-200'}>{describeFeedEntry(entry, (v) => `${amount(v)} tUSD`, (v) => formatWad(v, 4), marketName)}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="space-y-4" aria-label="Settlement token">
        <div className="grid gap-4 sm:grid-cols-3">
          <StatCard label="Settlement token supply" testId="token-supply" hint={`tUSD at block ${snapshot?.blockNumber ?? '—'}`}>
            {amount(snapshot?.totalSupply)}
          </StatCard>
          <StatCard label="Connected account" testId="connected-account">
            <span title={address}>{address ? shortAddress(address) : 'Not connected'}</span>
          </StatCard>
          <StatCard label="Your balance" testId="wallet-balance" hint="tUSD">
            {address ? amount(snapshot?.balance) : '—'}
          </StatCard>
        </div>
        <div className="flex items-center gap-3">
          <FaucetButton />
          {!address && <p className="text-sm text-zinc-400">Connect a wallet to draw test USD.</p>}
        </div>
      </section>
    </div>
  )
}

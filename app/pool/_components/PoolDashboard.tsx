'use client'

import { useEffect, useState } from 'react'
import { Panel } from '@/components/Panel'
import { Stat } from '@/components/Stat'
import { FaucetButton } from '@/components/FaucetButton'
import { usePoolSnapshot } from '@/hooks/usePoolSnapshot'
import { useLpRequests } from '@/hooks/useLpRequests'
import { formatAmount, formatPercent } from '@/lib/format'
import { poolBreakdown, sharePriceWad, type SharePricePoint } from '@/lib/pool/poolValue'
import { LpPositionPanel } from './LpPositionPanel'
import { LpRequestForm } from './LpRequestForm'
import { LpRequestsList } from './LpRequestsList'
import { SharePriceHistory } from './SharePriceHistory'
import { UtilisationPanel } from './UtilisationPanel'

/** Snapshot points kept while the page is open. */
const MAX_SNAPSHOT_POINTS = 500

export function PoolDashboard() {
  const { snapshot, isError } = usePoolSnapshot()
  const decimals = snapshot ? { share: snapshot.shareDecimals, token: snapshot.tokenDecimals } : undefined
  const { requests, executions } = useLpRequests(decimals)
  // The share price at each block seen while this page is open (the logs give the executions).
  const [seen, setSeen] = useState<SharePricePoint[]>([])
  const snapshotPoint =
    snapshot && snapshot.blockNumber !== undefined && snapshot.totalSupply > 0n
      ? { block: snapshot.blockNumber, priceWad: sharePriceWad(snapshot.probeAssets, 10n ** 30n, snapshot.shareDecimals, snapshot.tokenDecimals)!, source: 'snapshot' as const }
      : undefined
  useEffect(() => {
    if (!snapshotPoint) return
    setSeen((points) => (points.at(-1)?.block === snapshotPoint.block ? points : [...points, snapshotPoint].slice(-MAX_SNAPSHOT_POINTS)))
  }, [snapshotPoint?.block]) // eslint-disable-line react-hooks/exhaustive-deps

  if (!snapshot) return <p className="text-sm text-zinc-500">{isError ? 'The pool could not be read from the chain.' : 'Loading the pool…'}</p>
  const d = snapshot.tokenDecimals
  const b = poolBreakdown(snapshot.poolValue, snapshot.terms.maxPnlFraction)
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Panel title="Pool value" testId="pool-value-panel">
        <dl className="grid grid-cols-2 gap-3">
          <Stat label="Value (tUSD)" testId="pool-value" hint="tokens + receivable − counted trader PnL: what the shares are priced on">{formatAmount(b.value, d)}</Stat>
          <Stat label="Share price (tUSD)" testId="pool-share-price" hint="convertToAssets of one whole share">{formatAmount(snapshot.oneShareAssets, d, 6)}</Stat>
          <Stat label="Tokens" testId="pool-tokens" hint="The pool's tokens held by the engine (poolAssets)">{formatAmount(b.tokens, d)}</Stat>
          <Stat label="Receivable" testId="pool-receivable" hint="What the debt auction still owes the pool">{formatAmount(b.receivable, d)}</Stat>
          <Stat label="Traders' unrealised PnL (uncapped)" testId="pool-trader-pnl" hint="All markets, at the accepted prices, net of funding owed; > 0: traders are up">{formatAmount(b.traderPnl, d)}</Stat>
          <Stat label="Traders' PnL counted" testId="pool-counted-trader-pnl" hint="Losses whole; profit capped at maxPnlFraction · (tokens + receivable)">{formatAmount(b.countedTraderPnl, d)}</Stat>
          <Stat label="Profit cap" testId="pool-profit-cap" hint="maxPnlFraction · (tokens + receivable)">
            {formatAmount(b.profitCap, d)} ({formatPercent(snapshot.terms.maxPnlFraction, 0)})
          </Stat>
          <Stat label="Profit left out by the cap" testId="pool-uncounted-pnl">{formatAmount(b.uncounted, d)}</Stat>
          <Stat label="Shares outstanding" testId="pool-total-supply">{formatAmount(snapshot.totalSupply, snapshot.shareDecimals, 4)}</Stat>
          <Stat label="Withdrawable now" testId="pool-withdrawable" hint="Liquidity not backing open interest: a larger withdrawal is refused">{formatAmount(snapshot.withdrawable, d)}</Stat>
        </dl>
        {!b.consistent && <p className="text-xs text-amber-300" data-testid="pool-value-inconsistent">The parts do not add up to the value the pool reports: check the deployment.</p>}
      </Panel>
      <SharePriceHistory executions={executions} snapshots={seen} />
      <UtilisationPanel markets={snapshot.markets} />
      <LpPositionPanel snapshot={snapshot} />
      <Panel title="Request a deposit or a withdrawal" testId="lp-request-panel">
        <div className="grid gap-4 md:grid-cols-2">
          <LpRequestForm snapshot={snapshot} isDeposit />
          <LpRequestForm snapshot={snapshot} isDeposit={false} />
        </div>
        <FaucetButton />
      </Panel>
      <LpRequestsList requests={requests} snapshot={snapshot} />
    </div>
  )
}

'use client'

import { formatAmount, formatHealth, formatWad, shortAddress } from '@/lib/format'
import type { DecodedAction } from '@/lib/governance/decodeActions'
import { proposalImpact, touchesMargins } from '@/lib/governance/impact'
import { scaleFor } from '@/lib/risk'
import { MARGIN_IMPACT_EXPLAINER } from '@/lib/riskExplainers'
import type { GovernanceSnapshot } from '@/hooks/useGovernanceSnapshot'

/**
 * How the proposal's margin changes would hit today's open positions (`lib/risk.ts` maths): how
 * many and how much notional would need more margin or become liquidatable, each named.
 */
export function ImpactPreview({ actions, snapshot }: { actions: readonly DecodedAction[]; snapshot: GovernanceSnapshot }) {
  if (!touchesMargins(actions))
    return (
      <p className="text-sm text-zinc-400" data-testid="impact-none">
        No margin parameter changes: open positions&apos; margins stay as they are.
      </p>
    )
  const marketName = new Map(snapshot.markets.map((m) => [m.marketId, m.name]))
  const positions = snapshot.positions.map((p) => ({
    trader: p.trader,
    marketId: p.marketId,
    size: p.size,
    entryPrice: p.entryPrice,
    collateral: p.collateral,
    fundingOwed: p.fundingOwed,
    markPrice: p.markPrice,
  }))
  const markets = snapshot.markets.map((m) => ({ marketId: m.marketId, tierId: m.tierId, mmDynamic: snapshot.mmDynamic.get(m.marketId) ?? m.currentMaintenanceMargin, mmTargetDynamic: snapshot.mmTargetDynamic.get(m.marketId) ?? m.targetMaintenanceMargin }))
  const impact = proposalImpact(actions, positions, markets, snapshot.tiers, scaleFor(snapshot.tokenDecimals))
  const partial = !snapshot.positionsComplete
  return (
    <div className="space-y-3" data-testid="impact-preview">
      <dl className="grid grid-cols-2 gap-3 text-sm">
        <div>
          <dt className="text-xs text-zinc-500">Would need more margin</dt>
          <dd className="font-mono">
            <span data-testid="impact-more-margin-count">{impact.moreMargin.count}</span> positions ·{' '}
            <span data-testid="impact-more-margin-notional">{formatWad(impact.moreMargin.notional, 0)}</span> USD notional
          </dd>
        </div>
        <div>
          <dt className="text-xs text-zinc-500">Would become liquidatable</dt>
          <dd className={`font-mono ${impact.liquidatable.count > 0 ? 'text-rose-300' : ''}`}>
            <span data-testid="impact-liquidatable-count">{impact.liquidatable.count}</span> positions ·{' '}
            <span data-testid="impact-liquidatable-notional">{formatWad(impact.liquidatable.notional, 0)}</span> USD notional
          </dd>
        </div>
      </dl>
      {impact.affected.length > 0 && (
        <table className="stack-on-mobile w-full text-xs">
          <thead className="text-left text-zinc-500">
            <tr>
              <th className="py-1">Position</th>
              <th className="text-right">Notional</th>
              <th className="text-right">Margin needed now → then</th>
              <th className="text-right">Health now → then</th>
              <th className="text-right">Outcome</th>
            </tr>
          </thead>
          <tbody className="font-mono">
            {impact.affected.map(({ position, before, after, becomesLiquidatable, becomesBelowInitial }) => {
              const name = `${shortAddress(position.trader)} ${marketName.get(position.marketId) ?? `market ${position.marketId}`} ${position.size > 0n ? 'long' : 'short'}`
              return (
                <tr key={`${position.trader}-${position.marketId}`} data-testid="impact-position">
                  <td data-label="Position" className="py-0.5" data-testid="impact-position-name">{name}</td>
                  <td data-label="Notional" className="text-right">{formatWad(after.notional, 0)}</td>
                  <td data-label="Margin needed now → then" className="text-right">
                    {formatAmount(before.mmr, snapshot.tokenDecimals)} → {formatAmount(after.mmr, snapshot.tokenDecimals)}
                  </td>
                  <td data-label="Health now → then" className="text-right">
                    {formatHealth(before.health)} → {formatHealth(after.health)}
                  </td>
                  <td data-label="Outcome" className="text-right" data-testid="impact-position-outcome">
                    {becomesLiquidatable ? 'liquidatable' : becomesBelowInitial ? 'below initial margin' : 'more margin'}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      <p className="text-xs text-zinc-500" data-testid="impact-basis">
        {MARGIN_IMPACT_EXPLAINER}
        {partial && ` Counted over the ${snapshot.positions.length} open positions the logs show so far: the newest blocks' opens may be missing.`}
      </p>
    </div>
  )
}

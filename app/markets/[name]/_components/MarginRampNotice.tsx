'use client'

import { useMarginRamps } from '@/hooks/useMarginRamps'
import { formatDuration, formatPercent } from '@/lib/format'

/**
 * A margin raise a vote made that is still ramping in: the value in force now, the target and
 * when it gets there (RiskConfig's `parameterRamp`). Traders see it coming and can add collateral.
 */
export function MarginRampNotice({ tierId, now }: { tierId: bigint; now: bigint }) {
  const ramps = useMarginRamps(tierId)
  const running = ramps?.filter(({ ramp }) => ramp.end > now && ramp.target !== ramp.current) ?? []
  if (running.length === 0) return null
  return (
    <section className="space-y-1 rounded-xl border border-amber-700/50 bg-amber-950/30 p-3 text-sm" data-testid="market-margin-ramp" aria-label="Margin ramping in">
      {running.map(({ key, label, ramp }) => (
        <p key={key} data-testid={`market-ramp-${key}`}>
          <span className="font-medium text-amber-300">{label} ramping in:</span>{' '}
          <span className="font-mono" data-testid={`market-ramp-${key}-values`}>
            {formatPercent(ramp.current)} in force → {formatPercent(ramp.target)}
          </span>
          , ends at <span data-testid={`market-ramp-${key}-end`}>{new Date(Number(ramp.end) * 1000).toLocaleString()}</span> (in {formatDuration(ramp.end - now)}; from{' '}
          {formatPercent(ramp.from)}, started {new Date(Number(ramp.start) * 1000).toLocaleTimeString()}). A governance vote raised it; positions need the
          new margin by then.
        </p>
      ))}
    </section>
  )
}

import { formatAmount, formatHealth, formatLeverage, formatPercent, formatWad } from '@/lib/format'
import { distanceToLiquidation, type TradePreview } from '@/lib/risk'

/** What a trade would do, before signing: the same numbers the engine will compute. */
export function PreviewRows({ preview, decimals, testIdPrefix, showFee = true }: { preview: TradePreview; decimals: number; testIdPrefix: string; showFee?: boolean }) {
  const distance = distanceToLiquidation(preview.price, preview.after.liquidationPrice)
  const rows: [string, string, string][] = [
    ['Price now (fills at the next fresh price)', formatWad(preview.price), 'price'],
    ...(showFee ? ([['Fee (incl. size impact)', `${formatAmount(preview.fee, decimals)} (${formatPercent(preview.feeRate, 3)})`, 'fee']] as [string, string, string][]) : []),
    ['Initial margin required', formatAmount(preview.after.imr, decimals), 'imr'],
    ['Collateral after', formatAmount(preview.after.collateral, decimals), 'collateral'],
    ['Leverage', formatLeverage(preview.after.leverage), 'leverage'],
    ['Health', formatHealth(preview.after.health), 'health'],
    ['Liquidation price', preview.after.liquidationPrice === 0n ? '—' : formatWad(preview.after.liquidationPrice), 'liquidation-price'],
    ['Distance to liquidation', distance === null ? '—' : formatPercent(distance), 'liquidation-distance'],
  ]
  return (
    <dl className="space-y-1 rounded-lg bg-zinc-950/60 p-3 text-xs">
      {rows.map(([label, value, id]) => (
        <div key={id} className="flex justify-between gap-4">
          <dt className="text-zinc-500">{label}</dt>
          <dd className="font-mono text-zinc-200" data-testid={`${testIdPrefix}-${id}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  )
}

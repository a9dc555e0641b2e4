import { formatAmount } from '@/lib/format'
import { closeFee, netPnl, scaleFor, type PositionCosts } from '@/lib/risk'
import { NET_PNL_EXPLAINER } from '@/lib/riskExplainers'

type Props = {
  position: { size: bigint; markPrice: bigint; unrealisedPnl: bigint; fundingOwed: bigint }
  takerFee: bigint
  /** Undefined while the position's events are still loading. */
  costs: PositionCosts | undefined
  decimals: number
  testId: string
}

/** PnL after fees and funding if closed now, with its costs underneath (see lib/risk netPnl). */
export function NetPnl({ position, takerFee, costs, decimals, testId }: Props) {
  if (!costs) return <span className="text-zinc-500">…</span>
  const fee = closeFee(position.size, position.markPrice, takerFee, scaleFor(decimals))
  const net = netPnl(position, costs, fee)
  const funding = costs.fundingSettled + position.fundingOwed
  return (
    <span title={NET_PNL_EXPLAINER} className="inline-flex flex-col">
      <span data-testid={testId} className={net < 0n ? 'text-rose-300' : 'text-emerald-300'}>
        {formatAmount(net, decimals)}
      </span>
      <span className="text-[10px] text-zinc-500">
        fees <span data-testid={`${testId}-fees`}>{formatAmount(costs.feesPaid + fee, decimals)}</span> · funding{' '}
        <span data-testid={`${testId}-funding`}>{formatAmount(funding, decimals)}</span>
      </span>
    </span>
  )
}

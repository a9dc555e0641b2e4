import type { PositionCosts } from '../risk'

/** Where a log sits in the chain's order (viem's pending logs have nulls: they sort last). */
type Ordered = { blockNumber: bigint | null; logIndex: number | null }
type MarketLog<TArgs> = Ordered & { args: { marketId?: bigint } & TArgs }

export type PositionEventLogs = {
  opened: readonly MarketLog<{ fee?: bigint }>[]
  increased: readonly MarketLog<{ fee?: bigint }>[]
  reduced: readonly MarketLog<{ fee?: bigint }>[]
  fundingSettled: readonly MarketLog<{ amount?: bigint }>[]
}

const UNMINED = 2n ** 64n

function order(log: Ordered): bigint {
  return (log.blockNumber ?? UNMINED) * 1_000_000n + BigInt(log.logIndex ?? 0)
}

/**
 * One trader's costs per market (key: market id as a decimal string) for the position open now:
 * fees and funding of the events since its latest PositionOpened. Earlier lifecycles (opened,
 * then closed or liquidated) are left out because a new open always comes after them.
 */
export function positionCostsByMarket(logs: PositionEventLogs): Map<string, PositionCosts> {
  const openedAt = new Map<string, bigint>()
  const costs = new Map<string, PositionCosts>()
  for (const log of logs.opened) {
    const key = String(log.args.marketId)
    const at = order(log)
    if ((openedAt.get(key) ?? -1n) < at) {
      openedAt.set(key, at)
      costs.set(key, { feesPaid: log.args.fee ?? 0n, fundingSettled: 0n })
    }
  }
  const since = (log: MarketLog<object>) => {
    const key = String(log.args.marketId)
    const opened = openedAt.get(key)
    return opened !== undefined && order(log) > opened ? costs.get(key)! : undefined
  }
  for (const log of [...logs.increased, ...logs.reduced]) {
    const entry = since(log)
    if (entry) entry.feesPaid += log.args.fee ?? 0n
  }
  for (const log of logs.fundingSettled) {
    const entry = since(log)
    if (entry) entry.fundingSettled += log.args.amount ?? 0n
  }
  return costs
}

import { marginChangeImpact, marketMargins, type ImpactPositionInput, type MarginChangeImpact, type TierMargins } from '../risk'
import type { DecodedAction } from './decodeActions'

/** The tier fields that change a position's margins at once (the others act through the oracle or fees). */
const MARGIN_FIELDS = ['mmBase', 'mmMax', 'imMultiplier', 'maxLeverage'] as const
type MarginField = (typeof MARGIN_FIELDS)[number]

export type ImpactMarket = {
  marketId: bigint
  tierId: bigint
  /** The aggregator's dynamic margin (`OracleAggregator.margin(m).mmCurrent`), before the tier's clamp. */
  mmDynamic: bigint
  /** Its target (`margin(m).mmTarget`), which new risk's initial margin follows; omitted: the current one. */
  mmTargetDynamic?: bigint
}

/** Each tier's margins with the proposal's `setParameter` actions applied (in order; later wins). */
export function tiersAfter(actions: readonly DecodedAction[], tiersNow: ReadonlyMap<bigint, TierMargins>): Map<bigint, TierMargins> {
  const next = new Map<bigint, TierMargins>([...tiersNow].map(([id, t]) => [id, { ...t }]))
  for (const action of actions) {
    if (action.kind !== 'setParameter' || action.parameter.where.scope !== 'tier') continue
    const { key, tierId } = action.parameter.where
    const tier = next.get(tierId)
    if (tier && (MARGIN_FIELDS as readonly string[]).includes(key)) tier[key as MarginField] = action.to
  }
  return next
}

/** Whether any action changes a margin input of some tier (else the preview has nothing to count). */
export function touchesMargins(actions: readonly DecodedAction[]): boolean {
  return actions.some((a) => a.kind === 'setParameter' && a.parameter.where.scope === 'tier' && (MARGIN_FIELDS as readonly string[]).includes(a.parameter.where.key))
}

/**
 * The impact preview: today's positions under today's margins and under the proposal's, fully
 * in force, at today's prices (`lib/risk.ts` does the maths).
 */
export function proposalImpact(
  actions: readonly DecodedAction[],
  positions: readonly ImpactPositionInput[],
  markets: readonly ImpactMarket[],
  tiersNow: ReadonlyMap<bigint, TierMargins>,
  scale: bigint,
): MarginChangeImpact {
  const nextTiers = tiersAfter(actions, tiersNow)
  const before = new Map<bigint, { mm: bigint; im: bigint }>()
  const after = new Map<bigint, { mm: bigint; im: bigint }>()
  for (const market of markets) {
    const now = tiersNow.get(market.tierId)
    const next = nextTiers.get(market.tierId)
    if (!now || !next) continue
    before.set(market.marketId, marketMargins(market.mmDynamic, now, market.mmTargetDynamic))
    after.set(market.marketId, marketMargins(market.mmDynamic, next, market.mmTargetDynamic))
  }
  return marginChangeImpact(positions, before, after, scale)
}

import type { GovernanceSnapshot } from '@/hooks/useGovernanceSnapshot'
import { parameterCatalog } from '@/lib/governance/parameterCatalog'

/** The registry keyed by id, labelled with the markets each tier parameter reaches. */
export function catalogOf(snapshot: GovernanceSnapshot | undefined) {
  return parameterCatalog(snapshot?.parameters ?? [], (snapshot?.markets ?? []).map((m) => ({ marketId: m.marketId, name: m.name, tierId: m.tierId })))
}

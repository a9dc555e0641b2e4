import { decodeFunctionData, encodeFunctionData, isAddressEqual, slice, type Address, type Hex } from 'viem'
import { riskConfigAbi } from '../contracts/abi/RiskConfig'
import { formatDuration } from '../format'
import { catalogEntry, formatBounds, formatParameterValue, type CatalogEntry } from './parameterCatalog'

export type ProposalAction = { target: Address; value: bigint; calldata: Hex }

export type DecodedAction =
  | {
      kind: 'setParameter'
      action: ProposalAction
      parameter: CatalogEntry
      /** The registry's value now (the target a vote or the steward last set). */
      from: bigint
      to: bigint
      /** Seconds the change would ramp in if executed now (`rampDuration`); undefined while unknown. */
      rampSeconds: bigint | undefined
      /** The proposed value is outside the hard bounds: execution would revert. */
      outOfBounds: boolean
    }
  | {
      kind: 'unknown'
      action: ProposalAction
      /** Why it is not decoded: another contract, another function, a parameter the registry does not list. */
      reason: string
    }

export function encodeSetParameter(id: Hex, value: bigint): Hex {
  return encodeFunctionData({ abi: riskConfigAbi, functionName: 'setParameter', args: [id, value] })
}

/**
 * One action of a proposal in the registry's words. Only `setParameter` on the governed config
 * (`config`) with an id the registry lists is decoded; anything else (another target, another
 * selector, ETH sent along, an unlisted id, calldata that does not decode) is an "unknown action"
 * the page shows with its target and raw calldata.
 */
export function decodeAction(
  action: ProposalAction,
  config: Address,
  catalog: ReadonlyMap<Hex, CatalogEntry>,
  rampDuration: (id: Hex, value: bigint) => bigint | undefined = () => undefined,
): DecodedAction {
  if (!isAddressEqual(action.target, config)) return { kind: 'unknown', action, reason: 'calls a contract other than the risk config' }
  if (action.value !== 0n) return { kind: 'unknown', action, reason: 'sends ETH' }
  const args = setParameterArgs(action.calldata)
  if (!args) {
    const selector = action.calldata.length >= 10 ? slice(action.calldata, 0, 4) : action.calldata
    return { kind: 'unknown', action, reason: `function ${selector} is not setParameter` }
  }
  const [id, to] = args
  const parameter = catalogEntry(catalog, id)
  if (!parameter) return { kind: 'unknown', action, reason: `parameter ${id} is not in the registry` }
  return {
    kind: 'setParameter',
    action,
    parameter,
    from: parameter.value,
    to,
    rampSeconds: rampDuration(id, to),
    outOfBounds: to < parameter.minValue || to > parameter.maxValue,
  }
}

export function decodeActions(
  actions: readonly ProposalAction[],
  config: Address,
  catalog: ReadonlyMap<Hex, CatalogEntry>,
  rampDuration?: (id: Hex, value: bigint) => bigint | undefined,
): DecodedAction[] {
  return actions.map((action) => decodeAction(action, config, catalog, rampDuration))
}

/** The actions of a `ProposalCreated` event, zipped. */
export function proposalActions(targets: readonly Address[], values: readonly bigint[], calldatas: readonly Hex[]): ProposalAction[] {
  return targets.map((target, i) => ({ target, value: values[i] ?? 0n, calldata: calldatas[i] ?? '0x' }))
}

/**
 * "ETH-USD, BTC-USD (tier 0) maintenance margin base: 1.00 % → 1.50 %, bounds 0.1–50 %, ramps over 1 h".
 * `executed`: the change is already made, so "now" is the proposal's value, not the one it replaced.
 */
export function describeAction(decoded: DecodedAction, { executed = false }: { executed?: boolean } = {}): string {
  if (decoded.kind === 'unknown') return `Unknown action: ${decoded.reason}`
  const { parameter, from, to, rampSeconds, outOfBounds } = decoded
  const fmt = (v: bigint) => formatParameterValue(v, parameter.display)
  const bounds = `bounds ${formatBounds(parameter.minValue, parameter.maxValue, parameter.display)}`
  if (executed) return `${parameter.label}: set to ${fmt(to)} (now ${fmt(from)}), ${bounds}`
  const parts = [`${parameter.label}: ${fmt(from)} → ${fmt(to)}`, bounds]
  if (outOfBounds) parts.push('OUT OF BOUNDS: execution would revert')
  else if (to === from) parts.push('no change')
  else if (rampSeconds !== undefined && rampSeconds > 0n && isCatchUpInput(parameter.where)) {
    // RiskConfig.catchUpInputs: the volatility target moves at once, open positions' margins follow at the rise rate
    parts.push(`target at once, open positions' margin at the rise rate (fast catch-up after ${formatDuration(rampSeconds)})`)
  } else if (rampSeconds !== undefined) parts.push(rampSeconds > 0n ? `ramps over ${formatDuration(rampSeconds)}` : 'applies at once')
  return parts.join(', ')
}

/** volMultiplier and horizon: a raise moves the volatility target at once and the aggregator's fast catch-up only after its ramp. */
function isCatchUpInput(where: CatalogEntry['where']): boolean {
  return where.scope === 'tier' && (where.key === 'volMultiplier' || where.key === 'horizon')
}

/** The (id, value) of every `setParameter` action on `config`, listed or not (to ask the config how each would ramp). */
export function setParameterCalls(actions: readonly ProposalAction[], config: Address): { id: Hex; value: bigint }[] {
  return actions.flatMap((action) => {
    if (!isAddressEqual(action.target, config)) return []
    try {
      const [id, value] = setParameterArgs(action.calldata)!
      return [{ id, value }]
    } catch {
      return []
    }
  })
}

/** `RiskConfig.setParameter(id, value)`'s arguments, or undefined for any other call (or garbage). */
function setParameterArgs(calldata: Hex): readonly [Hex, bigint] | undefined {
  try {
    const decoded = decodeFunctionData({ abi: riskConfigAbi, data: calldata })
    return decoded.functionName === 'setParameter' ? decoded.args : undefined
  } catch {
    return undefined
  }
}

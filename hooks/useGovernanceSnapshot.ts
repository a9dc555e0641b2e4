'use client'

import { useEffect, useMemo, useRef, useState } from 'react'
import { zeroAddress, type Address, type ContractFunctionParameters, type ContractFunctionReturnType, type Hex } from 'viem'
import { useAccount, useReadContracts } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { iPerpLensAbi } from '@/lib/contracts/abi/IPerpLens'
import { multicall3Abi } from '@/lib/contracts/abi/Multicall3'
import { oracleAggregatorAbi } from '@/lib/contracts/abi/OracleAggregator'
import { rampartGovernorAbi } from '@/lib/contracts/abi/RampartGovernor'
import { rampartTimelockAbi } from '@/lib/contracts/abi/RampartTimelock'
import { rampartTokenAbi } from '@/lib/contracts/abi/RampartToken'
import { riskConfigAbi } from '@/lib/contracts/abi/RiskConfig'
import { riskStewardAbi } from '@/lib/contracts/abi/RiskSteward'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'
import { STEWARDABLE_KINDS, type ParameterInfo } from '@/lib/governance/parameterCatalog'
import type { TierMargins } from '@/lib/risk'
import { useBlockSnapshot } from './useBlockSnapshot'
import { logsCurrent, useOpenPositionKeys } from './useOpenPositionKeys'

type MarketView = ContractFunctionReturnType<typeof iPerpLensAbi, 'view', 'getMarket'>
type PositionView = ContractFunctionReturnType<typeof iPerpLensAbi, 'view', 'getPositions'>[number]
type TierParams = ContractFunctionReturnType<typeof riskConfigAbi, 'view', 'tier'>

export type ProposalReads = {
  state: number
  votes: { against: bigint; for: bigint; abstain: bigint }
  snapshot: bigint
  deadline: bigint
  eta: bigint
  /** Votes needed at the snapshot; undefined before the snapshot (a future timepoint cannot be read). */
  quorum: bigint | undefined
  hasVoted: boolean
  /** The connected account's power at the snapshot; undefined before it. */
  powerAtSnapshot: bigint | undefined
}

export type GovernanceSnapshot = {
  blockNumber: bigint | undefined
  /** The snapshot block's time: the Governor's clock (timestamps), and "now" for countdowns. */
  timestamp: bigint
  parameters: ParameterInfo[]
  markets: MarketView[]
  /** The aggregator's dynamic margin per market, before the tier's clamp. */
  mmDynamic: Map<bigint, bigint>
  /** Its target per market (new risk's initial margin follows it), before the tier's clamp. */
  mmTargetDynamic: Map<bigint, bigint>
  /** Each tier's margins in force (`tier(t)`: ramped fields at their current value). */
  tiers: Map<bigint, TierMargins & { maxMmRisePerHour: bigint }>
  positions: PositionView[]
  /** False while the position logs trail the snapshot's block (positions opened since may be missing). */
  positionsComplete: boolean
  tokenDecimals: number
  account: {
    balance: bigint
    delegate: Address
    votes: bigint
  } | undefined
  governor: { votingDelay: bigint; votingPeriod: bigint; proposalThreshold: bigint; quorumNumerator: bigint; timelockDelay: bigint }
  proposals: Map<string, ProposalReads>
  /** `rampDuration(id, value)` for every (id, value) asked for, keyed `${id}:${value}`. */
  rampDurations: Map<string, bigint>
  steward: {
    kindLimits: { maxStepBps: bigint; maxDriftBps: bigint }[]
    cooldown: bigint
    council: Address
    /** `stepRange` and `nextUpdateAt` per parameter asked for (lower-case id). */
    ranges: Map<string, { min: bigint; max: bigint; nextUpdateAt: bigint }>
  }
  pauses: { marketId: bigint; marketUntil: bigint; globalUntil: bigint }[]
  guardianPauseDuration: bigint
}

export const rampKey = (id: Hex, value: bigint) => `${id.toLowerCase()}:${value}`

type Call = { tag: string; call: ContractFunctionParameters }

/**
 * Everything the governance pages show, in ONE multicall per block: the parameter registry, each
 * market, tier and open position (for the impact preview), the connected account's voting power,
 * the Governor's settings, every listed proposal's state, votes, timeline and quorum, the ramps
 * of proposed values, the steward's caps and headroom, and the pauses. `proposalIds`, `ramps` and
 * `stewardIds` come from the event log and the page (the builder's draft).
 */
export function useGovernanceSnapshot({
  proposals: listed = [],
  ramps = [],
  stewardIds = [],
}: {
  /** Proposals from the event log, with their snapshot timepoint (`voteStart`). */
  proposals?: readonly { id: bigint; voteStart: bigint }[]
  ramps?: readonly { id: Hex; value: bigint }[]
  stewardIds?: readonly Hex[]
}): { snapshot?: GovernanceSnapshot; isError: boolean; available: boolean } {
  const deployment = useDeployment()
  const { address } = useAccount()
  const account = address ?? zeroAddress
  const c = deployment.contracts
  const available = !!c.RampartGovernor && !!c.RampartToken
  // How many tiers and markets to batch, from the previous snapshot (at first, the deploy's market
  // list and one tier).
  const [shape, setShape] = useState({ markets: Object.keys(deployment.markets).length, tiers: 1 })
  // The open positions' keys from the position logs (the engine keeps no list), read in one call.
  const { keys, toBlock: keysToBlock } = useOpenPositionKeys()
  const keysTag = keys?.map((k) => `${k.trader}:${k.marketId}`).join(',') ?? ''

  const calls = useMemo((): Call[] => {
    if (!available) return []
    const config = { address: c.RiskConfig, abi: riskConfigAbi } as const
    const governor = { address: c.RampartGovernor, abi: rampartGovernorAbi } as const
    const token = { address: c.RampartToken, abi: rampartTokenAbi } as const
    const steward = { address: c.RiskSteward, abi: riskStewardAbi } as const
    const list: Call[] = [
      { tag: 'timestamp', call: { address: c.Multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' } },
      { tag: 'parameters', call: { ...config, functionName: 'getParameters' } },
      { tag: 'marketCount', call: { ...config, functionName: 'marketCount' } },
      { tag: 'tierCount', call: { ...config, functionName: 'tierCount' } },
      { tag: 'guardianPauseDuration', call: { ...config, functionName: 'guardianPauseDuration' } },
      { tag: 'tokenDecimals', call: { address: c.SettlementToken, abi: testUsdAbi, functionName: 'decimals' } },
      { tag: 'votingDelay', call: { ...governor, functionName: 'votingDelay' } },
      { tag: 'votingPeriod', call: { ...governor, functionName: 'votingPeriod' } },
      { tag: 'proposalThreshold', call: { ...governor, functionName: 'proposalThreshold' } },
      { tag: 'quorumNumerator', call: { ...governor, functionName: 'quorumNumerator' } },
      { tag: 'timelockDelay', call: { address: (c.Timelock ?? c.TimelockController) as Address, abi: rampartTimelockAbi, functionName: 'getMinDelay' } },
    ]
    if (address) {
      list.push(
        { tag: 'balance', call: { ...token, functionName: 'balanceOf', args: [account] } },
        { tag: 'delegate', call: { ...token, functionName: 'delegates', args: [account] } },
        { tag: 'votes', call: { ...token, functionName: 'getVotes', args: [account] } },
      )
    }
    for (let m = 0; m < shape.markets; m++) {
      const id = BigInt(m)
      list.push(
        { tag: `market:${m}`, call: { address: c.PerpLens, abi: iPerpLensAbi, functionName: 'getMarket', args: [id] } },
        { tag: `margin:${m}`, call: { address: c.OracleAggregator, abi: oracleAggregatorAbi, functionName: 'margin', args: [id] } },
        { tag: `paused:${m}`, call: { ...config, functionName: 'pausedUntil', args: [id] } },
      )
    }
    for (let t = 0; t < shape.tiers; t++) list.push({ tag: `tier:${t}`, call: { ...config, functionName: 'tier', args: [BigInt(t)] } })
    list.push({ tag: 'positions', call: { address: c.PerpLens, abi: iPerpLensAbi, functionName: 'getPositions', args: [keys ?? []] } })
    for (const { id, voteStart } of listed) {
      list.push(
        // Both revert while the snapshot is in the future (allowFailure: read as "not yet").
        { tag: `p:${id}:quorum`, call: { ...governor, functionName: 'quorum', args: [voteStart] } },
        { tag: `p:${id}:power`, call: { ...token, functionName: 'getPastVotes', args: [account, voteStart] } },
        { tag: `p:${id}:state`, call: { ...governor, functionName: 'state', args: [id] } },
        { tag: `p:${id}:votes`, call: { ...governor, functionName: 'proposalVotes', args: [id] } },
        { tag: `p:${id}:snapshot`, call: { ...governor, functionName: 'proposalSnapshot', args: [id] } },
        { tag: `p:${id}:deadline`, call: { ...governor, functionName: 'proposalDeadline', args: [id] } },
        { tag: `p:${id}:eta`, call: { ...governor, functionName: 'proposalEta', args: [id] } },
        { tag: `p:${id}:hasVoted`, call: { ...governor, functionName: 'hasVoted', args: [id, account] } },
      )
    }
    for (const { id, value } of ramps) list.push({ tag: `ramp:${rampKey(id, value)}`, call: { ...config, functionName: 'rampDuration', args: [id, value] } })
    if (c.RiskSteward) {
      list.push({ tag: 'cooldown', call: { ...steward, functionName: 'cooldown' } }, { tag: 'council', call: { ...steward, functionName: 'riskCouncil' } })
      for (let k = 0; k < STEWARDABLE_KINDS; k++) list.push({ tag: `kind:${k}`, call: { ...steward, functionName: 'kindLimits', args: [k] } })
      for (const id of stewardIds) {
        list.push(
          { tag: `range:${id.toLowerCase()}`, call: { ...steward, functionName: 'stepRange', args: [c.RiskConfig, id] } },
          { tag: `next:${id.toLowerCase()}`, call: { ...steward, functionName: 'nextUpdateAt', args: [c.RiskConfig, id] } },
        )
      }
    }
    return list
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [available, address, shape, keysTag, listed.map((p) => p.id).join(','), ramps.map((r) => rampKey(r.id, r.value)).join(','), stewardIds.join(',')])

  const blockSnapshot = useBlockSnapshot({ enabled: available && keys !== undefined })
  const { data, isError, isPlaceholderData } = useReadContracts({ contracts: calls.map((x) => x.call), allowFailure: true, ...blockSnapshot })

  // While a new call list loads, `data` is the previous list's (kept on screen): it is decoded
  // only with the tags of the list that produced it, i.e. never while it is placeholder data.
  const last = useRef<GovernanceSnapshot | undefined>(undefined)
  const decoded = useMemo(() => {
    if (!data || isPlaceholderData || data.length !== calls.length) return undefined
    const byTag = new Map<string, unknown>()
    data.forEach((result, i) => {
      if (result.status === 'success') byTag.set(calls[i].tag, result.result)
    })
    return decode(byTag, listed.map((p) => p.id), !!address, blockSnapshot.blockNumber, logsCurrent(keysToBlock, blockSnapshot.blockNumber))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, isPlaceholderData])
  if (decoded) last.current = decoded.snapshot

  const wanted = decoded?.shape
  useEffect(() => {
    if (wanted && (wanted.markets !== shape.markets || wanted.tiers !== shape.tiers)) setShape(wanted)
  }, [wanted?.markets, wanted?.tiers]) // eslint-disable-line react-hooks/exhaustive-deps

  return { snapshot: decoded?.snapshot ?? last.current, isError, available }
}

function decode(byTag: Map<string, unknown>, proposalIds: readonly bigint[], connected: boolean, blockNumber: bigint | undefined, positionsComplete: boolean) {
  const get = <T,>(tag: string) => byTag.get(tag) as T | undefined
  const timestamp = get<bigint>('timestamp')
  const parameters = get<readonly ParameterInfo[]>('parameters')
  if (timestamp === undefined || !parameters) return undefined
  const markets: MarketView[] = []
  const mmDynamic = new Map<bigint, bigint>()
  const mmTargetDynamic = new Map<bigint, bigint>()
  const pauses: GovernanceSnapshot['pauses'] = []
  for (let m = 0; byTag.has(`market:${m}`); m++) {
    const market = get<MarketView>(`market:${m}`)!
    markets.push(market)
    const margin = get<readonly [bigint, bigint, bigint]>(`margin:${m}`)
    mmDynamic.set(BigInt(m), margin ? margin[0] : market.currentMaintenanceMargin)
    mmTargetDynamic.set(BigInt(m), margin ? margin[1] : market.targetMaintenanceMargin)
    const paused = get<readonly [bigint, bigint]>(`paused:${m}`)
    if (paused) pauses.push({ marketId: BigInt(m), marketUntil: paused[0], globalUntil: paused[1] })
  }
  const tiers: GovernanceSnapshot['tiers'] = new Map()
  for (let t = 0; byTag.has(`tier:${t}`); t++) {
    const tier = get<TierParams>(`tier:${t}`)!
    tiers.set(BigInt(t), { mmBase: tier.mmBase, mmMax: tier.mmMax, imMultiplier: tier.imMultiplier, maxLeverage: tier.maxLeverage, maxMmRisePerHour: tier.maxMmRisePerHour })
  }
  // Keys closed since the logs were read come back with size 0 at this block: left out.
  const positions = (get<readonly PositionView[]>('positions') ?? []).filter((p) => p.size !== 0n)
  const proposals = new Map<string, ProposalReads>()
  for (const id of proposalIds) {
    const state = get<number>(`p:${id}:state`)
    if (state === undefined) continue
    const votes = get<readonly [bigint, bigint, bigint]>(`p:${id}:votes`) ?? [0n, 0n, 0n]
    proposals.set(id.toString(), {
      state,
      votes: { against: votes[0], for: votes[1], abstain: votes[2] },
      snapshot: get<bigint>(`p:${id}:snapshot`) ?? 0n,
      deadline: get<bigint>(`p:${id}:deadline`) ?? 0n,
      eta: get<bigint>(`p:${id}:eta`) ?? 0n,
      quorum: get<bigint>(`p:${id}:quorum`),
      hasVoted: get<boolean>(`p:${id}:hasVoted`) ?? false,
      powerAtSnapshot: connected ? get<bigint>(`p:${id}:power`) : undefined,
    })
  }
  const rampDurations = new Map<string, bigint>()
  const ranges = new Map<string, { min: bigint; max: bigint; nextUpdateAt: bigint }>()
  for (const [tag, value] of byTag) {
    if (tag.startsWith('ramp:')) rampDurations.set(tag.slice(5), value as bigint)
    if (tag.startsWith('range:')) {
      const id = tag.slice(6)
      const [min, max] = value as readonly [bigint, bigint]
      ranges.set(id, { min, max, nextUpdateAt: get<bigint>(`next:${id}`) ?? 0n })
    }
  }
  const kindLimits = Array.from({ length: STEWARDABLE_KINDS }, (_, k) => {
    const limits = get<readonly [bigint, bigint]>(`kind:${k}`) ?? [0n, 0n]
    return { maxStepBps: limits[0], maxDriftBps: limits[1] }
  })
  const snapshot: GovernanceSnapshot = {
    blockNumber,
    timestamp,
    parameters: [...parameters],
    markets,
    mmDynamic,
    mmTargetDynamic,
    tiers,
    positions,
    positionsComplete,
    tokenDecimals: get<number>('tokenDecimals') ?? 6,
    account: connected
      ? { balance: get<bigint>('balance') ?? 0n, delegate: get<Address>('delegate') ?? zeroAddress, votes: get<bigint>('votes') ?? 0n }
      : undefined,
    governor: {
      votingDelay: get<bigint>('votingDelay') ?? 0n,
      votingPeriod: get<bigint>('votingPeriod') ?? 0n,
      proposalThreshold: get<bigint>('proposalThreshold') ?? 0n,
      quorumNumerator: get<bigint>('quorumNumerator') ?? 0n,
      timelockDelay: get<bigint>('timelockDelay') ?? 0n,
    },
    proposals,
    rampDurations,
    steward: { kindLimits, cooldown: get<bigint>('cooldown') ?? 0n, council: get<Address>('council') ?? zeroAddress, ranges },
    pauses,
    guardianPauseDuration: get<bigint>('guardianPauseDuration') ?? 0n,
  }
  const marketCount = Number(get<bigint>('marketCount') ?? BigInt(markets.length))
  const tierCount = Number(get<bigint>('tierCount') ?? BigInt(tiers.size))
  const shape = { markets: marketCount, tiers: tierCount }
  return { snapshot, shape }
}

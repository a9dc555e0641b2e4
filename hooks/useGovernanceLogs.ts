'use client'

import { useMemo } from 'react'
import type { Address } from 'viem'
import { useDeployment } from '@/hooks/useDeployment'
import { iRiskPausableAbi } from '@/lib/contracts/abi/IRiskPausable'
import { iRiskStewardAbi } from '@/lib/contracts/abi/IRiskSteward'
import { rampartGovernorAbi } from '@/lib/contracts/abi/RampartGovernor'
import { useContractEvents } from './useContractEvents'

/** Every event the governance pages follow, of the Governor, the steward and the risk config. */
const GOVERNANCE_EVENTS_ABI = [...rampartGovernorAbi, ...iRiskStewardAbi, ...iRiskPausableAbi] as const
const GOVERNANCE_EVENT_NAMES = [
  'ProposalCreated',
  'ProposalQueued',
  'ProposalExecuted',
  'ProposalCanceled',
  'VoteCast',
  'StewardUpdate',
  'MarketPauseSet',
  'GlobalPauseSet',
] as const

/**
 * The governance history (proposals, votes, steward moves, pauses) of the three contracts, one
 * subscription of the app's log reader (`useContractEvents`).
 */
export function useGovernanceLogs() {
  const deployment = useDeployment()
  const { RampartGovernor, RiskSteward, RiskConfig } = deployment.contracts
  const addresses = useMemo(() => [RampartGovernor, RiskSteward, RiskConfig].filter(Boolean) as Address[], [RampartGovernor, RiskSteward, RiskConfig])
  const { logs, toBlock, isLoading, isError } = useContractEvents({
    addresses,
    abi: GOVERNANCE_EVENTS_ABI,
    eventNames: GOVERNANCE_EVENT_NAMES,
    enabled: !!RampartGovernor,
  })
  return useMemo(() => {
    const all = logs ?? []
    const from = (address: Address | undefined) => (log: { address: Address }) => !!address && log.address.toLowerCase() === address.toLowerCase()
    const ofGovernor = all.filter(from(RampartGovernor))
    const created = ofGovernor.flatMap((log) => (log.eventName === 'ProposalCreated' ? [{ ...log.args, blockNumber: log.blockNumber }] : []))
    const votes = ofGovernor.flatMap((log) => (log.eventName === 'VoteCast' ? [{ ...log.args, blockNumber: log.blockNumber, transactionHash: log.transactionHash }] : []))
    const stewardMoves = all
      .filter(from(RiskSteward))
      .flatMap((log) => (log.eventName === 'StewardUpdate' ? [{ ...log.args, blockNumber: log.blockNumber, transactionHash: log.transactionHash }] : []))
    const pauses = all
      .filter(from(RiskConfig))
      .flatMap((log) =>
        log.eventName === 'MarketPauseSet'
          ? [{ marketId: log.args.marketId as bigint | undefined, until: log.args.until, caller: log.args.caller, blockNumber: log.blockNumber }]
          : log.eventName === 'GlobalPauseSet'
            ? [{ marketId: undefined, until: log.args.until, caller: log.args.caller, blockNumber: log.blockNumber }]
            : [],
      )
    return { proposals: created.reverse(), votes, stewardMoves: stewardMoves.reverse(), pauses: pauses.reverse(), toBlock, isLoading, isError }
  }, [logs, toBlock, isLoading, isError, RampartGovernor, RiskSteward, RiskConfig])
}

export type GovernanceLogs = ReturnType<typeof useGovernanceLogs>
export type CreatedProposal = GovernanceLogs['proposals'][number]

'use client'

import { useMemo } from 'react'
import type { Address } from 'viem'
import { useDeployment } from '@/hooks/useDeployment'
import { debtAuctionAbi } from '@/lib/contracts/abi/DebtAuction'
import { insuranceFundAbi } from '@/lib/contracts/abi/InsuranceFund'
import { liquidationEngineAbi } from '@/lib/contracts/abi/LiquidationEngine'
import { rampartGovernorAbi } from '@/lib/contracts/abi/RampartGovernor'
import { feedEntryFromLog, type FeedEntry } from '@/lib/overview/feed'
import { useContractEvents } from './useContractEvents'

const OVERVIEW_ABI = [...liquidationEngineAbi, ...insuranceFundAbi, ...debtAuctionAbi, ...rampartGovernorAbi] as const
/** Liquidations and every loss-waterfall step, and the proposals (their ids, for the states read each block). */
const OVERVIEW_EVENTS = [
  'Liquidated',
  'ShortfallReceived',
  'BufferUsed',
  'StakersSlashed',
  'SentToDebtAuction',
  'AuctionProceeds',
  'LossSocialised',
  'RoundStarted',
  'Bid',
  'RoundEndedUnfilled',
  'ProposalCreated',
] as const

/**
 * What the overview follows over time, in ONE `eth_getLogs` per new block across the liquidation
 * engine, the insurance fund, the debt auction and the Governor (the app's one log reader: read once from
 * the deploy block, then extended): the live feed of liquidations and waterfall events, newest
 * first, and every proposal created (newest first).
 */
export function useOverviewFeed() {
  const deployment = useDeployment()
  const { LiquidationEngine, InsuranceFund, DebtAuction, RampartGovernor } = deployment.contracts
  const addresses = useMemo(
    () => [LiquidationEngine, InsuranceFund, DebtAuction, RampartGovernor].filter(Boolean) as Address[],
    [LiquidationEngine, InsuranceFund, DebtAuction, RampartGovernor],
  )
  const { logs, toBlock } = useContractEvents({ addresses, abi: OVERVIEW_ABI, eventNames: OVERVIEW_EVENTS })
  return useMemo(() => {
    const all = logs ?? []
    const feed: FeedEntry[] = []
    const proposals: { id: bigint; description: string; blockNumber: bigint }[] = []
    for (const log of all) {
      if (log.eventName === 'ProposalCreated') {
        const args = log.args as { proposalId: bigint; description: string }
        proposals.push({ id: args.proposalId, description: args.description, blockNumber: log.blockNumber ?? 0n })
        continue
      }
      const entry = feedEntryFromLog(log as never)
      if (entry) feed.push(entry)
    }
    return { feed: feed.reverse(), proposals: proposals.reverse(), toBlock }
  }, [logs, toBlock])
}

'use client'

import { useMemo } from 'react'
import { zeroAddress } from 'viem'
import { useAccount } from 'wagmi'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import { perpEngineAbi } from '@/lib/contracts/generated'
import { positionCostsByMarket } from '@/lib/events/positionCosts'
import { useEventLog } from './useEventLog'

/**
 * The connected account's trading fees and settled funding per market, for the position open now,
 * from the engine's events (each read once, then extended block by block). Keyed by market id.
 */
export function usePositionCosts() {
  const { deployment } = useAppConfig()
  const { address } = useAccount()
  const filter = { address: deployment.contracts.PerpEngine, abi: perpEngineAbi, args: { trader: address ?? zeroAddress } } as const
  const opened = useEventLog({ ...filter, eventName: 'PositionOpened' }).logs
  const increased = useEventLog({ ...filter, eventName: 'PositionIncreased' }).logs
  const reduced = useEventLog({ ...filter, eventName: 'PositionReduced' }).logs
  const fundingSettled = useEventLog({ ...filter, eventName: 'FundingSettled' }).logs
  return useMemo(
    () => (address && opened && increased && reduced && fundingSettled ? positionCostsByMarket({ opened, increased, reduced, fundingSettled }) : undefined),
    [address, opened, increased, reduced, fundingSettled],
  )
}

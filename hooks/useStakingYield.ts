'use client'

import { keepPreviousData, useQueries } from '@tanstack/react-query'
import type { Address, Client } from 'viem'
import { getBlock, readContract } from 'viem/actions'
import { useClient } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { useCurrentChain } from '@/hooks/useCurrentChain'
import { stakingVaultAbi } from '@/lib/contracts/abi/StakingVault'
import { queryKeys } from '@/lib/queryKeys'
import { firstBlockAtOrAfter, SHARE_PRICE_PROBE, trailingApr, windowStart, type SharePricePoint, type TrailingYield } from '@/lib/staking/yield'
import { useContractEvents } from './useContractEvents'

const DAY = 86_400n
const DEPOSIT_EVENTS = ['Deposit'] as const

/** The trailing windows the page shows. */
export const YIELD_WINDOWS = [
  { id: '7d', label: '7-day', seconds: 7n * DAY },
  { id: '30d', label: '30-day', seconds: 30n * DAY },
] as const

export type YieldWindow = (typeof YIELD_WINDOWS)[number]

export type WindowYield =
  | { status: 'loading' | 'error' | 'noStakers' | 'tooEarly' }
  | { status: 'ready'; yield: TrailingYield }

/**
 * Trailing 7- and 30-day staking APR from the share price now (`now`, from the page's block
 * snapshot) and at the window's start: the first block at or after it, found by bisection over
 * block timestamps, but never before the vault's first deposit (its `Deposit` log; before it the
 * share price means nothing). Each start's read is cached for good: a past block never changes,
 * and the start moves once an hour (see `windowStart`).
 */
export function useStakingYield(now: SharePricePoint | undefined): Record<YieldWindow['id'], WindowYield> {
  const deployment = useDeployment()
  const { chainId } = useCurrentChain()
  const client = useClient()
  const vault = deployment.contracts.StakingVault
  const deposits = useContractEvents({ addresses: [vault], abi: stakingVaultAbi, eventNames: DEPOSIT_EVENTS })
  const firstStakeBlock = deposits.logs?.[0]?.blockNumber ?? undefined
  const starts = useQueries({
    queries: YIELD_WINDOWS.map((window) => {
      const target = now ? windowStart(now.timestamp, window.seconds) : 0n
      return {
        queryKey: queryKeys.sharePriceAtWindowStart(chainId, vault, window.seconds, target, firstStakeBlock ?? 0n),
        enabled: !!client && now !== undefined && firstStakeBlock !== undefined,
        staleTime: Infinity,
        // The start moves once an hour: keep showing the last hour's base while the next is found.
        placeholderData: keepPreviousData,
        // The deposit log may be a block ahead of the snapshot: search up to whichever is later.
        queryFn: () => sharePriceAtOrAfter(client!, vault, target, firstStakeBlock!, maxOf(firstStakeBlock!, now!.blockNumber)),
      }
    }),
  })

  const result = (index: number): WindowYield => {
    if (deposits.isError || starts[index].isError) return { status: 'error' }
    if (deposits.logs && deposits.logs.length === 0) return { status: 'noStakers' }
    const start = starts[index].data
    if (!start || !now) return { status: 'loading' }
    const measured = trailingApr(start, now, YIELD_WINDOWS[index].seconds)
    return measured ? { status: 'ready', yield: measured } : { status: 'tooEarly' }
  }
  return { '7d': result(0), '30d': result(1) }
}

const maxOf = (a: bigint, b: bigint) => (a > b ? a : b)

async function sharePriceAtOrAfter(client: Client, vault: Address, target: bigint, lo: bigint, hi: bigint): Promise<SharePricePoint> {
  const timestampOf = async (blockNumber: bigint) => (await getBlock(client, { blockNumber })).timestamp
  const blockNumber = await firstBlockAtOrAfter(target, lo, hi, timestampOf)
  const [timestamp, probeAssets] = await Promise.all([
    timestampOf(blockNumber),
    readContract(client, { address: vault, abi: stakingVaultAbi, functionName: 'convertToAssets', args: [SHARE_PRICE_PROBE], blockNumber }),
  ])
  return { blockNumber, timestamp, probeAssets }
}

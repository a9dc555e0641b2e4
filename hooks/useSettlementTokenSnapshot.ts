'use client'

import { zeroAddress } from 'viem'
import { useAccount, useReadContracts } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'
import { useBlockSnapshot } from './useBlockSnapshot'

/** The settlement token's supply and the connected account's balance, read together each block. */
export function useSettlementTokenSnapshot() {
  const deployment = useDeployment()
  const { address } = useAccount()
  const blockSnapshot = useBlockSnapshot()
  const token = { abi: testUsdAbi, address: deployment.contracts.SettlementToken } as const
  const { data, isError } = useReadContracts({
    contracts: [
      { ...token, functionName: 'decimals' },
      { ...token, functionName: 'totalSupply' },
      { ...token, functionName: 'balanceOf', args: [address ?? zeroAddress] },
    ],
    allowFailure: false,
    ...blockSnapshot,
  })
  const [decimals, totalSupply, balance] = data ?? []
  return { decimals, totalSupply, balance: address ? balance : undefined, blockNumber: blockSnapshot.blockNumber, isError }
}

'use client'

import { useAccount } from 'wagmi'
import { useAppConfig } from '@/components/providers/AppConfigContext'
import { useTransaction } from '@/hooks/useTransaction'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'

const DEVNET_CHAIN_ID = 31337

/** Devnet only: draws test USD for the connected account. */
export function FaucetButton() {
  const { chainId, deployment } = useAppConfig()
  const { isConnected } = useAccount()
  const { send, isBusy } = useTransaction()
  if (chainId !== DEVNET_CHAIN_ID) return null
  return (
    <button
      data-testid="faucet-button"
      disabled={!isConnected || isBusy}
      onClick={() => send({ abi: testUsdAbi, address: deployment.contracts.TestUSD, functionName: 'faucet', label: 'Draw test USD' })}
      className="rounded-lg bg-emerald-500 px-4 py-2 text-sm font-medium text-zinc-950 hover:bg-emerald-400 disabled:cursor-not-allowed disabled:opacity-40"
    >
      {isBusy ? 'Drawing…' : 'Get 10,000 test USD'}
    </button>
  )
}

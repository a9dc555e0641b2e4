'use client'

import { useAccount } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { useCurrentChain } from '@/hooks/useCurrentChain'
import { useTransaction } from '@/hooks/useTransaction'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'

/**
 * Draws test USD for the connected account, only where the settlement token has a faucet (the
 * devnet's, a local test chain's mocks: the chain's `faucet` setting), never on a real network.
 */
export function FaucetButton() {
  const deployment = useDeployment()
  const { faucet } = useCurrentChain()
  const { isConnected } = useAccount()
  const { send, isBusy } = useTransaction()
  if (!faucet) return null
  return (
    <button
      data-testid="faucet-button"
      disabled={!isConnected || isBusy}
      onClick={() => send({ abi: testUsdAbi, address: deployment.contracts.SettlementToken, functionName: 'faucet', label: 'Draw test USD' })}
      className="rounded-lg bg-emerald-500 px-4 py-2 text-sm font-medium text-zinc-950 hover:bg-emerald-400 disabled:cursor-not-allowed disabled:opacity-40"
    >
      {isBusy ? 'Drawing…' : 'Get 10,000 test USD'}
    </button>
  )
}

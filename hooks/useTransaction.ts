'use client'

import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useState } from 'react'
import { encodeFunctionData, type Abi, type ContractFunctionArgs, type ContractFunctionName, type Hash } from 'viem'
import { useAccount, useConfig } from 'wagmi'
import type { simulateContract, writeContract } from 'wagmi/actions'
import { useCurrentChain } from '@/hooks/useCurrentChain'
import { useToast } from '@/components/toast/ToastProvider'
import { describeTxError, type TxErrorDescription } from '@/lib/tx/describeTxError'
import { withGasMargin } from '@/lib/tx/gasMargin'

export type TxStatus = 'idle' | 'simulating' | 'signing' | 'pending' | 'success' | 'error'

type WriteRequest<
  TAbi extends Abi,
  TName extends ContractFunctionName<TAbi, 'nonpayable' | 'payable'>,
> = {
  abi: TAbi
  address: `0x${string}`
  functionName: TName
  args?: ContractFunctionArgs<TAbi, 'nonpayable' | 'payable', TName>
  /** What the user is doing, for the toasts: "Draw test USD". */
  label: string
}

/**
 * The app's one write path: simulate (a revert is decoded before the wallet opens) → gas estimate
 * plus a margin → wallet → pending toast → receipt → refresh every read → success, or a human
 * message. A rejection in the wallet is reported calmly, as information.
 */
export function useTransaction() {
  const config = useConfig()
  const { chainId: appChainId } = useCurrentChain()
  const { address: account, chainId: walletChainId } = useAccount()
  const queryClient = useQueryClient()
  const toast = useToast()
  const [status, setStatus] = useState<TxStatus>('idle')
  const [error, setError] = useState<TxErrorDescription | null>(null)
  const [hash, setHash] = useState<Hash | null>(null)

  const send = useCallback(
    async <TAbi extends Abi, TName extends ContractFunctionName<TAbi, 'nonpayable' | 'payable'>>(
      request: WriteRequest<TAbi, TName>,
    ): Promise<boolean> => {
      setError(null)
      setHash(null)
      let toastId: number | null = null
      try {
        if (!account) throw new Error('Connect a wallet first.')
        // wagmi's write path (prepare, sign, send, wait) loads with the first transaction, not the page
        const { estimateGas, simulateContract, switchChain, waitForTransactionReceipt, writeContract } = await import('wagmi/actions')
        // A wallet on another network is asked to switch first; declining is a calm cancel.
        if (walletChainId !== appChainId) await switchChain(config, { chainId: appChainId })
        setStatus('simulating')
        // every contract's errors (decoding a revert from a nested call) load with the first transaction
        const { withAllErrors } = await import('@/lib/contracts/errorsAbi')
        const { request: simulated } = await simulateContract(config, {
          abi: withAllErrors(request.abi),
          address: request.address,
          functionName: request.functionName,
          args: request.args,
          account,
        } as Parameters<typeof simulateContract>[1])
        // The wallet gets the estimate plus a margin: the block it lands in may cost more (funding, prices).
        const data = encodeFunctionData({ abi: request.abi, functionName: request.functionName, args: request.args } as Parameters<typeof encodeFunctionData>[0])
        const gas = withGasMargin(await estimateGas(config, { account, to: request.address, data }))
        setStatus('signing')
        const txHash = await writeContract(config, { ...simulated, gas } as Parameters<typeof writeContract>[1])
        setHash(txHash)
        setStatus('pending')
        toastId = toast.show({ kind: 'pending', title: `${request.label}…`, detail: 'Waiting for the block.' })
        const receipt = await waitForTransactionReceipt(config, { hash: txHash })
        if (receipt.status !== 'success') throw new Error('The transaction was mined but reverted.')
        await queryClient.invalidateQueries()
        setStatus('success')
        toast.update(toastId, { kind: 'success', title: `${request.label}: done`, detail: `Block ${receipt.blockNumber}` })
        return true
      } catch (caught) {
        const described = describeTxError(caught)
        setError(described)
        setStatus('error')
        const next = {
          kind: described.kind === 'rejected' ? ('info' as const) : ('error' as const),
          title: described.kind === 'rejected' ? `${request.label}: cancelled` : `${request.label} failed`,
          detail: described.message,
        }
        if (toastId === null) toast.show(next)
        else toast.update(toastId, next)
        return false
      }
    },
    [account, appChainId, config, queryClient, toast, walletChainId],
  )

  return { send, status, error, hash, isBusy: status === 'simulating' || status === 'signing' || status === 'pending' }
}
